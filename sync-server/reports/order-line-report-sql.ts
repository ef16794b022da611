import { arrayLiteral } from '../db/array-params';
import { sql, type SqlQuery } from '../db/sql-query';

/**
 * Which orders a refresh computes again (report-refresh.ts): these orders, every order of these months (a rate
 * changed) and of these channels (their fees changed); `null` is every order.
 */
export type ReportScope = { orders: string[]; months: string[]; channels: string[] };

/** report_lines' computed columns after its key, in the order the report's SELECT gives them. */
const REPORT_COLUMNS = [
  'order_date',
  'month',
  'channel',
  'country',
  'sku',
  'product',
  'sales_owner',
  'status',
  'qty',
  'currency',
  'revenue',
  'shipping',
  'discounts',
  'platform_fee',
  'payment_fee',
  'cogs',
  'freight',
  'refunds',
  'profit',
  'missing',
];

const ORDER_MONTH = `to_char(coalesce(o.ordered_at, o.imported_at) AT TIME ZONE 'UTC', 'YYYY-MM')`;

/**
 * The condition choosing the scope's rows, from parameter `$first` on: only the kinds the scope holds, so an
 * order-numbers-only refresh stays an index lookup (an OR with an empty month list would read every order).
 */
export function scopeCondition(
  scope: ReportScope | null,
  columns: { order: string; month: string; channel: string },
  first: number,
): { where: string; values: string[] } {
  if (scope === null) return { where: 'TRUE', values: [] };
  const parts: string[] = [];
  const values: string[] = [];
  const add = (column: string, list: string[]) => {
    if (!list.length) return;
    values.push(arrayLiteral(list));
    parts.push(`${column} = ANY($${first + values.length - 1}::text[])`);
  };
  add(columns.order, scope.orders);
  add(columns.month, scope.months);
  add(columns.channel, scope.channels);
  return { where: parts.join(' OR ') || 'FALSE', values };
}

/** The kept lines of the scope, removed before they are computed again. */
export function deleteReportLines(workspaceId: string, scope: ReportScope | null): SqlQuery {
  const { where, values } = scopeCondition(scope, { order: 'order_no', month: 'month', channel: 'channel' }, 2);
  return sql(`DELETE FROM report_lines WHERE workspace_id = $1 AND (${where})`, [workspaceId, ...values]);
}

/**
 * Profit per order line in the base currency (docs/reports.md), computed for the scope's orders (null: every
 * order of the workspace) and written into report_lines, which report reads page through. An order's lines
 * are computed together: its amounts are spread over them. Every amount is converted at the order's month; a
 * missing rate or cost leaves what it touches NULL (never 1, never 0) and is named in `missing` as tokens
 * (`fx:EUR:2026-11`, `cost:SKU`, `freight:SH-00001`, `price`, `currency`) that the reader renders.
 *
 * $1 workspace, $2 base currency, $3 decimals of the base currency, $4… the scope's lists.
 */
export function insertReportLines(
  workspaceId: string,
  base: string,
  scope: ReportScope | null,
  scale: number,
): SqlQuery {
  const { where, values } = scopeCondition(scope, { order: 'o.order_no', month: ORDER_MONTH, channel: 'o.channel' }, 4);
  return sql(
    `INSERT INTO report_lines (workspace_id, order_no, line_no, ${REPORT_COLUMNS.join(', ')})
     SELECT $1, r.* FROM (${orderLineReport(where)}) r
     -- A month or channel is chosen by the orders' data now, the lines removed before by what they held: an order
     -- moved into the scope in between (its own note waits for the next read) has lines still there.
     ON CONFLICT (workspace_id, order_no, line_no) DO UPDATE SET ${REPORT_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}`,
    [workspaceId, base, scale, ...values],
  );
}

/** The SELECT alone, over every order (the benchmark times it apart from the writing). */
export function selectOrderLineReport(workspaceId: string, base: string, scale: number): SqlQuery {
  return sql(orderLineReport('TRUE'), [workspaceId, base, scale]);
}

