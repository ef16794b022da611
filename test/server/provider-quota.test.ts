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
import { startTrackingSandbox, type TrackingSandbox } from '../../sync-server/tracking/sandbox/tracking-sandbox';
import { seventeenTrack } from '../../sync-server/tracking/providers/seventeen-track';
import { aftership } from '../../sync-server/tracking/providers/aftership';
import { dhlUnified } from '../../sync-server/tracking/providers/dhl-unified';
import { ProviderError } from '../../sync-server/tracking/providers/tracking-provider';
import { jobRunner } from '../../sync-server/jobs/job-runner';
import { trackingPollHandler } from '../../sync-server/workflows/tracking-poll';
import { recordCall } from '../../sync-server/tracking/provider-quotas';

/**
 * The providers health check with real numbers (docs/dispatch.md): 17TRACK's getquota and our count of the
 * day's calls recorded by the poller, AfterShip's and DHL's X-RateLimit-* headers read by the adapters,
 * all from the tracking sandbox; the check fails below the Settings threshold, naming what is left and
 * until when.
 */
describe.each(DATABASE_KINDS)('tracking provider quotas in the health check, on %s', (kind) => {
  let api: ApiHarness;
  let close: () => Promise<void>;
  let sandbox: TrackingSandbox;
  // One clock for the sandbox, the poller and the server, moved by hand.
  let t = Date.parse('2026-11-20T10:00:00.000Z');
  const midnight = '2026-11-21T00:00:00.000Z';
  const provider = () => seventeenTrack({ baseUrl: sandbox.url, token: 'sandbox-token' });
  beforeAll(async () => {
    sandbox = await startTrackingSandbox({ port: 0, now: () => t, quota: 40, dailyCalls: { aftership: 20, dhl: 3 } });
    ({ api, close } = await startLogisticsApi(kind, {}, [provider()], () => new Date(t)));
  });
  afterAll(async () => {
    await close?.();
    await sandbox?.close();
  });

  let adminKey = '';
  const health = async (lang = 'en') => {
    if (!adminKey) adminKey = (await api.workspace()).adminKey;
    const answer = await api.call('GET', `/v1/dispatch/health?lang=${lang}`, { key: adminKey });
    expect(answer.status).toBe(200);
    const check = answer.body.checks.find((c: any) => c.check === 'providers');
    return { status: check.status as string, detail: check.detail as string, body: answer.body };
  };

  test("17TRACK's getquota and today's calls show as numbers; below the threshold the check fails", async () => {
    const ws = await api.workspace();
    adminKey = ws.adminKey;
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    const lg = await ws.keyFor('lg@shop.test', ['logistics']);
    await pushRows(api, ws, {
      products: [shippable('CASE')],
      warehouses: [row('DE1', { name: 'Berlin', countries: ['FR'], rank: 1 })],
      carriers: [sandboxService('SBX', { tracking_provider: '17track', tracking_carrier: '190008' })],
      rates: [rateRow('SBX', 'FR', 0, 30_000)],
    });
    await pushRows(api, ws, { stock: [row('CASE@DE1', { on_hand: 100 })] });
    const orderNos = ['Q1', 'Q2', 'Q3'];
    await importCustomerOrders(
      api,
      cs,
      orderNos.map((no) => ({ no, lines: [['CASE', 1]] })),
    );
    await approveAll(api, cs, orderNos);
    const plan = await api.call('POST', '/v1/shipments/plan', { key: lg, body: { idempotencyKey: key('plan') } });
    const numbers = plan.body.shipments.map((s: any) => s.shipmentNo);
    await api.call('POST', '/v1/shipments/book', {
      key: lg,
      body: { idempotencyKey: key('book'), shipmentNos: numbers },
    });
    await api.call('POST', '/v1/shipments/ship', {
      key: lg,
      body: { idempotencyKey: key('ship'), shipmentNos: numbers },
    });
    expect((await health()).detail).toBe('No tracking provider has been called yet');

    const poller = jobRunner({
      db: api.db,
      now: () => new Date(t),
      worker: 'w1',
      handlers: [
        trackingPollHandler({
          db: api.db,
          provider: provider(),
          now: () => new Date(t),
          random: () => 0.5,
          sleep: async (ms) => {
            t += ms;
          },
          dailyCalls: 4,
        }),
      ],
    });
    expect(await poller.runOnce()).toBe(3);
    // register (3 quota units), gettrackinfo, getquota: 3 calls of the 4 allowed today, 37 of 40 units left.
    const ok = await health();
    expect(ok.status).toBe('ok');
    expect(ok.detail).toBe(
      '17track account quota: 37 of 40 left (92.5%), no reset date (bought quota: lasts until more is bought); ' +
        `17track calls today: 1 of 4 left (25%), until ${midnight}`,
    );
    expect(ok.body.quotas).toEqual([
      expect.objectContaining({ provider: '17track', source: 'account', limit: 40, remaining: 37, resetsAt: null }),
      expect.objectContaining({ provider: '17track', source: 'daily_calls', limit: 4, remaining: 1, low: false }),
    ]);

    // The boss raises the threshold on the Settings sheet: 25 % left is now too little.
    const synced = await api.call('POST', '/v1/sync', {
      key: ws.adminKey,
      body: { clientId: 'settings-sheet', since: 0, settings: { dispatch: { quotaLeftPercent: '30' } } },
    });
    expect(synced.body.settings.errors).toEqual([]);
    const low = await health('zh');
    expect(low.status).toBe('fail');
    expect(low.body.status).toBe('fail');
    expect(low.detail.split('；')[0]).toBe(`17track 今日调用：仅剩 1/4（25%，低于 30%），至 ${midnight} 重置`);
    const overview = await api.call('GET', '/v1/dispatch/overview', { key: cs });
    expect(overview.body.checks.find((c: any) => c.check === 'providers').status).toBe('fail');
    const metrics = (await api.call('GET', '/metrics', { key: cs })).body as string;
    expect(metrics).toContain(
      `crossdock_tracking_quota_remaining{workspace="${ws.id}",provider="17track",source="account"} 37\n`,
    );
    expect(metrics).toContain(
      `crossdock_tracking_quota_left_ratio{workspace="${ws.id}",provider="17track",source="daily_calls"} 0.25\n`,
    );
    expect(metrics).toContain(
      `crossdock_tracking_quota_reset_seconds{workspace="${ws.id}",provider="17track",source="daily_calls"} ${Date.parse(midnight) / 1000}\n`,
    );
    expect(metrics).toContain(`crossdock_health_ok{workspace="${ws.id}",check="providers"} 0\n`);

    // A new UTC day gives the calls back: the reading no longer holds, the check passes again.
    t = Date.parse(midnight);
    const reset = await health();
    expect(reset.status).toBe('ok');
    expect(reset.detail).toContain(`17track calls today: full again since ${midnight} (last seen 1 of 4)`);
    const invalid = await api.call('POST', '/v1/sync', {
      key: ws.adminKey,
      body: { clientId: 'settings-sheet', since: 0, lang: 'zh', settings: { dispatch: { quotaLeftPercent: '101' } } },
    });
    expect(invalid.body.settings.errors[0].message).toContain('0 到 100');
  });

  test("AfterShip's and DHL's X-RateLimit headers are read, recorded and fail the check when nearly spent", async () => {
    t = Date.parse('2026-11-22T09:30:00.000Z');
    adminKey = (await api.workspace()).adminKey; // a workspace with the default threshold (5 %)
    const afterShip = aftership({ baseUrl: sandbox.url, apiKey: 'k' });
    const dhl = dhlUnified({ baseUrl: sandbox.url, apiKey: 'k' });
    const number = { trackingNo: 'RL000001', carrierCode: null, param: null, reference: null };
    const record = (p: typeof afterShip) => recordCall(api.db.pool, p, 0, undefined, new Date(t));
    for (let i = 0; i < 19; i++) {
      await afterShip.fetch([number]);
      await record(afterShip);
    }
    await dhl.fetch([number]);
    await record(dhl);
    const left = await health();
    expect(left.status).toBe('ok');
    expect(left.detail).toContain('aftership rate limit: 1 of 20 left (5%), until 2026-11-23T00:00:00.000Z');
    expect(left.detail).toContain('dhl rate limit: 2 of 3 left (66.6%), until 2026-11-23T00:00:00.000Z');

    await afterShip.fetch([number]);
    await record(afterShip);
    const spent = await health();
    expect(spent.status).toBe('fail');
    expect(spent.detail.split('; ')[0]).toBe(
      'aftership rate limit: only 0 of 20 left (0%, below 5%), until 2026-11-23T00:00:00.000Z',
    );
    // Past the day's limit the sandbox answers 429 as the provider would; the poller pauses on it.
    await expect(afterShip.fetch([number])).rejects.toMatchObject({
      kind: 'rate_limited',
    } satisfies Partial<ProviderError>);
  });
});
