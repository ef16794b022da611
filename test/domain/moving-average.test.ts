import fc from 'fast-check';
import Decimal from 'decimal.js';
import { averageAfterReceipts, type CostedReceipt } from '../../domain/reports/moving-average';

const amount = fc.integer({ min: 0, max: 10_000_000 }).map((n) => new Decimal(n).div(10_000).toFixed());
const receipt = (currency: fc.Arbitrary<string>) =>
  fc.record({ qty: fc.integer({ min: 1, max: 10_000 }), unitCost: amount, currency });

describe('moving-average cost (docs/reports.md)', () => {
  test('value is conserved: on hand at the old cost plus what arrived equals the new cost × units (to 6 places)', () => {
    fc.assert(
      fc.property(
        amount,
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(receipt(fc.constant('CNY')), { maxLength: 6 }),
        (cost, onHand, receipts) => {
          const after = averageAfterReceipts({ avgCost: cost, currency: 'CNY' }, onHand, receipts);
          let value = new Decimal(cost).times(onHand);
          let units = onHand;
          for (const r of receipts) {
            // Nothing on hand: the receipt's cost alone (the old cost no longer weighs anything).
            if (units === 0) value = new Decimal(0);
            value = value.plus(new Decimal(r.unitCost).times(r.qty));
            units += r.qty;
          }
          if (units === 0) return expect(after).toEqual({ avgCost: cost, currency: 'CNY' });
          const exact = value.div(units);
          // Each receipt rounds to 6 places; the drift over a few receipts stays within a few millionths.
          expect(new Decimal(after!.avgCost).minus(exact).abs().lte(new Decimal('0.00001'))).toBe(true);
        },
      ),
    );
  });

  test('the average lies between the cheapest and the dearest cost that went into it', () => {
    fc.assert(
      fc.property(
        amount,
        fc.integer({ min: 1, max: 100_000 }),
        fc.array(receipt(fc.constant('USD')), { minLength: 1, maxLength: 6 }),
        (cost, onHand, receipts) => {
          const after = averageAfterReceipts({ avgCost: cost, currency: 'USD' }, onHand, receipts)!;
          const costs = [cost, ...receipts.map((r) => r.unitCost)].map((c) => new Decimal(c));
          expect(new Decimal(after.avgCost).gte(Decimal.min(...costs))).toBe(true);
          expect(new Decimal(after.avgCost).lte(Decimal.max(...costs))).toBe(true);
        },
      ),
    );
  });

  test('a receipt in another currency restarts the average at its own cost; no receipt changes nothing', () => {
    const receipts: CostedReceipt[] = [{ qty: 5, unitCost: '3', currency: 'USD' }];
    expect(averageAfterReceipts({ avgCost: '20', currency: 'CNY' }, 10, receipts)).toEqual({
      avgCost: '3',
      currency: 'USD',
    });
    expect(averageAfterReceipts({ avgCost: '20', currency: 'CNY' }, 10, [])).toEqual({
      avgCost: '20',
      currency: 'CNY',
    });
    expect(averageAfterReceipts(null, 0, [])).toBeNull();
    // 3 at 20 and 2 at 36: 26.4 (the hand-worked case of test/server/report-profit.test.ts).
    expect(
      averageAfterReceipts({ avgCost: '20', currency: 'CNY' }, 3, [{ qty: 2, unitCost: '36', currency: 'CNY' }]),
    ).toEqual({
      avgCost: '26.4',
      currency: 'CNY',
    });
  });
});
