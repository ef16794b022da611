import { sql, type SqlQuery } from '../db/sql-query';

/** A SKU's cost now (the receipts' average, else the product's) in the base currency at `month` ($3). */
const COST_NOW = `
  coalesce(k.avg_cost, CASE WHEN p.cost_currency IS NOT NULL THEN p.unit_cost END) AS cost,
  CASE WHEN k.sku IS NOT NULL THEN k.currency WHEN p.unit_cost IS NOT NULL THEN p.cost_currency END AS cost_currency`;

/**
 * Stock value per SKU × warehouse, costed now ($3: this month), and the units waiting orders still need of each
 * SKU over the whole network. $1 workspace, $2 base currency, $3 month, $4 stock key to start after, $5 rows,
 * $6 decimals of the base currency.
 */
export function selectStockValueReport(
  workspaceId: string,
  base: string,
  month: string,
  after: string | null,
  limit: number,
  scale: number,
): SqlQuery {
  return sql(
    `WITH page AS (
       SELECT s.stock_key, s.sku, s.warehouse, s.on_hand, s.available, s.incoming FROM stock s
        WHERE s.workspace_id = $1 AND ($4::text IS NULL OR s.stock_key > $4) ORDER BY s.stock_key LIMIT $5
     ),
     waiting AS (
       SELECT l.sku, sum(l.qty - coalesce(h.qty, 0)) AS units
         FROM orders o JOIN order_lines l ON l.workspace_id = o.workspace_id AND l.order_no = o.order_no
         LEFT JOIN (SELECT order_no, line_no, sum(qty) AS qty FROM reservations
                     WHERE workspace_id = $1 AND released_at IS NULL GROUP BY 1, 2) h
                ON h.order_no = l.order_no AND h.line_no = l.line_no
        WHERE o.workspace_id = $1 AND o.status = 'pending_purchase' AND l.fulfilment = 'crossdock'
          AND l.sku IN (SELECT sku FROM page)
        GROUP BY 1
     ),
     costed AS (
       SELECT page.*, p.name_en, p.sales_owner, ${COST_NOW}
         FROM page LEFT JOIN products p ON p.workspace_id = $1 AND p.sku = page.sku
         LEFT JOIN sku_costs k ON k.workspace_id = $1 AND k.sku = page.sku
     )
     SELECT c.stock_key, c.warehouse, c.sku, c.name_en AS product, c.sales_owner, c.on_hand, c.available, c.incoming,
            greatest(coalesce(w.units, 0), 0)::integer AS waiting,
            round(c.cost * CASE WHEN c.cost_currency = $2 THEN 1 ELSE fx.rate END, $6)::text AS unit_cost,
            round(c.on_hand * c.cost * CASE WHEN c.cost_currency = $2 THEN 1 ELSE fx.rate END, $6)::text AS value,
            array_remove(ARRAY[
              CASE WHEN c.cost IS NULL THEN 'cost:' || c.sku END,
              CASE WHEN c.cost IS NOT NULL AND c.cost_currency <> $2 AND fx.rate IS NULL
                   THEN 'fx:' || c.cost_currency || ':' || $3 END], NULL) AS missing
       FROM costed c
       LEFT JOIN waiting w ON w.sku = c.sku
       LEFT JOIN fx_rates fx ON fx.workspace_id = $1 AND fx.currency = c.cost_currency AND fx.month = $3
      ORDER BY c.stock_key`,
    [workspaceId, base, month, after, limit, scale],
  );
}

/**
 * What was spent with each supplier: one row per receipt of a costed or uncosted PO line, at the receipt's
 * month. $1 workspace, $2 base currency, $3 receipt id to start after, $4 rows, $5 decimals of the base currency.
 */
export function selectPurchaseSpendReport(
  workspaceId: string,
  base: string,
  after: number | null,
  limit: number,
  scale: number,
): SqlQuery {
  return sql(
    `WITH page AS (
       SELECT r.id, r.po_no, r.line_no, r.qty, r.received_at,
              to_char(r.received_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month
         FROM purchase_receipts r
        WHERE r.workspace_id = $1 AND ($3::bigint IS NULL OR r.id > $3) ORDER BY r.id LIMIT $4
     )
     SELECT pg.id, pg.po_no, pg.line_no, po.supplier, po.warehouse, l.sku,
            to_char(pg.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS received_on, pg.month, pg.qty,
            l.cost_currency AS currency,
            round(l.unit_cost * CASE WHEN l.cost_currency = $2 THEN 1 ELSE fx.rate END, $5)::text AS unit_cost,
            round(pg.qty * l.unit_cost * CASE WHEN l.cost_currency = $2 THEN 1 ELSE fx.rate END, $5)::text AS spend,
            array_remove(ARRAY[
              CASE WHEN l.unit_cost IS NULL THEN 'cost:' || l.sku END,
              CASE WHEN l.unit_cost IS NOT NULL AND l.cost_currency <> $2 AND fx.rate IS NULL
                   THEN 'fx:' || l.cost_currency || ':' || pg.month END], NULL) AS missing
       FROM page pg
       JOIN purchase_orders po ON po.workspace_id = $1 AND po.po_no = pg.po_no
       JOIN purchase_order_lines l ON l.workspace_id = $1 AND l.po_no = pg.po_no AND l.line_no = pg.line_no
       LEFT JOIN fx_rates fx ON fx.workspace_id = $1 AND fx.currency = l.cost_currency AND fx.month = pg.month
      ORDER BY pg.id`,
    [workspaceId, base, after, limit, scale],
  );
}

