/**
 * How fast a SKU sells (docs/purchasing.md). "Sold" = units on orders that were not invalid or cancelled, counted
 * by order date, in windows ending yesterday. r7, r14, r30 = units in the window ÷ its days (or ÷ the
 * days the SKU was in stock, when the workspace leaves stock-out days out); v = weighted sum of the three.
 */
export type VelocityWeights = { r7: number; r14: number; r30: number };
export const DEFAULT_VELOCITY_WEIGHTS: VelocityWeights = { r7: 0.5, r14: 0.3, r30: 0.2 };

/** Units sold and days in stock in the 7, 14 and 30 days ending yesterday. */
export type SalesWindows = {
  sold7: number;
  sold14: number;
  sold30: number;
  inStock7: number;
  inStock14: number;
  inStock30: number;
};

export type Velocity = { r7: number; r14: number; r30: number; v: number };

export function salesVelocity(
  sales: SalesWindows,
  weights: VelocityWeights = DEFAULT_VELOCITY_WEIGHTS,
  leaveOutStockOutDays = false,
): Velocity {
  // A window never in stock has no days to divide by; what it sold anyway (orders taken while out, now
  // waiting) is real demand, so it is spread over the whole window rather than dropped.
  const rate = (sold: number, days: number, inStock: number) => {
    const divisor = leaveOutStockOutDays && inStock > 0 ? Math.min(inStock, days) : days;
    return divisor > 0 ? sold / divisor : 0;
  };
  const r7 = rate(sales.sold7, 7, sales.inStock7);
  const r14 = rate(sales.sold14, 14, sales.inStock14);
  const r30 = rate(sales.sold30, 30, sales.inStock30);
  return { r7, r14, r30, v: weights.r7 * r7 + weights.r14 * r14 + weights.r30 * r30 };
}
