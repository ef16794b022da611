import { DATABASE_KINDS } from '../support/databases';
import type { ApiHarness } from '../support/api-harness';
import {
  approveAll,
  importCustomerOrders,
  key,
  pushRows,
  rateRow,
  row,
  sandboxService,
  shippable,
  startLogisticsApi,
  type TestOrder,
} from '../support/logistics-fixture';
import { ordersOf, stockOf } from '../support/inventory-fixture';

/**
 * After-sale cases over HTTP (docs/after-sale.md): on a really shipped order (planned, labelled at the
 * sandbox carrier, shipped), the limits across cases, a return restocked for a waiting order or written
 * off, an exchange's replacement order on its way to shipment, and a clean ledger throughout.
 */
describe.each(DATABASE_KINDS)('after-sale cases, on %s', (kind) => {
  let api: ApiHarness;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ api, close } = await startLogisticsApi(kind));
  });
  afterAll(async () => {
    await close?.();
  });

  /** A workspace whose orders (10 EUR a unit) shipped from DE1 with what `stock` held; stock as it was after. */
  async function shippedOrders(stock: Record<string, number>, orders: TestOrder[]) {
    const ws = await api.workspace();
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    const lg = await ws.keyFor('lg@shop.test', ['logistics']);
    const wh = await ws.keyFor('wh@shop.test', ['warehouse']);
    await pushRows(api, ws, {
      products: [shippable('CASE'), shippable('CABLE', { weight_g: 50 })],
      warehouses: [row('DE1', { name: 'Berlin', countries: ['FR', 'DE'], rank: 1 })],
      carriers: [sandboxService('SBX-EU')],
      rates: [rateRow('SBX-EU', 'FR', 0, 2000)],
    });
    await pushRows(api, ws, { stock: Object.entries(stock).map(([k, onHand]) => row(k, { on_hand: onHand })) });
    const orderNos = orders.map((o) => o.no);
    await importCustomerOrders(api, cs, orders);
    await approveAll(api, cs, orderNos);
    const planned = await api.call('POST', '/v1/shipments/plan', {
      key: lg,
      body: { idempotencyKey: key('plan'), orderNos },
    });
    const shipmentNos = planned.body.shipments.map((s: any) => s.shipmentNo);
    const booked = await api.call('POST', '/v1/shipments/book', {
      key: lg,
      body: { idempotencyKey: key('book'), shipmentNos },
    });
    const trackingNos = booked.body.results.map((r: any) => r.shipment.trackingNo);
    const shipped = await api.call('POST', '/v1/shipments/ship', {
      key: wh,
      body: { idempotencyKey: key('ship'), trackingNos },
    });
    expect(shipped.body.ordersShipped.sort()).toEqual([...orderNos].sort());
    return { ws, cs, lg, wh };
  }

  const open = (csKey: string, body: Record<string, unknown>) =>
    api.call('POST', '/v1/after-sale/cases', { key: csKey, body: { idempotencyKey: key('open'), ...body } });

  async function ledger(whKey: string) {
    const checked = await api.call('GET', '/v1/stock/check', { key: whKey });
    expect(checked.status).toBe(200);
    return checked.body.mismatches;
  }

  test('never more than shipped nor more than paid, over several cases; a retried request is one case', async () => {
    const { cs, wh } = await shippedOrders({ 'CASE@DE1': 2, 'CABLE@DE1': 1 }, [
      {
        no: 'S1',
        lines: [
          ['CASE', 2],
          ['CABLE', 1],
        ],
      },
    ]);
    const body = {
      idempotencyKey: key('open'),
      orderNo: 'S1',
      kinds: ['return', 'refund'],
      reason: 'damaged',
      lines: [{ lineNo: 1, qty: 1 }],
      refund: { amount: '10.00', currency: 'EUR' },
    };
    const first = await api.call('POST', '/v1/after-sale/cases', { key: cs, body });
    expect(first.status).toBe(200);
    expect(first.body.case).toMatchObject({
      caseNo: 'AS-00001',
      status: 'requested',
      refund: { amount: '10.00', currency: 'EUR' },
      lines: [{ lineNo: 1, orderLineNo: 1, sku: 'CASE', qty: 1, expectedBack: 1 }],
    });
    const retried = await api.call('POST', '/v1/after-sale/cases', { key: cs, body });
    expect(retried.body).toEqual(first.body);
    const listed = await api.call('GET', '/v1/after-sale/cases?orderNo=S1', { key: cs });
    expect(listed.body.cases.map((c: any) => c.caseNo)).toEqual(['AS-00001']);

    // Paid 30 EUR (2 × 10 + 1 × 10), 10 refunded: 20 left; 1 of 2 cases left on line 1.
    const over = await open(cs, {
      lang: 'zh',
      orderNo: 'S1',
      kinds: ['refund', 'exchange'],
      reason: 'other',
      lines: [
        { lineNo: 1, qty: 2 },
        { lineNo: 2, qty: 1 },
      ],
      refund: { amount: '20.01', currency: 'EUR' },
    });
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe('invalid_after_sale');
    expect(over.body.error.details.map((d: any) => [d.field, d.code])).toEqual([
      ['note', 'note_required'],
      ['lines.0.qty', 'over_return'],
      ['refund.amount', 'over_refund'],
    ]);
    expect(over.body.error.details[1].message).toBe(
      'S1 第 1 行（CASE）：申请 2，但仅剩 1（已发货 2，之前售后已占用 1）',
    );
    // Nothing of the refused case exists: no replacement order, no case.
    expect(Object.keys(await ordersOf(api, cs)).sort()).toEqual(['S1']);
    const exact = await open(cs, {
      orderNo: 'S1',
      kinds: ['refund'],
      reason: 'not_as_described',
      lines: [
        { lineNo: 1, qty: 1 },
        { lineNo: 2, qty: 1 },
      ],
      refund: { amount: '20', currency: 'EUR' },
    });
    expect(exact.status).toBe(200);
    const nothingLeft = await open(cs, {
      orderNo: 'S1',
      kinds: ['refund'],
      reason: 'changed_mind',
      lines: [{ lineNo: 2, qty: 1 }],
      refund: { amount: '0.01', currency: 'EUR' },
    });
    expect(nothingLeft.body.error.details.map((d: any) => d.code)).toEqual(['over_return', 'over_refund']);

    const warehouseTries = await open(wh, { orderNo: 'S1', kinds: ['return'], reason: 'damaged', lines: [] });
    expect(warehouseTries.status).toBe(403);
    const unknown = await open(cs, {
      orderNo: 'NOPE',
      kinds: ['return'],
      reason: 'damaged',
      lines: [{ lineNo: 1, qty: 1 }],
    });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'after_sale_order_not_found']);
    const events = await api.call('GET', '/v1/events?entity=after_sale&key=AS-00001', { key: cs });
    expect(events.body.events.map((e: any) => e.action)).toEqual(['opened']);
  });

  test('restocked units go to the waiting order; damaged ones are written off; the ledger stays clean', async () => {
    const { cs, wh } = await shippedOrders({ 'CASE@DE1': 2, 'CABLE@DE1': 1 }, [
      {
        no: 'S1',
        lines: [
          ['CASE', 2],
          ['CABLE', 1],
        ],
      },
    ]);
    // W1 waits for a case: DE1 has none left.
    await importCustomerOrders(api, cs, [{ no: 'W1', lines: [['CASE', 1]] }]);
    await approveAll(api, cs, ['W1']);
    expect((await ordersOf(api, cs)).W1!.status).toBe('pending_purchase');
    const opened = await open(cs, {
      orderNo: 'S1',
      kinds: ['return'],
      reason: 'wrong_item',
      lines: [
        { lineNo: 1, qty: 2 },
        { lineNo: 2, qty: 1 },
      ],
    });
    expect(opened.status).toBe(200);
    const receive = (body: Record<string, unknown>) =>
      api.call('POST', '/v1/after-sale/receive', {
        key: wh,
        body: { idempotencyKey: key('receive'), caseNo: 'AS-00001', ...body },
      });
    const tooMany = await receive({ warehouse: 'DE1', lines: [{ lineNo: 1, restock: 2, writeOff: 1 }] });
    expect([tooMany.status, tooMany.body.error.details[0].code]).toEqual([422, 'over_receipt']);
    const noWarehouse = await receive({ lines: [{ lineNo: 1, restock: 1 }] });
    expect(noWarehouse.body.error.details.map((d: any) => d.field)).toEqual(['warehouse']);

    const restocked = await receive({ warehouse: 'DE1', lines: [{ lineNo: 1, restock: 1 }] });
    expect(restocked.status).toBe(200);
    expect(restocked.body.served).toEqual([{ orderNo: 'W1', status: 'pending_shipment', waiting: [] }]);
    expect(restocked.body.case).toMatchObject({ status: 'received', lines: [{ restocked: 1, expectedBack: 1 }, {}] });
    const before = await stockOf(api, wh);
    expect(before['CASE@DE1']).toEqual({ on_hand: 1, reserved: 1, available: 0 });

    const writtenOff = await receive({
      lines: [
        { lineNo: 1, writeOff: 1 },
        { lineNo: 2, writeOff: 1 },
      ],
    });
    expect(writtenOff.status).toBe(200);
    expect(writtenOff.body.served).toEqual([]);
    expect(await stockOf(api, wh)).toEqual(before);
    expect(await ledger(wh)).toEqual([]);
    const stockLog = await api.call('GET', '/v1/events?entity=stock&key=CASE@DE1', { key: wh });
    expect(stockLog.body.events.map((e: any) => [e.action, e.after.note ?? null])).toContainEqual([
      'received',
      'AS-00001',
    ]);

    const closed = await api.call('POST', '/v1/after-sale/close', {
      key: cs,
      body: { idempotencyKey: key('close'), caseNo: 'AS-00001' },
    });
    expect(closed.body.case).toMatchObject({ status: 'closed', lines: [{ expectedBack: 0 }, { expectedBack: 0 }] });
    const again = await api.call('POST', '/v1/after-sale/close', {
      key: cs,
      body: { idempotencyKey: key('close'), caseNo: 'AS-00001' },
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'after_sale_closed']);
    const sheet = await api.call('GET', '/v1/sync/pull?since=0&tables=after_sale_rows&lang=zh', { key: cs });
    expect(sheet.body.changes.after_sale_rows.map((r: any) => r.values)).toEqual([
      expect.objectContaining({
        case_no: 'AS-00001',
        kinds: '退货',
        status: '已关闭',
        reason: '发错商品',
        sku: 'CASE',
      }),
      expect.objectContaining({ sku: 'CABLE', written_off_qty: 1, restocked_qty: 0, expected_back: 0 }),
    ]);
  });

  test('an exchange makes a free replacement order for the same customer, allocated and then shipped', async () => {
    const { cs, lg, wh } = await shippedOrders({ 'CASE@DE1': 1 }, [{ no: 'S1', lines: [['CASE', 1]] }]);
    const exchange = {
      idempotencyKey: key('open'),
      orderNo: 'S1',
      kinds: ['exchange', 'return'],
      reason: 'damaged',
      note: 'cracked on arrival',
      lines: [{ lineNo: 1, qty: 1 }],
    };
    const opened = await api.call('POST', '/v1/after-sale/cases', { key: cs, body: exchange });
    expect(opened.body.case).toMatchObject({ replacementOrderNo: 'S1-R1', kinds: ['exchange', 'return'] });
    expect(opened.body.served).toEqual([]);
    expect((await ordersOf(api, cs))['S1-R1']).toMatchObject({ status: 'pending_purchase' });
    const rows = await api.call('GET', '/v1/sync/pull?since=0&tables=order_rows', { key: cs });
    const [original, replacement] = ['S1', 'S1-R1'].map(
      (no) => rows.body.changes.order_rows.find((r: any) => r.values.order_no === no).values,
    );
    expect(replacement).toMatchObject({
      recipient_name: original.recipient_name,
      address1: original.address1,
      country: 'FR',
      sku: 'CASE',
      qty: 1,
      unit_price: '0',
      currency: 'EUR',
    });
    // The damaged unit comes back and is written off; a receipt of new stock serves the replacement.
    await api.call('POST', '/v1/after-sale/receive', {
      key: wh,
      body: { idempotencyKey: key('receive'), caseNo: 'AS-00001', lines: [{ lineNo: 1, writeOff: 1 }] },
    });
    const receipt = await api.call('POST', '/v1/stock/receipts', {
      key: wh,
      body: { idempotencyKey: key('receipt'), lines: [{ sku: 'CASE', warehouse: 'DE1', qty: 1 }] },
    });
    expect(receipt.body.served).toEqual([{ orderNo: 'S1-R1', status: 'pending_shipment', waiting: [] }]);
    // The logistics center ships it like any order: planned, labelled, shipped.
    const planned = await api.call('POST', '/v1/shipments/plan', {
      key: lg,
      body: { idempotencyKey: key('plan'), orderNos: ['S1-R1'] },
    });
    const booked = await api.call('POST', '/v1/shipments/book', {
      key: lg,
      body: { idempotencyKey: key('book'), shipmentNos: planned.body.shipments.map((x: any) => x.shipmentNo) },
    });
    const sent = await api.call('POST', '/v1/shipments/ship', {
      key: wh,
      body: { idempotencyKey: key('ship'), trackingNos: booked.body.results.map((r: any) => r.shipment.trackingNo) },
    });
    expect(sent.body.ordersShipped).toEqual(['S1-R1']);
    expect((await ordersOf(api, cs))['S1-R1']).toMatchObject({ status: 'shipped' });
    expect(await ledger(wh)).toEqual([]);
    const steps = (await api.call('GET', '/v1/orders/S1/journey?lang=zh', { key: cs })).body.steps;
    expect(steps.filter((s: any) => s.kind === 'after_sale').map((s: any) => `${s.subject}:${s.text}`)).toEqual([
      'AS-00001:已创建售后单',
      'AS-00001:退货已收到',
    ]);
    const journey = await api.call('GET', '/v1/events?entity=orders&key=S1-R1', { key: cs });
    expect(journey.body.events.find((e: any) => e.action === 'created')).toMatchObject({ correlationId: 'order:S1' });
  });

  test('two cases racing for the same units: one opens, the other is refused (never more than shipped)', async () => {
    const { cs } = await shippedOrders({ 'CASE@DE1': 2 }, [{ no: 'S1', lines: [['CASE', 2]] }]);
    const whole = { orderNo: 'S1', kinds: ['return'], reason: 'changed_mind', lines: [{ lineNo: 1, qty: 2 }] };
    const answers = await Promise.all([open(cs, whole), open(cs, whole), open(cs, whole)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 422, 422]);
    const listed = await api.call('GET', '/v1/after-sale/cases?status=requested', { key: cs });
    expect(listed.body.cases.flatMap((c: any) => c.lines.map((l: any) => l.qty))).toEqual([2]);
  });

  test('cases wait for the goods to leave: an order not shipped is refused by name', async () => {
    const ws = await api.workspace();
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    await importCustomerOrders(api, cs, [{ no: 'P1', lines: [['CASE', 1]] }]);
    const refused = await open(cs, {
      lang: 'zh',
      orderNo: 'P1',
      kinds: ['refund'],
      reason: 'not_received',
      lines: [{ lineNo: 1, qty: 1 }],
      refund: { amount: '10', currency: 'EUR' },
    });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'after_sale_order_not_shipped']);
    expect(refused.body.error.message).toContain('P1 状态为 待审核');
  });
});
