import { addDays, purchaseSuggestion } from '../../domain/purchasing/purchase-suggestion';
import { transitDaysTo } from '../../domain/purchasing/lead-time';
import { PURCHASING_SETTINGS_BLOCK } from '../../domain/purchasing/purchasing-settings';
import { splitSafetyStock } from '../../domain/purchasing/safety-split';
import { salesVelocity, type SalesWindows, type Velocity } from '../../domain/purchasing/sales-velocity';
import type { Principal } from '../access/principal';
import { run, type Database } from '../db/database';
import { loadSettings } from '../settings/settings-service';
import { selectSuggestionBasis, type SuggestionBasis } from './suggestion-sql';

/** The sales windows (sold, days in stock) and their rates r7/r14/r30 come with every row. */
export type SuggestionRow = SalesWindows &
  Omit<Velocity, 'v'> & {
    sku: string;
    /** The stock line's warehouse; null for a SKU not stocked in any active warehouse yet. */
    warehouse: string | null;
    supplier: string | null;
    supplierKnown: boolean;
    available: number;
    incoming: number;
    waiting: number;
    velocity: number;
    leadTime: number;
    /** This row's part of the SKU's safety stock (all of it when the SKU has one row). */
    safetyStock: number;
    reorderPoint: number;
    suggestedQty: number;
    orderBy: string | null;
  };

/**
 * Purchase suggestions for every active SKU (per warehouse where it is kept in several) as of `today` (an
 * ISO date; the windows end yesterday), with the workspace's velocity weights and stock-out choice: the
 * database sums, the domain decides (docs/purchasing.md).
 */
export async function purchaseSuggestions(db: Database, principal: Principal, today: string): Promise<SuggestionRow[]> {
  const midnight = (offset: number) => new Date(`${addDays(today, offset)}T00:00:00Z`);
  const bounds = { since30: midnight(-30), since14: midnight(-14), since7: midnight(-7), until: midnight(0) };
  const settings = await loadSettings(db.pool, principal.workspaceId, PURCHASING_SETTINGS_BLOCK);
  const rows = (await run<SuggestionBasis>(db.pool, selectSuggestionBasis(principal.workspaceId, bounds))).rows;
  const safety = safetyByRow(rows);
  return rows.map((b, i) => {
    const n = (value: unknown) => Number(value);
    const sales = {
      sold7: n(b.sold7),
      sold14: n(b.sold14),
      sold30: n(b.sold30),
      inStock7: n(b.in_stock7),
      inStock14: n(b.in_stock14),
      inStock30: n(b.in_stock30),
    };
    const velocity = salesVelocity(sales, settings.weights, settings.leaveOutStockOutDays);
    const suggestion = purchaseSuggestion({
      waiting: n(b.waiting),
      available: n(b.available),
      incoming: n(b.incoming),
      velocity: velocity.v,
      leadDays: n(b.lead_days),
      qcDays: n(b.qc_days),
      transitDays: transitDaysTo(
        { transitDays: n(b.transit_days), transitByWarehouse: b.transit_by_warehouse },
        b.destination,
      ),
      safetyStock: safety[i]!,
      coverageDays: n(b.coverage_days),
      moq: n(b.moq),
      pack: n(b.pack),
    });
    const round = (x: number) => Math.round(x * 10_000) / 10_000;
    return {
      sku: b.sku,
      warehouse: b.warehouse,
      supplier: b.supplier,
      supplierKnown: b.supplier_known,
      available: n(b.available),
      incoming: n(b.incoming),
      waiting: n(b.waiting),
      ...sales,
      r7: round(velocity.r7),
      r14: round(velocity.r14),
      r30: round(velocity.r30),
      velocity: round(velocity.v),
      leadTime: suggestion.leadTime,
      safetyStock: safety[i]!,
      reorderPoint: round(suggestion.reorderPoint),
      suggestedQty: suggestion.suggestedQty,
      orderBy: suggestion.orderInDays === null ? null : addDays(today, suggestion.orderInDays),
    };
  });
}

/** Each row's part of its SKU's safety stock; a SKU's rows come together, best-ranked warehouse first. */
function safetyByRow(rows: readonly SuggestionBasis[]): number[] {
  const parts: number[] = [];
  for (let start = 0; start < rows.length;) {
    let end = start;
    while (end < rows.length && rows[end]!.sku === rows[start]!.sku) end++;
    const group = rows.slice(start, end);
    parts.push(
      ...splitSafetyStock(
        Number(group[0]!.safety_stock),
        group.map((r) => Number(r.sold30) + Number(r.waiting)),
      ),
    );
    start = end;
  }
  return parts;
}
