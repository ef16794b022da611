import { purchaseSuggestion, type Suggestion, type SuggestionInput } from './purchase-suggestion';

/** One warehouse's row of a SKU, with everything its suggestion needs. */
export type PlanRow = { warehouse: string | null; input: SuggestionInput };

export type Transfer = { from: string; qty: number };

/** Per row: the transfers into it (before any buy), and its suggestion once they are counted. */
export type PlannedRow = { transfersIn: Transfer[]; suggestion: Suggestion; before: Suggestion };

/**
 * What a warehouse can give away (docs/purchasing.md): what it holds beyond its own need over lead time and
 * coverage (available + incoming − waiting − v·(L + coverage) − safety), in whole units, and never more than
 * is available now: incoming goods cannot be sent before they arrive.
 */
export function surplusOf(input: SuggestionInput): number {
  const need = purchaseSuggestion(input).need;
  return Math.max(0, Math.floor(Math.min(input.available, -need) + 1e-9));
}

/**
 * A SKU across its warehouses: a warehouse that needs stock is first filled from the others' surplus
 * (best-ranked source first, rows taken in their order), and buys only what transfers do not cover.
 * A transferred unit counts as incoming at its destination and leaves the source's available stock, so
 * neither warehouse plans it twice. A row without a warehouse (a SKU stocked nowhere) neither gives nor takes.
 */
export function planTransfers(rows: readonly PlanRow[]): PlannedRow[] {
  const before = rows.map((r) => purchaseSuggestion(r.input));
  const surplus = rows.map((r) => (r.warehouse === null ? 0 : surplusOf(r.input)));
  const into = rows.map((): Transfer[] => []);
  const out = rows.map(() => 0);
  rows.forEach((row, to) => {
    let wanted = Math.ceil(before[to]!.need - 1e-9);
    if (row.warehouse === null || wanted <= 0) return;
    rows.forEach((source, from) => {
      if (from === to || wanted <= 0 || source.warehouse === null) return;
      const qty = Math.min(wanted, surplus[from]!);
      if (qty <= 0) return;
      surplus[from]! -= qty;
      out[from]! += qty;
      wanted -= qty;
      into[to]!.push({ from: source.warehouse, qty });
    });
  });
  return rows.map((row, i) => {
    const received = into[i]!.reduce((sum, t) => sum + t.qty, 0);
    const input = { ...row.input, available: row.input.available - out[i]!, incoming: row.input.incoming + received };
    return { transfersIn: into[i]!, suggestion: purchaseSuggestion(input), before: before[i]! };
  });
}
