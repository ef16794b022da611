import fc from 'fast-check';
import { servingWarehouses, type AllocationWarehouse } from '../../domain/inventory/allocation';
import {
  networkRouter,
  networkRows,
  plannedWarehouse,
  type CountryDemand,
} from '../../domain/purchasing/network-demand';
import { purchaseSuggestion, type SuggestionInput } from '../../domain/purchasing/purchase-suggestion';
import { splitSafetyStock } from '../../domain/purchasing/safety-split';
import { salesVelocity } from '../../domain/purchasing/sales-velocity';
import { planTransfers, surplusOf } from '../../domain/purchasing/transfer-plan';

const NETWORK: AllocationWarehouse[] = [
  { code: 'DE1', rank: 1, countries: ['DE', 'FR', 'AT', 'NL'], active: true },
  { code: 'UK1', rank: 2, countries: ['GB'], active: true },
  { code: 'US1', rank: 3, countries: ['US'], active: true },
];
const inStock = { inStock7: 7, inStock14: 14, inStock30: 30 };
const params = { leadDays: 10, qcDays: 0, transitDays: 0, coverageDays: 20, moq: 0, pack: 1 };

/** The service's steps, in the domain: rows of the network, velocity, safety split, transfers before buys. */
function plan(
  warehouses: readonly AllocationWarehouse[],
  lines: Parameters<typeof networkRows>[1],
  demand: readonly CountryDemand[],
  sku: Omit<SuggestionInput, 'waiting' | 'available' | 'incoming' | 'velocity' | 'safetyStock'> & { safety: number },
) {
  const rows = networkRows(warehouses, lines, demand);
  const safety = splitSafetyStock(
    sku.safety,
    rows.map((r) => r.sold30 + r.waiting),
  );
  const inputs = rows.map((r, i): SuggestionInput => ({
    ...sku,
    waiting: r.waiting,
    available: r.available,
    incoming: r.incoming,
    velocity: salesVelocity(r).v,
    safetyStock: safety[i]!,
  }));
  return { rows, inputs, planned: planTransfers(rows.map((r, i) => ({ warehouse: r.warehouse, input: inputs[i]! }))) };
}

describe('demand by the warehouses that serve it', () => {
  test("the issue's example: a GB order's cable is planned at UK1, filled from US1's surplus before buying", () => {
    const { rows, planned } = plan(
      NETWORK,
      [{ warehouse: 'US1', available: 57, incoming: 0, ...inStock }],
      [{ country: 'GB', sold7: 7, sold14: 14, sold30: 30, waiting: 3 }],
      { ...params, safety: 0 },
    );
    // v = 1/day at UK1; need = 3 + 1·(10 + 20) = 33. US1 sells nothing: all 57 are surplus.
    expect(rows.map((r) => [r.warehouse, r.available, r.sold30, r.waiting])).toEqual([
      ['UK1', 0, 30, 3],
      ['US1', 57, 0, 0],
    ]);
    expect(planned.map((p) => [p.transfersIn, p.suggestion.suggestedQty])).toEqual([
      [[{ from: 'US1', qty: 33 }], 0],
      [[], 0],
    ]);
  });

  test('transfers cover what a surplus can; the rest is bought (MOQ and pack apply to the rest only)', () => {
    const { planned } = plan(
      NETWORK,
      [{ warehouse: 'US1', available: 12, incoming: 40, ...inStock }],
      [{ country: 'GB', sold7: 7, sold14: 14, sold30: 30, waiting: 3 }],
      { ...params, safety: 0, pack: 10 },
    );
    // US1 may give 12 (its incoming 40 is not there yet); UK1 buys 33 − 12 = 21 → 3 packs of 10.
    expect(planned[0]).toMatchObject({ transfersIn: [{ from: 'US1', qty: 12 }], suggestion: { suggestedQty: 30 } });
  });

  test('a country goes to the best-ranked serving warehouse that keeps the SKU, else the best-ranked serving one; none serves SA', () => {
    const withFr = [...NETWORK, { code: 'FR1', rank: 4, countries: ['FR'], active: true }];
    expect(plannedWarehouse(withFr, new Set(['FR1']), 'FR')).toBe('FR1');
    expect(plannedWarehouse(withFr, new Set(['US1']), 'FR')).toBe('DE1');
    expect(plannedWarehouse(withFr, new Set(['US1']), 'SA')).toBeNull();
    const rows = networkRows(withFr, [], [{ country: 'SA', sold7: 1, sold14: 1, sold30: 1, waiting: 9 }]);
    expect(rows).toEqual([]);
  });
});

const COUNTRIES = ['DE', 'FR', 'GB', 'US', 'SA'] as const;
const CODES = ['W1', 'W2', 'W3', 'W4'] as const;
const network = fc.tuple(
  ...CODES.map((code) =>
    fc.record({
      code: fc.constant(code),
      rank: fc.integer({ min: 1, max: 3 }),
      countries: fc.subarray([...COUNTRIES]),
      active: fc.boolean(),
    }),
  ),
);
const demand = fc.array(
  fc
    .record({
      country: fc.constantFrom(...COUNTRIES),
      a: fc.nat(10),
      b: fc.nat(10),
      c: fc.nat(20),
      waiting: fc.nat(8),
    })
    .map(({ country, a, b, c, waiting }) => ({ country, sold7: a, sold14: a + b, sold30: a + b + c, waiting })),
  { maxLength: 6 },
);
const stock = fc.array(
  fc.record({ code: fc.constantFrom(...CODES), available: fc.nat(80), incoming: fc.nat(30), out: fc.nat(30) }),
  { maxLength: 4 },
);
const sku = fc.record({
  leadDays: fc.nat(30),
  qcDays: fc.nat(3),
  transitDays: fc.nat(20),
  coverageDays: fc.nat(40),
  moq: fc.nat(20),
  pack: fc.integer({ min: 1, max: 6 }),
  safety: fc.nat(20),
});

