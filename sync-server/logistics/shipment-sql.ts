import { LEFT_WAREHOUSE, OPEN_SHIPMENT } from '../../domain/logistics/shipment-status';
import { sql, type SqlQuery } from '../db/sql-query';

/** SQL for shipments and their lines: small builders, run by the logistics workflows. */

/**
 * Reserved units of orders pending shipment not yet in an open parcel, per order line and warehouse.
 * `lock` takes the orders' row locks in order-number order (the order every command uses).
 */
export function selectPlannableUnits(workspaceId: string, orderNos: string[] | null, lock: boolean): SqlQuery {
  return sql(
    `WITH target AS (
       SELECT order_no FROM orders
        WHERE workspace_id = $1 AND status = 'pending_shipment' AND ($2::text[] IS NULL OR order_no = ANY($2::text[]))
        ORDER BY order_no ${lock ? 'FOR UPDATE' : ''}),
     held AS (
       SELECT r.order_no, r.line_no, r.sku, r.warehouse, sum(r.qty)::int AS qty
         FROM reservations r JOIN target t ON t.order_no = r.order_no
        WHERE r.workspace_id = $1 AND r.released_at IS NULL
        GROUP BY r.order_no, r.line_no, r.sku, r.warehouse),
     planned AS (
       SELECT sl.order_no, sl.line_no, s.warehouse, sum(sl.qty)::int AS qty
         FROM shipment_lines sl JOIN shipments s ON s.workspace_id = sl.workspace_id AND s.shipment_no = sl.shipment_no
        WHERE sl.workspace_id = $1 AND s.status = ANY($3::text[]) AND sl.order_no IN (SELECT order_no FROM target)
        GROUP BY sl.order_no, sl.line_no, s.warehouse)
     SELECT h.order_no, h.line_no, h.sku, h.warehouse, h.qty - coalesce(p.qty, 0) AS qty
       FROM held h LEFT JOIN planned p ON p.order_no = h.order_no AND p.line_no = h.line_no AND p.warehouse = h.warehouse
      WHERE h.qty > coalesce(p.qty, 0)
      ORDER BY h.order_no, h.line_no, h.warehouse`,
    [workspaceId, orderNos, [...OPEN_SHIPMENT]],
  );
}

export function selectOrderStatuses(workspaceId: string, orderNos: string[]): SqlQuery {
  return sql(`SELECT order_no, status FROM orders WHERE workspace_id = $1 AND order_no = ANY($2::text[])`, [
    workspaceId,
    orderNos,
  ]);
}

export function selectRecipients(workspaceId: string, orderNos: string[]): SqlQuery {
  return sql(
    `SELECT order_no, recipient_name, phone, email, address1, address2, city, province, postal_code, country
       FROM orders WHERE workspace_id = $1 AND order_no = ANY($2::text[])`,
    [workspaceId, orderNos],
  );
}

export function selectProductFacts(workspaceId: string, skus: string[]): SqlQuery {
  return sql(
    `SELECT sku, name_en, weight_g, length_cm::float8 AS length_cm, width_cm::float8 AS width_cm,
            height_cm::float8 AS height_cm, attributes, declared_name_en, declared_name_zh, hs_code,
            declared_value::text AS declared_value, declared_currency
       FROM products WHERE workspace_id = $1 AND sku = ANY($2::text[])`,
    [workspaceId, skus],
  );
}

export function nextShipmentNos(count: number): SqlQuery {
  return sql(
    `SELECT 'SH' || lpad(nextval('shipment_numbers')::text, 6, '0') AS shipment_no FROM generate_series(1, $1::int)`,
    [count],
  );
}

/** A shipment as written: its parcel facts and its carrier choice. */
export type ShipmentWrite = {
  shipment_no: string;
  status: string;
  warehouse: string;
  country: string;
  attributes: string[];
  actual_g: number | null;
  volume_cm3: number | null;
  longest_side_cm: number | null;
  service: string | null;
  chargeable_g: number | null;
  freight: string | null;
  freight_currency: string | null;
  choice: unknown;
  missing: unknown;
  change_no: number;
};

const SHIPMENT_RECORD = `shipment_no text, status text, warehouse text, country text, attributes text[], actual_g integer,
  volume_cm3 numeric, longest_side_cm numeric, service text, chargeable_g integer, freight numeric, freight_currency text,
  choice json, missing json, change_no bigint`;

