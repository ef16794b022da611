import { DEMO_ADDRESSES, DEMO_FIRST_NAMES, DEMO_LAST_NAMES, DEMO_PRICE_RATES, DEMO_PRODUCTS } from './demo-catalog';

/**
 * A day of the demo shop's orders, written as the files sellers download: a Shopify orders export
 * (GB, DE, FR in their currencies), an Amazon unshipped-orders report (US, prices per line) and the
 * Crossdock template for orders taken by hand. Deterministic: the same seed gives the same month.
 */
export type DemoOrder = {
  no: string;
  channel: 'shopify' | 'amazon' | 'template';
  at: Date;
  country: string;
  currency: string;
  customer: { name: string; email: string; phone: string; street: string };
  shipping: string;
  /** The order's discount (a welcome code on some orders), in its currency. */
  discount: string;
  lines: { sku: string; name: string; qty: number; price: string }[];
};

/** mulberry32: a small seeded generator, so the demo month is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function demoOrdersForDay(day: Date, dayIndex: number, random: () => number): DemoOrder[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const count = 4 + Math.floor(random() * 5) + (day.getUTCDay() === 0 || day.getUTCDay() === 6 ? 2 : 0);
  const orders: DemoOrder[] = [];
  for (let i = 0; i < count; i++) {
    const channel = pick(['shopify', 'shopify', 'amazon', 'amazon', 'template'] as const);
    const country = channel === 'amazon' ? 'US' : pick(['GB', 'DE', 'FR', 'US']);
    const address = DEMO_ADDRESSES[country]!;
    const n = dayIndex * 20 + i + 1; // a new customer per order: no look-alike duplicates by accident
    const name = `${pick(DEMO_FIRST_NAMES)} ${pick(DEMO_LAST_NAMES)}`;
    const rate = DEMO_PRICE_RATES[address.currency]!;
    const skus = new Set<string>();
    const lineCount = random() < 0.7 ? 1 : 2;
    while (skus.size < lineCount) skus.add(pick(DEMO_PRODUCTS).sku);
    const at = new Date(day.getTime() + Math.floor(random() * 14 * 3_600_000) + 7 * 3_600_000);
    orders.push({
      no: orderNo(channel, dayIndex, i, random),
      channel,
      at,
      country,
      currency: address.currency,
      customer: {
        name,
        email: `${name
          .split(' ')[0]!
          .toLowerCase()
          .normalize('NFD')
          .replace(/[^a-z]/g, '')}.${n}@example.com`,
        phone: address.phone(n),
        street: `${(n % 180) + 1} ${address.street}`,
      },
      shipping: (Math.round(4.99 * rate * 100) / 100).toFixed(2),
      discount: '0.00',
      lines: [...skus].map((sku) => {
        const product = DEMO_PRODUCTS.find((p) => p.sku === sku)!;
        return {
          sku,
          name: product.name,
          qty: random() < 0.8 ? 1 : 2,
          price: (Math.round(product.price * rate * 100) / 100).toFixed(2),
        };
      }),
    });
    const order = orders[orders.length - 1]!;
    if (random() < 0.15) order.discount = (subtotalOf(order) * 0.1).toFixed(2);
  }
  return orders;
}

function orderNo(channel: DemoOrder['channel'], day: number, i: number, random: () => number): string {
  const seq = day * 20 + i;
  if (channel === 'shopify') return `#${2001 + seq}`;
  if (channel === 'amazon')
    return `114-${String(3_000_000 + Math.floor(random() * 6_999_999))}-${String(1_000_000 + seq).padStart(7, '0')}`;
  return `M-${String(seq + 1).padStart(4, '0')}`;
}

const subtotalOf = (o: DemoOrder) => o.lines.reduce((sum, l) => sum + Number(l.price) * l.qty, 0);

const stamp = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19);

/** Shopify admin › Orders › Export: order columns on an order's first row only. */
export function shopifyExport(orders: DemoOrder[]): string {
  const header =
    'Name,Email,Financial Status,Fulfillment Status,Currency,Subtotal,Shipping,Taxes,Total,Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Lineitem requires shipping,Lineitem fulfillment status,Shipping Name,Shipping Address1,Shipping Address2,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Payment Method';
  const rows = orders.flatMap((o) => {
    const subtotal = subtotalOf(o);
    const created = `${stamp(o.at)} +0000`;
    return o.lines.map((l, i) => {
      const order =
        i === 0
          ? [
              o.customer.email,
              'paid',
              'unfulfilled',
              o.currency,
              subtotal.toFixed(2),
              o.shipping,
              '0.00',
              (subtotal + Number(o.shipping) - Number(o.discount)).toFixed(2),
              o.discount,
            ]
          : [o.customer.email, '', '', '', '', '', '', '', ''];
      const ship =
        i === 0
          ? [
              o.customer.name,
              o.customer.street,
              '',
              DEMO_ADDRESSES[o.country]!.city,
              DEMO_ADDRESSES[o.country]!.zip,
              DEMO_ADDRESSES[o.country]!.province,
              o.country,
              o.customer.phone,
              'Shopify Payments',
            ]
          : ['', '', '', '', '', '', '', '', ''];
      return [o.no, ...order, created, String(l.qty), l.name, l.price, l.sku, 'true', 'pending', ...ship].join(',');
    });
  });
  return [header, ...rows].join('\n');
}

