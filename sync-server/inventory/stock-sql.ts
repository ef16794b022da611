import { sql, type SqlQuery } from '../db/sql-query';
import type { WaitingItem } from '../../domain/inventory/allocation';

/** SQL for stock, reservations and adjustments: small builders, run by the services. */

export type StockRow = {
  stock_key: string;
  sku: string;
  warehouse: string;
  on_hand: number;
  reserved: number;
  version: number;
  incoming?: number;
  /** Required, unlike incoming: a writer that forgot it would zero what the open transfers carry. */
  in_transit: number;
  count_note?: string | null;
};

/** A stock line a command starts at a warehouse that never held the SKU: nothing anywhere on it yet. */
export function emptyStockLine(stockKey: string, sku: string, warehouse: string): StockRow {
  return { stock_key: stockKey, sku, warehouse, on_hand: 0, reserved: 0, incoming: 0, in_transit: 0, version: 0 };
}

/** Stock lines locked in key order: every writer locks in the same order, so none can deadlock another. */
export function selectStockForUpdate(workspaceId: string, stockKeys: string[]): SqlQuery {
  return sql(
    `SELECT stock_key, sku, warehouse, on_hand, reserved, incoming, in_transit, version, count_note FROM stock
      WHERE workspace_id = $1 AND stock_key = ANY($2::text[]) ORDER BY stock_key FOR UPDATE`,
    [workspaceId, stockKeys],
  );
}

/** The stock lines of some SKUs (allocation considers every warehouse holding them), locked in key order. */
export function selectStockOfSkusForUpdate(workspaceId: string, skus: string[]): SqlQuery {
  return sql(
    `SELECT stock_key, sku, warehouse, on_hand, reserved, incoming, in_transit, version, count_note FROM stock
      WHERE workspace_id = $1 AND sku = ANY($2::text[]) ORDER BY stock_key FOR UPDATE`,
    [workspaceId, skus],
  );
}

export type StockWrite = StockRow & { change_no: number };

/**
 * Writes stock lines' new levels (new lines are inserted); the CHECKs refuse any oversold result. The same
 * statement keeps the stock-out history: a line whose available drops to 0 opens a span, one that gets
 * some back closes it, and a new line was out of stock until now (or still is). Every CTE reads the
 * lines as they were before the statement, so `before` is the old level.
 * One command may write a line several times at one instant (a receipt, then the waiting orders taking
 * it): a span closed at this instant is reopened rather than followed by a new one, so nothing available
 * at any committed moment never reads as a day in stock.
 * Two commands racing for a line took their instants before the lock, so the later writer may carry the
 * earlier clock: the history never runs backwards (a span ends no earlier than it started, a new one starts
 * no earlier than the last ended, and one ended after this instant is reopened), so spans never overlap.
 */
export function writeStock(workspaceId: string, rows: StockWrite[], at: Date, actor: string): SqlQuery {
  return sql(
    `WITH input AS (
       SELECT * FROM json_to_recordset($2::json) AS r(stock_key text, sku text, warehouse text, on_hand integer, reserved integer, incoming integer, in_transit integer, count_note text, version integer, change_no bigint)),
     before AS (
       SELECT s.stock_key, s.available FROM stock s WHERE s.workspace_id = $1 AND s.stock_key IN (SELECT stock_key FROM input)),
     written AS (
       INSERT INTO stock (workspace_id, stock_key, sku, warehouse, on_hand, reserved, incoming, in_transit, count_note, version, change_no, updated_at, updated_by)
       SELECT $1, r.stock_key, r.sku, r.warehouse, r.on_hand, r.reserved, coalesce(r.incoming, 0), r.in_transit, r.count_note, r.version, r.change_no, $3, $4 FROM input r
       ON CONFLICT (workspace_id, stock_key) DO UPDATE
          SET on_hand = excluded.on_hand, reserved = excluded.reserved, incoming = excluded.incoming, in_transit = excluded.in_transit, count_note = excluded.count_note, version = excluded.version, change_no = excluded.change_no,
              updated_at = excluded.updated_at, updated_by = excluded.updated_by
       RETURNING stock_key, available),
     going_out AS (
       SELECT w.stock_key, b.stock_key IS NULL AS is_new, w.available FROM written w LEFT JOIN before b ON b.stock_key = w.stock_key
        WHERE b.stock_key IS NULL OR (b.available > 0 AND w.available <= 0)),
     last_span AS (
       SELECT DISTINCT ON (o.stock_key) o.stock_key, o.id, o.ended_at FROM stock_outs o
        WHERE o.workspace_id = $1 AND o.stock_key IN (SELECT stock_key FROM going_out)
        ORDER BY o.stock_key, o.started_at DESC, o.id DESC),
     reopened AS (
       UPDATE stock_outs o SET ended_at = NULL FROM going_out g JOIN last_span l ON l.stock_key = g.stock_key
        WHERE o.id = l.id AND NOT g.is_new AND l.ended_at >= $3
          -- A history left with an open span before a later closed one (a restore, a hand edit) keeps its open one.
          AND NOT EXISTS (SELECT 1 FROM stock_outs x WHERE x.workspace_id = $1 AND x.stock_key = g.stock_key AND x.ended_at IS NULL)
       RETURNING o.stock_key),
     went_out AS (
       INSERT INTO stock_outs (workspace_id, stock_key, started_at, ended_at)
       SELECT $1, g.stock_key, CASE WHEN g.is_new THEN '-infinity'::timestamptz ELSE greatest($3, l.ended_at) END,
              CASE WHEN g.available > 0 THEN $3 END
         FROM going_out g LEFT JOIN last_span l ON l.stock_key = g.stock_key
        WHERE g.stock_key NOT IN (SELECT stock_key FROM reopened)
       -- A history left inconsistent (a restore, a hand edit) must not stop orders: the ledger check names it.
       ON CONFLICT (workspace_id, stock_key) WHERE ended_at IS NULL DO NOTHING)
     UPDATE stock_outs o SET ended_at = greatest($3, o.started_at)
       FROM written w JOIN before b ON b.stock_key = w.stock_key
      WHERE o.workspace_id = $1 AND o.stock_key = w.stock_key AND o.ended_at IS NULL AND b.available <= 0 AND w.available > 0`,
    [workspaceId, JSON.stringify(rows), at, actor],
  );
}

