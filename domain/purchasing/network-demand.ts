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
  const rows = new Map<string, NetworkRow>();
  const empty = { sold7: 0, sold14: 0, sold30: 0, waiting: 0 };
  for (const line of lines) rows.set(line.warehouse, { ...line, ...empty });
  const keptIn = new Set(rows.keys());
  for (const d of demand) {
    const code = plannedWarehouse(warehouses, keptIn, d.country);
    if (code === null) continue;
    const row = rows.get(code) ?? {
      warehouse: code,
      available: 0,
      incoming: 0,
      inStock7: 0,
      inStock14: 0,
      inStock30: 0,
      ...empty,
    };
    row.sold7 += d.sold7;
    row.sold14 += d.sold14;
    row.sold30 += d.sold30;
    row.waiting += d.waiting;
    rows.set(code, row);
  }
  const rank = new Map(warehouses.map((w) => [w.code, w.rank]));
  const order = (code: string) => rank.get(code) ?? Number.MAX_SAFE_INTEGER;
  return [...rows.values()].sort(
    (a, b) =>
      order(a.warehouse) - order(b.warehouse) || (a.warehouse < b.warehouse ? -1 : a.warehouse > b.warehouse ? 1 : 0),
  );
}
