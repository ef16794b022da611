import type { Lang } from '../../domain/i18n/lang';
import { RESERVING_STATUSES } from '../../domain/inventory/order-stock-status';
import { run, type Queryable } from '../db/database';
import { sql, type SqlQuery } from '../db/sql-query';
import { selectInTransitTotals } from './transfer-sql';

export type LedgerMismatch = { code: string; key: string; message: string };
export type LedgerReport = { stockLines: number; reservations: number; mismatches: LedgerMismatch[] };

/** Each stock line beside what its reservations and adjustments add up to. */
function stockTotals(workspaceId: string): SqlQuery {
  return sql(
    `SELECT s.stock_key, s.on_hand, s.reserved, coalesce(r.qty, 0)::int AS reserved_by_rows, coalesce(r.n, 0)::int AS reservations, coalesce(a.delta, 0)::int AS adjusted
       FROM stock s
       LEFT JOIN (SELECT stock_key, sum(qty) AS qty, count(*) AS n FROM reservations WHERE workspace_id = $1 AND released_at IS NULL GROUP BY stock_key) r ON r.stock_key = s.stock_key
       LEFT JOIN (SELECT stock_key, sum(on_hand_after - on_hand_before) AS delta FROM stock_adjustments WHERE workspace_id = $1 GROUP BY stock_key) a ON a.stock_key = s.stock_key
      WHERE s.workspace_id = $1 ORDER BY s.stock_key`,
    [workspaceId],
  );
}

/**
 * Order lines whose holdings disagree with their order's status or the line, compared in the database so
 * only mismatches come back (docs/dispatch.md: at a million orders the clean answer is empty, not 60,000
 * rows). Only two sets can mismatch: lines holding stock (held too long or too much) and lines of orders
 * ready to ship (held too little); each is one index read (active reservations, the status index).
 */
function orderHoldings(workspaceId: string, since: LedgerScope | null): SqlQuery {
  // The whole check: every order holding stock or ready to ship. Since a clean check: only orders changed
  // after it (their change number) and orders of reservations made after it (their id), two index ranges.
  const candidates = since
    ? `SELECT order_no FROM orders WHERE workspace_id = $1 AND change_no > $3
       UNION SELECT order_no FROM reservations WHERE workspace_id = $1 AND id > $4`
    : `SELECT order_no FROM held
       UNION SELECT order_no FROM orders WHERE workspace_id = $1 AND status = 'pending_shipment'`;
  return sql(
    `WITH held AS (SELECT order_no, line_no, sum(qty)::int AS held FROM reservations
                    WHERE workspace_id = $1 AND released_at IS NULL GROUP BY order_no, line_no),
          candidates AS (${candidates})
     SELECT o.order_no, o.status, l.line_no, l.sku, l.qty - l.shipped_qty AS qty, coalesce(h.held, 0) AS held
       FROM candidates c
       JOIN orders o ON o.workspace_id = $1 AND o.order_no = c.order_no
       JOIN order_lines l ON l.workspace_id = $1 AND l.order_no = c.order_no AND l.fulfilment = 'crossdock'
       LEFT JOIN held h ON h.order_no = l.order_no AND h.line_no = l.line_no
      WHERE (coalesce(h.held, 0) > 0 AND o.status <> ALL($2::text[]))
         OR coalesce(h.held, 0) > l.qty - l.shipped_qty
         OR (o.status = 'pending_shipment' AND coalesce(h.held, 0) < l.qty - l.shipped_qty)
      ORDER BY o.order_no, l.line_no`,
    since
      ? [workspaceId, [...RESERVING_STATUSES], since.ordersAfter, since.reservationsAfter]
      : [workspaceId, [...RESERVING_STATUSES]],
  );
}

/** Where the last clean check stopped: orders' change numbers and reservation ids up to these were clean. */
export type LedgerScope = { ordersAfter: number; reservationsAfter: number };

