import { chooseCarrier, type CarrierService, type ParcelFacts } from '../../domain/logistics/carrier-choice';
import { chargeableGrams, freightFor } from '../../domain/logistics/freight';
import type { RateLine } from '../../domain/logistics/rate-bands';
import { renderShipmentReasons } from '../../domain/logistics/shipment-reasons';

const service = (code: string, extra: Partial<CarrierService> = {}): CarrierService => ({
  code,
  adapter: 'sandbox',
  countries: ['FR', 'DE'],
  attributes: ['general'],
  maxWeightG: null,
  maxSideCm: null,
  dailyCapacity: null,
  priority: 10,
  volumetricDivisor: 6000,
  fuelSurchargePct: '0',
  active: true,
  ...extra,
});

const rate = (svc: string, countries: string[], from: number, to: number, extra: Partial<RateLine> = {}): RateLine => ({
  key: `${svc}@${countries.join('')}@${from}`,
  service: svc,
  zone: countries.join(''),
  countries,
  fromG: from,
  toG: to,
  firstG: 100,
  firstPrice: '30',
  stepG: 100,
  stepPrice: '5',
  currency: 'CNY',
  ...extra,
});

const parcel = (extra: Partial<ParcelFacts> = {}): ParcelFacts => ({
  country: 'FR',
  attributes: ['general'],
  actualG: 250,
  volumeCm3: 1000,
  longestSideCm: 20,
  ...extra,
});

const everywhere = (svc: string, extra: Partial<RateLine> = {}) => rate(svc, ['FR', 'DE'], 0, 30_000, extra);

