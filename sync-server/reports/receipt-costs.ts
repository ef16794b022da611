import { averageAfterReceipts, type CostedReceipt, type SkuCost } from '../../domain/reports/moving-average';
import { run, type Queryable } from '../db/database';
import { selectSkuCosts, upsertSkuCosts } from './cost-sql';

/**
 * Moves each SKU's cost by the costed units arriving (PO receipts), before on hand changes: `onHandBefore`
 * is the SKU's on hand over every warehouse, read from the stock rows the arrival holds locked.
 */
export async function recordReceiptCosts(
  client: Queryable,
  workspaceId: string,
  at: Date,
  onHandBefore: Map<string, number>,
  receipts: readonly (CostedReceipt & { sku: string })[],
): Promise<void> {
  if (!receipts.length) return;
  const skus = [...new Set(receipts.map((r) => r.sku))].sort();
  const stored = await run<{ sku: string; avg_cost: string; currency: string }>(
    client,
    selectSkuCosts(workspaceId, skus),
  );
  const current = new Map(stored.rows.map((r) => [r.sku, { avgCost: r.avg_cost, currency: r.currency }]));
  const next: (SkuCost & { sku: string })[] = [];
  for (const sku of skus) {
    const cost = averageAfterReceipts(
      current.get(sku) ?? null,
      onHandBefore.get(sku) ?? 0,
      receipts.filter((r) => r.sku === sku),
    );
    if (cost) next.push({ sku, ...cost });
  }
  if (next.length) await run(client, upsertSkuCosts(workspaceId, next, at));
}
