import { stockKey, type StockKey } from './stock-key';

/** A warehouse as allocation sees it: which countries it ships to, and its place in the workspace's ranking. */
export type AllocationWarehouse = { code: string; rank: number; countries: readonly string[]; active: boolean };

/** What one order line still needs (its quantity minus what it already holds). */
export type LineNeed = { lineNo: number; sku: string; qty: number };

export type PlannedReservation = { lineNo: number; sku: string; warehouse: string; qty: number };
export type Shortage = { lineNo: number; sku: string; missing: number };
export type AllocationPlan = { reservations: PlannedReservation[]; shortages: Shortage[] };

/**
 * The warehouses that may ship to a country, best first: active, serving the country (a warehouse that
 * lists no country serves every country), by rank then code so the order is total and repeatable.
 */
export function servingWarehouses(
  warehouses: readonly AllocationWarehouse[],
  country: string | null,
): AllocationWarehouse[] {
  const destination = (country ?? '').trim().toUpperCase();
  return warehouses
    .filter((w) => w.active && (w.countries.length === 0 || w.countries.some((c) => c.toUpperCase() === destination)))
    .sort((a, b) => a.rank - b.rank || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * Allocates an order's needs against available stock (docs/inventory.md): the first warehouse (in rank order)
 * that can fill every line ships the whole order; otherwise each line takes what it can from the
 * warehouses in rank order. What is left is a shortage; the order keeps what it got.
 * `available` is read and decremented, so several orders can be allocated one after another.
 */
export function allocateOrder(
  needs: readonly LineNeed[],
  warehouses: readonly AllocationWarehouse[],
  available: Map<StockKey, number>,
): AllocationPlan {
  const open = needs.filter((n) => n.qty > 0);
  const whole = warehouses.find((w) => fillsAll(open, w.code, available));
  const reservations: PlannedReservation[] = [];
  const shortages: Shortage[] = [];
  for (const need of open) {
    let missing = need.qty;
    for (const warehouse of whole ? [whole] : warehouses) {
      if (missing === 0) break;
      const key = stockKey(need.sku, warehouse.code);
      const take = Math.min(missing, available.get(key) ?? 0);
      if (take <= 0) continue;
      available.set(key, (available.get(key) ?? 0) - take);
      reservations.push({ lineNo: need.lineNo, sku: need.sku, warehouse: warehouse.code, qty: take });
      missing -= take;
    }
    if (missing > 0) shortages.push({ lineNo: need.lineNo, sku: need.sku, missing });
  }
  return { reservations, shortages };
}

function fillsAll(needs: readonly LineNeed[], warehouse: string, available: ReadonlyMap<StockKey, number>): boolean {
  // Lines of one SKU draw on the same stock: sum them before comparing.
  const demand = new Map<StockKey, number>();
  for (const need of needs)
    demand.set(stockKey(need.sku, warehouse), (demand.get(stockKey(need.sku, warehouse)) ?? 0) + need.qty);
  return needs.length > 0 && [...demand].every(([key, qty]) => (available.get(key) ?? 0) >= qty);
}

/** Demand summed per stock line: what a set of reservations takes from each (SKU, warehouse). */
export function demandByStockLine(
  reservations: readonly { sku: string; warehouse: string; qty: number }[],
): Map<StockKey, number> {
  const demand = new Map<StockKey, number>();
  for (const r of reservations)
    demand.set(stockKey(r.sku, r.warehouse), (demand.get(stockKey(r.sku, r.warehouse)) ?? 0) + r.qty);
  return demand;
}

/** What each line still needs, given its quantity and what it already holds. */
export function remainingNeeds(
  lines: readonly { lineNo: number; sku: string; qty: number }[],
  held: readonly { lineNo: number; qty: number }[],
): LineNeed[] {
  const holds = new Map<number, number>();
  for (const h of held) holds.set(h.lineNo, (holds.get(h.lineNo) ?? 0) + h.qty);
  return lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, qty: Math.max(l.qty - (holds.get(l.lineNo) ?? 0), 0) }));
}

/**
 * Why an order waits, as stored on it and shown in the Orders sheet: units missing per SKU, or — when no
 * active warehouse ships to its country — that alone (`noWarehouse`: the country), which no purchase can cure.
 */
export type WaitingItem = { sku: string; missing: number; noWarehouse?: string };

/** The waiting entry of an order no active warehouse serves (its country; "?" when it has none). */
export function unservedWaiting(country: string | null): WaitingItem[] {
  return [{ sku: '', missing: 0, noWarehouse: (country ?? '').trim().toUpperCase() || '?' }];
}

/** Units still missing per SKU (what the Orders sheet and the sidebar show as the reason an order waits). */
export function waitingBySku(needs: readonly LineNeed[]): { sku: string; missing: number }[] {
  const bySku = new Map<string, number>();
  for (const need of needs) if (need.qty > 0) bySku.set(need.sku, (bySku.get(need.sku) ?? 0) + need.qty);
  return [...bySku].map(([sku, missing]) => ({ sku, missing })).sort((a, b) => (a.sku < b.sku ? -1 : 1));
}
