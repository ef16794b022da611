import { sql, type SqlQuery } from '../db/sql-query';

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