/** Stock lines whose stock-out history disagrees with their level: open span ⇔ nothing available, never two open. */
function stockOutDisagreements(workspaceId: string): SqlQuery {
  return sql(
    `SELECT s.stock_key, s.available, count(o.id)::int AS open_spans
       FROM stock s LEFT JOIN stock_outs o ON o.workspace_id = s.workspace_id AND o.stock_key = s.stock_key AND o.ended_at IS NULL
      WHERE s.workspace_id = $1
      GROUP BY s.stock_key, s.available
     HAVING count(o.id) > 1 OR (s.available <= 0) <> (count(o.id) = 1)
      ORDER BY s.stock_key`,
    [workspaceId],
  );
}

/**
 * Orders waiting for a SKU that an active warehouse shipping to their country has available: allocation
 * runs on every arrival, count and warehouse change, so there should never be one (the trapped order).
 */
function trappedOrders(workspaceId: string): SqlQuery {
  return sql(
    `SELECT o.order_no, w.item->>'sku' AS sku, s.warehouse, s.available
       FROM orders o
      CROSS JOIN LATERAL jsonb_array_elements(o.waiting) AS w(item)
       JOIN stock s ON s.workspace_id = o.workspace_id AND s.sku = w.item->>'sku' AND s.available > 0
       JOIN warehouses h ON h.workspace_id = o.workspace_id AND h.code = s.warehouse AND h.active
        AND (cardinality(h.countries) = 0
             OR upper(trim(coalesce(o.country, ''))) IN (SELECT upper(c) FROM unnest(h.countries) AS c))
      WHERE o.workspace_id = $1 AND o.status = ANY($2::text[]) AND coalesce((w.item->>'missing')::int, 0) > 0
      ORDER BY o.order_no, sku, s.warehouse`,
    [workspaceId, ['approved', 'pending_purchase']],
  );
}

const TEXT = {
  trapped: {
    en: '{key} waits for {sku} while {warehouse}, which ships to it, has {available} available',
    zh: '{key} 在等待 {sku}，但可发往该地的仓库 {warehouse} 有 {available} 件可用',
  },
  reserved: {
    en: '{key}: reserved is {reserved} but its active reservations add up to {rows}',
    zh: '{key}：已锁定 {reserved}，但有效锁定记录合计 {rows}',
  },
  on_hand: {
    en: '{key}: on hand is {on_hand} but its adjustments add up to {adjusted}',
    zh: '{key}：在库 {on_hand}，但调整记录合计 {adjusted}',
  },
  oversold: {
    en: '{key}: reserved {reserved} is more than on hand {on_hand}',
    zh: '{key}：已锁定 {reserved} 超过在库 {on_hand}',
  },
  holds_after_leaving: {
    en: '{key} is {status} but still holds {held} of {sku}',
    zh: '{key} 状态为 {status}，但仍锁定 {sku} {held} 件',
  },
  over_line: {
    en: '{key} line {line}: holds {held} of {sku}, more than the {qty} ordered',
    zh: '{key} 第 {line} 行：锁定 {sku} {held} 件，超过订购数量 {qty}',
  },
  stock_out: {
    en: '{key}: available is {available} but its stock-out history has {open} open stock-outs',
    zh: '{key}：可用 {available}，但断货记录中有 {open} 段未结束',
  },
  in_transit: {
    en: '{key}: in transit is {in_transit} but the open transfers to it carry {carried}',
    zh: '{key}：调拨在途 {in_transit}，但未完成的调拨单合计 {carried}',
  },
  ready_short: {
    en: '{key} is pending shipment but line {line} holds {held} of {qty}',
    zh: '{key} 待发货，但第 {line} 行只锁定 {held}/{qty}',
  },
} as const;

function say(lang: Lang, code: keyof typeof TEXT, params: Record<string, string | number>): string {
  return TEXT[code][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));
}

/**
 * The ledger invariant (docs/inventory.md), checked from the rows themselves: reserved = the sum of active
 * reservations, on hand = the sum of its adjustments, reserved ≤ on hand, and no order holds stock it
 * should not (left a reserving status, more than its line, or ready to ship while short), and the
 * stock-out history agrees with what is available. Names every mismatch.
 */
