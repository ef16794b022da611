import fc from 'fast-check';
import { splitSafetyStock } from '../../domain/purchasing/safety-split';
import { addDays, purchaseSuggestion, suggestedQty } from '../../domain/purchasing/purchase-suggestion';
import { salesVelocity } from '../../domain/purchasing/sales-velocity';

/** DESIGN 3.3's formulas against cases computed by hand. */
describe('sales velocity', () => {
  test('r7, r14, r30 over the window days, weighted 0.5/0.3/0.2', () => {
    const v = salesVelocity({ sold7: 14, sold14: 21, sold30: 30, inStock7: 7, inStock14: 14, inStock30: 30 });
    expect(v).toEqual({ r7: 2, r14: 1.5, r30: 1, v: expect.closeTo(1.65, 10) });
  });

  test('leaving out stock-out days divides by the days in stock; a window never in stock spreads what it sold over all its days', () => {
    const sales = { sold7: 7, sold14: 7, sold30: 7, inStock7: 5, inStock14: 7, inStock30: 14 };
    expect(salesVelocity(sales, undefined, true)).toEqual({
      r7: 1.4,
      r14: 1,
      r30: 0.5,
      v: expect.closeTo(0.5 * 1.4 + 0.3 + 0.1, 10),
    });
    expect(salesVelocity(sales).v).toBeCloseTo(0.5 + 0.15 + 0.2 * (7 / 30), 10);
    expect(salesVelocity({ ...sales, inStock7: 0 }, { r7: 1, r14: 0, r30: 0 }, true).v).toBe(1);
    expect(salesVelocity({ ...sales, sold7: 0, inStock7: 0 }, { r7: 1, r14: 0, r30: 0 }, true).v).toBe(0);
  });
});

describe('purchase suggestion', () => {
  const base = {
    waiting: 3,
    available: 10,
    incoming: 5,
    velocity: 2,
    leadDays: 10,
    qcDays: 2,
    transitDays: 5,
    safetyStock: 6,
    coverageDays: 14,
    moq: 50,
    pack: 12,
  };

  test('need, MOQ and pack rounding, and an order-by date already passed (today)', () => {
    // L = 17; reorder point = 2·17 + 6 = 40; need = 3 + 2·31 + 6 − 15 = 56; ceil(max(56, 50) / 12) · 12 = 60.
    expect(purchaseSuggestion(base)).toEqual({
      leadTime: 17,
      reorderPoint: 40,
      need: 56,
      suggestedQty: 60,
      orderInDays: 0,
    });
  });

  test('MOQ wins over a small need; a pack of 1 buys the need exactly', () => {
    expect(suggestedQty(5, 50, 12)).toBe(60);
    expect(suggestedQty(5, 0, 1)).toBe(5);
    expect(suggestedQty(4.2, 0, 1)).toBe(5);
    expect(suggestedQty(12.000000000000002, 0, 12)).toBe(12); // float noise never buys an extra pack
  });

  test('zero need buys nothing; the order-by date is as far as the stock covers', () => {
    const plenty = purchaseSuggestion({ ...base, available: 1000 });
    // need = 3 + 62 + 6 − 1005 < 0; order in floor((1005 − 3 − 40) / 2) = 481 days.
    expect(plenty).toMatchObject({ suggestedQty: 0, orderInDays: 481 });
    expect(addDays('2026-11-27', plenty.orderInDays!)).toBe('2028-03-22');
  });

  test('no sales: nothing to order by unless orders wait, which makes it today', () => {
    const still = { ...base, velocity: 0, waiting: 0, safetyStock: 0, available: 0, incoming: 0 };
    expect(purchaseSuggestion(still)).toMatchObject({ need: 0, suggestedQty: 0, orderInDays: null });
    expect(purchaseSuggestion({ ...still, waiting: 4, moq: 0, pack: 1 })).toMatchObject({
      need: 4,
      suggestedQty: 4,
      orderInDays: 0,
    });
  });
});

describe('safety stock over warehouse rows', () => {
  test('split by demand share in whole units, the remainder to the largest fractions; no demand: the first row holds it all', () => {
    // 10 × 6/9 = 6.67, 10 × 3/9 = 3.33 → 6 + 3, one left to the larger fraction (0.67): 7 + 3.
    expect(splitSafetyStock(10, [6, 3])).toEqual([7, 3]);
    expect(splitSafetyStock(5, [0, 4, 0])).toEqual([0, 5, 0]);
    expect(splitSafetyStock(4, [0, 0])).toEqual([4, 0]);
    // 1 × 1/2 each: a tie goes to the earlier (better-ranked) row.
    expect(splitSafetyStock(1, [2, 2])).toEqual([1, 0]);
    expect(splitSafetyStock(0, [3, 1])).toEqual([0, 0]);
    expect(splitSafetyStock(7, [3])).toEqual([7]);
  });

  test("the parts always add up to the SKU's safety stock", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000 }), { minLength: 1, maxLength: 6 }),
        (safety, demands) => {
          const parts = splitSafetyStock(safety, demands);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(safety);
          expect(
            parts.every((p, i) => p >= 0 && (demands[i] === 0 && demands.some((d) => d > 0) ? p === 0 : true)),
          ).toBe(true);
        },
      ),
    );
  });
});
