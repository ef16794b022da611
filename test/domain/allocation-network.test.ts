import fc from 'fast-check';
import {
  allocateOrder,
  servingWarehouses,
  unservedWaiting,
  type AllocationWarehouse,
} from '../../domain/inventory/allocation';
import { renderWaiting } from '../../domain/inventory/inventory-messages';
import { stockMoveFor } from '../../domain/inventory/order-stock-status';
import { stockKey } from '../../domain/inventory/stock-key';

/**
 * Over random networks (which countries each warehouse ships to, ranks, active flags, stock) and random
 * orders allocated one after another: no order waits for a SKU while a warehouse that ships to its country
 * still has that SKU available, and an order no warehouse ships to never reaches pending purchase.
 */
const COUNTRIES = ['DE', 'FR', 'GB', 'US', 'SA'] as const;
const SKUS = ['A', 'B', 'C'] as const;
const CODES = ['W1', 'W2', 'W3'] as const;

const warehouse = (code: string) =>
  fc.record({
    code: fc.constant(code),
    rank: fc.integer({ min: 1, max: 3 }),
    countries: fc.subarray([...COUNTRIES]),
    active: fc.boolean(),
  });
const order = fc.record({
  country: fc.constantFrom(...COUNTRIES),
  lines: fc.array(fc.record({ sku: fc.constantFrom(...SKUS), qty: fc.integer({ min: 1, max: 5 }) }), {
    minLength: 1,
    maxLength: 3,
  }),
});
const stock = fc.dictionary(
  fc.constantFrom(...SKUS.flatMap((sku) => CODES.map((code) => stockKey(sku, code)))),
  fc.nat(6),
);

test('no allocatable order waits, and no order nobody ships to is sent to purchasing (property)', () => {
  fc.assert(
    fc.property(
      fc.tuple(...CODES.map(warehouse)),
      fc.array(order, { minLength: 1, maxLength: 6 }),
      stock,
      (network: AllocationWarehouse[], orders, onHand) => {
        const available = new Map(Object.entries(onHand));
        for (const o of orders) {
          const serving = servingWarehouses(network, o.country);
          const needs = o.lines.map((l, i) => ({ lineNo: i + 1, ...l }));
          const plan = allocateOrder(needs, serving, available);
          for (const shortage of plan.shortages)
            for (const w of serving) expect(available.get(stockKey(shortage.sku, w.code)) ?? 0).toBe(0);
          const move = stockMoveFor('approved', plan.shortages.length === 0, serving.length > 0);
          if (!serving.length) {
            expect(plan.reservations).toEqual([]);
            expect(move).toBeNull();
          } else expect(move).toBe(plan.shortages.length ? 'reserve_partial' : 'reserve_full');
          // Only warehouses that ship to the order's country give it stock.
          for (const r of plan.reservations) expect(serving.map((w) => w.code)).toContain(r.warehouse);
        }
      },
    ),
  );
});

test('an unserved order says which country, or that it has none, in both languages', () => {
  expect(renderWaiting(unservedWaiting(' sa '), 'en')).toBe(
    "no active warehouse ships to SA: add it to a warehouse's countries",
  );
  expect(renderWaiting(unservedWaiting('SA'), 'zh')).toBe('没有启用的仓库发往 SA：请在仓库的国家中加入它');
  expect(renderWaiting(unservedWaiting(null), 'en')).toBe(
    'the order has no country: no warehouse can be chosen to ship it',
  );
  expect(renderWaiting(unservedWaiting(''), 'zh')).toBe('订单没有国家：无法选择发货仓库');
});
