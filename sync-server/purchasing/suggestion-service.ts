import { addDays, purchaseSuggestion } from '../../domain/purchasing/purchase-suggestion';
import { salesVelocity } from '../../domain/purchasing/sales-velocity';
import type { Principal } from '../access/principal';
import { run, type Database } from '../db/database';
import { selectSuggestionBasis, type SuggestionBasis } from './suggestion-sql';

export type SuggestionRow = {
  sku: string;
  supplier: string | null;
  supplierKnown: boolean;
  available: number;
  incoming: number;
  waiting: number;
  sold7: number;
  sold14: number;
  sold30: number;
  r7: number;
  r14: number;
  r30: number;
  velocity: number;
  leadTime: number;
  reorderPoint: number;
  suggestedQty: number;
  orderBy: string | null;
};

/**
 * Purchase suggestions for every active SKU as of `today` (an ISO date; the windows end yesterday):
 * the database sums, the domain decides (DESIGN 3.3).
 */
export async function purchaseSuggestions(db: Database, principal: Principal, today: string): Promise<SuggestionRow[]> {
  const midnight = (offset: number) => new Date(`${addDays(today, offset)}T00:00:00Z`);
  const bounds = { since30: midnight(-30), since14: midnight(-14), since7: midnight(-7), until: midnight(0) };
  const rows = (await run<SuggestionBasis>(db.pool, selectSuggestionBasis(principal.workspaceId, bounds))).rows;
  return rows.map((b) => {
    const n = (value: unknown) => Number(value);
    // Without a stock history yet, every day of a window counts as a day in stock.
    const velocity = salesVelocity({ sold7: n(b.sold7), sold14: n(b.sold14), sold30: n(b.sold30), inStock7: 7, inStock14: 14, inStock30: 30 });
    const suggestion = purchaseSuggestion({
      waiting: n(b.waiting), available: n(b.available), incoming: n(b.incoming), velocity: velocity.v,
      leadDays: n(b.lead_days), qcDays: n(b.qc_days), transitDays: n(b.transit_days), safetyStock: n(b.safety_stock), coverageDays: n(b.coverage_days), moq: n(b.moq), pack: n(b.pack),
    });
    const round = (x: number) => Math.round(x * 10_000) / 10_000;
    return {
      sku: b.sku, supplier: b.supplier, supplierKnown: b.supplier_known,
      available: n(b.available), incoming: n(b.incoming), waiting: n(b.waiting), sold7: n(b.sold7), sold14: n(b.sold14), sold30: n(b.sold30),
      r7: round(velocity.r7), r14: round(velocity.r14), r30: round(velocity.r30), velocity: round(velocity.v),
      leadTime: suggestion.leadTime, reorderPoint: round(suggestion.reorderPoint), suggestedQty: suggestion.suggestedQty,
      orderBy: suggestion.orderInDays === null ? null : addDays(today, suggestion.orderInDays),
    };
  });
}