test('over random networks: no stock is planned where none of the demand is served, no transfer exceeds a surplus (property)', () => {
  fc.assert(
    fc.property(network, demand, stock, sku, (warehouses, wanted, held, params) => {
      const active = new Set(warehouses.filter((w) => w.active).map((w) => w.code));
      const lines = [...new Map(held.filter((h) => active.has(h.code)).map((h) => [h.code, h])).values()].map((h) => ({
        warehouse: h.code,
        available: h.available,
        incoming: h.incoming,
        inStock7: 7,
        inStock14: 14,
        inStock30: 30 - h.out,
      }));
      const { rows, inputs, planned } = plan(warehouses, lines, wanted, params);
      // Demand from a country no active warehouse serves is planned nowhere (it is flagged on its orders).
      const demanded = wanted
        .filter((d) => d.sold30 + d.waiting > 0 && servingWarehouses(warehouses, d.country).length > 0)
        .map((d) => d.country);
      const sent = new Map<string, number>();
      planned.forEach((p, i) => {
        const code = rows[i]!.warehouse;
        const plans = p.suggestion.suggestedQty > 0 || p.transfersIn.length > 0;
        // With no demand any warehouse can serve, the SKU's safety stock sits with its first row alone.
        if (plans && demanded.length)
          expect(demanded.some((c) => servingWarehouses(warehouses, c).some((w) => w.code === code))).toBe(true);
        if (plans && !demanded.length) expect(i).toBe(0);
        const received = p.transfersIn.reduce((sum, t) => sum + t.qty, 0);
        if (received) expect(received).toBeLessThanOrEqual(Math.ceil(purchaseSuggestion(inputs[i]!).need - 1e-9));
        for (const t of p.transfersIn) {
          expect(t.from).not.toBe(code);
          sent.set(t.from, (sent.get(t.from) ?? 0) + t.qty);
        }
      });
      rows.forEach((r, i) => {
        const input = inputs[i]!;
        const own =
          input.waiting + input.velocity * (input.leadDays + input.qcDays + input.transitDays + input.coverageDays);
        const surplus = Math.min(input.available, input.available + input.incoming - own - input.safetyStock);
        expect(sent.get(r.warehouse) ?? 0).toBeLessThanOrEqual(Math.max(0, surplus + 1e-9));
        expect(sent.get(r.warehouse) ?? 0).toBeLessThanOrEqual(surplusOf(input));
      });
    }),
    { numRuns: 500 },
  );
});

/** The documented rule, written plainly per SKU (a map of rows, `plannedWarehouse` per country): the reference. */
function referenceRows(
  warehouses: readonly AllocationWarehouse[],
  lines: Parameters<typeof networkRows>[1],
  wanted: readonly CountryDemand[],
) {
  const empty = { sold7: 0, sold14: 0, sold30: 0, waiting: 0 };
  const rows = new Map(lines.map((l) => [l.warehouse, { ...l, ...empty }]));
  const keptIn = new Set(rows.keys());
  for (const d of wanted) {
    const code = plannedWarehouse(warehouses, keptIn, d.country);
    if (code === null) continue;
    const row = rows.get(code) ?? {
      warehouse: code,
      available: 0,
      incoming: 0,
      inStock7: 0,
      inStock14: 0,
      inStock30: 0,
      ...empty,
    };
    row.sold7 += d.sold7;
    row.sold14 += d.sold14;
    row.sold30 += d.sold30;
    row.waiting += d.waiting;
    rows.set(code, row);
  }
  const rank = (code: string) => warehouses.find((w) => w.code === code)?.rank ?? Number.MAX_SAFE_INTEGER;
  return [...rows.values()].sort(
    (a, b) =>
      rank(a.warehouse) - rank(b.warehouse) || (a.warehouse < b.warehouse ? -1 : a.warehouse > b.warehouse ? 1 : 0),
  );
}

test('one router for a whole request routes every SKU as the rule does for that SKU alone, any country case (property)', () => {
  const anyCase = fc.constantFrom('DE', 'de', ' Fr', 'GB', 'us', 'SA', '');
  const skuOf = fc.record({
    held: stock,
    wanted: fc.array(
      fc.record({ country: anyCase, sold7: fc.nat(9), sold14: fc.nat(9), sold30: fc.nat(9), waiting: fc.nat(9) }),
      { maxLength: 6 },
    ),
  });
  fc.assert(
    fc.property(network, fc.array(skuOf, { minLength: 1, maxLength: 8 }), (warehouses, skus) => {
      const route = networkRouter(warehouses);
      for (const { held, wanted } of skus) {
        // Lines as the database gives them, a warehouse twice included: the later line counts.
        const lines = held.map((h) => ({
          warehouse: h.code,
          available: h.available,
          incoming: h.incoming,
          inStock7: 7,
          inStock14: 14,
          inStock30: 30 - h.out,
        }));
        expect(route(lines, wanted)).toEqual(referenceRows(warehouses, lines, wanted));
      }
    }),
    { numRuns: 300 },
  );
});
