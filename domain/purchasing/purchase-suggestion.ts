/**
 * What to buy and by when, for one SKU (docs/purchasing.md), with every input explicit so every screen and test
 * agrees:
 *   L = supplier lead days + QC days + transit days
 *   reorder point = v·L + safety stock
 *   need = waiting + v·(L + coverage days) + safety stock − (available + incoming)
 *   suggested qty = 0 when need ≤ 0, else ceil(max(need, MOQ) ÷ pack) × pack
 *   order-by = today + floor((available + incoming − waiting − reorder point) ÷ v) days, never before today;
 *              none when v = 0 and nothing waits.
 */
export type SuggestionInput = {
  /** Units on approved orders not yet reserved. */
  waiting: number;
  available: number;
  incoming: number;
  /** Daily velocity v. */
  velocity: number;
  leadDays: number;
  qcDays: number;
  transitDays: number;
  safetyStock: number;
  coverageDays: number;
  moq: number;
  pack: number;
};

export type Suggestion = {
  leadTime: number;
  reorderPoint: number;
  need: number;
  suggestedQty: number;
  /** Days from today until the order must be placed (0 = today); null when nothing calls for buying. */
  orderInDays: number | null;
};

export function purchaseSuggestion(input: SuggestionInput): Suggestion {
  const leadTime = input.leadDays + input.qcDays + input.transitDays;
  const reorderPoint = input.velocity * leadTime + input.safetyStock;
  const need =
    input.waiting +
    input.velocity * (leadTime + input.coverageDays) +
    input.safetyStock -
    (input.available + input.incoming);
  return {
    leadTime,
    reorderPoint,
    need,
    suggestedQty: suggestedQty(need, input.moq, input.pack),
    orderInDays: orderInDays(input, reorderPoint),
  };
}

export function suggestedQty(need: number, moq: number, pack: number): number {
  if (need <= 0) return 0;
  const unit = Math.max(1, Math.floor(pack));
  // Float noise (v is a weighted sum) must not buy a whole extra pack: 12.000000000000002 is 12.
  const wanted = Math.max(roundUpSafe(need), Math.max(0, moq));
  return Math.ceil(wanted / unit) * unit;
}

function orderInDays(input: SuggestionInput, reorderPoint: number): number | null {
  const cover = input.available + input.incoming - input.waiting - reorderPoint;
  if (input.velocity <= 0) return input.waiting > 0 ? 0 : null;
  return Math.max(0, Math.floor(roundDownSafe(cover / input.velocity)));
}

function roundUpSafe(x: number): number {
  return Math.ceil(x - 1e-9);
}

function roundDownSafe(x: number): number {
  return Math.floor(x + 1e-9);
}

/** today + n days as an ISO date (UTC calendar). */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
