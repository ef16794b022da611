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
} from '../support/logistics-fixture';
import { ordersOf } from '../support/inventory-fixture';
import { startTrackingSandbox, type TrackingSandbox } from '../../sync-server/tracking/sandbox/tracking-sandbox';
import { seventeenTrack } from '../../sync-server/tracking/providers/seventeen-track';
import { aftership } from '../../sync-server/tracking/providers/aftership';
import { jobRunner } from '../../sync-server/jobs/job-runner';
import { trackingPollHandler } from '../../sync-server/workflows/tracking-poll';
import { trackingInboxHandler } from '../../sync-server/workflows/tracking-inbox';

/** Polling 17TRACK through the tracking sandbox, and its webhooks, into shipments and orders (docs/tracking.md). */
describe.each(DATABASE_KINDS)('tracking polls and webhooks, on %s', (kind) => {
  let api: ApiHarness;
  let close: () => Promise<void>;
  let sandbox: TrackingSandbox;
  // The sandbox's clock and ours: moved by hand (waiting for a slot moves it), never by the machine. It starts
  // a day after the machine's now, so parcels shipped by the API (at the machine's now) are due.
  let t = Date.now() + 86_400_000;
  const provider = () =>
    seventeenTrack({ baseUrl: sandbox.url, token: 'sandbox-token', webhookKey: sandbox.webhookKeys['17track'] });
  beforeAll(async () => {
    sandbox = await startTrackingSandbox({ port: 0, limits: true, now: () => t });
    const afterShip = aftership({ baseUrl: sandbox.url, apiKey: 'k', webhookSecret: sandbox.webhookKeys.aftership });
    ({ api, close } = await startLogisticsApi(kind, {}, [provider(), afterShip]));
  });
  afterAll(async () => {
    await close?.();
    await sandbox?.close();
  });

  const admin = async (path: string, body: unknown) => {
    const answer = await fetch(`${sandbox.url}/_sandbox/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (answer.status >= 400) throw new Error(`sandbox ${path}: ${answer.status} ${await answer.text()}`);
    const text = await answer.text();
    return text ? JSON.parse(text) : null;
  };

  async function shipOrders(orderNos: string[]) {
    const ws = await api.workspace();
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    const lg = await ws.keyFor('lg@shop.test', ['logistics']);
    await pushRows(api, ws, {
      products: [shippable('CASE')],
      warehouses: [row('DE1', { name: 'Berlin', countries: ['FR'], rank: 1 })],
      carriers: [sandboxService('SBX', { tracking_provider: '17track', tracking_carrier: '190008' })],
      rates: [rateRow('SBX', 'FR', 0, 30_000)],
    });
    await pushRows(api, ws, { stock: [row('CASE@DE1', { on_hand: 100 })] });
    await importCustomerOrders(
      api,
      cs,
      orderNos.map((no) => ({ no, lines: [['CASE', 1]] })),
    );
    await approveAll(api, cs, orderNos);
    const plan = await api.call('POST', '/v1/shipments/plan', { key: lg, body: { idempotencyKey: key('plan') } });
    const numbers = plan.body.shipments.map((s: any) => s.shipmentNo);
    const booked = await api.call('POST', '/v1/shipments/book', {
      key: lg,
      body: { idempotencyKey: key('book'), shipmentNos: numbers },
    });
    await api.call('POST', '/v1/shipments/ship', {
      key: lg,
      body: { idempotencyKey: key('ship'), shipmentNos: numbers },
    });
    const tracking: string[] = booked.body.results.map((r: any) => r.shipment.trackingNo as string);
    return { ws, cs, lg, tracking };
  }

  const runner = (worker: string) =>
    jobRunner({
      db: api.db,
      now: () => new Date(t),
      worker,
      handlers: [
        trackingPollHandler({
          db: api.db,
          provider: provider(),
          now: () => new Date(t),
          random: () => 0.5,
          sleep: async (ms) => {
            t += ms;
          },
        }),
      ],
    });

  test('due parcels are registered once, polled in a batch, stored, and delivered orders move to delivered', async () => {
    const { cs, lg, tracking } = await shipOrders(['P1', 'P2', 'P3']);
    await admin('parcels', {
      parcels: tracking.map((trackingNo, i) => ({
        trackingNo,
        events: [
          { status: 'info_received', description: 'Electronic information received', time: '2026-10-10T09:00:00Z' },
          { status: 'in_transit', description: 'Departed facility', time: '2026-10-11T03:00:00+08:00' },
          ...(i === 0 ? [{ status: 'delivered', description: 'Delivered', time: '2026-10-12T07:00:00Z' }] : []),
        ],
      })),
    });
    expect(await runner('w1').runOnce()).toBe(3);
    const shipments = (await api.call('GET', '/v1/shipments', { key: lg })).body.shipments;
    expect(shipments.map((s: any) => s.status)).toEqual(['delivered', 'in_transit', 'in_transit']);
    expect(await ordersOf(api, cs)).toMatchObject({ P1: { status: 'delivered' }, P2: { status: 'shipped' } });
    const sheet = await api.call('GET', '/v1/sync/pull?since=0&tables=shipment_rows&lang=zh', { key: lg });
    // The two in transit were last scanned weeks before "now": flagged for a person.
    expect(sheet.body.changes.shipment_rows.map((r: any) => r.values.tracking_state)).toEqual([
      '已签收',
      expect.stringMatching(/^运输中 · ⚠ \d+ 天无轨迹更新$/),
      expect.stringMatching(/^运输中 · ⚠ \d+ 天无轨迹更新$/),
    ]);
    expect(sheet.body.changes.shipment_rows[1].values.last_event_at).toBe('2026-10-10T19:00:00.000Z');
    // Nothing is due before the next poll time (a day, for scans this old); then the two in transit are asked
    // again, and not registered again.
    expect(await runner('w1').runOnce()).toBe(0);
    t += 25 * 3_600_000;
    expect(await runner('w1').runOnce()).toBe(2);
    const stats = sandbox.stats();
    expect(tracking.map((n) => stats.registrations['17track'][n])).toEqual([1, 1, 1]);
    expect(stats.throttled['17track']).toBe(0);
  });

  test('two workers never poll the same parcel at once; a 429 waits its Retry-After', async () => {
    const { tracking } = await shipOrders(['Q1', 'Q2']);
    await admin('parcels', {
      parcels: tracking.map((trackingNo) => ({
        trackingNo,
        events: [{ status: 'in_transit', description: 'Departed facility', time: '2026-10-11T03:00:00Z' }],
      })),
    });
    const before = sandbox.stats().requests['17track'];
    const [a, b] = await Promise.all([runner('w-a').runOnce(), runner('w-b').runOnce()]);
    expect(a + b).toBe(2);
    // One register and one fetch: the batch went to one worker only.
    expect(sandbox.stats().requests['17track'] - before).toBe(2);
    t += 25 * 3_600_000;
    await admin('faults', { provider: '17track', kind: 'rate_limit', retryAfter: '3', times: 1 });
    // Every parcel due (this test's and the last one's) met the 429, and waits about its 3 seconds, not a day.
    const due = await runner('w-a').runOnce();
    expect(due).toBeGreaterThanOrEqual(2);
    expect(await runner('w-a').runOnce()).toBe(0);
    t += 10_000;
    // Without the 429 they would have been polled and set a day ahead: due again seconds later means they waited.
    expect(await runner('w-a').runOnce()).toBe(due);
  });

  const inbox = () =>
    jobRunner({
      db: api.db,
      now: () => new Date(t),
      worker: 'inbox',
      handlers: [trackingInboxHandler({ db: api.db, now: () => new Date(t), random: () => 0.5 })],
    });
  const trackingEvents = async (trackingNo: string) =>
    (
      await api.db.pool.query(`SELECT source, status FROM tracking_events WHERE tracking_no = $1 ORDER BY at`, [
        trackingNo,
      ])
    ).rows;

  test('a signed webhook is queued and stored once; a wrong signature is refused with 401 and queues nothing', async () => {
    const { cs, tracking } = await shipOrders(['W1']);
    const [trackingNo] = tracking as [string];
    await admin('parcels', {
      parcels: [
        { trackingNo, events: [{ status: 'delivered', description: 'Delivered', time: '2026-10-12T07:00:00Z' }] },
      ],
    });
    const url = `${api.url}/webhooks/17track`;
    const bad = await admin('webhooks', { provider: '17track', url, trackingNo, badSignature: true });
    expect(bad.status).toBe(401);
    expect(await inbox().runOnce()).toBe(0);
    const good = await admin('webhooks', { provider: '17track', url, trackingNo });
    expect(good.status).toBe(200);
    expect(JSON.parse(good.body)).toEqual({ ok: true, accepted: 1 });
    // Answered before it is applied: the order moves when the inbox runs.
    expect((await ordersOf(api, cs)).W1!.status).toBe('shipped');
    const again = await admin('webhooks', { provider: '17track', url, trackingNo });
    expect(JSON.parse(again.body)).toEqual({ ok: true, accepted: 1 });
    expect(await inbox().runOnce()).toBe(2);
    expect(await trackingEvents(trackingNo)).toEqual([{ source: 'webhook', status: 'delivered' }]);
    expect((await ordersOf(api, cs)).W1!.status).toBe('delivered');
    // The same delivery told by AfterShip (its own signature) is AfterShip's event, once; a forged one is refused.
    const viaAfterShip = `${api.url}/webhooks/aftership`;
    expect(
      (await admin('webhooks', { provider: 'aftership', url: viaAfterShip, trackingNo, badSignature: true })).status,
    ).toBe(401);
    expect((await admin('webhooks', { provider: 'aftership', url: viaAfterShip, trackingNo })).status).toBe(200);
    expect((await admin('webhooks', { provider: 'aftership', url: viaAfterShip, trackingNo })).status).toBe(200);
    expect(await inbox().runOnce()).toBe(2);
    const stored = await api.db.pool.query(
      `SELECT provider, count(*)::int AS n FROM tracking_events WHERE tracking_no = $1
      GROUP BY provider ORDER BY provider`,
      [trackingNo],
    );
    expect(stored.rows).toEqual([
      { provider: '17track', n: 1 },
      { provider: 'aftership', n: 1 },
    ]);
  });

  test('webhooks about one parcel in one batch apply in arrival order; one that fails holds no other back', async () => {
    const { lg, tracking } = await shipOrders(['V1', 'V2']);
    const [first, second] = tracking as [string, string];
    const url = `${api.url}/webhooks/17track`;
    const scans = [
      { status: 'in_transit', description: 'Departed facility', time: '2026-10-11T03:00:00Z' },
      { status: 'out_for_delivery', description: 'Out for delivery', time: '2026-10-12T06:00:00Z' },
    ];
    // The parcel's state as the provider saw it at each webhook: two webhooks, both queued before the inbox runs.
    await admin('parcels', { parcels: [{ trackingNo: first, events: scans.slice(0, 1) }] });
    await admin('webhooks', { provider: '17track', url, trackingNo: first });
    await admin('parcels', { parcels: [{ trackingNo: first, events: scans }] });
    await admin('webhooks', { provider: '17track', url, trackingNo: first });
    // A queued webhook no code path can apply (as if written by a broken release): it must not block the rest.
    await api.db.pool.query(
      `INSERT INTO jobs (queue, key, payload, run_at, created_at) VALUES ('tracking-inbox', 'broken', $1, $2, $2)`,
      [
        JSON.stringify({ provider: '17track', results: [{ trackingNo: second, status: 'in_transit', events: [{}] }] }),
        new Date(t),
      ],
    );
    await admin('parcels', { parcels: [{ trackingNo: second, events: scans.slice(0, 1) }] });
    await admin('webhooks', { provider: '17track', url, trackingNo: second });
    expect(await inbox().runOnce()).toBe(4);
    const shipments = (await api.call('GET', '/v1/shipments', { key: lg })).body.shipments;
    const byNo = Object.fromEntries(shipments.map((s: any) => [s.trackingNo, s]));
    expect(byNo[first]).toMatchObject({ status: 'out_for_delivery' });
    expect(byNo[second]).toMatchObject({ status: 'in_transit' });
    expect((await trackingEvents(first)).map((e) => e.status)).toEqual(['in_transit', 'out_for_delivery']);
    // Applied the other way round, the older webhook would read as a step back and flag the parcel.
    const flags = await api.db.pool.query(`SELECT tracking_flags FROM shipments WHERE tracking_no = $1`, [first]);
    expect(flags.rows[0].tracking_flags.map((f: { code: string }) => f.code)).not.toContain('went_back');
    const left = (await api.db.pool.query(`SELECT key, last_error FROM jobs WHERE queue = 'tracking-inbox'`)).rows;
    expect(left).toEqual([{ key: 'broken', last_error: expect.any(String) }]);
    await api.db.pool.query(`DELETE FROM jobs WHERE queue = 'tracking-inbox'`);
  });
});
