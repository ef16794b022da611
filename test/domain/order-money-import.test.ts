import { parseOrderFile } from '../../domain/orders/channel-formats';
import type { ParsedImport } from '../../domain/orders/order-draft';

/** The money reports need, as channel exports carry it (docs/reports.md): shipping charged and discounts. */
function parsed(result: ParsedImport | { error: string }): ParsedImport {
  if ('error' in result) throw new Error(result.error);
  return result;
}

describe('order money from imports', () => {
  test("Shopify: the order's Shipping and Discount Amount, from its first row", () => {
    const header =
      'Name,Created at,Currency,Shipping,Discount Amount,Lineitem quantity,Lineitem sku,Lineitem name,Lineitem price';
    const file = parsed(
      parseOrderFile(
        'shopify',
        [header, '#1,2026-11-10 10:00:00 +0100,EUR,5.90,3.00,2,A,Case,10.00', '#1,,,,,1,B,Cable,5.00'].join('\n'),
        'en',
      ),
    );
    expect(file.orders[0]!.totals).toMatchObject({ shipping: '5.9', discount: '3' });
  });

  test('Amazon order report: shipping and promotions per item row add up to the order, negative or not', () => {
    const header = [
      'order-id',
      'purchase-date',
      'sku',
      'quantity-purchased',
      'currency',
      'item-price',
      'shipping-price',
      'item-promotion-discount',
      'ship-promotion-discount',
      'recipient-name',
      'ship-address-1',
      'ship-country',
    ];
    const row = (sku: string, ship: string, itemPromo: string, shipPromo: string) => [
      '111-1',
      '2026-11-09T10:00:00+00:00',
      sku,
      '1',
      'GBP',
      '20.00',
      ship,
      itemPromo,
      shipPromo,
      'Ann',
      '1 High St',
      'GB',
    ];
    const text = [header, row('A', '3.00', '-1.00', '-0.50'), row('B', '2.00', '', '0.25')]
      .map((r) => r.join('\t'))
      .join('\n');
    const file = parsed(parseOrderFile('amazon', text, 'en'));
    expect(file.orders[0]!.totals).toMatchObject({ shipping: '5', discount: '1.75' });
  });

  test('the template takes optional shipping and discount columns, in English or Chinese', () => {
    const en = parsed(
      parseOrderFile('template', 'order_no,sku,qty,currency,shipping,discount\nT1,A,1,USD,4,1.5', 'en'),
    );
    expect(en.orders[0]!.totals).toMatchObject({ shipping: '4', discount: '1.5' });
    const zh = parsed(parseOrderFile('template', '订单号,SKU,数量,币种,收取运费,折扣\nT2,A,1,CNY,10,', 'zh'));
    expect(zh.orders[0]!.totals).toMatchObject({ shipping: '10', discount: null });
  });
});
