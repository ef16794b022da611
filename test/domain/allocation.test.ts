import fc from 'fast-check';
import { allocateOrder, remainingNeeds, servingWarehouses, waitingBySku } from '../../domain/inventory/allocation';
import { countedOnHand, releasesForShortfall } from '../../domain/inventory/stock-count';
import { stockMoveFor } from '../../domain/inventory/order-stock-status';
import { splitStockKey, stockKey } from '../../domain/inventory/stock-key';

const W = (code: string, rank: number, countries: string[] = [], active = true) => ({ code, rank, countries, active });

describe('allocation (pure)', () => {
  test('warehouses serving a country, by rank then code; no countries listed serves all; inactive ones never', () => {
    const all = [W('B', 2, ['FR']), W('A', 2, ['fr']), W('US', 1, ['US']), W('ANY', 3), W('OFF', 0, ['FR'], false)];
    expect(servingWarehouses(all, 'FR').map((w) => w.code)).toEqual(['A', 'B', 'ANY']);
    expect(servingWarehouses(all, null).map((w) => w.code)).toEqual(['ANY']);
  });

  test('one warehouse that fills the whole order wins over a better-ranked one that cannot; lines of one SKU are summed', () => {
    const available = new Map([
      ['PC@FR1', 3],
      ['PC@DE1', 4],
      ['CB@DE1', 1],
    ]);
    const plan = allocateOrder(
      [
        { lineNo: 1, sku: 'PC', qty: 2 },
        { lineNo: 2, sku: 'PC', qty: 2 },
        { lineNo: 3, sku: 'CB', qty: 1 },
      ],
      [W('FR1', 1), W('DE1', 2)],
      available,
    );
    expect(plan).toEqual({
      reservations: [
        { lineNo: 1, sku: 'PC', warehouse: 'DE1', qty: 2 },
        { lineNo: 2, sku: 'PC', warehouse: 'DE1', qty: 2 },
        { lineNo: 3, sku: 'CB', warehouse: 'DE1', qty: 1 },
      ],
      shortages: [],
    });
    expect(available.get('PC@DE1')).toBe(0);
  });

  test('else each line takes what it can in rank order and the rest is a shortage', () => {
    const plan = allocateOrder(
      [
        { lineNo: 1, sku: 'PC', qty: 5 },
        { lineNo: 2, sku: 'XX', qty: 1 },
      ],
      [W('FR1', 1), W('DE1', 2)],
      new Map([
        ['PC@FR1', 1],
        ['PC@DE1', 2],
      ]),
    );
    expect(plan.reservations).toEqual([
      { lineNo: 1, sku: 'PC', warehouse: 'FR1', qty: 1 },
      { lineNo: 1, sku: 'PC', warehouse: 'DE1', qty: 2 },
    ]);
    expect(plan.shortages).toEqual([
      { lineNo: 1, sku: 'PC', missing: 2 },
      { lineNo: 2, sku: 'XX', missing: 1 },
    ]);
    expect(
      waitingBySku(
        remainingNeeds(
          [
            { lineNo: 1, sku: 'PC', qty: 5 },
            { lineNo: 2, sku: 'XX', qty: 1 },
          ],
          [{ lineNo: 1, qty: 3 }],
        ),
      ),
    ).toEqual([
      { sku: 'PC', missing: 2 },
      { sku: 'XX', missing: 1 },
    ]);
  });

  test('never takes more than is available nor more than is needed (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ sku: fc.constantFrom('A', 'B', 'C'), qty: fc.integer({ min: 0, max: 6 }) }), {
          maxLength: 5,
        }),
        fc.dictionary(fc.constantFrom('A@W1', 'A@W2', 'B@W1', 'B@W2', 'C@W2'), fc.nat(8)),
        (lines, stock) => {
          const available = new Map(Object.entries(stock));
          const needs = lines.map((l, i) => ({ lineNo: i + 1, ...l }));
          const plan = allocateOrder(needs, [W('W1', 1), W('W2', 2)], available);
          for (const [key, left] of available) expect(left).toBeGreaterThanOrEqual(0);
          for (const need of needs) {
            const got = plan.reservations.filter((r) => r.lineNo === need.lineNo).reduce((s, r) => s + r.qty, 0);
            const missing = plan.shortages.find((s) => s.lineNo === need.lineNo)?.missing ?? 0;
            expect(got + missing).toBe(need.qty);
          }
          for (const [key, before] of Object.entries(stock)) {
            const taken = plan.reservations
              .filter((r) => stockKey(r.sku, r.warehouse) === key)
              .reduce((s, r) => s + r.qty, 0);
            expect(taken).toBe(before - available.get(key)!);
          }
        },
      ),
    );
  });
});

describe('counts and releases (pure)', () => {
  const where = { sku: 'PC', warehouse: 'FR1' };
  test('a count applies its change to the current value; a new line sets it; below zero is refused', () => {
    expect(countedOnHand(10, 12, 9, where, 'en')).toBe(7);
    expect(countedOnHand(10, null, 4, where, 'en')).toBe(4);
    const refused = countedOnHand(2, 10, 5, where, 'en');
    expect(refused).toMatchObject({
      code: 'count_below_zero',
      message: 'PC in FR1: the server has 2; your count changes 10 to 5, which would leave -3. Count again.',
    });
  });

  test('newest reservations give way first; the last one touched keeps part', () => {
    const held = [
      { id: 1, orderNo: 'O1', lineNo: 1, qty: 3, seq: 1 },
      { id: 2, orderNo: 'O2', lineNo: 1, qty: 2, seq: 2 },
      { id: 3, orderNo: 'O3', lineNo: 1, qty: 2, seq: 3 },
    ];
    expect(releasesForShortfall(held, 4)).toEqual([
      { id: 3, orderNo: 'O3', lineNo: 1, release: 2, keep: 0 },
      { id: 2, orderNo: 'O2', lineNo: 1, release: 1, keep: 1 },
    ]);
    expect(releasesForShortfall(held, 7)).toEqual([]);
  });

  test('status from holdings, and stock keys', () => {
    expect([
      stockMoveFor('approved', true),
      stockMoveFor('approved', false),
      stockMoveFor('pending_purchase', true),
      stockMoveFor('pending_purchase', false),
      stockMoveFor('pending_shipment', false),
      stockMoveFor('shipped', false),
    ]).toEqual(['reserve_full', 'reserve_partial', 'stock_arrived', null, 'stock_lost', null]);
    expect(splitStockKey(stockKey(' A@B ', 'W1'))).toEqual({ sku: 'A@B', warehouse: 'W1' });
    expect(splitStockKey('nowarehouse@')).toBeNull();
  });
});
