import { addPercent, multiplyAmount, sumAmounts } from '../money/decimal-amount';
import { currencyDigits, type Money } from '../money/money';
import type { RateLine } from './rate-bands';

/** Chargeable weight (DESIGN 3.4): the larger of the actual and the volumetric weight, in whole grams. */
export function chargeableGrams(actualG: number, volumeCm3: number, divisor: number): number {
  const volumetricG = Math.ceil((volumeCm3 * 1000) / divisor);
  return Math.max(1, Math.ceil(actualG), volumetricG);
}

/** The rate line pricing `grams` to `country` on a service: the band above "from", up to and including "to". */
export function rateFor(lines: readonly RateLine[], service: string, country: string, grams: number): RateLine | null {
  return (
    lines.find(
      (line) => line.service === service && line.countries.includes(country) && line.fromG < grams && grams <= line.toG,
    ) ?? null
  );
}

/**
 * The first weight's price, plus each started step beyond it, plus the fuel surcharge, rounded to the
 * currency's decimals (exact decimals throughout; money never passes through a binary float).
 */
export function freightFor(line: RateLine, grams: number, fuelSurchargePct: string): Money {
  const beyond = Math.max(0, grams - line.firstG);
  const steps = beyond > 0 && line.stepG && line.stepPrice !== null ? Math.ceil(beyond / line.stepG) : 0;
  const base = sumAmounts([line.firstPrice, steps ? multiplyAmount(line.stepPrice!, steps) : '0']);
  const digits = currencyDigits(line.currency) ?? 2;
  return { amount: addPercent(base, fuelSurchargePct, digits), currency: line.currency };
}
