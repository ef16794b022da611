import { createHmac } from 'node:crypto';
import { aftership } from '../../sync-server/tracking/providers/aftership';
import { cannedFetch, failure, sample, tracked } from './tracking-test-kit';

const KEY = 'asat_SECRET_KEY';
const SECRET = 'whsec-aftership';
const BASE = 'https://api.aftership.test';
const provider = (fetchImpl: typeof fetch, webhookSecret: string | undefined = SECRET) =>
  aftership({ baseUrl: BASE, apiKey: KEY, fetch: fetchImpl, webhookSecret });
const hmac = (body: string, secret = SECRET) => createHmac('sha256', secret).update(body).digest('base64');

describe('AfterShip 2026-07 adapter, against the documented payloads', () => {
  test('fetch reads trackings back by number in one GET /trackings, with the as-api-key header', async () => {
    const { fetch, sent } = cannedFetch({ body: sample('aftership-2026-07-get-trackings.json') });
    const answer = await provider(fetch).fetch([
      tracked('1Z999AA10123456784', { carrierCode: 'ups' }),
      tracked('rr123456785cn'),
      tracked('NOT-CREATED-1'),
    ]);
    const url = new URL(sent[0]!.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${BASE}/tracking/2026-07/trackings`);
    expect(url.searchParams.get('tracking_numbers')).toBe('1Z999AA10123456784,rr123456785cn,NOT-CREATED-1');
    expect(sent[0]!.method).toBe('GET');
    expect(sent[0]!.headers['as-api-key']).toBe(KEY);

    const [ups, china] = answer.results;
    expect(ups).toMatchObject({
      trackingNo: '1Z999AA10123456784',
      status: 'out_for_delivery',
      rawStatus: 'OutForDelivery_001',
    });
    expect(ups!.events).toEqual([
      {
        // checkpoint_time without a zone: the local wall time read as UTC, flagged, raw text kept
        at: '2026-10-06T09:40:00.000Z',
        localText: '2026-10-06T09:40:00',
        zoneSource: 'none',
        status: 'info_received',
        rawCode: 'InfoReceived_001',
        description: 'Shipper created a label, UPS has not received the package yet.',
        location: 'Austin, TX, USA',
      },
      {
        at: '2026-10-08T12:48:00.000Z',
        localText: '2026-10-08T07:48:00-05:00',
        zoneSource: 'offset',
        status: 'out_for_delivery',
        rawCode: 'OutForDelivery_001',
        description: 'Out For Delivery Today',
        location: 'Austin, TX, US',
      },
    ]);
    // Exception_011 is "returned to sender"; the number comes back as we asked for it.
    expect(china).toMatchObject({ trackingNo: 'rr123456785cn', status: 'returned' });
    expect(answer.rejected).toEqual([
      expect.objectContaining({ trackingNo: 'NOT-CREATED-1', code: '4004', retryable: true }),
    ]);
  });

  test('the shared get-tracking sample (a single tracking) maps its tag and offsets', async () => {
    const single = JSON.parse(sample('aftership-2026-07-get-tracking.json'));
    const list = { meta: { code: 200 }, data: { trackings: [single.data] } };
    const answer = await provider(cannedFetch({ body: JSON.stringify(list) }).fetch).fetch([
      tracked('1Z999AA10123456784'),
    ]);
    expect(answer.results[0]!.status).toBe('out_for_delivery');
    expect(answer.results[0]!.events.map((e) => [e.at, e.zoneSource, e.status])).toEqual([
      ['2026-10-06T14:40:00.000Z', 'offset', 'info_received'],
      ['2026-10-07T00:55:00.000Z', 'offset', 'in_transit'],
      ['2026-10-08T12:48:00.000Z', 'offset', 'out_for_delivery'],
    ]);
  });

  test('register: one POST per number; "already exists" counts as registered, an invalid number does not', async () => {
    const { fetch, sent } = cannedFetch(
      { status: 201, body: sample('aftership-2026-07-get-tracking.json') },
      { status: 400, body: sample('aftership-2026-07-create-exists.json') },
      { status: 400, body: sample('aftership-2026-07-create-invalid.json') },
    );
    const answer = await provider(fetch).register!([
      tracked('1Z999AA10123456784', { carrierCode: 'ups', reference: 'SO-1005', param: '78701' }),
      tracked('1Z999AA10123456785'),
      tracked('??'),
    ]);
    expect(sent.map((s) => [s.method, new URL(s.url).pathname])).toEqual([
      ['POST', '/tracking/2026-07/trackings'],
      ['POST', '/tracking/2026-07/trackings'],
      ['POST', '/tracking/2026-07/trackings'],
    ]);
    expect(JSON.parse(sent[0]!.body!)).toEqual({
      tracking_number: '1Z999AA10123456784',
      slug: 'ups',
      order_id: 'SO-1005',
      destination_postal_code: '78701',
    });
    expect(JSON.parse(sent[1]!.body!)).toEqual({ tracking_number: '1Z999AA10123456785' });
    expect(answer.accepted).toEqual(['1Z999AA10123456784', '1Z999AA10123456785']);
    expect(answer.rejected).toEqual([
      { trackingNo: '??', code: '4005', message: 'The value of `tracking_number` is invalid.', retryable: false },
    ]);
  });

  test('429: the wait comes from X-RateLimit-Reset, against the answer’s own Date', async () => {
    const headers = {
      date: 'Thu, 08 Oct 2026 13:10:00 GMT',
      'x-ratelimit-reset': String(Date.UTC(2026, 9, 8, 13, 10, 5) / 1000),
    };
    const { fetch } = cannedFetch({ status: 429, body: sample('aftership-429.json'), headers });
    const error = await failure(provider(fetch).fetch([tracked('1Z999AA10123456784')]));
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 5000, status: 429 });
  });

  test('401 is "refused" without the key; 5xx, broken and odd bodies are "unavailable"', async () => {
    const refused = await failure(
      provider(cannedFetch({ status: 401, body: sample('aftership-401.json') }).fetch).fetch([tracked('A1234')]),
    );
    expect(refused.kind).toBe('refused');
    expect(refused.message).toContain('Invalid API key');
    expect(refused.message).not.toContain(KEY);
    for (const reply of [
      { status: 502, body: 'Bad gateway' },
      { body: '{"meta":{"code":200},"data":{"trackings":[{"tracking_number":' },
      { body: '{"meta":{"code":200},"data":{"trackings":"none"}}' },
    ]) {
      expect((await failure(provider(cannedFetch(reply).fetch).fetch([tracked('A1234')]))).kind).toBe('unavailable');
    }
  });

  test('more than 50 numbers is refused before anything is sent', async () => {
    const { fetch, sent } = cannedFetch({ body: '{}' });
    const many = Array.from({ length: 51 }, (_, i) => tracked(`N${i}0000`));
    expect((await failure(provider(fetch).fetch(many))).kind).toBe('refused');
    expect(sent).toHaveLength(0);
  });
});

describe('AfterShip webhooks: aftership-hmac-sha256 = base64 HMAC-SHA256(raw body, webhook secret)', () => {
  const body = sample('aftership-2026-07-webhook-delivered.json');
  const read = (raw: string, headers: Record<string, string | undefined>, secret?: string) =>
    provider(cannedFetch().fetch, secret).readWebhook!({ rawBody: Buffer.from(raw), headers });

  test('a signed Delivered webhook with no checkpoints is still a delivery', () => {
    expect(read(body, { 'aftership-hmac-sha256': hmac(body) })).toEqual([
      { trackingNo: '1Z999AA10123456784', status: 'delivered', rawStatus: 'Delivered_001', events: [] },
    ]);
    expect(read(body, { 'AfterShip-Hmac-SHA256': hmac(body) })).toHaveLength(1);
  });

  test.each([
    ['no signature', {}],
    ['a signature made with another secret', { 'aftership-hmac-sha256': hmac(body, 'other') }],
    [
      'a hex signature instead of base64',
      { 'aftership-hmac-sha256': createHmac('sha256', SECRET).update(body).digest('hex') },
    ],
    ['a signature of a tampered body', { 'aftership-hmac-sha256': hmac(body.replace('Delivered', 'Exception')) }],
  ])('%s is refused (null)', (_, headers) => {
    expect(read(body, headers)).toBeNull();
  });

  test('the body is checked as received: changing it under a good signature is refused', () => {
    expect(read(body.replace('"Delivered"', '"InTransit"'), { 'aftership-hmac-sha256': hmac(body) })).toBeNull();
  });

  test('without a configured secret nothing can be verified, so everything is refused', () => {
    expect(read(body, { 'aftership-hmac-sha256': hmac(body) }, '')).toBeNull();
  });
});
