import fs from 'node:fs';
import path from 'node:path';
import { parseOrderFile } from '../../domain/orders/channel-formats';
import type { OrderDraft, ParsedImport } from '../../domain/orders/order-draft';
import { parseSourceTime } from '../../domain/orders/source-time';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'orders');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

function parsed(result: ParsedImport | { error: string }): ParsedImport {
  if ('error' in result) throw new Error(result.error);
  return result;
}

function order(result: ParsedImport, id: string): OrderDraft {
  const found = result.orders.find((o) => o.externalId === id);
  if (!found) throw new Error(`no order ${id}`);
  return found;
}

/** A plain line we ship, as every line of the basic samples is. */
const OURS = { lineTotal: null, fulfilment: 'crossdock', keyedByName: false, customization: null };

describe('Shopify orders export', () => {
  const result = parsed(parseOrderFile('shopify', read('shopify-orders-export.csv'), 'en'));

  test('one order per Name, lines from every row, order columns from the first row', () => {
    expect(result.rejected).toEqual([]);
    expect(result.orders.map((o) => o.externalId)).toEqual(['#1001', '#1002', '#1003', '#1004', '#1005']);
    const first = order(result, '#1001');
    expect(first.lines).toEqual([
      { sku: 'PC-BLK-01', name: 'Silicone Phone Case - Black', qty: 2, unitPrice: '14.99', sourceRow: 2, ...OURS },
      { sku: 'CB-USBC-1M', name: 'USB-C Cable 1m', qty: 1, unitPrice: '15.99', sourceRow: 3, ...OURS },
    ]);
    expect(first).toMatchObject({
      channel: 'shopify',
      currency: 'GBP',
      paymentMethod: 'prepaid',
      email: 'emma.w@example.com',
      phone: '+44 7700 900123',
      recipient: {
        name: 'Emma Wilson',
        address1: '12 Abbey Road',
        city: 'London',
        postalCode: 'NW8 9AY',
        country: 'GB',
      },
      totals: { subtotal: '45.98', shipping: '4.99', tax: '7.66', total: '50.97' },
    });
    expect(first.orderedAt).toEqual({
      utc: '2026-10-03T08:12:40.000Z',
      local: '2026-10-03 09:12:40 +0100',
      offset: '+01:00',
    });
  });

  test('cash on delivery and an Arabic (right-to-left) address come through as typed', () => {
    const cod = order(result, '#1003');
    expect(cod.paymentMethod).toBe('cod');
    expect(cod.recipient.name).toBe('عبدالله الحربي');
    expect(cod.recipient.address1).toBe('طريق الملك فهد، العليا');
    expect(cod.note).toBe('Please call before delivery');
    expect(cod.currency).toBe('SAR');
  });
});

describe('Amazon unshipped orders report', () => {
  const result = parsed(parseOrderFile('amazon', read('amazon-unshipped-orders.txt'), 'en'));

  test('rows with the same order-id form one order; no prices in this report', () => {
    expect(result.rejected).toEqual([]);
    const maria = order(result, '114-3941689-8772232');
    expect(maria.lines.map((l) => [l.sku, l.qty, l.unitPrice])).toEqual([
      ['PB-10K', 1, null],
      ['CB-USBC-1M', 2, null],
    ]);
    expect(maria).toMatchObject({
      channel: 'amazon',
      phone: '+1 415-555-0132',
      recipient: {
        address1: '1 Market St',
        address2: 'Suite 300',
        city: 'San Francisco',
        province: 'CA',
        postalCode: '94105',
        country: 'US',
      },
    });
    expect(maria.orderedAt?.utc).toBe('2026-10-06T08:14:09.000Z');
    expect(order(result, '302-5512094-1183320')).toMatchObject({
      phone: null,
      recipient: { name: 'Sophie Müller', city: 'München' },
    });
  });
});

