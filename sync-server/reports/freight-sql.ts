import { sql, type SqlQuery } from '../db/sql-query';

/** Parcels by tracking number (a cancelled label's number may be reused: only live parcels), locked in key order. */
export function selectShipmentsByTracking(workspaceId: string, trackingNos: string[]): SqlQuery {
  return sql(
    `SELECT shipment_no, tracking_no, freight::text AS freight, freight_currency FROM shipments
      WHERE workspace_id = $1 AND tracking_no = ANY($2::text[]) AND status <> 'cancelled'
      ORDER BY shipment_no FOR UPDATE`,
    [workspaceId, trackingNos],
  );
}

export function setActualFreight(
  workspaceId: string,
  rows: { shipment_no: string; amount: string; currency: string; change_no: number }[],
  at: Date,
  actor: string,
): SqlQuery {
  return sql(
    `UPDATE shipments s SET actual_freight = r.amount, actual_freight_currency = r.currency,
            version = s.version + 1, change_no = r.change_no, updated_at = $3, updated_by = $4
       FROM unnest($2::text[], $5::numeric[], $6::text[], $7::bigint[]) AS r(shipment_no, amount, currency, change_no)
      WHERE s.workspace_id = $1 AND s.shipment_no = r.shipment_no`,
    [
      workspaceId,
      rows.map((r) => r.shipment_no),
      at,
      actor,
      rows.map((r) => r.amount),
      rows.map((r) => r.currency),
      rows.map((r) => r.change_no),
    ],
  );
}