describe('carrier choice (DESIGN 3.4), rule by rule', () => {
  const cases: {
    name: string;
    parcel?: Partial<ParcelFacts>;
    services: CarrierService[];
    rates?: RateLine[];
    left?: [string, number][];
    chosen: string | null;
    notes: string[];
  }[] = [
    {
      name: 'inactive services are left out',
      services: [service('A', { active: false }), service('B')],
      chosen: 'B',
      notes: ['chosen:B', 'excluded_inactive:A'],
    },
    {
      name: 'a service that does not serve the country is left out',
      parcel: { country: 'US' },
      services: [service('A'), service('B', { countries: ['US'] })],
      rates: [rate('B', ['US'], 0, 30_000)],
      chosen: 'B',
      notes: ['chosen:B', 'excluded_country:A'],
    },
    {
      name: 'every attribute in the parcel must be accepted',
      parcel: { attributes: ['battery', 'general'] },
      services: [service('A'), service('B', { attributes: ['general', 'battery'] })],
      chosen: 'B',
      notes: ['chosen:B', 'excluded_attribute:A'],
    },
    {
      name: 'chargeable weight, not actual, is held against the limit',
      // 250 g actual, 12,000 cm3 / 6000 = 2000 g volumetric
      parcel: { volumeCm3: 12_000 },
      services: [service('A', { maxWeightG: 1000 }), service('B', { maxWeightG: 2000 })],
      chosen: 'B',
      notes: ['chosen:B', 'excluded_weight:A'],
    },
    {
      name: 'a divisor of 5000 makes the same parcel heavier',
      parcel: { volumeCm3: 10_000 },
      services: [service('A', { maxWeightG: 1999, volumetricDivisor: 5000 }), service('B', { maxWeightG: 1999 })],
      chosen: 'B',
      notes: ['chosen:B', 'excluded_weight:A'],
    },
    {
      name: 'the longest side must fit',
      parcel: { longestSideCm: 61 },
      services: [service('A', { maxSideCm: 60 }), service('B', { maxSideCm: 61 })],
      chosen: 'B',
      notes: ['chosen:B', 'excluded_size:A'],
    },
    {
      name: 'a service without a rate for the country and weight is left out',
      services: [service('A'), service('B')],
      rates: [rate('A', ['DE'], 0, 30_000), everywhere('B')],
      chosen: 'B',
      notes: ['chosen:B', 'excluded_no_rate:A'],
    },
    {
      name: 'a service full today is left out',
      services: [service('A', { priority: 1, dailyCapacity: 100 }), service('B', { priority: 2 })],
      left: [['A', 0]],
      chosen: 'B',
      notes: ['chosen:B', 'excluded_capacity:A'],
    },
    {
      name: 'the lowest priority number wins over a lower price',
      services: [service('A', { priority: 2 }), service('B', { priority: 1 })],
      rates: [everywhere('A', { firstPrice: '1' }), everywhere('B')],
      chosen: 'B',
      notes: ['chosen:B', 'ranked_priority:A'],
    },
    {
      name: 'at equal priority the cheapest wins',
      services: [service('A'), service('B')],
      rates: [everywhere('A', { firstPrice: '31' }), everywhere('B')],
      chosen: 'B',
      notes: ['chosen:B', 'ranked_price:A'],
    },
    {
      name: 'a tie in priority and price goes to the first code',
      services: [service('B'), service('A')],
      chosen: 'A',
      notes: ['chosen:A', 'ranked_tie:B'],
    },
    {
      name: 'prices in two currencies are not compared',
      services: [service('A'), service('B')],
      rates: [everywhere('A', { currency: 'USD', firstPrice: '1' }), everywhere('B')],
      chosen: 'B',
      notes: ['chosen:B', 'ranked_currency:A'],
    },
    {
      name: 'when nothing fits, every service says why',
      parcel: { country: 'JP', attributes: ['general', 'liquid'] },
      services: [service('A', { countries: ['JP'] }), service('B')],
      chosen: null,
      notes: ['excluded_attribute:A', 'excluded_country:B'],
    },
  ];

  test.each(cases)('$name', (c) => {
    const rates = c.rates ?? c.services.map((s) => everywhere(s.code));
    const choice = chooseCarrier(parcel(c.parcel), c.services, rates, new Map(c.left ?? []));
    expect(choice.chosen?.service ?? null).toBe(c.chosen);
    expect(choice.notes.map((n) => `${n.key}:${n.params.service}`)).toEqual(c.notes);
  });

  test('the reasons read in both languages, chosen first', () => {
    const choice = chooseCarrier(
      parcel(),
      [service('A', { priority: 2 }), service('B', { priority: 1 })],
      [everywhere('A'), everywhere('B')],
      new Map(),
    );
    expect(renderShipmentReasons({ choice: choice.notes }, 'en')).toBe(
      'B: priority 1, 40 CNY for 250 g chargeable · A: priority 2 after B (1)',
    );
    expect(renderShipmentReasons({ choice: choice.notes }, 'zh')).toBe(
      'B：优先级 1，计费重 250 克，运费 40 CNY · A：优先级 2，低于 B（1）',
    );
    const none = chooseCarrier(parcel({ country: 'JP' }), [service('A')], [], new Map());
    expect(renderShipmentReasons({ choice: none.notes }, 'en')).toBe('No carrier service fits: A: does not serve JP');
  });
});

describe('freight', () => {
  test('chargeable weight is the larger of actual and volume / divisor, in whole grams', () => {
    expect(chargeableGrams(250, 1000, 6000)).toBe(250);
    expect(chargeableGrams(100, 1000, 6000)).toBe(167);
    expect(chargeableGrams(100, 1000, 5000)).toBe(200);
    expect(chargeableGrams(0, 0, 6000)).toBe(1);
  });

  test('first weight, each started step, then the fuel surcharge, rounded to the currency', () => {
    const line = rate('A', ['FR'], 0, 2000);
    expect(freightFor(line, 100, '0')).toEqual({ amount: '30', currency: 'CNY' });
    expect(freightFor(line, 101, '0')).toEqual({ amount: '35', currency: 'CNY' });
    expect(freightFor(line, 1000, '12.5')).toEqual({ amount: '84.38', currency: 'CNY' });
    expect(freightFor({ ...line, currency: 'JPY', firstPrice: '999' }, 50, '10')).toEqual({
      amount: '1099',
      currency: 'JPY',
    });
    expect(freightFor({ ...line, stepG: null, stepPrice: null }, 1500, '0')).toEqual({ amount: '30', currency: 'CNY' });
    // Exact decimals: 0.1 + 0.2 style sums never drift.
    expect(freightFor({ ...line, firstPrice: '0.1', stepPrice: '0.2' }, 200, '0').amount).toBe('0.3');
  });
});
