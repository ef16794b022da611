import Decimal from 'decimal.js';

/**
 * Exact arithmetic on money amounts kept as decimal strings (docs/orders.md: never binary floats). Rounding is
 * half to even (banker's rounding), so many rounded amounts do not drift one way when added up.
 */
const Exact = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -60, toExpPos: 60 });

/** "12.00" ÷ 3 → "4"; "10" ÷ 3 → "3.3333" (to `scale` places): a unit price from a line's amount. */
export function divideAmount(amount: string, divisor: number, scale: number): string {
  return canonical(new Exact(amount).div(divisor).toDecimalPlaces(scale));
}

/** Sum of `unit × qty` over lines, exact. */
export function sumLineAmounts(lines: readonly { unit: string; qty: number }[]): string {
  return canonical(lines.reduce((sum, l) => sum.plus(new Exact(l.unit).times(l.qty)), new Exact(0)));
}

export function multiplyAmount(unit: string, qty: number): string {
  return canonical(new Exact(unit).times(qty));
}

/** -1, 0 or 1, exactly (no binary float in between). */
export function compareAmounts(a: string, b: string): number {
  return new Exact(a).comparedTo(b);
}

export function sumAmounts(amounts: readonly string[]): string {
  return canonical(amounts.reduce((sum, a) => sum.plus(a), new Exact(0)));
}

function canonical(value: Decimal): string {
  return value.isZero() ? '0' : value.toFixed();
}

/** `amount` plus `percent`% of it, rounded to `scale` places (a fuel surcharge on freight). */
export function addPercent(amount: string, percent: string, scale: number): string {
  const exact = new Exact(amount).times(new Exact(100).plus(percent)).div(100);
  return canonical(exact.toDecimalPlaces(scale));
}