export type NewReservation = {
  order_no: string;
  line_no: number;
  stock_key: string;
  sku: string;
  warehouse: string;
  qty: number;
};

/** Each reservation keeps what a unit cost at that moment (COGS, docs/reports.md): later receipts never rewrite it. */
export function insertReservations(workspaceId: string, rows: NewReservation[], at: Date): SqlQuery {
  return sql(
    `INSERT INTO reservations (workspace_id, order_no, line_no, stock_key, sku, warehouse, qty, created_at, unit_cost, cost_currency)
     SELECT $1, r.order_no, r.line_no, r.stock_key, r.sku, r.warehouse, r.qty, $3,
            CASE WHEN c.sku IS NOT NULL THEN c.avg_cost WHEN p.cost_currency IS NOT NULL THEN p.unit_cost END,
            CASE WHEN c.sku IS NOT NULL THEN c.currency WHEN p.unit_cost IS NOT NULL THEN p.cost_currency END
       FROM json_to_recordset($2::json) AS r(order_no text, line_no integer, stock_key text, sku text, warehouse text, qty integer)
       LEFT JOIN sku_costs c ON c.workspace_id = $1 AND c.sku = r.sku
       LEFT JOIN products p ON p.workspace_id = $1 AND p.sku = r.sku
      ORDER BY r.order_no, r.line_no, r.stock_key`,
    [workspaceId, JSON.stringify(rows), at],
  );
}

export function releaseReservations(workspaceId: string, ids: number[], at: Date, reason: string): SqlQuery {
  return sql(
    `UPDATE reservations SET released_at = $3, release_reason = $4 WHERE workspace_id = $1 AND id = ANY($2::bigint[]) AND released_at IS NULL`,
    [workspaceId, ids, at, reason],
  );
}

export type ActiveReservation = {
  id: number;
  order_no: string;
  line_no: number;
  stock_key: string;
  sku: string;
  warehouse: string;
  qty: number;
};

export function selectActiveReservationsOfOrders(workspaceId: string, orderNos: string[]): SqlQuery {
  return sql(
    `SELECT id, order_no, line_no, stock_key, sku, warehouse, qty FROM reservations
      WHERE workspace_id = $1 AND order_no = ANY($2::text[]) AND released_at IS NULL ORDER BY id`,
    [workspaceId, orderNos],
  );
}

export function selectActiveReservationsOfStock(workspaceId: string, stockKeys: string[]): SqlQuery {
  return sql(
    `SELECT id, order_no, line_no, stock_key, sku, warehouse, qty FROM reservations
      WHERE workspace_id = $1 AND stock_key = ANY($2::text[]) AND released_at IS NULL ORDER BY id`,
    [workspaceId, stockKeys],
  );
}

export type Adjustment = {
  stock_key: string;
  kind: 'created' | 'count' | 'receipt' | 'shipment' | 'transfer_out' | 'transfer_in' | 'return';
  on_hand_before: number;
  on_hand_after: number;
  reason: string | null;
  count?: { client_id: string; count_base: number | null; count_typed: number; base_version: number | null };
};