const orderLineReport = (scope: string) => `
WITH o AS (
  SELECT o.order_no, o.channel, o.country, o.status, o.currency,
         coalesce(o.ordered_at, o.imported_at) AS at,
         ${ORDER_MONTH} AS month,
         coalesce(o.shipping, 0) AS shipping, coalesce(o.discount, 0) AS discount,
         -- A cancelled or invalid order sold nothing: its lines stay (orders per status) with every amount 0.
         o.status IN ('cancelled', 'invalid') AS void
    FROM orders o
   WHERE o.workspace_id = $1 AND (${scope})
),
fx AS (SELECT currency, month, rate FROM fx_rates WHERE workspace_id = $1),
ol AS (
  SELECT l.order_no, l.line_no, l.sku, l.name, l.qty, l.fulfilment,
         coalesce(l.line_total, l.unit_price * l.qty) AS revenue
    FROM order_lines l JOIN o ON o.order_no = l.order_no
   WHERE l.workspace_id = $1
),
shares AS (
  SELECT ol.*,
         CASE WHEN sum(coalesce(ol.revenue, 0)) OVER w > 0
              THEN coalesce(ol.revenue, 0) / sum(coalesce(ol.revenue, 0)) OVER w
              ELSE ol.qty::numeric / sum(ol.qty) OVER w END AS share
    FROM ol WINDOW w AS (PARTITION BY ol.order_no)
),
held AS (
  SELECT r.order_no, r.line_no, r.unit_cost, r.cost_currency, sum(r.qty) AS qty
    FROM reservations r JOIN o ON o.order_no = r.order_no
   WHERE r.workspace_id = $1 AND (r.released_at IS NULL OR r.release_reason = 'shipped')
   GROUP BY 1, 2, 3, 4
),
cogs AS (
  SELECT h.order_no, h.line_no, sum(h.qty) AS qty,
         CASE WHEN bool_or(h.unit_cost IS NULL OR (h.cost_currency <> $2 AND fx.rate IS NULL)) THEN NULL
              ELSE sum(h.qty * h.unit_cost * CASE WHEN h.cost_currency = $2 THEN 1 ELSE fx.rate END) END AS cost,
         array_agg(DISTINCT 'fx:' || h.cost_currency || ':' || o.month)
           FILTER (WHERE h.unit_cost IS NOT NULL AND h.cost_currency <> $2 AND fx.rate IS NULL) AS fx_missing,
         bool_or(h.unit_cost IS NULL) AS no_cost
    FROM held h JOIN o ON o.order_no = h.order_no
    LEFT JOIN fx ON fx.currency = h.cost_currency AND fx.month = o.month
   GROUP BY 1, 2
),
parcels AS (
  SELECT s.shipment_no,
         coalesce(s.actual_freight, s.freight) AS freight,
         CASE WHEN s.actual_freight IS NOT NULL THEN s.actual_freight_currency ELSE s.freight_currency END AS currency
    FROM shipments s
   WHERE s.workspace_id = $1 AND s.status <> 'cancelled'
     AND s.shipment_no IN (SELECT sl.shipment_no FROM shipment_lines sl JOIN o ON o.order_no = sl.order_no
                            WHERE sl.workspace_id = $1)
),
weighed AS (
  SELECT sl.shipment_no, sl.order_no, sl.line_no, sl.qty, coalesce(p.weight_g, 0) * sl.qty AS grams,
         sum(coalesce(p.weight_g, 0) * sl.qty) OVER (PARTITION BY sl.shipment_no) AS parcel_grams,
         sum(sl.qty) OVER (PARTITION BY sl.shipment_no) AS parcel_qty
    FROM shipment_lines sl JOIN parcels ON parcels.shipment_no = sl.shipment_no
    LEFT JOIN products p ON p.workspace_id = $1 AND p.sku = sl.sku
   WHERE sl.workspace_id = $1
),
freight AS (
  SELECT w.order_no, w.line_no,
         CASE WHEN bool_or(pa.freight IS NULL OR (pa.currency <> $2 AND fx.rate IS NULL)) THEN NULL
              ELSE sum(pa.freight * CASE WHEN pa.currency = $2 THEN 1 ELSE fx.rate END
                       * CASE WHEN w.parcel_grams > 0 THEN w.grams::numeric / w.parcel_grams ELSE w.qty::numeric / w.parcel_qty END)
         END AS freight,
         array_agg(DISTINCT CASE WHEN pa.freight IS NULL THEN 'freight:' || pa.shipment_no
                                 ELSE 'fx:' || pa.currency || ':' || o.month END)
           FILTER (WHERE pa.freight IS NULL OR (pa.currency <> $2 AND fx.rate IS NULL)) AS missing
    FROM weighed w JOIN parcels pa ON pa.shipment_no = w.shipment_no
    JOIN o ON o.order_no = w.order_no
    LEFT JOIN fx ON fx.currency = pa.currency AND fx.month = o.month
   GROUP BY 1, 2
),
case_lines AS (
  SELECT c.case_no, a.order_no, a.order_line_no AS line_no, a.qty, c.refund_amount,
         a.qty * coalesce(coalesce(l.line_total, l.unit_price * l.qty) / l.qty, 0) AS worth
    FROM after_sale_cases c
    JOIN after_sale_lines a ON a.workspace_id = c.workspace_id AND a.case_no = c.case_no
    JOIN order_lines l ON l.workspace_id = a.workspace_id AND l.order_no = a.order_no AND l.line_no = a.order_line_no
    JOIN o ON o.order_no = c.order_no
   WHERE c.workspace_id = $1 AND c.refund_amount IS NOT NULL
),
refunds AS (
  SELECT x.order_no, x.line_no,
         sum(x.refund_amount * CASE WHEN x.case_worth > 0 THEN x.worth / x.case_worth
                                    ELSE x.qty::numeric / x.case_qty END) AS refund
    FROM (SELECT case_lines.*, sum(worth) OVER (PARTITION BY case_no) AS case_worth,
                 sum(qty) OVER (PARTITION BY case_no) AS case_qty FROM case_lines) x
   GROUP BY 1, 2
),
-- Returned units put back in stock are no longer sold goods: they leave COGS (written-off ones stay: a loss).
restocked AS (
  SELECT a.order_no, a.order_line_no AS line_no, sum(a.restocked_qty) AS qty
    FROM after_sale_lines a JOIN o ON o.order_no = a.order_no
   WHERE a.workspace_id = $1 AND a.restocked_qty > 0
   GROUP BY 1, 2
),
priced AS (
  SELECT sh.order_no, sh.line_no, o.at, o.month, o.channel, o.country, sh.sku, coalesce(p.name_en, sh.name) AS product,
         p.sales_owner, o.status, sh.qty, o.currency, o.void,
         CASE WHEN o.currency = $2 THEN 1 ELSE ofx.rate END AS rate,
         sh.revenue, sh.share * o.shipping AS shipping, sh.share * o.discount AS discount,
         coalesce(f.platform_fee_pct, 0) AS platform_pct, coalesce(f.platform_fee_fixed, 0) AS platform_fixed,
         coalesce(f.payment_fee_pct, 0) AS payment_pct, coalesce(f.payment_fee_fixed, 0) AS payment_fixed,
         sh.share, coalesce(r.refund, 0) AS refund,
         -- Units not (or no longer) held: today's cost, except what nobody ships (a gift card costs nothing).
         CASE WHEN sh.fulfilment = 'none' THEN 0 ELSE greatest(sh.qty - coalesce(c.qty, 0), 0) END AS unheld,
         CASE WHEN c.order_no IS NULL THEN 0
              ELSE c.cost * (c.qty - least(coalesce(rs.qty, 0), c.qty)) / c.qty END AS held_cost,
         c.fx_missing, c.no_cost,
         coalesce(k.avg_cost, CASE WHEN p.cost_currency IS NOT NULL THEN p.unit_cost END) AS cost_now,
         CASE WHEN k.sku IS NOT NULL THEN k.currency WHEN p.unit_cost IS NOT NULL THEN p.cost_currency END AS cost_now_currency,
         CASE WHEN fr.order_no IS NULL THEN 0 ELSE fr.freight END AS freight, fr.missing AS freight_missing
    FROM shares sh JOIN o ON o.order_no = sh.order_no
    LEFT JOIN fx ofx ON ofx.currency = o.currency AND ofx.month = o.month
    LEFT JOIN products p ON p.workspace_id = $1 AND p.sku = sh.sku
    LEFT JOIN sku_costs k ON k.workspace_id = $1 AND k.sku = sh.sku
    LEFT JOIN channel_fees f ON f.workspace_id = $1 AND f.channel = o.channel
    LEFT JOIN cogs c ON c.order_no = sh.order_no AND c.line_no = sh.line_no
    LEFT JOIN freight fr ON fr.order_no = sh.order_no AND fr.line_no = sh.line_no
    LEFT JOIN refunds r ON r.order_no = sh.order_no AND r.line_no = sh.line_no
    LEFT JOIN restocked rs ON rs.order_no = sh.order_no AND rs.line_no = sh.line_no
),
based AS (
  SELECT pr.*,
         CASE WHEN pr.unheld = 0 THEN 0
              WHEN pr.cost_now_currency = $2 THEN pr.unheld * pr.cost_now
              ELSE pr.unheld * pr.cost_now * nfx.rate END AS unheld_cost,
         pr.revenue + pr.shipping - pr.discount AS paid
    FROM priced pr
    LEFT JOIN fx nfx ON nfx.currency = pr.cost_now_currency AND nfx.month = pr.month
),
amounts AS (
  SELECT b.*,
         round(b.revenue * b.rate, $3) AS revenue_b,
         -- Nothing is nothing in any currency: a missing rate empties only amounts that exist.
         round(CASE WHEN b.shipping = 0 THEN 0 ELSE b.shipping * b.rate END, $3) AS shipping_b,
         round(CASE WHEN b.discount = 0 THEN 0 ELSE b.discount * b.rate END, $3) AS discount_b,
         round(b.paid * b.rate * b.platform_pct / 100 + b.platform_fixed * b.share, $3) AS platform_b,
         round(b.paid * b.rate * b.payment_pct / 100 + b.payment_fixed * b.share, $3) AS payment_b,
         round(b.held_cost + b.unheld_cost, $3) AS cogs_b,
         round(b.freight, $3) AS freight_b,
         round(CASE WHEN b.refund = 0 THEN 0 ELSE b.refund * b.rate END, $3) AS refund_b
    FROM based b
)
SELECT a.order_no, a.line_no, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS order_date, a.month, a.channel,
       a.country, a.sku, a.product, a.sales_owner, a.status, a.qty, a.currency,
       round(CASE WHEN a.void THEN 0 ELSE a.revenue_b END, $3) AS revenue,
       round(CASE WHEN a.void THEN 0 ELSE a.shipping_b END, $3) AS shipping,
       round(CASE WHEN a.void THEN 0 ELSE a.discount_b END, $3) AS discounts,
       round(CASE WHEN a.void THEN 0 ELSE a.platform_b END, $3) AS platform_fee,
       round(CASE WHEN a.void THEN 0 ELSE a.payment_b END, $3) AS payment_fee,
       round(CASE WHEN a.void THEN 0 ELSE a.cogs_b END, $3) AS cogs,
       round(CASE WHEN a.void THEN 0 ELSE a.freight_b END, $3) AS freight,
       round(CASE WHEN a.void THEN 0 ELSE a.refund_b END, $3) AS refunds,
       round(CASE WHEN a.void THEN 0
             ELSE a.revenue_b + a.shipping_b - a.discount_b - a.platform_b - a.payment_b - a.cogs_b - a.freight_b
                  - a.refund_b END, $3) AS profit,
       CASE WHEN a.void THEN NULL ELSE array_remove(
         ARRAY[CASE WHEN a.currency IS NULL THEN 'currency' END,
               CASE WHEN a.revenue IS NULL THEN 'price' END,
               CASE WHEN a.currency IS NOT NULL AND a.rate IS NULL THEN 'fx:' || a.currency || ':' || a.month END,
               CASE WHEN a.no_cost OR (a.unheld > 0 AND a.cost_now IS NULL) THEN 'cost:' || a.sku END,
               CASE WHEN a.unheld > 0 AND a.cost_now IS NOT NULL AND a.cost_now_currency <> $2 AND a.unheld_cost IS NULL
                    THEN 'fx:' || a.cost_now_currency || ':' || a.month END]
         || coalesce(a.fx_missing, '{}') || coalesce(a.freight_missing, '{}'), NULL) END AS missing
  FROM amounts a`;
