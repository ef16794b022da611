import { dhlUnified } from '../../sync-server/tracking/providers/dhl-unified';
import { cannedFetch, failure, sample, tracked } from './tracking-test-kit';

const KEY = 'dhl-SECRET-key';
const BASE = 'https://api-eu.dhl.test';
const provider = (fetchImpl: typeof fetch) => dhlUnified({ baseUrl: BASE, apiKey: KEY, fetch: fetchImpl });

describe('DHL Shipment Tracking - Unified adapter, against the documented payloads', () => {
  test('one GET per number with DHL-API-Key; statusCode plus the free-text title give the status', async () => {
    const { fetch, sent } = cannedFetch({ body: sample('dhl-unified-track-shipments.json') });
    const answer = await provider(fetch).fetch([
      tracked('00340434292135100186', { carrierCode: 'parcel-de', param: '10115' }),
    ]);
    const url = new URL(sent[0]!.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${BASE}/track/shipments`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      trackingNumber: '00340434292135100186',
      service: 'parcel-de',
      recipientPostalCode: '10115',
    });
    expect(sent[0]!.headers['dhl-api-key']).toBe(KEY);

    const [result] = answer.results;
    expect(result).toMatchObject({
      trackingNo: '00340434292135100186',
      status: 'delivered',
      rawStatus: 'delivered/DELIVERED',
    });
    expect(result!.events.map((e) => [e.at, e.zoneSource, e.status, e.location])).toEqual([
      ['2026-10-07T07:12:00.000Z', 'offset', 'info_received', null],
      ['2026-10-07T16:44:00.000Z', 'offset', 'in_transit', 'Leipzig, DE'],
      // "transit" + title "OUT FOR DELIVERY": the title tells the last step apart
      ['2026-10-08T05:31:00.000Z', 'offset', 'out_for_delivery', 'Berlin, DE'],
      ['2026-10-08T08:02:00.000Z', 'offset', 'delivered', 'Berlin, DE'],
    ]);
    expect(result!.events[2]).toMatchObject({
      localText: '2026-10-08T07:31:00+02:00',
      rawCode: 'transit/OUT FOR DELIVERY',
      description: 'The shipment has been loaded onto the delivery vehicle.',
    });
    expect(answer.rejected).toEqual([]);
  });

  test('a returned shipment: returnFlag, zoneless times, out-of-order events, unknown codes kept raw', async () => {
    const answer = await provider(cannedFetch({ body: sample('dhl-unified-track-returned.json') }).fetch).fetch([
      tracked('JJD000390007880006789'),
    ]);
    const [result] = answer.results;
    expect(result!.status).toBe('returned');
    expect(result!.events.map((e) => [e.at, e.zoneSource, e.status, e.rawCode])).toEqual([
      ['2026-10-27T09:00:00.000Z', 'utc', 'in_transit', 'whatever-new/ZX-77'],
      ['2026-10-28T10:00:00.000Z', 'utc', 'in_transit', 'transit/IN TRANSIT'],
      ['2026-10-29T07:00:00.000Z', 'offset', 'delivery_failed', 'failure/DELIVERY FAILED'],
      ['2026-10-30T16:05:00.000Z', 'utc', 'returning', 'transit/RETURNED TO SENDER'],
      ['2026-11-02T11:20:00.000Z', 'none', 'returned', 'delivered/DELIVERED'],
    ]);
    expect(result!.events[4]).toMatchObject({ localText: '2026-11-02T11:20:00', location: 'Coventry, UK' });
  });

  test('404 (not known yet) is a retryable reject; 400 is not', async () => {
    const notYet = await provider(cannedFetch({ status: 404, body: sample('dhl-unified-track-404.json') }).fetch).fetch(
      [tracked('JJD0001')],
    );
    expect(notYet).toEqual({
      results: [],
      rejected: [
        {
          trackingNo: 'JJD0001',
          code: '404',
          message: 'No shipment with given tracking number found.',
          retryable: true,
        },
      ],
    });
    const bad = { status: 400, body: '{"status":400,"title":"Bad Request","detail":"Invalid service."}' };
    const refused = await provider(cannedFetch(bad).fetch).fetch([tracked('JJD0001', { carrierCode: 'pony' })]);
    expect(refused.rejected).toEqual([
      { trackingNo: 'JJD0001', code: '400', message: 'Invalid service.', retryable: false },
    ]);
  });

  test('an empty shipments list is "not yet" too', async () => {
    const answer = await provider(cannedFetch({ body: '{"shipments":[]}' }).fetch).fetch([tracked('JJD0002')]);
    expect(answer.rejected[0]).toMatchObject({ code: '404', retryable: true });
  });

  test('429 problem+json is "rate_limited": Retry-After when given, no guess otherwise (daily or per second?)', async () => {
    const body = sample('dhl-unified-track-429.json');
    const given = await failure(
      provider(cannedFetch({ status: 429, body, headers: { 'retry-after': '7' } }).fetch).fetch([tracked('A1')]),
    );
    expect(given).toMatchObject({ kind: 'rate_limited', retryAfterMs: 7000 });
    expect(given.message).toContain('Rate limit exceeded');
    const none = await failure(provider(cannedFetch({ status: 429, body }).fetch).fetch([tracked('A1')]));
    expect(none).toMatchObject({ kind: 'rate_limited', retryAfterMs: null });
  });

  test('401 is "refused" without the key; 5xx and broken bodies are "unavailable"; one number a call', async () => {
    const refused = await failure(
      provider(cannedFetch({ status: 401, body: sample('dhl-unified-track-401.json') }).fetch).fetch([tracked('A1')]),
    );
    expect(refused.kind).toBe('refused');
    expect(refused.message).not.toContain(KEY);
    for (const reply of [{ status: 500, body: '' }, { body: '{"shipments":[{"id":' }, { body: '{"shipments":{}}' }]) {
      expect((await failure(provider(cannedFetch(reply).fetch).fetch([tracked('A1')]))).kind).toBe('unavailable');
    }
    expect((await failure(provider(cannedFetch().fetch).fetch([tracked('A1'), tracked('A2')]))).kind).toBe('refused');
  });
});
