import { aftership } from '../../sync-server/tracking/providers/aftership';
import { dhlUnified } from '../../sync-server/tracking/providers/dhl-unified';
import { seventeenTrack } from '../../sync-server/tracking/providers/seventeen-track';
import {
  startTrackingSandbox,
  type TrackingSandbox,
  type TrackingSandboxOptions,
} from '../../sync-server/tracking/sandbox/tracking-sandbox';
import { failure, tracked } from './tracking-test-kit';

// Real HTTP on free ports, on a clock the tests move by hand; every sandbox is closed after its test.
const T0 = Date.parse('2026-10-07T00:00:00Z');
let clock = T0;
const running: TrackingSandbox[] = [];
async function sandbox(options: TrackingSandboxOptions = {}): Promise<TrackingSandbox> {
  const started = await startTrackingSandbox({ now: () => clock, ...options });
  running.push(started);
  return started;
}
beforeEach(() => (clock = T0));
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function admin(s: TrackingSandbox, path: string, body?: unknown, method = 'POST') {
  const init = {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
  const response = await fetch(`${s.url}/_sandbox/${path}`, init);
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
}
const parcel = (trackingNo: string, ...events: object[]) => ({ trackingNo, events });
const seventeen = (s: TrackingSandbox, timeoutMs?: number) => seventeenTrack({ baseUrl: s.url, token: 't', timeoutMs });

describe('tracking sandbox: the providers over one scenario store', () => {
  test('17TRACK: registered once, events appear as the scenario clock passes them, stop', async () => {
    const s = await sandbox();
    await admin(s, 'parcels', {
      parcels: [
        parcel(
          'YT1000000001',
          { status: 'info_received', description: 'Info received', time: '2026-10-04T10:02:00+08:00' },
          { status: 'in_transit', description: '已发出', time: '2026-10-05 08:00:00', visibleAfterMs: 60_000 },
          { status: 'delivered', description: 'Delivered', location: 'LONDON, GB', visibleAfterMs: 120_000 },
        ),
      ],
    });
    const p = seventeen(s);
    const n = tracked('YT1000000001');
    await expect(p.register!([n])).resolves.toEqual({ accepted: ['YT1000000001'], rejected: [] });
    const first = (await p.fetch([n])).results[0]!;
    expect(first.status).toBe('info_received');
    expect(first.events.map((e) => [e.at, e.zoneSource])).toEqual([['2026-10-04T02:02:00.000Z', 'offset']]);

    clock += 60_000;
    const second = (await p.fetch([n])).results[0]!;
    expect(second.status).toBe('in_transit');
    expect(second.events[1]).toMatchObject({
      at: '2026-10-05T08:00:00.000Z',
      zoneSource: 'none',
      localText: '2026-10-05T08:00:00',
    });

    await expect(p.register!([n])).resolves.toEqual({ accepted: ['YT1000000001'], rejected: [] });
    expect(s.stats().registrations['17track']).toEqual({ YT1000000001: 2 }); // asked twice…
    expect(s.stats().quotaUsed).toBe(1); // …charged once

    clock += 60_000;
    const third = (await p.fetch([n])).results[0]!;
    expect(third.status).toBe('delivered');
    // No time in the script: the moment it became visible, in UTC.
    expect(third.events[2]).toMatchObject({
      at: '2026-10-07T00:02:00.000Z',
      zoneSource: 'utc',
      location: 'LONDON, GB',
    });
    await p.stop!([n]);
    await p.stop!([n]); // "only tracked numbers can be stopped" is not an error for us
    const unknown = await p.fetch([tracked('YT1000000002')]);
    expect(unknown.rejected).toEqual([expect.objectContaining({ code: '-18019902', retryable: true })]);
  });

  test('17TRACK limits when asked: 40 numbers a request, at most 3 requests in any second (429 + Retry-After)', async () => {
    const s = await sandbox({ limits: true });
    const numbers = Array.from({ length: 41 }, (_, i) => ({ number: `YT${String(i).padStart(10, '0')}` }));
    const raw = await fetch(`${s.url}/track/v2.2/gettrackinfo`, {
      method: 'POST',
      headers: { '17token': 't', 'content-type': 'application/json' },
      body: JSON.stringify(numbers),
    });
    expect((await raw.json()).code).toBe(-18010014);
    const p = seventeen(s);
    await p.fetch([tracked('YT0000000001')]);
    clock += 999;
    await p.fetch([tracked('YT0000000001')]);
    const limited = await failure(p.fetch([tracked('YT0000000001')])); // the 4th within one second
    expect(limited).toMatchObject({ kind: 'rate_limited', retryAfterMs: 1000 });
    expect(s.stats()).toMatchObject({
      requests: { '17track': 4 },
      maxPerSecond: { '17track': 4 },
      throttled: { '17track': 1 },
    });
    clock += 1; // the first request has left the window
    await expect(p.fetch([tracked('YT0000000001')])).resolves.toBeDefined();
    await failure(p.fetch(numbers.map((x) => tracked(x.number)))); // refused by the adapter: never sent
    expect(s.stats().requests['17track']).toBe(5);
  });

  test('AfterShip: created once, read back by number; DHL: 404 until its first scan', async () => {
    const s = await sandbox();
    const events = [
      { status: 'in_transit', description: 'Arrival scan', location: 'Austin, US', time: '2026-10-06T09:40:00' },
      {
        status: 'out_for_delivery',
        description: 'Out for delivery',
        time: '2026-10-08T07:48:00-05:00',
        visibleAfterMs: 5000,
      },
    ];
    await admin(s, 'parcels', {
      parcels: [parcel('1Z999AA10123456784', ...events), parcel('00340434292135100186', ...events.slice(1))],
    });
    const as = aftership({ baseUrl: s.url, apiKey: 'k' });
    const ups = tracked('1Z999AA10123456784', { carrierCode: 'ups' });
    await expect(as.register!([ups])).resolves.toEqual({ accepted: [ups.trackingNo], rejected: [] });
    await expect(as.register!([ups])).resolves.toEqual({ accepted: [ups.trackingNo], rejected: [] });
    expect(s.stats().registrations.aftership).toEqual({ '1Z999AA10123456784': 2 });
    const before = (await as.fetch([ups])).results[0]!;
    expect(before).toMatchObject({ status: 'in_transit', events: [expect.objectContaining({ zoneSource: 'none' })] });

    const dhl = dhlUnified({ baseUrl: s.url, apiKey: 'k' });
    const parcelDe = tracked('00340434292135100186');
    expect((await dhl.fetch([parcelDe])).rejected).toEqual([expect.objectContaining({ code: '404', retryable: true })]);
    clock += 5000;
    expect((await as.fetch([ups])).results[0]!.status).toBe('out_for_delivery');
    const found = (await dhl.fetch([parcelDe])).results[0]!;
    expect(found).toMatchObject({
      status: 'out_for_delivery',
      events: [expect.objectContaining({ at: '2026-10-08T12:48:00.000Z' })],
    });
    expect(s.stats().requests).toEqual({ '17track': 0, aftership: 4, dhl: 2 });
  });

  test('a hanging answer fails the call after timeoutMs (the sandbox never answers, whatever the machine speed)', async () => {
    const s = await sandbox();
    await admin(s, 'faults', { provider: '17track', kind: 'hang' });
    const error = await failure(seventeen(s, 200).fetch([tracked('YT0000000001')]));
    expect(error.kind).toBe('unavailable');
    expect(error.message).toContain('within 200 ms');
    expect((await admin(s, 'faults', undefined, 'DELETE')).status).toBe(204); // releases the held request
  });

  test.each([
    ['a 5xx', { kind: 'status', status: 502 }, { kind: 'unavailable', status: 502 }],
    ['a body cut off mid-answer', { kind: 'malformed' }, { kind: 'unavailable' }],
    ['a 429 with Retry-After', { kind: 'rate_limit', retryAfter: '5' }, { kind: 'rate_limited', retryAfterMs: 5000 }],
  ])('17TRACK, AfterShip and DHL each turn %s into the right ProviderError', async (_, fault, expected) => {
    const s = await sandbox();
    await admin(s, 'parcels', { parcels: [parcel('AB1234567890', { status: 'in_transit' })] });
    const providers = [
      seventeen(s),
      aftership({ baseUrl: s.url, apiKey: 'k' }),
      dhlUnified({ baseUrl: s.url, apiKey: 'k' }),
    ];
    for (const provider of providers) {
      await admin(s, 'faults', { provider: provider.name, ...fault });
      expect(await failure(provider.fetch([tracked('AB1234567890')]))).toMatchObject(expected);
    }
  });

  test('faults last `times` requests and only for their provider', async () => {
    const s = await sandbox();
    await admin(s, 'faults', { provider: 'dhl', kind: 'status', times: 2 });
    const p = seventeen(s);
    await expect(p.fetch([tracked('YT0000000001')])).resolves.toBeDefined(); // not DHL's fault
    const dhl = dhlUnified({ baseUrl: s.url, apiKey: 'k' });
    await failure(dhl.fetch([tracked('A1')]));
    await failure(dhl.fetch([tracked('A1')]));
    await expect(dhl.fetch([tracked('A1')])).resolves.toMatchObject({
      rejected: [expect.objectContaining({ code: '404' })],
    });
  });

  test('partial rejects inside a 200, and events out of order and repeated', async () => {
    const s = await sandbox();
    const events = [
      { status: 'info_received', time: '2026-10-04T10:00:00+08:00' },
      { status: 'in_transit', time: '2026-10-05T10:00:00+08:00' },
      { status: 'out_for_delivery', time: '2026-10-06T10:00:00+08:00' },
    ];
    await admin(s, 'parcels', { parcels: [parcel('YT0000000001', ...events), parcel('YT0000000002', ...events)] });
    const p = seventeen(s);
    await p.register!([tracked('YT0000000001'), tracked('YT0000000002')]);
    await admin(s, 'faults', { provider: '17track', kind: 'reject', numbers: ['YT0000000002'] });
    const partial = await p.fetch([tracked('YT0000000001'), tracked('YT0000000002')]);
    expect(partial.results.map((r) => r.trackingNo)).toEqual(['YT0000000001']);
    expect(partial.rejected).toEqual([
      expect.objectContaining({ trackingNo: 'YT0000000002', code: '-18019909', retryable: true }),
    ]);

    await admin(s, 'faults', { kind: 'disorder' });
    const shuffled = (await p.fetch([tracked('YT0000000001')])).results[0]!;
    // The adapter puts them back in time order; repeats stay for the store to deduplicate.
    expect(shuffled.events.map((e) => e.at)).toEqual([
      '2026-10-04T02:00:00.000Z',
      '2026-10-05T02:00:00.000Z',
      '2026-10-05T02:00:00.000Z',
      '2026-10-06T02:00:00.000Z',
      '2026-10-06T02:00:00.000Z',
    ]);
  });

  test('a missing key is refused in each provider’s format; apiKeys makes the sandbox check it', async () => {
    const s = await sandbox({ apiKeys: { '17track': 'right' } });
    const noKey = await fetch(`${s.url}/track/v2.2/gettrackinfo`, { method: 'POST', body: '[]' });
    expect(noKey.status).toBe(401);
    expect((await noKey.json()).code).toBe(-18010002);
    const dhlNoKey = await fetch(`${s.url}/track/shipments?trackingNumber=A1`);
    expect([dhlNoKey.status, dhlNoKey.headers.get('content-type')]).toEqual([401, 'application/problem+json']);
    expect((await failure(seventeenTrack({ baseUrl: s.url, token: 'wrong' }).fetch([tracked('A12345')]))).kind).toBe(
      'refused',
    );
    expect((await admin(s, 'parcels', { parcels: [{ trackingNo: 'X', events: [{ status: 'lost' }] }] })).status).toBe(
      422,
    );
  });
});
