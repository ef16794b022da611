/**
 * A SKU's safety stock is set once per SKU; where the SKU has a suggestion row per warehouse, each row
 * holds a part of it in proportion to the demand counted there (units sold in 30 days plus units
 * waiting), in whole units (largest remainder, ties to the earlier row). With no demand anywhere, the
 * first row (the first-ranked warehouse) holds it all. A warehouse nothing sells from then asks for nothing.
 */
export function splitSafetyStock(safetyStock: number, demands: readonly number[]): number[] {
  const total = demands.reduce((sum, d) => sum + Math.max(0, d), 0);
  if (!demands.length) return [];
  if (total <= 0) return demands.map((_, i) => (i === 0 ? safetyStock : 0));
  const exact = demands.map((d) => (safetyStock * Math.max(0, d)) / total);
  const parts = exact.map(Math.floor);
  let left = safetyStock - parts.reduce((sum, p) => sum + p, 0);
  const byRemainder = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}
