import { createHash } from 'node:crypto';
import { seventeenTrack } from '../../sync-server/tracking/providers/seventeen-track';
import { cannedFetch, failure, sample, tracked } from './tracking-test-kit';

const TOKEN = 'tok-17-SECRET';
const BASE = 'https://api.17track.test';
const provider = (fetchImpl: typeof fetch, over: { webhookKey?: string } = {}) =>
  seventeenTrack({ baseUrl: BASE, token: TOKEN, fetch: fetchImpl, ...over });
const sign = (body: string, key = TOKEN) => createHash('sha256').update(`${body}/${key}`).digest('hex');

describe('17TRACK v2.2 adapter, against the documented payloads', () => {
  test('gettrackinfo: one POST with the 17token header, statuses and UTC events from the sample', async () => {
    const { fetch, sent } = cannedFetch({ body: sample('17track-v2.2-gettrackinfo.json') });
    const answer = await provider(fetch).fetch([
      tracked('YT2527712345678901', { carrierCode: '190008', param: 'NW8', reference: 'SHP-000123' }),
      tracked('LX000000000CN'),
    ]);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe(`${BASE}/track/v2.2/gettrackinfo`);
    expect(sent[0]!.method).toBe('POST');
    expect(sent[0]!.headers['17token']).toBe(TOKEN);
    // gettrackinfo takes {number, carrier}; param and tag belong to register.
    expect(JSON.parse(sent[0]!.body!)).toEqual([
      { number: 'YT2527712345678901', carrier: 190008 },
      { number: 'LX000000000CN' },
    ]);

    const [result] = answer.results;
    expect(result).toMatchObject({ trackingNo: 'YT2527712345678901', status: 'in_transit' });
    expect(result!.rawStatus).toBe('InTransit_CustomsProcessing');
    // 17TRACK lists newest first; the adapter gives them in time order, each in UTC with its raw text kept.
    expect(result!.events.map((e) => [e.at, e.status, e.rawCode])).toEqual([
      ['2026-10-04T02:02:00.000Z', 'info_received', 'InfoReceived'],
      ['2026-10-04T10:30:00.000Z', 'in_transit', 'InTransit_PickedUp'],
      ['2026-10-05T17:15:00.000Z', 'in_transit', 'InTransit_Other'],
      ['2026-10-09T06:41:00.000Z', 'in_transit', 'InTransit_CustomsProcessing'],
    ]);
    expect(result!.events[3]).toMatchObject({
      localText: '2026-10-09T07:41:00+01:00',
      zoneSource: 'offset',
      description: 'Customs clearance in progress',
      location: 'LONDON HEATHROW, GB',
    });
    expect(result!.events[0]!.location).toBeNull(); // "" and an empty address are no location
    expect(answer.rejected).toEqual([
      {
        trackingNo: 'LX000000000CN',
        code: '-18019902',
        message: "The tracking number 'LX000000000CN' does not register, please register first.",
        retryable: true, // register it, then ask again
      },
    ]);
  });

  test('unknown and returning statuses, zoneless and raw-only times, broken times, retryable rejects', async () => {
    const { fetch } = cannedFetch({ body: sample('17track-v2.2-gettrackinfo-returning.json') });
    const answer = await provider(fetch).fetch([
      tracked('LP00123456789012', { carrierCode: '3011' }),
      tracked('YT2527799999999999'),
      tracked('YT2527700000000009'),
      tracked('YT2527700000000010'),
    ]);
    const [returning, unknown] = answer.results;
    expect(returning!.status).toBe('returning');
    expect(returning!.events.map((e) => [e.at, e.zoneSource, e.localText, e.status, e.rawCode])).toEqual([
      ['2026-10-08T00:00:00.000Z', 'offset', '2026-10-08T08:00:00+08:00', 'in_transit', 'Teleported_Somewhere'],
      ['2026-10-10T10:02:00.000Z', 'offset', '2026-10-10 18:02+08:00', 'in_transit', 'Arrival'],
      // No zone anywhere: the local wall time read as UTC, flagged.
      ['2026-10-12T09:15:00.000Z', 'none', '2026-10-12T09:15:00', 'returning', 'Exception_Returning'],
    ]);
    expect(returning!.events[0]!.location).toBe('Guangzhou, GD, CN');
    expect(returning!.events[2]!.description).toBe('退回寄件人 Return to sender');
    expect(unknown).toMatchObject({ status: 'in_transit', rawStatus: 'SomethingNew', events: [] });
    expect(answer.rejected.map((r) => [r.trackingNo, r.code, r.retryable])).toEqual([
      ['YT2527700000000009', '-18019909', true], // no events yet
      ['YT2527700000000010', '-18019910', false], // wrong carrier code: a person must fix it
    ]);
    expect(answer.rejected[1]!.message).toBe('Carrier Code {0} is incorrect.');
  });

  test('register sends number, carrier, param and tag; "already registered" counts as registered', async () => {
    const { fetch, sent } = cannedFetch({ body: sample('17track-v2.2-register.json') });
    const numbers = [
      tracked('YT2527712345678901', { carrierCode: '190008', param: 'NW8', reference: 'SHP-000123' }),
      tracked('YT2527700000000001'),
      tracked('12'),
      tracked('LX000000001CN'),
      tracked('ZZ1', { carrierCode: 'yunexpress' }),
    ];
    const answer = await provider(fetch).register!(numbers);
    expect(sent[0]!.url).toBe(`${BASE}/track/v2.2/register`);
    expect(JSON.parse(sent[0]!.body!)).toEqual([
      { number: 'YT2527712345678901', carrier: 190008, param: 'NW8', tag: 'SHP-000123' },
      { number: 'YT2527700000000001' },
      { number: '12' },
      { number: 'LX000000001CN' },
    ]);
    expect(answer.accepted).toEqual(['YT2527712345678901', 'YT2527700000000001']);
    expect(answer.rejected.map((r) => [r.trackingNo, r.code, r.retryable])).toEqual([
      ['ZZ1', 'invalid_carrier_code', false], // refused before asking: 17TRACK carrier codes are numbers
      ['12', '-18010012', false],
      ['LX000000001CN', '-18019903', false],
    ]);
  });

  test('a register refused only for quota pauses the poller ("quota"), and more than 40 numbers is a setup error', async () => {
    const { fetch, sent } = cannedFetch({ body: sample('17track-v2.2-register-quota-spent.json') });
    const spent = await failure(
      provider(fetch).register!([tracked('YT2527712345678902'), tracked('YT2527712345678903')]),
    );
    expect(spent.kind).toBe('quota');
    expect(spent.message).toContain('Your quotas have run out');

    const many = Array.from({ length: 41 }, (_, i) => tracked(`YT25277000000${String(i).padStart(5, '0')}`));
    expect((await failure(provider(fetch).fetch(many))).kind).toBe('refused');
    expect(sent).toHaveLength(1); // the 41 were never sent
  });

  test.each([
    ['a whole-call error code in a 200', { body: sample('17track-v2.2-invalid-key.json') }],
    ['HTTP 401', { status: 401, body: sample('17track-v2.2-invalid-key.json') }],
    ['HTTP 403 without a body', { status: 403, body: '' }],
  ])('a refused key (%s) is "refused", and the key is never in the message', async (_, reply) => {
    const error = await failure(provider(cannedFetch(reply).fetch).fetch([tracked('YT2527712345678901')]));
    expect(error.kind).toBe('refused');
    expect(error.message).not.toContain(TOKEN);
  });

  test.each([
    ['Retry-After in seconds', { 'retry-after': '2' }, 2000],
    [
      'Retry-After as an HTTP date',
      { date: 'Fri, 09 Oct 2026 07:00:00 GMT', 'retry-after': 'Fri, 09 Oct 2026 07:00:03 GMT' },
      3000,
    ],
    ['no Retry-After (the limit is per second)', {}, 1000],
  ])('429 with %s is "rate_limited" with that wait', async (_, headers, wait) => {
    const { fetch } = cannedFetch({ status: 429, body: sample('17track-v2.2-429.json'), headers });
    const error = await failure(provider(fetch).fetch([tracked('YT2527712345678901')]));
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: wait, status: 429 });
  });

  test.each([
    ['HTTP 503', { status: 503, body: '<html>busy</html>' }],
    [
      'an internal error code',
      { body: '{"code":-18010003,"data":{"errors":[{"code":-18010003,"message":"Internal service error."}]}}' },
    ],
    ['a body that is not JSON', { body: '{"code":0,"data":{"accepted":[' }],
    ['JSON in another shape', { body: '{"code":0,"data":{"accepted":[{"number":12345}]}}' }],
  ])('%s is "unavailable"', async (_, reply) => {
    const error = await failure(provider(cannedFetch(reply).fetch).fetch([tracked('YT2527712345678901')]));
    expect(error.kind).toBe('unavailable');
  });

  test('stop posts stoptrack; quota reads getquota', async () => {
    const { fetch, sent } = cannedFetch(
      {
        body: '{"code":0,"data":{"accepted":[],"rejected":[{"number":"A1","error":{"code":-18019906,"message":"x"}}]}}',
      },
      { body: '{"code":0,"data":{"quota_total":200,"quota_used":13,"quota_remain":187,"max_track_daily":10000}}' },
    );
    const p = provider(fetch);
    await p.stop!([tracked('A12345', { carrierCode: '190008' })]);
    await expect(p.quota()).resolves.toEqual({ total: 200, used: 13, remain: 187, maxTrackDaily: 10000 });
    expect(sent.map((s) => [s.url.split('/').pop(), s.body])).toEqual([
      ['stoptrack', '[{"number":"A12345","carrier":190008}]'],
      ['getquota', '[]'],
    ]);
  });
});

