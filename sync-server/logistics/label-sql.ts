import { sql, type SqlQuery } from '../db/sql-query';

/** Labels are kept by the server (a carrier's link may expire before the parcel ships). */
export function insertLabel(
  workspaceId: string,
  shipmentNo: string,
  trackingNo: string,
  pdf: Buffer,
  at: Date,
): SqlQuery {
  return sql(
    `INSERT INTO shipment_labels (workspace_id, shipment_no, tracking_no, pdf, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (workspace_id, shipment_no, tracking_no) DO UPDATE SET pdf = excluded.pdf, created_at = excluded.created_at`,
    [workspaceId, shipmentNo, trackingNo, pdf, at],
  );
}

export function selectLabel(workspaceId: string, shipmentNo: string, trackingNo: string): SqlQuery {
  return sql(`SELECT pdf FROM shipment_labels WHERE workspace_id = $1 AND shipment_no = $2 AND tracking_no = $3`, [
    workspaceId,
    shipmentNo,
    trackingNo,
  ]);
}
