import Decimal from 'decimal.js';

const Exact = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -60, toExpPos: 60 });

/** A SKU's unit cost: the moving average of what was received (docs/reports.md), in one currency. */
export type SkuCost = { avgCost: string; currency: string };
export type CostedReceipt = { qty: number; unitCost: string; currency: string };

/** Six places: a cost of 1/3 CNY stays exact enough for any report, and the text stays short. */
const SCALE = 6;

/**
 * The cost after receipts, in the order they arrived: units already on hand (all warehouses) keep their cost,
 * received units bring theirs. A receipt in another currency restarts the average at its own cost: two
 * currencies cannot be averaged without a rate that may not exist yet. Nothing on hand (or less than nothing
 * counted): the receipt's cost.
 */
export function averageAfterReceipts(
  current: SkuCost | null,
  onHandBefore: number,
  receipts: readonly CostedReceipt[],
): SkuCost | null {
  let cost = current;
  let onHand = Math.max(0, onHandBefore);
  for (const receipt of receipts) {
    if (receipt.qty <= 0) continue;
    if (!cost || cost.currency !== receipt.currency || onHand === 0) {
      cost = { avgCost: fixed(new Exact(receipt.unitCost)), currency: receipt.currency };
    } else {
      const total = new Exact(cost.avgCost).times(onHand).plus(new Exact(receipt.unitCost).times(receipt.qty));
      cost = { avgCost: fixed(total.div(onHand + receipt.qty)), currency: cost.currency };
    }
    onHand += receipt.qty;
  }
  return cost;
}

function fixed(value: Decimal): string {
  const rounded = value.toDecimalPlaces(SCALE);
  return rounded.isZero() ? '0' : rounded.toFixed();
}
