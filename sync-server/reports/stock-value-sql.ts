import { sql, type SqlQuery } from '../db/sql-query';

/** A SKU's cost now (the receipts' average, else the product's) in the base currency at `month` ($3). */
export const COST_NOW = `
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
