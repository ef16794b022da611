/**
 * The demo shop (`npx crossdock demo`, docs/reports.md "Demo"): a phone-accessories seller in Shenzhen
 * with warehouses in Berlin and Los Angeles, selling on Shopify, Amazon and by hand to four countries.
 * Rows are pushed as the team's sheets would push them (sync push), so every sheet rule applies.
 */
export type DemoProduct = {
  sku: string;
  name: string;
  nameZh: string;
  weightG: number;
  size: [number, number, number];
  /** Cost per unit from the supplier, CNY (a decimal string: money is exact). */
  cost: string;
  /** Shop price in USD; other currencies are converted by DEMO_PRICE_RATES. */
  price: number;
  supplier: string;
  owner: string;
  declared: string;
};

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  {
    sku: 'PC-BLK-01',
    name: 'Silicone Phone Case - Black',
    nameZh: '硅胶手机壳 黑色',
    weightG: 60,
    size: [18, 10, 2],
    cost: '8.50',
    price: 14.99,
    supplier: 'SZ-CASE',
    owner: 'lily@demo-shop.test',
    declared: 'Phone case',
  },
  {
    sku: 'PC-CLR-01',
    name: 'Clear Phone Case',
    nameZh: '透明手机壳',
    weightG: 50,
    size: [18, 10, 2],
    cost: '6.20',
    price: 12.99,
    supplier: 'SZ-CASE',
    owner: 'lily@demo-shop.test',
    declared: 'Phone case',
  },
  {
    sku: 'CB-USBC-1M',
    name: 'USB-C Cable 1m',
    nameZh: 'USB-C 数据线 1米',
    weightG: 40,
    size: [12, 8, 2],
    cost: '4.80',
    price: 15.99,
    supplier: 'DG-CABLE',
    owner: 'mark@demo-shop.test',
    declared: 'USB cable',
  },
  {
    sku: 'CB-USBC-2M',
    name: 'USB-C Cable 2m',
    nameZh: 'USB-C 数据线 2米',
    weightG: 70,
    size: [14, 9, 3],
    cost: '6.90',
    price: 19.99,
    supplier: 'DG-CABLE',
    owner: 'mark@demo-shop.test',
    declared: 'USB cable',
  },
  {
    sku: 'PB-10K',
    name: 'Power Bank 10000mAh',
    nameZh: '充电宝 10000毫安',
    weightG: 230,
    size: [15, 8, 3],
    cost: '48.00',
    price: 34.99,
    supplier: 'HZ-POWER',
    owner: 'mark@demo-shop.test',
    declared: 'Power bank',
  },
  {
    sku: 'SP-GLS-01',
    name: 'Tempered Glass Screen Protector',
    nameZh: '钢化玻璃膜',
    weightG: 30,
    size: [18, 10, 1],
    cost: '2.10',
    price: 9.99,
    supplier: 'SZ-CASE',
    owner: 'lily@demo-shop.test',
    declared: 'Screen protector',
  },
  {
    sku: 'CH-20W',
    name: '20W USB-C Charger',
    nameZh: '20W 快充头',
    weightG: 90,
    size: [8, 6, 4],
    cost: '18.50',
    price: 24.99,
    supplier: 'HZ-POWER',
    owner: 'mark@demo-shop.test',
    declared: 'Charger',
  },
  {
    sku: 'ST-CAR-01',
    name: 'Magnetic Car Mount',
    nameZh: '磁吸车载支架',
    weightG: 120,
    size: [12, 8, 6],
    cost: '11.00',
    price: 21.99,
    supplier: 'NB-MOUNT',
    owner: 'lily@demo-shop.test',
    declared: 'Phone holder',
  },
];

export const DEMO_SUPPLIERS: Record<string, string> = {
  'SZ-CASE': 'Shenzhen Case Works',
  'DG-CABLE': 'Dongguan Cable Co',
  'HZ-POWER': 'Huizhou Power Ltd',
  'NB-MOUNT': 'Ningbo Mounts',
};

/** What one unit is worth in USD (the demo's base currency), for the FX sheet; the next month drifts a little. */
export const DEMO_FX_TO_USD: Record<string, string> = { CNY: '0.1381', EUR: '1.0870', GBP: '1.2658' };

