import type { SkuCost } from '../../domain/reports/moving-average';
import { sql, type SqlQuery } from '../db/sql-query';

/** Each SKU's cost now: the receipts' average, or the product's unit cost until anything costed arrived. */
export function selectSkuCosts(workspaceId: string, skus: string[]): SqlQuery {
  return sql(
    `SELECT p.sku, coalesce(c.avg_cost, p.unit_cost)::text AS avg_cost, coalesce(c.currency, p.cost_currency) AS currency
       FROM products p LEFT JOIN sku_costs c ON c.workspace_id = p.workspace_id AND c.sku = p.sku
      WHERE p.workspace_id = $1 AND p.sku = ANY($2::text[])
        AND (c.sku IS NOT NULL OR (p.unit_cost IS NOT NULL AND p.cost_currency IS NOT NULL))`,
    [workspaceId, skus],
  );
}

export function upsertSkuCosts(workspaceId: string, costs: (SkuCost & { sku: string })[], at: Date): SqlQuery {
  return sql(
    `INSERT INTO sku_costs (workspace_id, sku, avg_cost, currency, updated_at)
     SELECT $1, r.sku, r.avg_cost, r.currency, $3 FROM unnest($2::text[], $4::numeric[], $5::text[]) AS r(sku, avg_cost, currency)
     ON CONFLICT (workspace_id, sku) DO UPDATE SET avg_cost = excluded.avg_cost, currency = excluded.currency,
       updated_at = excluded.updated_at`,
    [workspaceId, costs.map((c) => c.sku), at, costs.map((c) => c.avgCost), costs.map((c) => c.currency)],
  );
}
