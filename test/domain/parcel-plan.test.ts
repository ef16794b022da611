import fc from 'fast-check';
import type { CarrierService } from '../../domain/logistics/carrier-choice';
import { planParcels, type PlanOrder, type ProductFacts } from '../../domain/logistics/parcel-plan';
import { recipientKey } from '../../domain/logistics/recipient-key';

const product = (sku: string, attributes: string[], weightG: number | null = 100): ProductFacts => ({
  sku,
  weightG,
  lengthCm: 10,
  widthCm: 10,
  heightCm: 10,
  attributes,
});
const PRODUCTS = new Map(
  [
    product('CASE', ['general']),
    product('BATTERY', ['battery', 'general']),
    product('PERFUME', ['general', 'liquid']),
    product('MAGNET', ['magnetic']),
    product('NOWEIGHT', ['general'], null),
  ].map((p) => [p.sku, p]),
);
const service = (code: string, attributes: string[]): CarrierService => ({
  code,
  adapter: 'manual',
  countries: ['FR', 'DE'],
  attributes,
  maxWeightG: null,
  maxSideCm: null,
  dailyCapacity: null,
  priority: 10,
  volumetricDivisor: 6000,
  fuelSurchargePct: '0',
  active: true,
});
// Batteries and liquids each have a carrier, none carries both; nobody carries magnets.
const SERVICES = [service('BAT', ['general', 'battery']), service('LIQ', ['general', 'liquid'])];

const customers = ['Amy Lee', 'Bob Stone', 'Chen Wei'];
const recipientOf = (customer: number, country: string) => ({
  name: customers[customer]!,
  phone: `+33 6 12 34 56 ${customer}0`,
  address1: `${customer + 1} rue de la Paix`,
  address2: null,
  postalCode: '75002',
  country,
});

const orderArb = fc.record({
  customer: fc.integer({ min: 0, max: 2 }),
  country: fc.constantFrom('FR', 'DE'),
  units: fc.array(
    fc.record({
      sku: fc.constantFrom('CASE', 'BATTERY', 'PERFUME', 'MAGNET', 'NOWEIGHT'),
      warehouse: fc.constantFrom('DE1', 'FR1'),
      qty: fc.integer({ min: 1, max: 5 }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
});

type OrderDraft = { customer: number; country: string; units: { sku: string; warehouse: string; qty: number }[] };

function ordersFrom(drafts: OrderDraft[]): PlanOrder[] {
  return drafts.map((d, i) => ({
    orderNo: `O${i}`,
    recipient: recipientOf(d.customer, d.country),
    units: d.units.map((u, lineNo) => ({ orderNo: `O${i}`, lineNo: lineNo + 1, ...u })),
  }));
}

describe('planning parcels (merge and split)', () => {
  test('every ordered unit is in exactly one parcel; merged parcels share recipient and warehouse', () => {
    fc.assert(
      fc.property(fc.array(orderArb, { minLength: 1, maxLength: 12 }), (drafts) => {
        const orders = ordersFrom(drafts);
        const parcels = planParcels(orders, PRODUCTS, SERVICES);
        const units = new Map<string, number>();
        for (const o of orders) for (const u of o.units) units.set(`${o.orderNo}/${u.lineNo}@${u.warehouse}`, u.qty);
        const placed = new Map<string, number>();
        for (const p of parcels) {
          for (const l of p.lines) {
            const id = `${l.orderNo}/${l.lineNo}@${p.warehouse}`;
            placed.set(id, (placed.get(id) ?? 0) + l.qty);
          }
          const keys = new Set(p.orderNos.map((no) => recipientKey(orders.find((o) => o.orderNo === no)!.recipient)));
          expect(keys.size).toBe(1);
          expect(
            p.orderNos.every((no) =>
              orders.find((o) => o.orderNo === no)!.units.some((u) => u.warehouse === p.warehouse),
            ),
          ).toBe(true);
          // Batteries and liquids never share a parcel: no service carries both.
          expect(p.attributes.includes('battery') && p.attributes.includes('liquid')).toBe(false);
          // Missing data is named, never defaulted.
          const noWeight = p.lines.some((l) => l.sku === 'NOWEIGHT');
          expect(p.facts === null).toBe(noWeight);
          if (noWeight) expect(p.missing).toContainEqual({ key: 'missing_weight', params: { sku: 'NOWEIGHT' } });
        }
        expect(placed).toEqual(units);
      }),
      { numRuns: 300 },
    );
  });

  test('one customer, one warehouse: one parcel; the same customer typed differently still merges', () => {
    const orders: PlanOrder[] = [
      {
        orderNo: 'A1',
        recipient: recipientOf(0, 'FR'),
        units: [{ orderNo: 'A1', lineNo: 1, sku: 'CASE', warehouse: 'DE1', qty: 1 }],
      },
      {
        orderNo: 'A2',
        recipient: { ...recipientOf(0, 'FR'), name: 'AMY  LEE', phone: '+33612345600', address1: '1, Rue de la Paix' },
        units: [{ orderNo: 'A2', lineNo: 1, sku: 'CASE', warehouse: 'DE1', qty: 2 }],
      },
      {
        orderNo: 'B1',
        recipient: recipientOf(1, 'FR'),
        units: [{ orderNo: 'B1', lineNo: 1, sku: 'CASE', warehouse: 'DE1', qty: 1 }],
      },
    ];
    expect(planParcels(orders, PRODUCTS, SERVICES).map((p) => p.orderNos)).toEqual([['A1', 'A2'], ['B1']]);
  });

  test('a battery and a liquid of one order split; a plain item rides with the first', () => {
    const orders: PlanOrder[] = [
      {
        orderNo: 'M1',
        recipient: recipientOf(2, 'DE'),
        units: [
          { orderNo: 'M1', lineNo: 1, sku: 'CASE', warehouse: 'DE1', qty: 1 },
          { orderNo: 'M1', lineNo: 2, sku: 'BATTERY', warehouse: 'DE1', qty: 1 },
          { orderNo: 'M1', lineNo: 3, sku: 'PERFUME', warehouse: 'DE1', qty: 1 },
        ],
      },
    ];
    const parcels = planParcels(orders, PRODUCTS, SERVICES);
    expect(parcels.map((p) => p.lines.map((l) => l.sku))).toEqual([['CASE', 'BATTERY'], ['PERFUME']]);
    expect(parcels[0]!.facts).toMatchObject({ actualG: 200, volumeCm3: 2000, longestSideCm: 10 });
  });
});
