import { code as iso4217 } from 'currency-codes';

/**
 * Money is an exact decimal string with its currency (docs/orders.md: never a binary float, never without a
 * currency). How many decimals a currency has comes from ISO 4217 (JPY 0, EUR 2, KWD 3).
 * Rounding, wherever an amount must be rounded (a unit price from a line's amount, a share of freight,
 * a conversion), is half to even, so rounded amounts do not drift one way when added up.
 */
export type Money = { amount: string; currency: string };

// Remembered per code as written: the table is searched row by row, and an import asks for every amount.
// Bounded: a file full of made-up codes cannot grow it without end.
const DIGITS = new Map<string, number | null>();

/** ISO 4217 decimals of a currency code (any case); null for a code that is not a currency. */
export function currencyDigits(currency: string): number | null {
  let digits = DIGITS.get(currency);
  if (digits === undefined) {
    const entry = iso4217(currency.trim().toUpperCase());
    digits = entry ? entry.digits : null;
    if (DIGITS.size < 512) DIGITS.set(currency, digits);
  }
  return digits;
}

/** The decimals an amount really uses: "12.50" uses 1, "1980.00" uses 0. */
export function usedDecimals(amount: string): number {
  const dot = amount.indexOf('.');
  if (dot === -1) return 0;
  const next = amount.indexOf('.', dot + 1);
  let end = next === -1 ? amount.length : next;
  while (end > dot + 1 && amount.charCodeAt(end - 1) === 48) end--; // trailing '0's
  return end - dot - 1;
}

/**
 * An amount with more decimals than its currency has ("12.345 EUR", "1980.5 JPY") cannot be money in
 * that currency: it is refused rather than rounded, so no digit is dropped silently. Unknown currencies
 * are auto-review's business, not this check's.
 */
export function fitsCurrency(amount: string, currency: string | null): boolean {
  const digits = currency ? currencyDigits(currency) : null;
  return digits === null || usedDecimals(amount) <= digits;
}
