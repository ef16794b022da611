import { sql, type SqlQuery } from '../db/sql-query';

/**
 * The dispatch center's reads (docs/dispatch.md). None reads the event log: each goes through a status
 * index (orders_status_since, shipments_status_since, purchase_orders_status), so the Flow costs the
 * same with ten million events as with ten.
 */

/**
 * Every center's count per status (from `status_counts`, kept by triggers) and the oldest `since` of each
 * (status_since, or when created): one index probe per status, never a count over the rows.
 */
export function selectFlowCounts(workspaceId: string): SqlQuery {
  return sql(
    `SELECT c.center, c.status, c.n::int AS count,
            CASE c.center
              WHEN 'orders' THEN (SELECT min(status_since) FROM orders WHERE workspace_id = $1 AND status = c.status)
              WHEN 'logistics' THEN (SELECT min(status_since) FROM shipments WHERE workspace_id = $1 AND status = c.status)
              WHEN 'purchasing' THEN (SELECT min(created_at) FROM purchase_orders WHERE workspace_id = $1 AND status = c.status)
              ELSE (SELECT min(created_at) FROM after_sale_cases WHERE workspace_id = $1 AND status = c.status)
            END AS oldest
       FROM status_counts c WHERE c.workspace_id = $1 AND c.n > 0`,
    [workspaceId],
  );
}

/** Orders in `status` since `cutoff` or earlier, oldest first. */
export function selectOrdersInStatusSince(workspaceId: string, status: string, cutoff: Date, limit: number): SqlQuery {
  return sql(
    `SELECT order_no AS key, status_since AS since FROM orders
      WHERE workspace_id = $1 AND status = $2 AND status_since <= $3 ORDER BY status_since LIMIT $4`,
    [workspaceId, status, cutoff, limit],
  );
}

/** Pending-contact orders waiting since `cutoff` or with `attempts` calls or more. */
export function selectContactCandidates(workspaceId: string, cutoff: Date, attempts: number, limit: number): SqlQuery {
  return sql(
    `SELECT order_no AS key, status_since AS since, call_attempts AS attempts FROM orders
      WHERE workspace_id = $1 AND status = 'pending_contact' AND (status_since <= $2 OR call_attempts >= $3)
      ORDER BY status_since LIMIT $4`,
    [workspaceId, cutoff, attempts, limit],
  );
}

/**
 * Pending-purchase orders past their lead time: the longest lead + QC + transit days of their SKUs'
 * suppliers (general transit days), or `fallbackDays` when none of their SKUs has a supplier.
 */
export function selectPurchaseCandidates(
  workspaceId: string,
  now: Date,
  fallbackDays: number,
  limit: number,
): SqlQuery {
  return sql(
    `SELECT o.order_no AS key, o.status_since AS since, lt.lead_days
       FROM orders o
       LEFT JOIN LATERAL (
         SELECT max(s.lead_days + s.qc_days + s.transit_days)::int AS lead_days
           FROM order_lines l
           JOIN products p ON p.workspace_id = l.workspace_id AND p.sku = l.sku
           JOIN suppliers s ON s.workspace_id = p.workspace_id AND s.code = p.supplier
          WHERE l.workspace_id = o.workspace_id AND l.order_no = o.order_no) lt ON true
      WHERE o.workspace_id = $1 AND o.status = 'pending_purchase'
        AND o.status_since + make_interval(days => coalesce(lt.lead_days, $3::int)) <= $2
      ORDER BY o.status_since LIMIT $4`,
    [workspaceId, now, fallbackDays, limit],
  );
}

/** Shipped parcels the carrier never scanned, shipped at `cutoff` or earlier. */
export function selectUnscannedShipments(workspaceId: string, cutoff: Date, limit: number): SqlQuery {
  return sql(
    `SELECT shipment_no AS key, coalesce(shipped_at, status_since) AS since FROM shipments
      WHERE workspace_id = $1 AND status = 'shipped' AND last_event_at IS NULL AND status_since <= $2
      ORDER BY status_since LIMIT $3`,
    [workspaceId, cutoff, limit],
  );
}

/** Parcels on their way whose last carrier event is at `cutoff` or earlier. */
export function selectQuietShipments(workspaceId: string, cutoff: Date, limit: number): SqlQuery {
  return sql(
    `SELECT shipment_no AS key, last_event_at AS since FROM shipments
      WHERE workspace_id = $1 AND status IN ('shipped', 'in_transit', 'out_for_delivery')
        AND last_event_at IS NOT NULL AND last_event_at <= $2
      ORDER BY last_event_at LIMIT $3`,
    [workspaceId, cutoff, limit],
  );
}

export function selectShipmentsInStatusSince(
  workspaceId: string,
  status: string,
  cutoff: Date,
  limit: number,
): SqlQuery {
  return sql(
    `SELECT shipment_no AS key, status_since AS since FROM shipments
      WHERE workspace_id = $1 AND status = $2 AND status_since <= $3 ORDER BY status_since LIMIT $4`,
    [workspaceId, status, cutoff, limit],
  );
}

/** Open POs whose expected day ended at `cutoff` or earlier (`since`: the first moment past that day, UTC). */
export function selectLatePurchaseOrders(workspaceId: string, cutoff: Date, limit: number): SqlQuery {
  return sql(
    `SELECT po_no AS key, ((expected_on + 1)::timestamp AT TIME ZONE 'UTC') AS since FROM purchase_orders
      WHERE workspace_id = $1 AND status IN ('ordered', 'partially_received') AND expected_on IS NOT NULL
        AND ((expected_on + 1)::timestamp AT TIME ZONE 'UTC') <= $2
      ORDER BY expected_on LIMIT $3`,
    [workspaceId, cutoff, limit],
  );
}

/** Each active carrier service with a daily capacity: what it booked on `day` (UTC, as bookings count it). */
export function selectCapacityToday(workspaceId: string, day: string): SqlQuery {
  return sql(
    `SELECT c.code AS service, c.daily_capacity AS capacity, coalesce(k.booked, 0)::int AS booked
       FROM carriers c
       LEFT JOIN carrier_capacity k ON k.workspace_id = c.workspace_id AND k.service = c.code AND k.day = $2::date
      WHERE c.workspace_id = $1 AND c.active AND c.daily_capacity IS NOT NULL
      ORDER BY c.code`,
    [workspaceId, day],
  );
}

/** Tracking providers and whether one is paused (its quota or rate spent) at `now`. */
export function selectProviderPauses(): SqlQuery {
  return sql(`SELECT provider, paused_until FROM provider_slots ORDER BY provider`, []);
}
