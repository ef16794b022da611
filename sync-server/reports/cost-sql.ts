import type { SkuCost } from '../../domain/reports/moving-average';
import { sql, type SqlQuery } from '../db/sql-query';

export function selectSkuCosts(workspaceId: string, skus: string[]): SqlQuery {
  return sql(
    `SELECT sku, avg_cost::text AS avg_cost, currency FROM sku_costs WHERE workspace_id = $1 AND sku = ANY($2::text[])`,
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