describe('17TRACK webhooks: header sign = sha256_hex(raw body + "/" + key)', () => {
  const body = sample('17track-v2.2-webhook-tracking-updated.json');
  const read = (raw: string, headers: Record<string, string | undefined>, key?: string) =>
    provider(cannedFetch().fetch, { webhookKey: key }).readWebhook!({ rawBody: Buffer.from(raw), headers });

  test('a signed TRACKING_UPDATED gives the delivery and its events', () => {
    const [result] = read(body, { sign: sign(body) })!;
    expect(result).toMatchObject({
      trackingNo: 'YT2527712345678901',
      status: 'delivered',
      rawStatus: 'Delivered_Other',
    });
    expect(result!.events.map((e) => [e.at, e.status])).toEqual([
      ['2026-10-11T06:20:00.000Z', 'out_for_delivery'],
      ['2026-10-11T11:05:00.000Z', 'delivered'],
    ]);
  });

  test('the key can differ from the token; header names are case-insensitive', () => {
    expect(read(body, { Sign: sign(body, 'hook-key') }, 'hook-key')).toHaveLength(1);
    expect(read(body, { sign: sign(body, TOKEN) }, 'hook-key')).toBeNull();
  });

  test.each([
    ['no sign header', {}],
    ['a sign made with another key', { sign: sign(body, 'not-the-key') }],
    ['a sign of another body', { sign: sign(body.replace('Delivered', 'Returned')) }],
    ['a sign with junk after it', { sign: `${sign(body)}zz` }],
    ['a sign that is not hex', { sign: 'x'.repeat(64) }],
  ])('%s is refused (null)', (_, headers) => {
    expect(read(body, headers)).toBeNull();
  });

  test('a tampered body under the original sign is refused', () => {
    expect(read(body.replace('"Delivered"', '"Exception"'), { sign: sign(body) })).toBeNull();
  });

  test('a Delivered webhook without events is still a delivery; TRACKING_STOPPED changes nothing', () => {
    const delivered = sample('17track-v2.2-webhook-delivered-no-events.json');
    expect(read(delivered, { sign: sign(delivered) })).toEqual([
      { trackingNo: 'YT2527712345678901', status: 'delivered', rawStatus: 'Delivered_Other', events: [] },
    ]);
    const stopped = sample('17track-v2.2-webhook-stopped.json');
    expect(read(stopped, { sign: sign(stopped) })).toEqual([]);
  });

  test('a correctly signed body that is not the documented shape is an error, not a silent success', () => {
    const odd = '{"event":"TRACKING_UPDATED","data":{"numero":1}}';
    expect(() => read(odd, { sign: sign(odd) })).toThrow(expect.objectContaining({ kind: 'unavailable' }));
  });
});
