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
import { ordersOf } from '../support/inventory-fixture';

/** Booking labels, typing tracking numbers, splitting, unmerging, cancelling: the rules and the carrier's errors. */
describe.each(DATABASE_KINDS)('shipments by hand and carrier errors, on %s', (kind) => {
  let api: ApiHarness;
  let carrier: SandboxCarrier;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ api, carrier, close } = await startLogisticsApi(kind, { timeoutMs: 300 }));
  });
  afterAll(async () => {
    await close?.();
  });

  const faults = (body: unknown) =>
    fetch(`${carrier.url}/_sandbox/faults`, {
      method: body ? 'POST' : 'DELETE',
      headers: { 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });

  async function setUp(carriers: unknown[], products = [shippable('CASE'), shippable('LAMP', { weight_g: null })]) {
    const ws = await api.workspace();
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    const lg = await ws.keyFor('lg@shop.test', ['logistics']);
    await pushRows(api, ws, {
      products,
      warehouses: [row('DE1', { name: 'Berlin', countries: ['FR', 'DE'], rank: 1 })],
      carriers,
      rates: (carriers as { key: string }[]).map((c) => rateRow(c.key, 'FR', 0, 30_000)),
    });
    await pushRows(api, ws, { stock: [row('CASE@DE1', { on_hand: 50 }), row('LAMP@DE1', { on_hand: 5 })] });
    return { ws, cs, lg };
  }

  test('a carrier refusal keeps its words on the draft; an outage or a hang gives the place back; a retry books once', async () => {
    const { cs, lg } = await setUp([sandboxService('SBX', { daily_capacity: 1 })]);
    await importCustomerOrders(api, cs, [{ no: 'E1', lines: [['CASE', 1]] }]);
    await approveAll(api, cs, ['E1']);
    const plan = await api.call('POST', '/v1/shipments/plan', { key: lg, body: { idempotencyKey: key('plan') } });
    const no = plan.body.shipments[0].shipmentNo;
    const book = () =>
      api.call('POST', '/v1/shipments/book', { key: lg, body: { idempotencyKey: key('book'), shipmentNos: [no] } });

    await faults({ kind: 'status', status: 422, message: 'postcode does not match city', times: 1 });
    const refused = await book();
    expect(refused.body).toMatchObject({
      refused: 1,
      results: [{ code: 'carrier_refused', shipment: { status: 'draft' } }],
    });
    expect(refused.body.results[0].message).toBe(`${no}: sandbox refused: postcode does not match city`);
    expect(refused.body.results[0].shipment.why).toMatch(/^Booking failed: sandbox: postcode does not match city/);

    await faults({ kind: 'status', status: 503, times: 1 });
    expect((await book()).body).toMatchObject({ failed: 1, results: [{ code: 'carrier_unavailable' }] });
    await faults({ kind: 'hang', times: 1 });
    expect((await book()).body).toMatchObject({ failed: 1, results: [{ code: 'carrier_unavailable' }] });
    await faults(null);
    // Capacity 1: every failure gave its place back, so this booking still fits.
    const done = await book();
    expect(done.body).toMatchObject({
      done: 1,
      results: [{ shipment: { status: 'label_ready', why: expect.not.stringMatching(/failed/) } }],
    });
    const labels = await (await fetch(`${carrier.url}/_sandbox/labels`)).json();
    // The hung request was booked at the carrier when released; the retry found the same booking.
    expect(new Set(labels.labels.map((l: any) => l.trackingNumber)).size).toBe(1);
    expect((await book()).body).toMatchObject({ refused: 1, results: [{ code: 'already_done' }] });
  });

  test('missing product data blocks the parcel, naming the SKU; manual carriers take typed or CSV tracking numbers', async () => {
    const { cs, lg } = await setUp([
      row('POST', { name: 'La Poste', adapter: 'manual', countries: ['FR'], daily_capacity: 2 }),
    ]);
    await importCustomerOrders(api, cs, [
      { no: 'M1', lines: [['CASE', 1]] },
      { no: 'M2', lines: [['LAMP', 1]] },
      { no: 'M3', lines: [['CASE', 2]] },
      { no: 'M4', lines: [['CASE', 3]] },
    ]);
    await approveAll(api, cs, ['M1', 'M2', 'M3', 'M4']);
    const plan = await api.call('POST', '/v1/shipments/plan', {
      key: lg,
      body: { idempotencyKey: key('plan'), lang: 'zh' },
    });
    const byOrder = Object.fromEntries(plan.body.shipments.map((s: any) => [s.orderNos[0], s]));
    expect(byOrder.M2).toMatchObject({ blocked: true, service: null, why: 'LAMP：未填写重量' });
    const [m1, m2, m3, m4] = ['M1', 'M2', 'M3', 'M4'].map((o) => byOrder[o].shipmentNo as string);

    const book = await api.call('POST', '/v1/shipments/book', {
      key: lg,
      body: { idempotencyKey: key('book'), shipmentNos: [m1, m2] },
    });
    expect(book.body.results.map((r: any) => r.code)).toEqual(['manual_needs_number', 'blocked']);
    expect(book.body.results[1].message).toBe(`${m2} cannot be booked: LAMP: no weight`);

    const typed = await api.call('POST', '/v1/shipments/tracking-numbers', {
      key: lg,
      body: {
        idempotencyKey: key('track'),
        entries: [
          { shipmentNo: m1, trackingNo: 'LP0001FR' },
          { shipmentNo: m3, trackingNo: 'LP0001FR' },
        ],
      },
    });
    expect(typed.body.results.map((r: any) => [r.shipmentNo, r.outcome, r.code ?? ''])).toEqual([
      [m3, 'refused', 'tracking_taken'],
      [m1, 'done', ''],
    ]);
    const csv = [`Reference,Tracking Number`, `${m3},LP0003FR`, `,LP0009FR`, `${m4},LP0004FR`, `${m1},LP0001FR`].join(
      '\n',
    );
    const imported = await api.call('POST', '/v1/shipments/tracking-numbers', {
      key: lg,
      body: { idempotencyKey: key('csv'), csv },
    });
    // Capacity 2 a day: M1 and M3 take it, M4 waits for tomorrow (or another service).
    expect(imported.body.results.map((r: any) => [r.shipmentNo, r.outcome, r.code ?? ''])).toEqual([
      ['', 'refused', 'csv_row'],
      [m4, 'refused', 'capacity_full'],
      [m1, 'done', 'unchanged'],
      [m3, 'done', ''],
    ]);
    const unreadable = await api.call('POST', '/v1/shipments/tracking-numbers', {
      key: lg,
      body: { idempotencyKey: key('csv'), csv: 'Order,Amount\nM1,3' },
    });
    expect(unreadable.status).toBe(422);
    expect(unreadable.body.error.message).toBe(
      'The tracking number file was not read: The file needs a shipment (or reference) column and a tracking number column; found: Order, Amount',
    );
    // Cancelling a manual label frees its place: M4 now fits.
    const cancel = await api.call('POST', '/v1/shipments/cancel', {
      key: lg,
      body: { idempotencyKey: key('cancel'), shipmentNos: [m3] },
    });
    expect(cancel.body.results[0]).toMatchObject({ outcome: 'done', shipment: { status: 'draft', trackingNo: null } });
    const retry = await api.call('POST', '/v1/shipments/tracking-numbers', {
      key: lg,
      body: { idempotencyKey: key('track'), entries: [{ shipmentNo: m4, trackingNo: 'LP0004FR' }] },
    });
    expect(retry.body.done).toBe(1);
  });

  test('split by quantity and unmerge work on drafts only; every unit stays in exactly one parcel', async () => {
    const { cs, lg } = await setUp([sandboxService('SBX')]);
    await importCustomerOrders(api, cs, [
      { no: 'S1', customer: 'sam', lines: [['CASE', 3]] },
      { no: 'S2', customer: 'sam', lines: [['CASE', 1]] },
      { no: 'S3', customer: 'sam', lines: [['CASE', 1]] },
    ]);
    await approveAll(api, cs, ['S1', 'S2', 'S3']);
    const plan = await api.call('POST', '/v1/shipments/plan', { key: lg, body: { idempotencyKey: key('plan') } });
    expect(plan.body.shipments).toHaveLength(1);
    const merged = plan.body.shipments[0].shipmentNo;
    const split = await api.call('POST', '/v1/shipments/split', {
      key: lg,
      body: { idempotencyKey: key('split'), shipmentNo: merged, lines: [{ orderNo: 'S1', lineNo: 1, qty: 2 }] },
    });
    expect(split.body.shipments.map((s: any) => s.lines.map((l: any) => `${l.orderNo}x${l.qty}`).join(','))).toEqual([
      'S1x1,S2x1,S3x1',
      'S1x2',
    ]);
    const tooMuch = await api.call('POST', '/v1/shipments/split', {
      key: lg,
      body: { idempotencyKey: key('split'), shipmentNo: merged, lines: [{ orderNo: 'S1', lineNo: 1, qty: 2 }] },
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error.message).toBe(
      `Nothing was changed: ${merged}: order S1 line 1 has 1 in this parcel; 2 cannot move`,
    );
    const unmerged = await api.call('POST', '/v1/shipments/unmerge', {
      key: lg,
      body: { idempotencyKey: key('unmerge'), shipmentNo: merged, orderNos: ['S3'] },
    });
    expect(unmerged.body.shipments.map((s: any) => s.orderNos.join('+'))).toEqual(['S1+S2', 'S3']);
    const orders = await api.call('GET', '/v1/sync/pull?since=0&tables=order_rows', { key: cs });
    expect(orders.body.changes.order_rows.find((r: any) => r.values.order_no === 'S1').values.shipping).toBe(
      '0/2 shipped',
    );
    // Nothing is left to plan, and a booked parcel cannot be split.
    const again = await api.call('POST', '/v1/shipments/plan', {
      key: lg,
      body: { idempotencyKey: key('plan'), dryRun: true },
    });
    expect(again.body.shipments).toEqual([]);
    await api.call('POST', '/v1/shipments/book', {
      key: lg,
      body: { idempotencyKey: key('book'), shipmentNos: [merged] },
    });
    const late = await api.call('POST', '/v1/shipments/unmerge', {
      key: lg,
      body: { idempotencyKey: key('unmerge'), shipmentNo: merged },
    });
    expect(late.status).toBe(409);
    // A cancelled order's parcel is not shipped.
    await api.call('POST', '/v1/orders/moves', {
      key: cs,
      body: { idempotencyKey: key('cancel'), action: 'cancel', orderNos: ['S2'], reason: 'customer changed mind' },
    });
    const ship = await api.call('POST', '/v1/shipments/ship', {
      key: lg,
      body: { idempotencyKey: key('ship'), shipmentNos: [merged] },
    });
    expect(ship.body.results[0]).toMatchObject({ outcome: 'refused', code: 'order_not_shippable' });
    expect((await ordersOf(api, cs)).S1!.status).toBe('pending_shipment');
  });
});
