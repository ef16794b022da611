import { servingWarehouses, type AllocationWarehouse } from '../inventory/allocation';

/** A SKU's units sold in the 7/14/30-day windows and still waiting, for orders to one country. */
export type CountryDemand = { country: string; sold7: number; sold14: number; sold30: number; waiting: number };

/** A stock line of the SKU in an active warehouse, with its days in stock per window. */
export type StockedLine = {
  warehouse: string;
  available: number;
  incoming: number;
  inStock7: number;
  inStock14: number;
  inStock30: number;
};

/** One warehouse's suggestion row for a SKU: its stock (zeros without a stock line) and the demand it serves. */
export type NetworkRow = StockedLine & { sold7: number; sold14: number; sold30: number; waiting: number };

/**
 * The warehouse a country's demand for a SKU is planned at: among the active warehouses that serve the
 * country (allocation's own rule, `servingWarehouses`), the best-ranked one that keeps the SKU, since
 * allocation ships from it before any warehouse that holds none; else the best-ranked serving one. Null when
 * no active warehouse serves the country: no purchase or transfer can ship that demand.
 */
export function plannedWarehouse(
  warehouses: readonly AllocationWarehouse[],
  keptIn: ReadonlySet<string>,
  country: string,
): string | null {
  const serving = servingWarehouses(warehouses, country);
  return (serving.find((w) => keptIn.has(w.code)) ?? serving[0])?.code ?? null;
}

/**
 * A SKU's rows across the network (docs/purchasing.md): one per stock line, plus one per warehouse that
 * demand is planned at and that keeps no line yet; each row counts only the demand of the countries planned
 * there. Demand no active warehouse serves is left out. Rows come by rank, then code.
 */
export function networkRows(
  warehouses: readonly AllocationWarehouse[],
  lines: readonly StockedLine[],
  demand: readonly CountryDemand[],
): NetworkRow[] {
  return networkRouter(warehouses)(lines, demand);
}

/**
 * `networkRows` for many SKUs over one network: which warehouses serve a country and each warehouse's rank are
 * worked out once per country, not once per SKU (suggestions route 20,000 SKUs' demand in one request).
 */
export function networkRouter(
  warehouses: readonly AllocationWarehouse[],
): (lines: readonly StockedLine[], demand: readonly CountryDemand[]) => NetworkRow[] {
  const servingByCountry = new Map<string, AllocationWarehouse[]>();
  const serving = (country: string) => {
    let found = servingByCountry.get(country);
    if (!found) servingByCountry.set(country, (found = servingWarehouses(warehouses, country)));
    return found;
  };
  const rank = new Map(warehouses.map((w) => [w.code, w.rank]));
  const order = (code: string) => rank.get(code) ?? Number.MAX_SAFE_INTEGER;
  const byRankThenCode = (a: NetworkRow, b: NetworkRow) =>
    order(a.warehouse) - order(b.warehouse) || (a.warehouse < b.warehouse ? -1 : a.warehouse > b.warehouse ? 1 : 0);
  return (lines, demand) => {
    const rows: NetworkRow[] = [];
    for (const line of lines) {
      // Two lines of one warehouse: the later one counts, in the earlier one's place.
      const at = rows.findIndex((r) => r.warehouse === line.warehouse);
      if (at < 0) rows.push(networkRow(line.warehouse, line));
      else rows[at] = networkRow(line.warehouse, line);
    }
    const keptIn = rows.length;
    for (const d of demand) {
      const candidates = serving(d.country);
      // plannedWarehouse's rule, against the SKU's own lines (the first `keptIn` rows).
      let code: string | null = null;
      for (const w of candidates) {
        if (rowOf(rows, w.code, keptIn)) {
          code = w.code;
          break;
        }
      }
      code ??= candidates[0]?.code ?? null;
      if (code === null) continue;
      let row = rowOf(rows, code, rows.length);
      if (!row) rows.push((row = networkRow(code, null)));
      row.sold7 += d.sold7;
      row.sold14 += d.sold14;
      row.sold30 += d.sold30;
      row.waiting += d.waiting;
    }
    return rows.length > 1 ? rows.sort(byRankThenCode) : rows;
  };
}

/** A SKU has a row or two per warehouse at most: a scan beats a map. The first of equal codes, as a map keeps. */
function rowOf(rows: readonly NetworkRow[], code: string, upTo: number): NetworkRow | undefined {
  for (let i = 0; i < upTo; i++) if (rows[i]!.warehouse === code) return rows[i];
  return undefined;
}

function networkRow(warehouse: string, line: StockedLine | null): NetworkRow {
  return {
    warehouse,
    available: line ? line.available : 0,
    incoming: line ? line.incoming : 0,
    inStock7: line ? line.inStock7 : 0,
    inStock14: line ? line.inStock14 : 0,
    inStock30: line ? line.inStock30 : 0,
    sold7: 0,
    sold14: 0,
    sold30: 0,
    waiting: 0,
  };
}
