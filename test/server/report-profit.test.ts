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
      // 30 USD at 0.9: platform 2.70 + 0.30, payment 0.54, COGS 20 CNY, freight 20 CNY.
      ['S2', 1, '27.00', '0.00', '0.00', '3.00', '0.54', '2.50', '2.50', '0.00', '18.46'],
      // 100 CNY at 0.125, reserved after the receipt: COGS 26.4 CNY = 3.30; not shipped yet.
      ['S4', 1, '12.50', '0.00', '0.00', '1.55', '0.25', '3.30', '0.00', '0.00', '7.40'],
      // No GBP rate: what needs it stays empty, and the line says why.
      ['S5', 1, null, '0.00', '0.00', null, null, '3.30', '0.00', '0.00', null],
    ]);
    expect(lines.map((l) => l.missing)).toEqual(['', '', '', '', 'no GBP rate for 2026-11 (FX sheet)']);
    expect(lines[0]).toMatchObject({ order_date: '2026-11-10', month: '2026-11', country: 'FR', status: 'Shipped' });
    expect(lines[0]!.sales_owner).toBe('sam@shop.test');

    const stock = await report(boss, 'stock-value');
    // A: 5 on hand less the 3 shipped, at 26.4 CNY = 3.30; B: nothing left.
    expect(stock.map((s) => [s.sku, s.warehouse, s.on_hand, s.unit_cost, s.value])).toEqual([
      ['A', 'DE1', 2, '3.30', '6.60'],
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
});
