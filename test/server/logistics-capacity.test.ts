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

/** DESIGN 3.4 and 7: no sequence of concurrent bookings exceeds a service's capacity for the day. */
describe.each(DATABASE_KINDS)('capacity under concurrent bookings, on %s', (kind) => {
  let api: ApiHarness;
  let carrier: SandboxCarrier;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ api, carrier, close } = await startLogisticsApi(kind));
  });
  afterAll(async () => {
    await close?.();
  });

  test('500 parcels booked at once on a service with room for 100: exactly 100 labels', async () => {
    const ws = await api.workspace();
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    const lg = await ws.keyFor('lg@shop.test', ['logistics']);
    await pushRows(api, ws, {
      products: [shippable('CASE')],
      warehouses: [row('DE1', { name: 'Berlin', countries: ['FR'], rank: 1 })],
      carriers: [sandboxService('SBX', { daily_capacity: 100 })],
      rates: [rateRow('SBX', 'FR', 0, 30_000)],
    });
    await pushRows(api, ws, { stock: [row('CASE@DE1', { on_hand: 500 })] });
    const orderNos = Array.from({ length: 500 }, (_, i) => `C${String(i).padStart(3, '0')}`);
    await importCustomerOrders(
      api,
      cs,
      orderNos.map((no) => ({ no, lines: [['CASE', 1]] })),
    );
    await approveAll(api, cs, orderNos);
    // The plan itself is a dry run of capacity: it gives 100 parcels the service and says why the rest have none.
    const plan = await api.call('POST', '/v1/shipments/plan', { key: lg, body: { idempotencyKey: key('plan') } });
    expect(plan.body.shipments).toHaveLength(500);
    expect(plan.body.shipments.filter((s: any) => s.service === 'SBX')).toHaveLength(100);
    expect(plan.body.shipments.find((s: any) => s.service === null).why).toBe(
      'No carrier service fits: SBX: full today (100 parcels a day)',
    );
    const answers = await Promise.all(
      plan.body.shipments.map((s: any) =>
        api.call('POST', '/v1/shipments/book', {
          key: lg,
          body: { idempotencyKey: key('book'), shipmentNos: [s.shipmentNo] },
        }),
      ),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const outcomes = answers.map((a) => a.body.results[0].code ?? a.body.results[0].outcome);
    expect(outcomes.filter((o) => o === 'done')).toHaveLength(100);
    expect(outcomes.filter((o) => o === 'capacity_full')).toHaveLength(400);
    const ready = await api.call('GET', '/v1/shipments?status=label_ready', { key: lg });
    expect(ready.body.shipments).toHaveLength(100);
    const labels = await (await fetch(`${carrier.url}/_sandbox/labels`)).json();
    expect(labels.labels).toHaveLength(100);
  });
});
