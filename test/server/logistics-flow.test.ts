import { DATABASE_KINDS } from '../support/databases';
import type { ApiHarness } from '../support/api-harness';
import type { SandboxCarrier } from '../../sync-server/logistics/carriers/sandbox/sandbox-server';
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
} from '../support/logistics-fixture';
import { ordersOf, stockOf } from '../support/inventory-fixture';

/** From an approved order to a shipped one with a sandbox label, over HTTP (docs/logistics.md). */
describe.each(DATABASE_KINDS)('logistics center end to end, on %s', (kind) => {
  let api: ApiHarness;
  let carrier: SandboxCarrier;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ api, carrier, close } = await startLogisticsApi(kind));
  });
  afterAll(async () => {
    await close?.();
  });

  test('plan merges one customer and splits by warehouse, books labels, ships, and the ledger stays clean', async () => {
    const ws = await api.workspace();
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    const lg = await ws.keyFor('lg@shop.test', ['logistics']);
    const wh = await ws.keyFor('wh@shop.test', ['warehouse']);
    await pushRows(api, ws, {
      products: [shippable('CASE'), shippable('CABLE', { weight_g: 50 })],
      warehouses: [
        row('DE1', { name: 'Berlin', countries: ['FR', 'DE'], rank: 1 }),
        row('FR1', { name: 'Paris', countries: ['FR'], rank: 2 }),
      ],
      carriers: [
        sandboxService('SBX-EU'),
        row('POST-EU', { name: 'Post', adapter: 'manual', countries: ['FR', 'DE'], priority: 20 }),
      ],
      rates: [
        rateRow('SBX-EU', 'FR', 0, 500),
        rateRow('SBX-EU', 'FR', 500, 2000),
        rateRow('POST-EU', 'FR', 0, 2000, { first_price: '10' }),
      ],
    });
    await pushRows(api, ws, {
      stock: [row('CASE@DE1', { on_hand: 3 }), row('CABLE@DE1', { on_hand: 1 }), row('CABLE@FR1', { on_hand: 5 })],
    });
    await importCustomerOrders(api, cs, [
      { no: 'A1', customer: 'amy', lines: [['CASE', 1]] },
      { no: 'A2', customer: 'amy', lines: [['CASE', 1]] },
      {
        no: 'B1',
        lines: [
          ['CASE', 1],
          ['CABLE', 2],
        ],
      },
    ]);
    await approveAll(api, cs, ['A1', 'A2', 'B1']);
    expect(await ordersOf(api, cs)).toMatchObject({
      A1: { status: 'pending_shipment' },
      B1: { status: 'pending_shipment' },
    });

    const dry = await api.call('POST', '/v1/shipments/plan', {
      key: lg,
      body: { idempotencyKey: key('plan'), dryRun: true },
    });
    expect(dry.status).toBe(200);
    const parcels = dry.body.shipments.map((s: any) => [
      s.warehouse,
      s.orderNos.join('+'),
      s.lines.map((l: any) => `${l.sku}x${l.qty}`).join(','),
    ]);
    // B1's cable: 1 in DE1 (reserved there with the case), the other from FR1.
    expect(parcels.sort()).toEqual(
      [
        ['DE1', 'A1+A2', 'CASEx1,CASEx1'],
        ['DE1', 'B1', 'CASEx1,CABLEx1'],
        ['FR1', 'B1', 'CABLEx1'],
      ].sort(),
    );
    const merged = dry.body.shipments.find((s: any) => s.orderNos.length === 2);
    // 2 x 200 g actual, volume 2 x 1000 cm3 / 6000 = 334 g chargeable: 30 + 3 steps x 5 = 45 CNY.
    expect(merged).toMatchObject({
      shipmentNo: null,
      service: 'SBX-EU',
      chargeableG: 400,
      freight: { amount: '45', currency: 'CNY' },
    });
    expect(merged.why).toMatch(/^SBX-EU: priority 10, 45 CNY for 400 g chargeable · POST-EU: priority 20 after SBX-EU/);
    expect((await api.call('GET', '/v1/shipments', { key: lg })).body.shipments).toEqual([]);

    const planBody = { idempotencyKey: key('plan'), lang: 'zh' };
    const planned = await api.call('POST', '/v1/shipments/plan', { key: lg, body: planBody });
    expect(planned.body.shipments).toHaveLength(3);
    expect((await api.call('POST', '/v1/shipments/plan', { key: lg, body: planBody })).body).toEqual(planned.body);
    const again = await api.call('POST', '/v1/shipments/plan', {
      key: lg,
      body: { idempotencyKey: key('plan'), orderNos: ['A1', 'ZZ'] },
    });
    expect(again.body.shipments).toEqual([]);
    expect(again.body.skipped.map((s: any) => s.code).sort()).toEqual(['nothing_to_plan', 'order_not_found']);

    const numbers = planned.body.shipments.map((s: any) => s.shipmentNo);
    const booked = await api.call('POST', '/v1/shipments/book', {
      key: lg,
      body: { idempotencyKey: key('book'), shipmentNos: numbers },
    });
    expect(booked.body).toMatchObject({ done: 3, refused: 0, failed: 0 });
    const first = booked.body.results[0].shipment;
    expect(first.trackingNo).toMatch(/^SBX\d{10}$/);
    const pdf = await fetch(first.labelUrl);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const forgedUrl = first.labelUrl.replace(
      /\.(.)([^./]*)\.pdf$/,
      (_: string, c: string, rest: string) => `.${c === 'A' ? 'B' : 'A'}${rest}.pdf`,
    );
    expect(forgedUrl).not.toBe(first.labelUrl);
    const forged = await fetch(forgedUrl);
    expect(forged.status).toBe(404);

    const pick = await api.call('GET', '/v1/pick-list?warehouse=DE1&format=csv', { key: wh });
    expect(pick.status).toBe(200);
    expect(String(pick.body).split('\r\n')[0]).toBe('Warehouse,Shipment,Service,Tracking number,SKU,Name,Qty,Order');
    expect(String(pick.body).trim().split('\r\n')).toHaveLength(5);
    const orders = await api.call('GET', '/v1/sync/pull?since=0&tables=order_rows', { key: cs });
    const b1 = orders.body.changes.order_rows.find((r: any) => r.values.order_no === 'B1');
    expect(b1.values.shipping).toMatch(/^0\/2 shipped · SBX\d{10} · SBX\d{10}$/);

    const tracking = booked.body.results.map((r: any) => r.shipment.trackingNo);
    const firstB1 = booked.body.results.find((r: any) => r.shipment.orderNos[0] === 'B1').shipment;
    const one = await api.call('POST', '/v1/shipments/ship', {
      key: wh,
      body: { idempotencyKey: key('ship'), trackingNos: [firstB1.trackingNo] },
    });
    expect(one.body).toMatchObject({ done: 1, ordersShipped: [] });
    expect((await ordersOf(api, cs)).B1!.status).toBe('pending_shipment');
    const rest = await api.call('POST', '/v1/shipments/ship', {
      key: wh,
      body: { idempotencyKey: key('ship'), trackingNos: tracking },
    });
    expect(rest.body).toMatchObject({ done: 3 });
    expect(rest.body.ordersShipped.sort()).toEqual(['A1', 'A2', 'B1']);
    expect(await ordersOf(api, cs)).toMatchObject({
      A1: { status: 'shipped' },
      A2: { status: 'shipped' },
      B1: { status: 'shipped' },
    });
    expect(await stockOf(api, wh)).toMatchObject({
      'CASE@DE1': { on_hand: 0, reserved: 0 },
      'CABLE@DE1': { on_hand: 0, reserved: 0 },
      'CABLE@FR1': { on_hand: 4, reserved: 0 },
    });
    const ledger = await api.call('GET', '/v1/stock/check', { key: wh });
    expect(ledger.body.mismatches).toEqual([]);
    // The log follows the units and the order: planned, labelled and shipped parcels, stock out, order shipped.
    const stockLog = await api.call('GET', '/v1/events?entity=stock&key=CASE@DE1', { key: wh });
    expect(stockLog.body.events.map((e: any) => [e.action, e.after.on_hand])).toContainEqual(['shipped', 0]);
    const orderLog = await api.call('GET', '/v1/events?entity=orders&key=B1', { key: cs });
    expect(orderLog.body.events.map((e: any) => e.action)).toEqual(
      expect.arrayContaining(['reserved', 'reservations_consumed', 'ship']),
    );
    const parcelLog = await api.call('GET', `/v1/events?entity=shipments&key=${firstB1.shipmentNo}`, { key: lg });
    expect(parcelLog.body.events.map((e: any) => e.action).sort()).toEqual(['label_booked', 'planned', 'shipped']);
  });
});