export async function checkLedger(
  client: Queryable,
  workspaceId: string,
  lang: Lang = 'en',
  /** Only orders changed after a clean check (docs/dispatch.md); null: every order. */
  since: LedgerScope | null = null,
): Promise<LedgerReport> {
  const stock = await checkStockLines(client, workspaceId, lang);
  const mismatches: LedgerMismatch[] = [...stock.mismatches];
  const holdings = (
    await run<{ order_no: string; status: string; line_no: number; sku: string; qty: number; held: number }>(
      client,
      orderHoldings(workspaceId, since),
    )
  ).rows;
  for (const h of holdings) {
    const p = { key: h.order_no, status: h.status, line: h.line_no, sku: h.sku, qty: h.qty, held: h.held };
    if (!RESERVING_STATUSES.includes(h.status as never) && Number(h.held) > 0)
      mismatches.push({ code: 'holds_after_leaving', key: h.order_no, message: say(lang, 'holds_after_leaving', p) });
    if (Number(h.held) > Number(h.qty))
      mismatches.push({ code: 'over_line', key: h.order_no, message: say(lang, 'over_line', p) });
    if (h.status === 'pending_shipment' && Number(h.held) < Number(h.qty))
      mismatches.push({ code: 'ready_short', key: h.order_no, message: say(lang, 'ready_short', p) });
  }
  // The history behind "leave out stock-out days" (docs/purchasing.md) is kept by the same writes.
  for (const o of (
    await run<{ stock_key: string; available: number; open_spans: number }>(client, stockOutDisagreements(workspaceId))
  ).rows) {
    mismatches.push({
      code: 'stock_out_mismatch',
      key: o.stock_key,
      message: say(lang, 'stock_out', { key: o.stock_key, available: o.available, open: o.open_spans }),
    });
  }
  // What the Stock sheet shows in transit is exactly what dispatched transfers still carry (docs/inventory.md).
  for (const t of (
    await run<{ stock_key: string; in_transit: number; carried: number }>(client, selectInTransitTotals(workspaceId))
  ).rows) {
    const p = { key: t.stock_key, in_transit: t.in_transit, carried: t.carried };
    mismatches.push({ code: 'in_transit_mismatch', key: t.stock_key, message: say(lang, 'in_transit', p) });
  }
  for (const t of (
    await run<{ order_no: string; sku: string; warehouse: string; available: number }>(
      client,
      trappedOrders(workspaceId),
    )
  ).rows) {
    const p = { key: t.order_no, sku: t.sku, warehouse: t.warehouse, available: t.available };
    mismatches.push({ code: 'trapped_order', key: t.order_no, message: say(lang, 'trapped', p) });
  }
  return { stockLines: stock.stockLines, reservations: stock.reservations, mismatches };
}

/**
 * The stock lines' part of the ledger check, one grouped read: reserved = the sum of active reservations,
 * on hand = the sum of adjustments, reserved ≤ on hand. Cheap enough for every sync (the Flow sheet);
 * `checkLedger` adds the per-order checks.
 */
export async function checkStockLines(
  client: Queryable,
  workspaceId: string,
  lang: Lang = 'en',
): Promise<LedgerReport> {
  const mismatches: LedgerMismatch[] = [];
  const lines = (
    await run<{
      stock_key: string;
      on_hand: number;
      reserved: number;
      reserved_by_rows: number;
      reservations: number;
      adjusted: number;
    }>(client, stockTotals(workspaceId))
  ).rows;
  let reservations = 0;
  for (const l of lines) {
    reservations += Number(l.reservations);
    const p = {
      key: l.stock_key,
      on_hand: l.on_hand,
      reserved: l.reserved,
      rows: l.reserved_by_rows,
      adjusted: l.adjusted,
    };
    if (Number(l.reserved) !== Number(l.reserved_by_rows))
      mismatches.push({ code: 'reserved_mismatch', key: l.stock_key, message: say(lang, 'reserved', p) });
    if (Number(l.on_hand) !== Number(l.adjusted))
      mismatches.push({ code: 'on_hand_mismatch', key: l.stock_key, message: say(lang, 'on_hand', p) });
    if (Number(l.reserved) > Number(l.on_hand))
      mismatches.push({ code: 'oversold', key: l.stock_key, message: say(lang, 'oversold', p) });
  }
  return { stockLines: lines.length, reservations, mismatches };
}
