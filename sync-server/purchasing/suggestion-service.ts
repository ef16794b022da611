import type { AllocationWarehouse } from '../../domain/inventory/allocation';
import { transitDaysTo } from '../../domain/purchasing/lead-time';
import {
  networkRows,
  type CountryDemand,
  type NetworkRow,
  type StockedLine,
} from '../../domain/purchasing/network-demand';
import { addDays, type SuggestionInput } from '../../domain/purchasing/purchase-suggestion';
import { PURCHASING_SETTINGS_BLOCK, type PurchasingSettings } from '../../domain/purchasing/purchasing-settings';
import { splitSafetyStock } from '../../domain/purchasing/safety-split';
import { salesVelocity, type SalesWindows, type Velocity } from '../../domain/purchasing/sales-velocity';
import { planTransfers } from '../../domain/purchasing/transfer-plan';
import type { Principal } from '../access/principal';
import { run, type Database } from '../db/database';
import { loadSettings } from '../settings/settings-service';
import {
  selectCountryDemand,
  selectNetwork,
  selectSuggestionBasis,
  type CountryDemandRow,
  type SuggestionBasis,
} from './suggestion-sql';

/** The sales windows (sold, days in stock) and their rates r7/r14/r30 come with every row. */
export type SuggestionRow = SalesWindows &
  Omit<Velocity, 'v'> & {
    sku: string;
    /** The row's warehouse; null for a SKU neither kept nor wanted in any active warehouse. */
    warehouse: string | null;
    /** `buy` from the supplier, or `transfer` from another warehouse (`from`) before any buy. */
    action: 'buy' | 'transfer';
    from: string | null;
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
 * Purchase suggestions for every active SKU, per warehouse of the network, as of `today` (an ISO date; the
 * windows end yesterday), with the workspace's velocity weights and stock-out choice: the database sums,
 * the domain routes demand to the warehouses that serve it and plans transfers before buys
 * (docs/purchasing.md).
 */
export async function purchaseSuggestions(db: Database, principal: Principal, today: string): Promise<SuggestionRow[]> {
  const midnight = (offset: number) => new Date(`${addDays(today, offset)}T00:00:00Z`);
  const bounds = { since30: midnight(-30), since14: midnight(-14), since7: midnight(-7), until: midnight(0) };
  const settings = await loadSettings(db.pool, principal.workspaceId, PURCHASING_SETTINGS_BLOCK);
  const network = (
    await run<{ code: string; rank: number; countries: string[] | null; active: boolean }>(
      db.pool,
      selectNetwork(principal.workspaceId),
    )
  ).rows.map((w) => ({ code: w.code, rank: Number(w.rank), countries: w.countries ?? [], active: w.active !== false }));
  // Two statements at once (two pool connections on PostgreSQL): the stock lines and the demand by country.
  const [basis, demandRows] = await Promise.all([
    run<SuggestionBasis>(db.pool, selectSuggestionBasis(principal.workspaceId, bounds)),
    run<CountryDemandRow>(db.pool, selectCountryDemand(principal.workspaceId, bounds)),
  ]);
  const rows = basis.rows;
  const demandOf = new Map<string, CountryDemand[]>();
  for (const d of demandRows.rows) {
    const list = demandOf.get(d.sku) ?? [];
    list.push({
      country: d.country,
      sold7: n(d.sold7),
      sold14: n(d.sold14),
      sold30: n(d.sold30),
      waiting: n(d.waiting),
    });
    demandOf.set(d.sku, list);
  }
  const suggestions: SuggestionRow[] = [];
  // A SKU's rows come together (the statement sorts by supplier, then SKU).
  for (let start = 0; start < rows.length;) {
    let end = start;
    while (end < rows.length && rows[end]!.sku === rows[start]!.sku) end++;
    const sku = rows[start]!.sku;
    suggestions.push(...skuSuggestions(rows.slice(start, end), demandOf.get(sku) ?? [], network, settings, today));
    start = end;
  }
  return suggestions;
}

const n = (value: unknown) => Number(value);

function skuSuggestions(
  group: readonly SuggestionBasis[],
  demand: readonly CountryDemand[],
  network: readonly AllocationWarehouse[],
  settings: PurchasingSettings,
  today: string,
): SuggestionRow[] {
  const first = group[0]!;
  const lines: StockedLine[] = group
    .filter((b) => b.warehouse !== null)
    .map((b) => ({
      warehouse: b.warehouse!,
      available: n(b.available),
      incoming: n(b.incoming),
      inStock7: n(b.in_stock7),
      inStock14: n(b.in_stock14),
      inStock30: n(b.in_stock30),
    }));
  const places: { row: NetworkRow; warehouse: string | null; destination: string | null }[] = networkRows(
    network,
    lines,
    demand,
  ).map((row) => ({ row, warehouse: row.warehouse, destination: row.warehouse }));
  // Kept nowhere and wanted nowhere a warehouse serves: one row, planned for the first-ranked warehouse
  // (where a PO without a warehouse goes). Without any active warehouse, all demand counts there.
  if (!places.length) places.push({ row: unplaced(demand, network), warehouse: null, destination: first.destination });
  const velocities = places.map((p) => salesVelocity(p.row, settings.weights, settings.leaveOutStockOutDays));
  const safety = splitSafetyStock(
    n(first.safety_stock),
    places.map((p) => p.row.sold30 + p.row.waiting),
  );
  const supplier = { transitDays: n(first.transit_days), transitByWarehouse: first.transit_by_warehouse };
  const inputs: SuggestionInput[] = places.map((p, i) => ({
    waiting: p.row.waiting,
    available: p.row.available,
    incoming: p.row.incoming,
    velocity: velocities[i]!.v,
    leadDays: n(first.lead_days),
    qcDays: n(first.qc_days),
    transitDays: transitDaysTo(supplier, p.destination),
    safetyStock: safety[i]!,
    coverageDays: n(first.coverage_days),
    moq: n(first.moq),
    pack: n(first.pack),
  }));
  const planned = planTransfers(places.map((p, i) => ({ warehouse: p.warehouse, input: inputs[i]! })));
  const orderBy = (days: number | null) => (days === null ? null : addDays(today, days));
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  const common = { sku: first.sku, supplier: first.supplier, supplierKnown: first.supplier_known };
  return places.flatMap((p, i) => {
    const { suggestion, before, transfersIn } = planned[i]!;
    // A transfer line plans; the counts stay on the warehouse's buy line, so sums over lines count each once.
    const transfers = transfersIn.map((t): SuggestionRow => ({
      ...common,
      ...ZERO_COUNTS,
      warehouse: p.warehouse,
      action: 'transfer',
      from: t.from,
      suggestedQty: t.qty,
      orderBy: orderBy(before.orderInDays),
    }));
    const v = velocities[i]!;
    const buy: SuggestionRow = {
      ...common,
      warehouse: p.warehouse,
      action: 'buy',
      from: null,
      available: p.row.available,
      incoming: p.row.incoming,
      waiting: p.row.waiting,
      sold7: p.row.sold7,
      sold14: p.row.sold14,
      sold30: p.row.sold30,
      inStock7: p.row.inStock7,
      inStock14: p.row.inStock14,
      inStock30: p.row.inStock30,
      r7: round(v.r7),
      r14: round(v.r14),
      r30: round(v.r30),
      velocity: round(v.v),
      leadTime: suggestion.leadTime,
      safetyStock: safety[i]!,
      reorderPoint: round(suggestion.reorderPoint),
      suggestedQty: suggestion.suggestedQty,
      orderBy: orderBy(suggestion.orderInDays),
    };
    return [...transfers, buy];
  });
}

const ZERO_COUNTS = {
  available: 0,
  incoming: 0,
  waiting: 0,
  sold7: 0,
  sold14: 0,
  sold30: 0,
  inStock7: 0,
  inStock14: 0,
  inStock30: 0,
  r7: 0,
  r14: 0,
  r30: 0,
  velocity: 0,
  leadTime: 0,
  safetyStock: 0,
  reorderPoint: 0,
};

/** The row of a SKU no warehouse keeps or plans: no stock; all demand only when there is no network at all. */
function unplaced(demand: readonly CountryDemand[], network: readonly AllocationWarehouse[]): NetworkRow {
  const counted = network.some((w) => w.active) ? [] : demand;
  const sum = (key: 'sold7' | 'sold14' | 'sold30' | 'waiting') => counted.reduce((s, d) => s + d[key], 0);
  return {
    warehouse: '',
    available: 0,
    incoming: 0,
    inStock7: 0,
    inStock14: 0,
    inStock30: 0,
    sold7: sum('sold7'),
    sold14: sum('sold14'),
    sold30: sum('sold30'),
    waiting: sum('waiting'),
  };
}
