import { DATABASE_KINDS } from '../support/databases';
import type { ApiHarness } from '../support/api-harness';
import {
  approveAll,
  key,
  pushRows,
  rateRow,
  row,
  sandboxService,
  shippable,
  startLogisticsApi,
} from '../support/logistics-fixture';

const NOW = new Date('2026-11-20T12:00:00Z');

/**
 * Profit per order line (docs/reports.md), worked out by hand for a small set of orders in EUR, USD, CNY and
 * GBP (base EUR): shipping and discounts spread by revenue, channel fees (percent + fixed per order), COGS at
 * the cost when reserved (a later PO receipt moves the average for later orders only), a parcel holding two
 * orders whose actual freight comes from the carrier's bill (shared by weight), a refund, and a missing rate.
 */
describe.each(DATABASE_KINDS)('report profit, on %s', (kind) => {
  let api: ApiHarness;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ api, close } = await startLogisticsApi(kind, {}, [], () => NOW));
  });
  afterAll(async () => {
    await close?.();
  });

  const HEADER =
    'Order no.,Order date,SKU,Qty,Unit price,Currency,Payment,Recipient,Phone,Address line 1,City,Postal code,Country';
  const extra = ',Shipping charged,Discount';
  const addressOf = (who: number) => `Client ${who},+3361234567${who},${who} rue de la Paix,Paris,75002,FR`;
  const line = (no: string, sku: string, qty: number, price: string, currency: string, who: number, money = ',') =>
    `${no},2026-11-10,${sku},${qty},${price},${currency},prepaid,${addressOf(who)},${money}`;

  async function importOrders(csKey: string, lines: string[]) {
    const answer = await api.call('POST', '/v1/orders/import', {
      key: csKey,
      body: { format: 'template', text: [HEADER + extra, ...lines].join('\n') },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.rejected).toBeFalsy();
  }

  async function report(bossKey: string, path: string) {
    const answer = await api.call('GET', `/v1/reports/${path}?limit=100`, { key: bossKey });
    expect(answer.status).toBe(200);
    const { columns, rows } = answer.body as { columns: string[]; rows: unknown[][] };
    return rows.map((cells) => Object.fromEntries(columns.map((c, i) => [c, cells[i]])));
  }

  test('every amount of every line as worked out by hand, in the base currency', async () => {
    const ws = await api.workspace();
    const [cs, lg, wh, boss, buyer, sales] = await Promise.all([
      ws.keyFor('cs@shop.test', ['cs']),
      ws.keyFor('lg@shop.test', ['logistics']),
      ws.keyFor('wh@shop.test', ['warehouse']),
      ws.keyFor('boss@shop.test', ['boss']),
      ws.keyFor('buyer@shop.test', ['purchasing']),
      ws.keyFor('sam@shop.test', ['sales']),
    ]);
    const cost = (unit: string) => ({ unit_cost: unit, cost_currency: 'CNY', supplier: 'SUP1' });
    await pushRows(api, ws, {
      suppliers: [row('SUP1', { lead_days: 7 })],
      products: [
        shippable('A', { ...cost('20'), weight_g: 200, sales_owner: 'sam@shop.test' }),
        shippable('B', { ...cost('8'), weight_g: 50 }),
      ],
      warehouses: [row('DE1', { name: 'Berlin', countries: ['FR'], rank: 1 })],
      carriers: [sandboxService('SBX-EU')],
      rates: [rateRow('SBX-EU', 'FR', 0, 2000)],
      fx_rates: [
        row('USD@2026-11', { currency: 'USD', month: '2026-11', rate: '0.9' }),
        row('CNY@2026-11', { currency: 'CNY', month: '2026-11', rate: '0.125' }),
      ],
      channel_fees: [row('template', { platform_fee_pct: '10', platform_fee_fixed: '0.30', payment_fee_pct: '2' })],
    });
    await pushRows(api, ws, { stock: [row('A@DE1', { on_hand: 3 }), row('B@DE1', { on_hand: 1 })] });
    const based = await api.call('POST', '/v1/settings/reports', { key: boss, body: { baseCurrency: 'EUR' } });
    expect(based.status).toBe(200);

    // S1 and S2: one customer (one parcel), reserved at the products' cost (20 and 8 CNY).
    await importOrders(cs, [
      line('S1', 'A', 2, '10', 'EUR', 1, '4,2.5'),
      line('S1', 'B', 1, '5', 'EUR', 1),
      line('S2', 'A', 1, '30', 'USD', 1),
    ]);
    await approveAll(api, cs, ['S1', 'S2']);
    // Read now and after each step below: the kept report data must follow every change (docs/reports.md).
    expect((await report(boss, 'order-lines')).map((l) => l.cogs)).toEqual(['5.00', '1.00', '2.50']);

    // Two more A at 36 CNY while 3 are on hand at 20: the average becomes (3×20 + 2×36) / 5 = 26.4 CNY.
    const po = await api.call('POST', '/v1/purchasing/orders', {
      key: buyer,
      body: { idempotencyKey: key('po'), lines: [{ sku: 'A', qty: 2, unitCost: '36', currency: 'CNY' }] },
    });
    expect(po.status).toBe(200);
    const poNo = po.body.orders[0].poNo;
    const received = await api.call('POST', '/v1/purchasing/receipts', {
      key: wh,
      body: { idempotencyKey: key('receive'), poNo, lines: [{ lineNo: 1, qty: 2 }] },
    });
    expect(received.status).toBe(200);
    expect((await report(boss, 'order-lines')).map((l) => l.profit)).toHaveLength(3);

    // S4 reserved after the receipt (26.4 CNY); S5 in GBP, a currency the FX sheet lacks.
    await importOrders(cs, [line('S4', 'A', 1, '100', 'CNY', 4), line('S5', 'A', 1, '10', 'GBP', 5)]);
    await approveAll(api, cs, ['S4', 'S5']);

    const planned = await api.call('POST', '/v1/shipments/plan', {
      key: lg,
      body: { idempotencyKey: key('plan'), orderNos: ['S1', 'S2'] },
    });
    expect(planned.body.shipments).toHaveLength(1);
    const booked = await api.call('POST', '/v1/shipments/book', {
      key: lg,
      body: { idempotencyKey: key('book'), shipmentNos: [planned.body.shipments[0].shipmentNo] },
    });
    const trackingNo = booked.body.results[0].shipment.trackingNo;
    const shipped = await api.call('POST', '/v1/shipments/ship', {
      key: wh,
      body: { idempotencyKey: key('ship'), trackingNos: [trackingNo] },
    });
    expect(shipped.body.ordersShipped.sort()).toEqual(['S1', 'S2']);
    // The carrier's bill: 65 CNY for the 650 g parcel (S1: 2×200 g + 50 g, S2: 200 g).
    const bill = await api.call('POST', '/v1/logistics/freight-bills', {
      key: lg,
      body: { idempotencyKey: key('bill'), csv: `Tracking number,Amount,Currency\n${trackingNo},65.00,CNY\n` },
    });
    expect(bill.status).toBe(200);
    expect((await report(boss, 'order-lines')).map((l) => l.freight)).toEqual(['5.00', '0.63', '2.50', '0.00', '0.00']);
    expect(bill.body.applied).toEqual([
      expect.objectContaining({ trackingNo, actual: { amount: '65.00', currency: 'CNY' } }),
    ]);
    const refund = await api.call('POST', '/v1/after-sale/cases', {
      key: cs,
      body: {
        idempotencyKey: key('refund'),
        orderNo: 'S1',
        kinds: ['refund'],
        reason: 'damaged',
        lines: [{ lineNo: 2, qty: 1 }],
        refund: { amount: '5', currency: 'EUR' },
      },
    });
    expect(refund.status).toBe(200);
    // S2's unit comes back and goes on the shelf again: it is no longer a cost of the sale.
    const back = await api.call('POST', '/v1/after-sale/cases', {
      key: cs,
      body: {
        idempotencyKey: key('return'),
        orderNo: 'S2',
        kinds: ['return'],
        reason: 'changed_mind',
        lines: [{ lineNo: 1, qty: 1 }],
      },
    });
    expect(back.status).toBe(200);
    const restocked = await api.call('POST', '/v1/after-sale/receive', {
      key: wh,
      body: {
        idempotencyKey: key('receive'),
        caseNo: back.body.case.caseNo,
        warehouse: 'DE1',
        lines: [{ lineNo: 1, restock: 1 }],
      },
    });
    expect(restocked.status).toBe(200);

    const lines = await report(boss, 'order-lines');
    const money = (r: Record<string, unknown>) => [
      r.order_no,
      r.line_no,
      r.revenue,
      r.shipping,
      r.discounts,
      r.platform_fee,
      r.payment_fee,
      r.cogs,
      r.freight,
      r.refunds,
      r.profit,
    ];
    expect(lines.map(money)).toEqual([
      // revenue 20 (80% of 25): shipping 3.20, discount 2.00, platform 10% of 21.20 + 0.24, payment 2% of 21.20,
      // COGS 2 × 20 CNY, freight 400/650 of 65 CNY.
      ['S1', 1, '20.00', '3.20', '2.00', '2.36', '0.42', '5.00', '5.00', '0.00', '8.42'],
      // 5.30 paid: platform 0.53 + 0.06, payment 0.106; freight 5 CNY = 0.625; the whole refund of 5.
      ['S1', 2, '5.00', '0.80', '0.50', '0.59', '0.11', '1.00', '0.63', '5.00', '-2.03'],
      // 30 USD at 0.9: platform 2.70 + 0.30, payment 0.54, freight 20 CNY; COGS 20 CNY left with the restocked unit.
      ['S2', 1, '27.00', '0.00', '0.00', '3.00', '0.54', '0.00', '2.50', '0.00', '20.96'],
      // 100 CNY at 0.125, reserved after the receipt: COGS 26.4 CNY = 3.30; not shipped yet.
      ['S4', 1, '12.50', '0.00', '0.00', '1.55', '0.25', '3.30', '0.00', '0.00', '7.40'],
      // No GBP rate: what needs it stays empty, and the line says why.
      ['S5', 1, null, '0.00', '0.00', null, null, '3.30', '0.00', '0.00', null],
    ]);
    expect(lines.map((l) => l.missing)).toEqual(['', '', '', '', 'no GBP rate for 2026-11 (FX sheet)']);
    expect(lines[0]).toMatchObject({ order_date: '2026-11-10', month: '2026-11', country: 'FR', status: 'Shipped' });
    expect(lines[0]!.sales_owner).toBe('sam@shop.test');

    // A rate typed in the FX sheet reaches every line in that currency at the next read.
    await pushRows(api, ws, { fx_rates: [{ key: 'USD@2026-11', baseVersion: 1, values: { rate: '1' } }] });
    expect((await report(boss, 'order-lines')).find((l) => l.order_no === 'S2')).toMatchObject({
      revenue: '30.00',
      profit: '23.60', // 30 − 3.30 platform − 0.60 payment − 2.50 freight (COGS left with the return)
    });
    await pushRows(api, ws, { fx_rates: [{ key: 'USD@2026-11', baseVersion: 2, values: { rate: '0.9' } }] });

    // Pages of 2 orders: an order's lines never split, every line once, in order; then the CSV has them all.
    const paged: unknown[][] = [];
    let after: string | null = '';
    while (after !== null) {
      const page: { body: { rows: unknown[][]; next: string | null } } = await api.call(
        'GET',
        `/v1/reports/order-lines?limit=2${after ? `&after=${after}` : ''}`,
        {
          key: boss,
        },
      );
      paged.push(...page.body.rows);
      after = page.body.next;
    }
    expect(paged.map((r) => `${r[0]}/${r[1]}`)).toEqual(lines.map((l) => `${l.order_no}/${l.line_no}`));
    const csv = await api.call('GET', '/v1/reports/order-lines?format=csv&lang=zh', { key: boss });
    expect(csv.status).toBe(200);
    const csvText = typeof csv.body === 'string' ? csv.body : String(csv.body);
    expect(csvText.split('\r\n')[0]).toContain('订单号,行号,下单日期,月份');
    expect(csvText.split('\r\n').filter(Boolean)).toHaveLength(1 + lines.length);

    const stock = await report(boss, 'stock-value');
    // A: 5 on hand less the 3 shipped plus the one back, at 26.4 CNY = 3.30; B: nothing left.
    expect(stock.map((s) => [s.sku, s.warehouse, s.on_hand, s.unit_cost, s.value])).toEqual([
      ['A', 'DE1', 3, '3.30', '9.90'],
      ['B', 'DE1', 0, '1.00', '0.00'],
    ]);
    const spend = await report(boss, 'purchase-spend');
    expect(spend.map((s) => [s.po_no, s.supplier, s.qty, s.currency, s.unit_cost, s.spend, s.month])).toEqual([
      [poNo, 'SUP1', 2, 'CNY', '4.50', '9.00', '2026-11'],
    ]);

    // Sales reads its own products; cost and profit are the boss's.
    const mine = await api.call('GET', '/v1/reports/my-products', { key: sales });
    expect(mine.status).toBe(200);
    expect(mine.body.rows.map((r: unknown[]) => r[0])).toEqual(['A']);
    const asOther = await api.call('GET', '/v1/reports/my-products?owner=boss@shop.test', { key: sales });
    expect(asOther.status).toBe(403);
    for (const path of ['order-lines', 'stock-value', 'purchase-spend']) {
      const refused = await api.call('GET', `/v1/reports/${path}`, { key: sales });
      expect(refused.status).toBe(403);
    }
  });

  test('a carrier bill with bad rows applies nothing and names every bad row, in the sheet language', async () => {
    const ws = await api.workspace();
    const lg = await ws.keyFor('lg@shop.test', ['logistics']);
    const bill = (csv: string, lang = 'en') =>
      api.call('POST', '/v1/logistics/freight-bills', { key: lg, body: { idempotencyKey: key('bill'), lang, csv } });
    const refused = await bill(
      '运单号,金额,币种\nTN-NONE,12.5,CNY\n,3,CNY\nTN-2,12,50,CNY\nTN-NONE,1,CNY\nTN-3,4,RMB-\n',
      'zh',
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('invalid_freight_bill');
    expect(refused.body.error.details.map((d: { field: string }) => d.field)).toEqual([
      'rows.2.trackingNo', // no parcel has it
      'rows.3.trackingNo', // empty
      'rows.4.currency', // "12,50": the comma split the amount, "50" is no currency
      'rows.5.trackingNo', // twice in one bill
      'rows.6.currency',
    ]);
    expect(refused.body.error.details[0].message).toBe('第 2 行：没有运单号为 TN-NONE 的发货单');
    const unreadable = await bill('Parcel,Weight\nX,1\n');
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.error.message).toContain('Parcel, Weight');
    const both = await api.call('POST', '/v1/logistics/freight-bills', {
      key: lg,
      body: { idempotencyKey: key('bill'), csv: 'x', entries: [] },
    });
    expect(both.status).toBe(400);
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    const forbidden = await api.call('POST', '/v1/logistics/freight-bills', {
      key: cs,
      body: { idempotencyKey: key('bill'), entries: [{ trackingNo: 'T', amount: '1', currency: 'CNY' }] },
    });
    expect(forbidden.status).toBe(403);
  });
});