export function insertShipments(workspaceId: string, rows: ShipmentWrite[], at: Date, actor: string): SqlQuery {
  return sql(
    `INSERT INTO shipments (workspace_id, shipment_no, status, warehouse, country, attributes, actual_g, volume_cm3,
                            longest_side_cm, service, chargeable_g, freight, freight_currency, choice, missing,
                            created_at, created_by, version, change_no, updated_at, updated_by)
     SELECT $1, r.shipment_no, r.status, r.warehouse, r.country, r.attributes, r.actual_g, r.volume_cm3, r.longest_side_cm,
            r.service, r.chargeable_g, r.freight, r.freight_currency, r.choice, r.missing, $3, $4, 1, r.change_no, $3, $4
       FROM json_to_recordset($2::json) AS r(${SHIPMENT_RECORD})`,
    [workspaceId, JSON.stringify(rows), at, actor],
  );
}

/** Rewrites shipments' parcel facts and carrier choice (after a split or an unmerge). */
export function updateShipmentPlans(workspaceId: string, rows: ShipmentWrite[], at: Date, actor: string): SqlQuery {
  return sql(
    `UPDATE shipments s SET attributes = r.attributes, actual_g = r.actual_g, volume_cm3 = r.volume_cm3,
            longest_side_cm = r.longest_side_cm, service = r.service, chargeable_g = r.chargeable_g, freight = r.freight,
            freight_currency = r.freight_currency, choice = r.choice, missing = r.missing, version = s.version + 1,
            change_no = r.change_no, updated_at = $3, updated_by = $4
       FROM json_to_recordset($2::json) AS r(${SHIPMENT_RECORD})
      WHERE s.workspace_id = $1 AND s.shipment_no = r.shipment_no`,
    [workspaceId, JSON.stringify(rows), at, actor],
  );
}

export type ShipmentLineWrite = { shipment_no: string; order_no: string; line_no: number; sku: string; qty: number };

/** Sets lines to these quantities (inserted, or replaced); a line set to 0 is removed. */
export function writeShipmentLines(workspaceId: string, rows: ShipmentLineWrite[]): SqlQuery[] {
  const kept = rows.filter((r) => r.qty > 0);
  const gone = rows.filter((r) => r.qty <= 0);
  return [
    sql(
      `DELETE FROM shipment_lines l USING json_to_recordset($2::json) AS r(shipment_no text, order_no text, line_no integer)
        WHERE l.workspace_id = $1 AND l.shipment_no = r.shipment_no AND l.order_no = r.order_no AND l.line_no = r.line_no`,
      [workspaceId, JSON.stringify(gone)],
    ),
    sql(
      `INSERT INTO shipment_lines (workspace_id, shipment_no, order_no, line_no, sku, qty)
       SELECT $1, r.shipment_no, r.order_no, r.line_no, r.sku, r.qty
         FROM json_to_recordset($2::json) AS r(shipment_no text, order_no text, line_no integer, sku text, qty integer)
       ON CONFLICT (workspace_id, shipment_no, order_no, line_no) DO UPDATE SET qty = excluded.qty`,
      [workspaceId, JSON.stringify(kept)],
    ),
  ];
}

export type ShipmentRecord = {
  shipment_no: string;
  status: string;
  warehouse: string;
  country: string;
  attributes: string[];
  service: string | null;
  chargeable_g: number | null;
  freight: string | null;
  freight_currency: string | null;
  choice: unknown;
  missing: unknown;
  tracking_no: string | null;
  carrier_reference: string | null;
  booked_on: string | null;
  booking_error: string | null;
  actual_g: number | null;
  longest_side_cm: string | null;
  volume_cm3: number | null;
  updated_at: Date;
  version: number;
  lines: { order_no: string; line_no: number; sku: string; qty: number }[];
  has_label: boolean;
};

/** Shipments with their lines (and whether a label is stored); `lock` locks them in number order. */
export function selectShipments(
  workspaceId: string,
  by: { shipmentNos?: string[]; trackingNos?: string[]; status?: string },
  lock = false,
): SqlQuery {
  return sql(
    `WITH picked AS (
       SELECT * FROM shipments
        WHERE workspace_id = $1
          AND ($2::text[] IS NULL OR shipment_no = ANY($2::text[]))
          AND ($3::text[] IS NULL OR (tracking_no = ANY($3::text[]) AND status <> 'cancelled'))
          AND ($4::text IS NULL OR status = $4)
        ORDER BY shipment_no ${lock ? 'FOR UPDATE' : ''})
     SELECT p.shipment_no, p.status, p.warehouse, p.country, p.attributes, p.service, p.chargeable_g, p.freight::text AS freight,
            p.freight_currency, p.choice, p.missing, p.tracking_no, p.carrier_reference, p.booked_on::text AS booked_on,
            p.booking_error, p.actual_g, p.longest_side_cm::text AS longest_side_cm, p.volume_cm3::float8 AS volume_cm3, p.updated_at, p.version,
            coalesce((SELECT json_agg(json_build_object('order_no', l.order_no, 'line_no', l.line_no, 'sku', l.sku, 'qty', l.qty)
                                      ORDER BY l.order_no, l.line_no)
                        FROM shipment_lines l WHERE l.workspace_id = $1 AND l.shipment_no = p.shipment_no), '[]') AS lines,
            EXISTS (SELECT 1 FROM shipment_labels b WHERE b.workspace_id = $1 AND b.shipment_no = p.shipment_no
                       AND b.tracking_no = p.tracking_no) AS has_label
       FROM picked p ORDER BY p.shipment_no`,
    [workspaceId, by.shipmentNos ?? null, by.trackingNos ?? null, by.status ?? null],
  );
}

