import type { AllocationWarehouse } from '../../domain/inventory/allocation';
import { transitDaysTo } from '../../domain/purchasing/lead-time';
import {
  networkRouter,
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
  selectCountrySales,
  selectCountryWaiting,
  selectNetwork,
  selectSuggestionBasis,
  selectSupplierTerms,
  type CountrySalesRow,
  type CountryWaitingRow,
  type SuggestionBasis,
  type SupplierTerms,
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
 * (docs/purchasing.md). Every statement is sent at once (on PostgreSQL each gets its own pool connection, so
 * the stock lines are read while the order lines are summed); the per-SKU work keeps one shape per row and
 * works out what the whole request shares (routing per country, dates, transit days) once.
 */
export async function purchaseSuggestions(db: Database, principal: Principal, today: string): Promise<SuggestionRow[]> {
  const midnight = (offset: number) => new Date(`${addDays(today, offset)}T00:00:00Z`);
  const bounds = { since30: midnight(-30), since14: midnight(-14), since7: midnight(-7), until: midnight(0) };
  const workspaceId = principal.workspaceId;
  const [settings, warehouses, suppliers, basis, sales, waiting] = await Promise.all([
    loadSettings(db.pool, workspaceId, PURCHASING_SETTINGS_BLOCK),
    run<{ code: string; rank: number; countries: string[] | null; active: boolean }>(
      db.pool,
      selectNetwork(workspaceId),
    ),
    run<SupplierTerms>(db.pool, selectSupplierTerms(workspaceId)),
    run<SuggestionBasis>(db.pool, selectSuggestionBasis(workspaceId, bounds)),
    run<CountrySalesRow>(db.pool, selectCountrySales(workspaceId, bounds)),
    run<CountryWaitingRow>(db.pool, selectCountryWaiting(workspaceId)),
  ]);
  const network = warehouses.rows.map((w) => ({
    code: w.code,
    rank: Number(w.rank),
    countries: w.countries ?? [],
    active: w.active !== false,
  }));
  const demandOf = new Map<string, CountryDemand[]>();
  const add = (sku: string, demand: CountryDemand) => {
    const list = demandOf.get(sku);
    if (list) list.push(demand);
    else demandOf.set(sku, [demand]);
  };
  for (const d of sales.rows) add(d.sku, countryDemand(d.country, n(d.sold7), n(d.sold14), n(d.sold30), 0));
  for (const d of waiting.rows) add(d.sku, countryDemand(d.country, 0, 0, 0, n(d.waiting)));
  const context: RequestContext = {
    route: networkRouter(network),
    network,
    // Where a PO for a SKU kept and wanted nowhere goes: the first-ranked active warehouse.
    destination: network.filter((w) => w.active).sort(byRankThenCode)[0]?.code ?? null,
    suppliers: new Map(suppliers.rows.map((s) => [s.code, s])),
    settings,
    orderBy: memo((days: number) => addDays(today, days)),
    transitDays: memo((key: string) => {
      const [code, destination] = key.split('\u0000') as [string, string];
      const s = context.suppliers.get(code);
      const times = { transitDays: n(s?.transit_days ?? 0), transitByWarehouse: s?.transit_by_warehouse ?? null };
      return transitDaysTo(times, destination === '' ? null : destination);
    }),
  };
  const rows = basis.rows;
  const suggestions: SuggestionRow[] = [];
  // A SKU's rows come together (the statement sorts by supplier, then SKU).
  for (let start = 0; start < rows.length;) {
    let end = start + 1;
    while (end < rows.length && rows[end]!.sku === rows[start]!.sku) end++;
    skuSuggestions(rows, start, end, demandOf.get(rows[start]!.sku) ?? NO_DEMAND, context, suggestions);
    start = end;
  }
  return suggestions;
}

/** What every SKU of one request shares, worked out once. */
type RequestContext = {
  route: ReturnType<typeof networkRouter>;
  network: readonly AllocationWarehouse[];
  destination: string | null;
  suppliers: ReadonlyMap<string, SupplierTerms>;
  settings: PurchasingSettings;
  orderBy: (days: number) => string;
  /** By "supplier code \0 destination code" (empty: none). */
  transitDays: (key: string) => number;
};

const n = (value: unknown) => Number(value);
const NO_DEMAND: readonly CountryDemand[] = [];

function countryDemand(country: string | null, sold7: number, sold14: number, sold30: number, waiting: number) {
  return { country: country ?? '', sold7, sold14, sold30, waiting };
}

function byRankThenCode(a: AllocationWarehouse, b: AllocationWarehouse): number {
  return a.rank - b.rank || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

function memo<K, V>(compute: (key: K) => V): (key: K) => V {
  const known = new Map<K, V>();
  return (key) => {
    if (known.has(key)) return known.get(key)!;
    const value = compute(key);
    known.set(key, value);
    return value;
  };
}

/** One SKU (basis rows `start` to `end`): its rows across the network, transfers before buys, into `out`. */
function skuSuggestions(
  basis: readonly SuggestionBasis[],
  start: number,
  end: number,
  demand: readonly CountryDemand[],
  context: RequestContext,
  out: SuggestionRow[],
): void {
  const first = basis[start]!;
  const lines: StockedLine[] = [];
  for (let i = start; i < end; i++) {
    const b = basis[i]!;
    if (b.warehouse === null) continue;
    lines.push({
      warehouse: b.warehouse,
      available: n(b.available),
      incoming: n(b.incoming),
      inStock7: n(b.in_stock7),
      inStock14: n(b.in_stock14),
      inStock30: n(b.in_stock30),
    });
  }
  const routed = context.route(lines, demand);
  const places: { row: NetworkRow; warehouse: string | null; destination: string | null }[] = routed.map((row) => ({
    row,
    warehouse: row.warehouse,
    destination: row.warehouse,
  }));
  // Kept nowhere and wanted nowhere a warehouse serves: one row, planned for the first-ranked warehouse
  // (where a PO without a warehouse goes). Without any active warehouse, all demand counts there.
  if (!places.length)
    places.push({ row: unplaced(demand, context.network), warehouse: null, destination: context.destination });
  const { settings } = context;
  const velocities = places.map((p) => salesVelocity(p.row, settings.weights, settings.leaveOutStockOutDays));
  const safety = splitSafetyStock(
    n(first.safety_stock),
    places.map((p) => p.row.sold30 + p.row.waiting),
  );
  const terms = first.supplier === null ? undefined : context.suppliers.get(first.supplier);
  const inputs: SuggestionInput[] = places.map((p, i) => ({
    waiting: p.row.waiting,
    available: p.row.available,
    incoming: p.row.incoming,
    velocity: velocities[i]!.v,
    leadDays: n(terms?.lead_days ?? 0),
    qcDays: n(terms?.qc_days ?? 0),
    transitDays: terms ? context.transitDays(`${terms.code}\u0000${p.destination ?? ''}`) : 0,
    safetyStock: safety[i]!,
    coverageDays: n(first.coverage_days),
    moq: n(terms?.moq ?? 0),
    pack: n(terms?.pack ?? 1),
  }));
  const planned = planTransfers(places.map((p, i) => ({ warehouse: p.warehouse, input: inputs[i]! })));
  const orderBy = (days: number | null) => (days === null ? null : context.orderBy(days));
  const known = terms !== undefined;
  places.forEach((p, i) => {
    const { suggestion, before, transfersIn } = planned[i]!;
    // A transfer line plans; the counts stay on the warehouse's buy line, so sums over lines count each once.
    for (const t of transfersIn) {
      out.push(
        suggestionRow(
          first.sku,
          p.warehouse,
          'transfer',
          t.from,
          first.supplier,
          known,
          ZERO_COUNTS,
          t.qty,
          orderBy(before.orderInDays),
        ),
      );
    }
    const v = velocities[i]!;
    const counts: Counts = {
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
    };
    out.push(
      suggestionRow(
        first.sku,
        p.warehouse,
        'buy',
        null,
        first.supplier,
        known,
        counts,
        suggestion.suggestedQty,
        orderBy(suggestion.orderInDays),
      ),
    );
  });
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

type Counts = Omit<
  SuggestionRow,
  'sku' | 'warehouse' | 'action' | 'from' | 'supplier' | 'supplierKnown' | 'suggestedQty' | 'orderBy'
>;

/** Every row is built here, in one order of keys: one object shape for the whole answer (cheap to make and to send). */
function suggestionRow(
  sku: string,
  warehouse: string | null,
  action: 'buy' | 'transfer',
  from: string | null,
  supplier: string | null,
  supplierKnown: boolean,
  c: Counts,
  suggestedQty: number,
  orderBy: string | null,
): SuggestionRow {
  return {
    sku,
    warehouse,
    action,
    from,
    supplier,
    supplierKnown,
    available: c.available,
    incoming: c.incoming,
    waiting: c.waiting,
    sold7: c.sold7,
    sold14: c.sold14,
    sold30: c.sold30,
    inStock7: c.inStock7,
    inStock14: c.inStock14,
    inStock30: c.inStock30,
    r7: c.r7,
    r14: c.r14,
    r30: c.r30,
    velocity: c.velocity,
    leadTime: c.leadTime,
    safetyStock: c.safetyStock,
    reorderPoint: c.reorderPoint,
    suggestedQty,
    orderBy,
  };
}

const ZERO_COUNTS: Counts = {
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