/**
 * Sales' own products ($3: the owner's email; NULL: every product with an owner): orders by stage, units and
 * revenue over the 7 and 30 days before $4 (in the base currency at each order's month), cost now, stock.
 * $1 workspace, $2 base currency, $5 SKU to start after, $6 rows, $7 decimals, $8 this month.
 */
export function selectMyProductsReport(
  workspaceId: string,
  base: string,
  owner: string | null,
  now: Date,
  after: string | null,
  limit: number,
  scale: number,
  month: string,
): SqlQuery {
  return sql(
    `WITH page AS (
       SELECT p.sku, p.name_en, p.sales_owner, ${COST_NOW}
         FROM products p LEFT JOIN sku_costs k ON k.workspace_id = $1 AND k.sku = p.sku
        WHERE p.workspace_id = $1 AND p.sales_owner IS NOT NULL AND ($3::text IS NULL OR lower(p.sales_owner) = $3)
          AND ($5::text IS NULL OR p.sku > $5)
        ORDER BY p.sku LIMIT $6
     ),
     sold AS (
       SELECT l.sku,
              count(DISTINCT o.order_no) FILTER (WHERE o.status IN ('pending_review', 'pending_contact', 'approved',
                                                 'pending_purchase', 'pending_shipment')) AS open_orders,
              count(DISTINCT o.order_no) FILTER (WHERE o.status = 'shipped') AS shipped_orders,
              count(DISTINCT o.order_no) FILTER (WHERE o.status = 'delivered') AS delivered_orders,
              coalesce(sum(l.qty) FILTER (WHERE o.at >= $4::timestamptz - interval '7 days' AND o.live), 0) AS units_7d,
              coalesce(sum(l.qty) FILTER (WHERE o.at >= $4::timestamptz - interval '30 days' AND o.live), 0) AS units_30d,
              sum(coalesce(l.line_total, l.unit_price * l.qty) * o.rate)
                FILTER (WHERE o.at >= $4::timestamptz - interval '7 days' AND o.live) AS revenue_7d,
              sum(coalesce(l.line_total, l.unit_price * l.qty) * o.rate)
                FILTER (WHERE o.at >= $4::timestamptz - interval '30 days' AND o.live) AS revenue_30d,
              bool_or(o.rate IS NULL AND o.live AND o.at >= $4::timestamptz - interval '30 days') AS fx_gap,
              array_agg(DISTINCT 'fx:' || o.currency || ':' || o.month)
                FILTER (WHERE o.rate IS NULL AND o.live AND o.at >= $4::timestamptz - interval '30 days') AS fx_missing
         FROM order_lines l
         JOIN (SELECT o.order_no, o.status, o.currency, coalesce(o.ordered_at, o.imported_at) AS at,
                      o.status NOT IN ('cancelled', 'invalid') AS live,
                      to_char(coalesce(o.ordered_at, o.imported_at) AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
                      CASE WHEN o.currency = $2 THEN 1 ELSE fx.rate END AS rate
                 FROM orders o
                 LEFT JOIN fx_rates fx ON fx.workspace_id = $1 AND fx.currency = o.currency
                       AND fx.month = to_char(coalesce(o.ordered_at, o.imported_at) AT TIME ZONE 'UTC', 'YYYY-MM')
                WHERE o.workspace_id = $1) o ON o.order_no = l.order_no
        WHERE l.workspace_id = $1 AND l.sku IN (SELECT sku FROM page)
        GROUP BY l.sku
     ),
     stocked AS (
       SELECT sku, sum(available) AS available, sum(incoming) AS incoming FROM stock
        WHERE workspace_id = $1 AND sku IN (SELECT sku FROM page) GROUP BY sku
     )
     SELECT pg.sku, pg.name_en AS product, pg.sales_owner,
            coalesce(s.open_orders, 0)::integer AS open_orders, coalesce(s.shipped_orders, 0)::integer AS shipped_orders,
            coalesce(s.delivered_orders, 0)::integer AS delivered_orders,
            coalesce(s.units_7d, 0)::integer AS units_7d, coalesce(s.units_30d, 0)::integer AS units_30d,
            CASE WHEN s.fx_gap THEN NULL ELSE round(coalesce(s.revenue_7d, 0), $7) END::text AS revenue_7d,
            CASE WHEN s.fx_gap THEN NULL ELSE round(coalesce(s.revenue_30d, 0), $7) END::text AS revenue_30d,
            round(pg.cost * CASE WHEN pg.cost_currency = $2 THEN 1 ELSE fx.rate END, $7)::text AS unit_cost,
            coalesce(st.available, 0)::integer AS available, coalesce(st.incoming, 0)::integer AS incoming,
            array_remove(ARRAY[
              CASE WHEN pg.cost IS NULL THEN 'cost:' || pg.sku END,
              CASE WHEN pg.cost IS NOT NULL AND pg.cost_currency <> $2 AND fx.rate IS NULL
                   THEN 'fx:' || pg.cost_currency || ':' || $8 END] || coalesce(s.fx_missing, '{}'), NULL) AS missing
       FROM page pg
       LEFT JOIN sold s ON s.sku = pg.sku
       LEFT JOIN stocked st ON st.sku = pg.sku
       LEFT JOIN fx_rates fx ON fx.workspace_id = $1 AND fx.currency = pg.cost_currency AND fx.month = $8
      ORDER BY pg.sku`,
    [workspaceId, base, owner, now, after, limit, scale, month],
  );
}