export type ShipmentStateWrite = {
  shipment_no: string;
  status: string;
  service?: string | null;
  tracking_no: string | null;
  carrier_reference: string | null;
  booked_on: string | null;
  booking_error: string | null;
  choice?: unknown;
  change_no: number;
};

/** Moves shipments along: status, tracking, the day their capacity was booked, the last booking error. */
export function updateShipmentStates(
  workspaceId: string,
  rows: ShipmentStateWrite[],
  at: Date,
  actor: string,
): SqlQuery {
  return sql(
    `UPDATE shipments s SET status = r.status, service = coalesce(r.service, s.service), tracking_no = r.tracking_no,
            carrier_reference = r.carrier_reference, booked_on = r.booked_on, booking_error = r.booking_error,
            choice = coalesce(r.choice, s.choice), version = s.version + 1, change_no = r.change_no,
            shipped_at = CASE WHEN r.status = 'shipped' THEN $3 ELSE s.shipped_at END, updated_at = $3, updated_by = $4
       FROM json_to_recordset($2::json) AS r(shipment_no text, status text, service text, tracking_no text,
                                             carrier_reference text, booked_on date, booking_error text, choice json,
                                             change_no bigint)
      WHERE s.workspace_id = $1 AND s.shipment_no = r.shipment_no`,
    [workspaceId, JSON.stringify(rows), at, actor],
  );
}

/**
 * Recomputes what the Orders sheet shows of these orders' parcels (count, shipped, tracking numbers) and
 * gives each order a new change number from `firstChangeNo` on, in the order given.
 */
export function refreshOrderShipping(
  workspaceId: string,
  orderNos: string[],
  firstChangeNo: number,
  at: Date,
  actor: string,
): SqlQuery {
  return sql(
    `WITH target AS (SELECT order_no, ord FROM unnest($2::text[]) WITH ORDINALITY AS t(order_no, ord)),
     summary AS (
       SELECT t.order_no, t.ord,
              count(DISTINCT s.shipment_no) FILTER (WHERE s.status <> 'cancelled') AS parcels,
              count(DISTINCT s.shipment_no) FILTER (WHERE s.status = ANY($6::text[])) AS shipped,
              coalesce(array_agg(DISTINCT s.tracking_no) FILTER (WHERE s.tracking_no IS NOT NULL AND s.status <> 'cancelled'),
                       '{}') AS tracking,
              coalesce(array_agg(DISTINCT s.tracking_status) FILTER (WHERE s.tracking_status IS NOT NULL AND s.status <> 'cancelled'),
                       '{}') AS statuses
         FROM target t
         LEFT JOIN shipment_lines l ON l.workspace_id = $1 AND l.order_no = t.order_no
         LEFT JOIN shipments s ON s.workspace_id = $1 AND s.shipment_no = l.shipment_no
        GROUP BY t.order_no, t.ord)
     UPDATE orders o SET parcels = jsonb_build_object('parcels', m.parcels, 'shipped', m.shipped, 'tracking', to_jsonb(m.tracking), 'statuses', to_jsonb(m.statuses)),
            version = o.version + 1, change_no = $3 + m.ord - 1, updated_at = $4, updated_by = $5
       FROM summary m
      WHERE o.workspace_id = $1 AND o.order_no = m.order_no`,
    [workspaceId, orderNos, firstChangeNo, at, actor, [...LEFT_WAREHOUSE]],
  );
}

/** The warehouse's hand-off to its WMS: every booked, not yet shipped parcel, line by line. */
export function selectPickList(workspaceId: string, warehouse: string | null): SqlQuery {
  return sql(
    `SELECT s.warehouse, s.shipment_no, s.service, s.tracking_no, l.sku, p.name_en AS name, l.qty, l.order_no
       FROM shipments s
       JOIN shipment_lines l ON l.workspace_id = s.workspace_id AND l.shipment_no = s.shipment_no
       LEFT JOIN products p ON p.workspace_id = s.workspace_id AND p.sku = l.sku
      WHERE s.workspace_id = $1 AND s.status = 'label_ready' AND ($2::text IS NULL OR s.warehouse = $2)
      ORDER BY s.warehouse, s.shipment_no, l.sku, l.order_no`,
    [workspaceId, warehouse],
  );
}