/** Amazon Seller Central › Unshipped orders, with the price columns of the order report (line totals). */
export function amazonReport(orders: DemoOrder[]): string {
  const header = [
    'order-id',
    'order-item-id',
    'purchase-date',
    'payments-date',
    'buyer-email',
    'buyer-name',
    'buyer-phone-number',
    'sku',
    'product-name',
    'quantity-purchased',
    'quantity-shipped',
    'quantity-to-ship',
    'ship-service-level',
    'recipient-name',
    'ship-address-1',
    'ship-address-2',
    'ship-address-3',
    'ship-city',
    'ship-state',
    'ship-postal-code',
    'ship-country',
    'currency',
    'item-price',
    'shipping-price',
    'item-promotion-discount',
  ].join('\t');
  const rows = orders.flatMap((o, n) =>
    o.lines.map((l, i) => {
      const a = DEMO_ADDRESSES[o.country]!;
      const iso = o.at.toISOString().replace('.000Z', '+00:00');
      return [
        o.no,
        String(52_749_385_000_000 + n * 10 + i),
        iso,
        iso,
        o.customer.email,
        o.customer.name,
        o.customer.phone,
        l.sku,
        l.name,
        String(l.qty),
        '0',
        String(l.qty),
        'Standard',
        o.customer.name,
        o.customer.street,
        '',
        '',
        a.city,
        a.province,
        a.zip,
        o.country,
        o.currency,
        (Number(l.price) * l.qty).toFixed(2),
        i === 0 ? o.shipping : '0.00',
        i === 0 ? o.discount : '0.00',
      ].join('\t');
    }),
  );
  return [header, ...rows].join('\n');
}

/** Crossdock's order template, for orders taken by hand (phone, chat). */
export function templateFile(orders: DemoOrder[]): string {
  const header =
    'Order no.,Order date,SKU,Product,Qty,Unit price,Currency,Payment,Recipient,Phone,Email,Address line 1,City,State/Province,Postal code,Country,Shipping charged,Discount';
  const rows = orders.flatMap((o) =>
    o.lines.map((l, i) => {
      const a = DEMO_ADDRESSES[o.country]!;
      return [
        o.no,
        stamp(o.at),
        l.sku,
        l.name,
        String(l.qty),
        l.price,
        o.currency,
        'prepaid',
        o.customer.name,
        o.customer.phone,
        o.customer.email,
        o.customer.street,
        a.city,
        a.province,
        a.zip,
        o.country,
        i === 0 ? o.shipping : '',
        i === 0 ? o.discount : '',
      ].join(',');
    }),
  );
  return [header, ...rows].join('\n');
}
