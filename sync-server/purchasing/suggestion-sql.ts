import { sql, type SqlQuery } from '../db/sql-query';

export type SuggestionBasis = {
  sku: string;
  supplier: string | null;
  supplier_known: boolean;
  safety_stock: number;
  coverage_days: number;
  lead_days: number;
  qc_days: number;
  transit_days: number;
  moq: number;
  pack: number;
  sold7: number;
  sold14: number;
  sold30: number;
  available: number;
  incoming: number;
  waiting: number;
};

/**
 * Everything the suggestion formulas need, per active SKU, in one statement: units sold in the 7/14/30
 * days ending yesterday (orders not invalid or cancelled, by order date), stock levels summed over
 * warehouses, units waiting (what approved orders could not reserve), and the supplier's parameters.
 * `since30`, `since14`, `since7`, `until` are the window bounds (UTC midnights).
 */
export function selectSuggestionBasis(workspaceId: string, bounds: { since30: Date; since14: Date; since7: Date; until: Date }): SqlQuery {
  return sql(
    `WITH sold AS (
       SELECT l.sku,
              sum(l.qty) FILTER (WHERE o.ordered_at >= $4)::int AS sold7,
              sum(l.qty) FILTER (WHERE o.ordered_at >= $3)::int AS sold14,
              sum(l.qty)::int AS sold30
         FROM orders o JOIN order_lines l ON l.workspace_id = o.workspace_id AND l.order_no = o.order_no
        WHERE o.workspace_id = $1 AND o.ordered_at >= $2 AND o.ordered_at < $5 AND o.status NOT IN ('invalid', 'cancelled')
        GROUP BY l.sku),
     levels AS (
       SELECT sku, sum(on_hand - reserved)::int AS available, sum(incoming)::int AS incoming FROM stock WHERE workspace_id = $1 GROUP BY sku),
     waiting AS (
       SELECT w->>'sku' AS sku, sum((w->>'missing')::int)::int AS waiting
         FROM orders o CROSS JOIN LATERAL jsonb_array_elements(o.waiting) w
        WHERE o.workspace_id = $1 AND o.status IN ('approved', 'pending_purchase')
        GROUP BY 1)
     SELECT p.sku, p.supplier, (s.code IS NOT NULL) AS supplier_known, p.safety_stock, p.coverage_days,
            coalesce(s.lead_days, 0) AS lead_days, coalesce(s.qc_days, 0) AS qc_days, coalesce(s.transit_days, 0) AS transit_days,
            coalesce(s.moq, 0) AS moq, coalesce(s.pack, 1) AS pack,
            coalesce(sold.sold7, 0) AS sold7, coalesce(sold.sold14, 0) AS sold14, coalesce(sold.sold30, 0) AS sold30,
            coalesce(levels.available, 0) AS available, coalesce(levels.incoming, 0) AS incoming, coalesce(waiting.waiting, 0) AS waiting
       FROM products p
       LEFT JOIN suppliers s ON s.workspace_id = p.workspace_id AND s.code = p.supplier
       LEFT JOIN sold ON sold.sku = p.sku
       LEFT JOIN levels ON levels.sku = p.sku
       LEFT JOIN waiting ON waiting.sku = p.sku
      WHERE p.workspace_id = $1 AND p.active
      ORDER BY p.supplier NULLS LAST, p.sku`,
    [workspaceId, bounds.since30, bounds.since14, bounds.since7, bounds.until],
  );
}
