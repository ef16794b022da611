/**
 * Review flags that a person must override, knowingly and with a reason, to approve an order
 * (docs/orders.md): cash on delivery without a call that reached the customer, a possible duplicate, a
 * phone or postal code that is wrong or missing, a high value, a blocklisted customer. Other flags (an
 * incomplete address, an unknown SKU) keep an order from shipping at all and are fixed, not overridden.
 */
export const OVERRIDE_FLAGS = [
  'cod',
  'possible_duplicate',
  'invalid_phone',
  'missing_phone',
  'invalid_postal_code',
  'high_value',
  'blocklisted',
] as const;

/** The flags an approval of this order overrides, in the order the review raised them. */
export function flagsToOverride(flags: readonly { code: string }[], reachedCall: boolean): string[] {
  const codes = [...new Set(flags.map((f) => f.code))].filter((code) =>
    (OVERRIDE_FLAGS as readonly string[]).includes(code),
  );
  // A call that reached the customer is what a cash-on-delivery order waited for.
  return reachedCall ? codes.filter((code) => code !== 'cod') : codes;
}
