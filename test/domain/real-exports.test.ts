import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_REVIEW_SETTINGS, reviewOrder, type ReviewCandidate } from '../../domain/orders/auto-review';
import { parseOrderFile } from '../../domain/orders/channel-formats';
import type { OrderDraft, ParsedImport } from '../../domain/orders/order-draft';

/** Patterns seen in real shops' exports (blank SKUs, closed orders, apostrophes, Japanese addresses). */
const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'orders');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const KNOWN = new Set(['PC-BLK-01', 'CB-USBC-1M', 'PB-10K', 'NP-SET-12', 'MUG-NAME']);

function parsed(result: ParsedImport | { error: string }): ParsedImport {
  if ('error' in result) throw new Error(result.error);
  return result;
}
const review = (draft: OrderDraft, others: ReviewCandidate[] = [], lang: 'en' | 'zh' = 'en') =>
  reviewOrder({ draft, knownSkus: KNOWN, others }, DEFAULT_REVIEW_SETTINGS, lang);
const codes = (draft: OrderDraft) => review(draft).flags.map((f) => f.code);

describe('a Shopify export as real shops write it (73 columns)', () => {
  const file = parsed(parseOrderFile('shopify', read('shopify-real-patterns.csv'), 'en'));
  const order = (name: string) => file.orders.find((o) => o.externalId === name)!;

  test('every line that names something is kept; only a row with neither SKU nor name is refused', () => {
    expect(file.orders.map((o) => o.externalId)).toEqual([
      '#2001',
      '#2002',
      '#2003',
      '#2004',
      '#2005',
      '#2006',
      '#2007',
      '#2008',
      '#2009',
      '#2010',
      '#2011',
    ]);
    expect(file.rejected).toEqual([
      expect.objectContaining({
        row: 15,
        orderId: '#2012',
        field: 'sku',
        code: 'missing_sku_and_name',
        message: 'Row 15: no SKU and no product name',
      }),
    ]);
  });

  test('a line without a SKU is keyed by its name and holds the order in review, naming it', () => {
    const tee = order('#2001').lines[0]!;
    expect(tee).toMatchObject({
      sku: 'Classic Tee - Red / M',
      keyedByName: true,
      qty: 2,
      unitPrice: '25.99',
      fulfilment: 'crossdock',
    });
    const outcome = review(order('#2001'));
    expect(outcome.status).toBe('pending_review');
    expect(outcome.summary).toContain('no SKU for "Classic Tee - Red / M": add a SKU mapping from that name');
    expect(review(order('#2001'), [], 'zh').summary).toContain('"Classic Tee - Red / M" 没有 SKU');
  });

  test('a gift card is kept for the money but needs no shipping and no SKU', () => {
    const [gift, bank] = order('#2002').lines;
    expect(gift).toMatchObject({ sku: 'Gift Card - £50', fulfilment: 'none', unitPrice: '50' });
    expect(bank).toMatchObject({ sku: 'PB-10K', fulfilment: 'crossdock' });
    expect(order('#2002').closedBy).toBeNull();
    expect(codes(order('#2002'))).toEqual([]);
  });

  test("zips and phones lose the spreadsheet apostrophe; '(+44)' phones are read", () => {
    expect(order('#2001')).toMatchObject({ phone: '+1 617-253-1000', recipient: { postalCode: '02134' } });
    expect(order('#2002').phone).toBe('+44 7911 123456');
    expect(codes(order('#2001'))).not.toContain('invalid_postal_code');
    expect(codes(order('#2001'))).not.toContain('invalid_phone');
    expect(codes(order('#2002'))).not.toContain('invalid_phone');
  });

  test('orders the shop closed arrive closed: cancelled, refunded, voided, expired, or shipped by the shop', () => {
    expect(['#2003', '#2005', '#2006', '#2007', '#2008'].map((n) => order(n).closedBy)).toEqual([
      'cancelled',
      'refunded',
      'expired',
      'fulfilled',
      'fulfilled',
    ]);
    expect(review(order('#2003'))).toMatchObject({
      status: 'cancelled',
      summary: 'cancelled in Shopify before import',
    });
    expect(review(order('#2005'))).toMatchObject({ status: 'cancelled', summary: 'refunded in Shopify before import' });
    expect(review(order('#2007'))).toMatchObject({
      status: 'shipped',
      summary: 'fulfilled by Shopify before import (not from our stock)',
    });
    expect(order('#2007').lines.every((l) => l.fulfilment === 'channel')).toBe(true);
  });

  test('a delivered cash-on-delivery order asks for no call', () => {
    expect(order('#2008').paymentMethod).toBe('cod');
    expect(review(order('#2008'))).toMatchObject({ status: 'shipped' });
    expect(codes(order('#2008'))).not.toContain('cod');
  });

  test('unpaid orders are flagged; cash on delivery is unpaid by nature and asks for a call instead', () => {
    expect(review(order('#2009')).summary).toContain('not paid yet (pending)');
    expect(codes(order('#2004'))).not.toContain('unpaid');
  });

  test('Hong Kong and the UAE have no postal codes: none is asked for', () => {
    for (const n of ['#2010', '#2011']) {
      expect(order(n).recipient.postalCode).toBeNull();
      expect(codes(order(n))).toEqual([]);
    }
  });
});

