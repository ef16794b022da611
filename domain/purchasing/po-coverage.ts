/**
 * Which waiting orders a new purchase order line is raised for (docs/dispatch.md: the order journey).
 * Receipts serve waiting orders first approved first (docs/inventory.md), so the units a SKU already has
 * incoming go to the first orders in that queue; a new line covers the next ones, unit by unit, until its
 * quantity runs out. Warehouses are not told apart: it names the orders the line most likely serves.
 */
export type WaitingNeed = { orderNo: string; sku: string; missing: number };
export type NewPoLine = { poNo: string; lineNo: number; sku: string; qty: number };
export type Coverage = { orderNo: string; poNo: string; lineNo: number; sku: string; qty: number };

export function coverWaitingOrders(
  /** In the order receipts serve them (first approved first). */
  waiting: readonly WaitingNeed[],
  /** Units of each SKU already ordered and not yet received, before these lines. */
  incoming: Readonly<Record<string, number>>,
  lines: readonly NewPoLine[],
): Coverage[] {
  const covered: Coverage[] = [];
  for (const sku of [...new Set(lines.map((l) => l.sku))]) {
    const queue = waiting.filter((w) => w.sku === sku && w.missing > 0).map((w) => ({ ...w }));
    let skip = Math.max(0, incoming[sku] ?? 0);
    for (const w of queue) {
      const taken = Math.min(skip, w.missing);
      w.missing -= taken;
      skip -= taken;
    }
    let i = 0;
    for (const line of lines.filter((l) => l.sku === sku)) {
      let left = line.qty;
      while (left > 0 && i < queue.length) {
        const w = queue[i]!;
        const qty = Math.min(left, w.missing);
        if (qty > 0) covered.push({ orderNo: w.orderNo, poNo: line.poNo, lineNo: line.lineNo, sku, qty });
        w.missing -= qty;
        left -= qty;
        if (w.missing === 0) i += 1;
      }
    }
  }
  return covered;
}
