import { sql, type SqlQuery } from '../db/sql-query';
import { COST_NOW } from './stock-value-sql';

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