describe('Amazon reports', () => {
  test('Japanese addresses have no city line: the prefecture and postal code are what they need', () => {
    const file = parsed(parseOrderFile('amazon', read('amazon-jp-unshipped-orders.txt'), 'en'));
    const yamada = file.orders.find((o) => o.externalId === '503-1234567-1000001')!;
    expect(yamada).toMatchObject({
      recipient: {
        name: '山田 太郎',
        address1: '千代田区千代田1-1',
        address2: 'パレスハイツ101号',
        city: null,
        province: '東京都',
        postalCode: '100-0001',
        country: 'JP',
      },
    });
    expect(codes(yamada)).toEqual([]);
    expect(codes({ ...yamada, recipient: { ...yamada.recipient, province: null } })).toEqual(['missing_address']);
  });

  test('quantity-to-ship is what is left to ship; personalisation stays with its line; cancellation requests flag the order', () => {
    const file = parsed(parseOrderFile('amazon', read('amazon-jp-unshipped-orders.txt'), 'en'));
    const sato = file.orders.find((o) => o.externalId === '503-1234567-1000002')!;
    expect(sato.lines.map((l) => [l.sku, l.qty, l.customization])).toEqual([
      ['PC-BLK-01', 2, null],
      ['MUG-NAME', 1, 'https://zme-caps.amazon.com/t/Xy7Qp2/ABCD1234/1'],
    ]);
    expect(review(sato).summary).toBe('the buyer asked to cancel (reason: 注文を間違えました)');
    const verge = file.orders.find((o) => o.externalId === '503-1234567-1000003')!;
    expect(codes(verge)).toEqual(['cancellation_requested']);
  });

  test("the order report's item-price is the line's price: the unit price is derived, the line's amount kept exactly", () => {
    const file = parsed(parseOrderFile('amazon', read('amazon-order-report.txt'), 'en'));
    const harry = file.orders[0]!;
    expect(harry.lines.map((l) => [l.sku, l.qty, l.unitPrice, l.lineTotal])).toEqual([
      ['PC-BLK-01', 2, '14.99', '29.98'],
      ['CB-USBC-1M', 3, '3.3333', '10'],
    ]);
    expect(harry.currency).toBe('GBP');
  });

  test('an All Orders report is named and the right report suggested; a file without addresses is refused naming the columns', () => {
    const allOrders = [
      'amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\tsales-channel\tsku\tquantity\tcurrency\titem-price\tship-city\tship-state\tship-postal-code\tship-country',
      '205-1\t\t2026-11-01T10:00:00+00:00\t2026-11-01T10:00:00+00:00\tShipped\tMerchant\tAmazon.de\tPB-10K\t1\tEUR\t39.90\tBerlin\t\t10115\tDE',
    ].join('\n');
    expect(parseOrderFile('amazon', allOrders, 'en')).toEqual({ error: expect.stringContaining('Unshipped Orders') });
    expect(parseOrderFile('amazon', allOrders, 'zh')).toEqual({ error: expect.stringContaining('未发货订单') });
    const pickupList = [
      'order-id\tpurchase-date\tsku\tquantity-purchased\tpickup-slot',
      '205-2\t2026-11-01T10:00:00+00:00\tPB-10K\t1\t10:00-12:00',
    ].join('\n');
    expect(parseOrderFile('amazon', pickupList, 'en')).toEqual({
      error:
        'This does not look like the Amazon unshipped orders report file: missing columns recipient-name, ship-address-1, ship-country',
    });
  });
});