export function insertAdjustments(
  workspaceId: string,
  rows: Adjustment[],
  at: Date,
  actor: string,
  correlationId: string,
): SqlQuery {
  return sql(
    `INSERT INTO stock_adjustments (workspace_id, stock_key, kind, actor, at, on_hand_before, on_hand_after, reason, correlation_id, client_id, count_base, count_typed, base_version)
     SELECT $1, r.stock_key, r.kind, $3, $4, r.on_hand_before, r.on_hand_after, r.reason, $5, r.client_id, r.count_base, r.count_typed, r.base_version
       FROM json_to_recordset($2::json) AS r(stock_key text, kind text, on_hand_before integer, on_hand_after integer, reason text,
                                            client_id text, count_base integer, count_typed integer, base_version integer)`,
    [workspaceId, JSON.stringify(rows.map(({ count, ...a }) => ({ ...a, ...count }))), actor, at, correlationId],
  );
}

/** The last count each of these stock lines got from one installation (to recognise the same count sent again). */
export function selectLastCounts(workspaceId: string, stockKeys: string[], clientId: string): SqlQuery {
  return sql(
    `SELECT DISTINCT ON (stock_key) stock_key, count_base, count_typed, base_version FROM stock_adjustments
      WHERE workspace_id = $1 AND stock_key = ANY($2::text[]) AND client_id = $3
      ORDER BY stock_key, id DESC`,
    [workspaceId, stockKeys, clientId],
  );
}

export function selectWarehouses(workspaceId: string): SqlQuery {
  return sql(`SELECT code, rank, countries, active FROM warehouses WHERE workspace_id = $1`, [workspaceId]);
}

export function selectKnownSkus(workspaceId: string, skus: string[]): SqlQuery {
  return sql(`SELECT sku FROM products WHERE workspace_id = $1 AND sku = ANY($2::text[])`, [workspaceId, skus]);
}

export type AllocatableOrder = {
  order_no: string;
  status: string;
  country: string | null;
  call_attempts: number;
  waiting: WaitingItem[];
  lines: { line_no: number; sku: string; qty: number }[];
};

/** Orders with their lines, locked in order-number order (the same order every command uses). */
export function selectOrdersWithLinesForUpdate(workspaceId: string, orderNos: string[]): SqlQuery {
  return sql(
    `WITH locked AS (
       SELECT order_no, status, country, call_attempts, waiting, approved_at FROM orders
        WHERE workspace_id = $1 AND order_no = ANY($2::text[]) ORDER BY order_no FOR UPDATE)
     SELECT o.order_no, o.status, o.country, o.call_attempts, o.waiting,
            -- Only lines we ship take stock: a gift card or a line the channel shipped never does.
            -- Units already shipped are gone: only the rest is held or waited for.
            coalesce(json_agg(json_build_object('line_no', l.line_no, 'sku', l.sku, 'qty', l.qty - l.shipped_qty)
                              ORDER BY l.line_no)
                     FILTER (WHERE l.fulfilment = 'crossdock' AND l.qty > l.shipped_qty), '[]') AS lines
       FROM locked o JOIN order_lines l ON l.workspace_id = $1 AND l.order_no = o.order_no
      GROUP BY o.order_no, o.status, o.country, o.call_attempts, o.waiting, o.approved_at
      ORDER BY o.approved_at NULLS LAST, o.order_no`,
    [workspaceId, orderNos],
  );
}

/** Orders waiting for any of these SKUs (or approved and not yet allocated), first approved first (FIFO, docs/inventory.md). */
export function selectWaitingOrderNos(workspaceId: string, skus: string[] | null): SqlQuery {
  return sql(
    `SELECT o.order_no FROM orders o
      WHERE o.workspace_id = $1 AND o.status IN ('pending_purchase', 'approved')
        AND EXISTS (SELECT 1 FROM order_lines l WHERE l.workspace_id = $1 AND l.order_no = o.order_no
                       AND ($2::text[] IS NULL OR l.sku = ANY($2::text[])) AND l.fulfilment = 'crossdock')
      ORDER BY o.approved_at NULLS LAST, o.order_no`,
    [workspaceId, skus],
  );
}

export type AllocationUpdate = {
  order_no: string;
  status: string;
  waiting: WaitingItem[];
  change_no: number;
  /** Set when the command changed the order's review too (written in the same row update). */
  review_flags?: unknown[];
  review_notes?: string;
};

export function updateOrderAllocations(
  workspaceId: string,
  updates: AllocationUpdate[],
  at: Date,
  actor: string,
): SqlQuery {
  return sql(
    `UPDATE orders AS o SET status = r.status, waiting = r.waiting, review_flags = coalesce(r.review_flags, o.review_flags),
            review_notes = coalesce(r.review_notes, o.review_notes), version = o.version + 1, change_no = r.change_no, updated_at = $3, updated_by = $4
       FROM json_to_recordset($2::json) AS r(order_no text, status text, waiting jsonb, review_flags jsonb, review_notes text, change_no bigint)
      WHERE o.workspace_id = $1 AND o.order_no = r.order_no`,
    [workspaceId, JSON.stringify(updates), at, actor],
  );
}