describe('the plain template and hand-made files', () => {
  const header = 'Order no.,Order date,SKU,Qty,Unit price,Currency,Payment,Recipient,Phone,Country';

  test('BOM, CRLF, quoted commas and newlines, emoji and formula-looking text are read as text', () => {
    const text = `\ufeff${header}\r\nSO-1,2026-10-05 10:00,MUG-1,2,"1,5",USD,COD,"Zoë 🎉, ""the boss""",=HYPERLINK("x"),US\r\nSO-2,2026-10-05 10:00,MUG-1,1,3.50,USD,,"Line one\nline two",+1 555 0100,us\r\n`;
    const result = parsed(parseOrderFile('template', text, 'en'));
    // "1,5" is not a price (decimal commas are refused, never read as 15): the whole order SO-1 is left out.
    expect(result.rejectedOrders).toEqual(['SO-1']);
    expect(result.rejected).toEqual([
      {
        row: 2,
        orderId: 'SO-1',
        field: 'unit_price',
        code: 'bad_price',
        message: 'Row 2: price "1,5" is not a number',
      },
    ]);
    const second = order(result, 'SO-2');
    expect(second.recipient.name).toBe('Line one\nline two');
    expect(second.recipient.country).toBe('US');
    expect(second.orderedAt).toEqual({ utc: '2026-10-05T10:00:00.000Z', local: '2026-10-05 10:00', offset: null });
    const okFirst = parsed(parseOrderFile('template', text.replace('"1,5"', '1.5'), 'en'));
    expect(order(okFirst, 'SO-1')).toMatchObject({
      paymentMethod: 'cod',
      phone: '=HYPERLINK("x")',
      recipient: { name: 'Zoë 🎉, "the boss"' },
    });
  });

  test('rows that cannot form a line are refused with their reason, in Chinese, and their order is left out whole', () => {
    const text = [
      '订单号,SKU,数量,单价',
      'A-1,SKU-1,1,2',
      'A-1,,2,2',
      'B-1,SKU-2,0,1',
      'C-1,SKU-3,1.5,1',
      ',SKU-4,1,1',
      'D-1,SKU-5,3,abc',
      'E-1,SKU-6,2,',
    ].join('\n');
    const result = parsed(parseOrderFile('template', text, 'zh'));
    expect(result.orders.map((o) => o.externalId)).toEqual(['E-1']);
    expect(result.rejectedOrders.sort()).toEqual(['A-1', 'B-1', 'C-1', 'D-1']);
    expect(result.rejected.map((e) => [e.row, e.code])).toEqual([
      [2, 'order_left_out'],
      [3, 'missing_sku'],
      [4, 'bad_qty'],
      [5, 'bad_qty'],
      [6, 'missing_order_id'],
      [7, 'bad_price'],
    ]);
    expect(result.rejected.find((e) => e.row === 4)?.message).toBe('第 4 行：数量“0”不是 1 到 1,000,000 之间的整数');
    expect(order(result, 'E-1').lines[0]!.unitPrice).toBeNull();
  });

  test('a file of another format is named as such, not half-read', () => {
    const result = parseOrderFile('shopify', read('amazon-unshipped-orders.txt'), 'en');
    expect(result).toEqual({
      error: expect.stringContaining('does not look like the Shopify orders export file: missing columns'),
    });
  });
});

describe('source times', () => {
  test.each([
    ['2026-10-03 09:12:40 +0100', '2026-10-03T08:12:40.000Z', '+01:00'],
    ['2026-10-06T08:14:09+00:00', '2026-10-06T08:14:09.000Z', '+00:00'],
    ['2026-10-06T08:14:09Z', '2026-10-06T08:14:09.000Z', '+00:00'],
    ['2026-10-04 14:02:10 +0300', '2026-10-04T11:02:10.000Z', '+03:00'],
    ['2026-10-05 10:00', '2026-10-05T10:00:00.000Z', null],
    ['2026-10-05', '2026-10-05T00:00:00.000Z', null],
  ])('%s is %s UTC (offset %s)', (text, utc, offset) => {
    expect(parseSourceTime(text)).toEqual({ utc, local: text, offset });
  });

  test.each(['2026-02-30 10:00', '2026-02-30', '2026-10-5', 'yesterday', '2026-10-05 25:00', '2026-10-05 +01:00'])(
    '%s is refused',
    (text) => {
      expect(parseSourceTime(text)).toBeNull();
    },
  );
});