/** Channel fees as a seller would type them: Shopify payments, Amazon's referral fee, nothing by hand. */
export const DEMO_CHANNEL_FEES: Record<string, Record<string, string>> = {
  shopify: { platform_fee_pct: '0', platform_fee_fixed: '0', payment_fee_pct: '2.9', payment_fee_fixed: '0.30' },
  amazon: { platform_fee_pct: '15', platform_fee_fixed: '0', payment_fee_pct: '0', payment_fee_fixed: '0' },
  template: { platform_fee_pct: '0', platform_fee_fixed: '0', payment_fee_pct: '0', payment_fee_fixed: '0' },
};

/** Shop prices in other currencies (a price list, not an FX rate: the shop sets them per market). */
export const DEMO_PRICE_RATES: Record<string, number> = { USD: 1, EUR: 0.92, GBP: 0.79 };

export const DEMO_WAREHOUSES = [
  { code: 'SZ', name: 'Shenzhen', countries: ['US', 'GB', 'DE', 'FR'], rank: 3 },
  { code: 'DE1', name: 'Berlin', countries: ['DE', 'FR', 'GB'], rank: 1 },
  { code: 'US1', name: 'Los Angeles', countries: ['US'], rank: 1 },
] as const;

/** On hand the day the demo starts, by SKU@warehouse (the first stock count). */
export const DEMO_OPENING_STOCK: Record<string, number> = Object.fromEntries(
  DEMO_PRODUCTS.flatMap((p, i) => [
    [`${p.sku}@DE1`, 10 + ((i * 7) % 15)],
    [`${p.sku}@US1`, 8 + ((i * 5) % 12)],
    [`${p.sku}@SZ`, 20 + ((i * 11) % 20)],
  ]),
);

/** Sandbox services: EU from Berlin and China, US, and an express line; rate cards per country in CNY. */
export const DEMO_CARRIERS = [
  { code: 'SBX-EU', name: 'Sandbox Europe', countries: ['DE', 'FR', 'GB'], priority: 10, first: '18', step: '3' },
  { code: 'SBX-US', name: 'Sandbox USA', countries: ['US'], priority: 10, first: '22', step: '4' },
  {
    code: 'SBX-XP',
    name: 'Sandbox Express',
    countries: ['US', 'GB', 'DE', 'FR'],
    priority: 30,
    first: '60',
    step: '9',
  },
] as const;

/** Recipients by country: real-looking addresses whose postal codes and phones pass the checks. */
export const DEMO_ADDRESSES: Record<
  string,
  { city: string; province: string; zip: string; street: string; phone: (n: number) => string; currency: string }
> = {
  US: {
    city: 'San Francisco',
    province: 'CA',
    zip: '94105',
    street: 'Market St',
    phone: (n) => `+1 415-555-01${pad(n)}`,
    currency: 'USD',
  },
  GB: {
    city: 'London',
    province: '',
    zip: 'NW8 9AY',
    street: 'Abbey Road',
    phone: (n) => `+44 7911 123${pad(n, 3)}`,
    currency: 'GBP',
  },
  DE: {
    city: 'Berlin',
    province: '',
    zip: '10115',
    street: 'Invalidenstraße',
    phone: (n) => `+49 30 901820${pad(n)}`,
    currency: 'EUR',
  },
  FR: {
    city: 'Paris',
    province: '',
    zip: '75002',
    street: 'rue de la Paix',
    phone: (n) => `+33 6 12 34 56 ${pad(n)}`,
    currency: 'EUR',
  },
};

export const DEMO_FIRST_NAMES = [
  'Emma',
  'Liam',
  'Mia',
  'Noah',
  'Sofia',
  'Lucas',
  'Hannah',
  'Leon',
  'Chloé',
  'Oliver',
  'Amelia',
  'Jonas',
  'Léa',
  'Ethan',
  'Ava',
  'Felix',
];
export const DEMO_LAST_NAMES = [
  'Wilson',
  'Garcia',
  'Müller',
  'Martin',
  'Smith',
  'Schmidt',
  'Bernard',
  'Brown',
  'Fischer',
  'Dubois',
  'Taylor',
  'Weber',
  'Moreau',
  'Clark',
];

function pad(n: number, width = 2): string {
  return String(n % 10 ** width).padStart(width, '0');
}