describe('what a review of real exports found', () => {
  const template = (rows: string[]) => {
    const result = parseOrderFile(
      'template',
      ['Order no.,SKU,Qty,Country,Recipient,Address line 1,City', ...rows].join('\n'),
      'en',
    );
    if ('error' in result) throw new Error(result.error);
    return result;
  };

  test("a buyer's stray quote in an Amazon report is text: the next order is neither swallowed nor scrambled", () => {
    const file = read('amazon-order-report.txt').split('\r\n');
    const header = file[0]!.split('\t');
    const row = (id: string, address2: string) =>
      header
        .map(
          (c) =>
            ({
              'order-id': id,
              'purchase-date': '2026-11-09T10:00:00+00:00',
              sku: 'PB-10K',
              'quantity-purchased': '1',
              'recipient-name': 'Ann',
              'ship-address-1': '1 High St',
              'ship-address-2': address2,
              'ship-country': 'GB',
            })[c] ?? '',
        )
        .join('\t');
    const result = parsed(
      parseOrderFile('amazon', [file[0], row('111-1', '"Rear door'), row('111-2', '')].join('\n'), 'en'),
    );
    expect(result.orders.map((o) => [o.externalId, o.recipient.address2])).toEqual([
      ['111-1', '"Rear door'],
      ['111-2', null],
    ]);
  });

  test('a quantity above 1,000,000 (a pasted phone number) refuses its row instead of failing the import', () => {
    const result = template(['Q-1,SKU-1,3000000000,GB,Ann,1 High St,London', 'Q-2,SKU-1,2,GB,Bo,2 High St,London']);
    expect(result.orders.map((o) => o.externalId)).toEqual(['Q-2']);
    expect(result.rejected[0]).toMatchObject({ row: 2, field: 'qty', code: 'bad_qty' });
  });

  test('a product name that keys a line is held to the cap of a SKU mapping key', () => {
    const csv = read('shopify-real-patterns.csv').replace('Classic Tee - Red / M', 'T'.repeat(300));
    const result = parsed(parseOrderFile('shopify', csv, 'en'));
    expect(result.rejected).toEqual(
      expect.arrayContaining([expect.objectContaining({ orderId: '#2001', field: 'product', code: 'field_too_long' })]),
    );
  });

  test('an order with only gift cards is asked for no address or phone', () => {
    const draft = {
      ...parsed(parseOrderFile('shopify', read('shopify-real-patterns.csv'), 'en')).orders[1]!,
      phone: null,
    };
    const giftOnly = {
      ...draft,
      lines: draft.lines.filter((l) => l.fulfilment === 'none'),
      recipient: { ...draft.recipient, address1: null, postalCode: null },
    };
    expect(codes(giftOnly)).toEqual([]);
  });

  test('a line keyed by name and mapped to a SKU that is not a product yet is an unknown SKU, not "no SKU"', () => {
    const draft = parsed(parseOrderFile('shopify', read('shopify-real-patterns.csv'), 'en')).orders[0]!;
    const mapped = { ...draft, lines: draft.lines.map((l) => (l.keyedByName ? { ...l, sku: 'TEE-RED-M' } : l)) };
    const outcome = reviewOrder(
      { draft: mapped, knownSkus: KNOWN, others: [], channelSkus: draft.lines.map((l) => l.sku) },
      DEFAULT_REVIEW_SETTINGS,
      'en',
    );
    expect(outcome.flags.map((f) => [f.code, f.params])).toEqual([['unknown_sku', { skus: 'TEE-RED-M' }]]);
  });

  test("Ireland's postal code is optional: not asked for, checked when given", () => {
    const ie = template(['I-1,SKU-1,1,IE,Aoife Byrne,1 Main St,Dublin']).orders[0]!;
    expect(codes({ ...ie, phone: '+353 85 123 4567' })).toEqual(['unknown_sku']);
  });
});
