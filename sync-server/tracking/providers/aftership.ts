/**
 * AfterShip Tracking API 2026-07 as a TrackingProvider: `<host>/tracking/2026-07`, header `as-api-key`;
 * POST /trackings creates one tracking; GET /trackings?tracking_numbers=a,b (at most 50) reads them back by
 * number, as we keep no AfterShip ids; answers `{meta: {code, type?, message?}, data}`.
 *
 * Contract read from:
 * - The 2026-07 OpenAPI (servers https://api.aftership.com/tracking/2026-07; paths /trackings GET with
 *   `tracking_numbers` "up to 50", POST, /trackings/{id}; Checkpoint.checkpoint_time "YYYY-MM-DDTHH:mm:ss or
 *   YYYY-MM-DDTHH:mm:ssZ" in the checkpoint's zone; Meta.v1; Tag.v1), as mirrored in github api-evangelist/aftership
 *   openapi/aftership-tracking-api-openapi.yml. No slug/number path exists any more in this version.
 * - Rate limits https://www.aftership.com/docs/tracking/2025-01/quickstart/rate-limit (GET /trackings 6/s,
 *   POST 20/s; 429 TooManyRequests; X-RateLimit-Reset is a Unix timestamp).
 * - Webhook https://www.aftership.com/docs/tracking/webhook/webhook-signature (header `aftership-hmac-sha256`,
 *   base64 HMAC-SHA256 of the request body with the webhook secret) and .../2025-01/webhook/webhook-specifications
 *   (body {ts, event, event_id, is_tracking_first_tag, msg: tracking}).
 * - meta codes (4003 tracking already exists, …): github AfterShip/tracking-sdk-nodejs src/error/meta_code.ts.
 * - Sub-statuses https://www.aftership.com/docs/tracking/enum/delivery-sub-statuses (Exception_010 returning to
 *   sender, Exception_011 returned to sender).
 * Uncertain: the HTTP status of a duplicate create in 2026-07 (older versions: 400 with meta.code 4003; any
 * status with 4003 is taken as "already created").
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TrackingStatus } from '../../../domain/tracking/tracking-status';
import {
  ProviderError,
  type NumberRejection,
  type TrackedNumber,
  type TrackingEvent,
  type TrackingProvider,
  type TrackingResult,
} from './tracking-provider';
import {
  errorSchema,
  listSchema,
  MAX_NUMBERS,
  META,
  singleSchema,
  SUBTAG_STATUS,
  TAG_STATUS,
  webhookSchema,
  type AfterShipCheckpoint,
  type AfterShipTracking,
} from './aftership-payloads';
import {
  describeError,
  headerOf,
  parseJson,
  rateWindowOf,
  readTime,
  retryAfterMs,
  type RateWindow,
} from './provider-replies';

export const AFTERSHIP_URL = 'https://api.aftership.com';
const PROVIDER = 'aftership';

export type AfterShipOptions = {
  /** Host root, without `/tracking/2026-07` (AFTERSHIP_URL, or the tracking sandbox's URL). */
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Settings > Webhooks > webhook secret; without it every webhook is refused. */
  webhookSecret?: string;
};

export function aftership(options: AfterShipOptions): TrackingProvider {
  const base = new URL(options.baseUrl);
  const root = `${base.origin}${base.pathname.replace(/\/+$/, '')}/tracking/2026-07`;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  // The X-RateLimit-* of the latest answer that had them (the poller records it after each call).
  let lastWindow: RateWindow | null = null;
  const clean = (text: string) =>
    [options.apiKey, options.webhookSecret].reduce<string>((t, k) => (k ? t.split(k).join('***') : t), text);

  /** One request: HTTP status and JSON, or the ProviderError for what no caller can use (auth, 429, 5xx). */
  async function call(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }> {
    const signal = AbortSignal.timeout(timeoutMs);
    let status: number, headers: Headers, json: unknown;
    try {
      const response = await send(`${root}${path}`, {
        method,
        headers: { 'as-api-key': options.apiKey, 'content-type': 'application/json', accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: 'error', // the key goes to the configured host only
        signal,
      });
      ({ status, headers } = response);
      lastWindow = rateWindowOf(headers) ?? lastWindow;
      json = parseJson(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      if (signal.aborted) throw unavailable(`AfterShip did not answer ${method} /trackings within ${timeoutMs} ms`);
      throw unavailable(clean(`AfterShip at ${base.origin} could not be reached (${describeError(error)})`));
    }
    const said = errorSchema.safeParse(json).data?.meta.message;
    if (status === 401 || status === 403) {
      const message = `AfterShip refused the API key (HTTP ${status}${said ? `: ${said}` : ''})`;
      throw new ProviderError('refused', PROVIDER, clean(message), null, status);
    }
    if (status === 429) {
      const message = `AfterShip: too many requests to ${method} /trackings (HTTP 429)`;
      throw new ProviderError('rate_limited', PROVIDER, message, retryAfterMs(headers) ?? 1000, 429);
    }
    if (status >= 500 || status === 408) throw unavailable(`AfterShip answered HTTP ${status}`, status);
    return { status, json };
  }

  async function create(n: TrackedNumber): Promise<NumberRejection | null> {
    const { status, json } = await call('POST', '/trackings', {
      tracking_number: n.trackingNo,
      ...(n.carrierCode ? { slug: n.carrierCode } : {}),
      ...(n.reference ? { order_id: n.reference } : {}),
      // The "additional tracking field" some carriers need; 17TRACK calls it param.
      ...(n.param ? { destination_postal_code: n.param } : {}),
    });
    if (status < 300) {
      if (!singleSchema.safeParse(json).success)
        throw unavailable("AfterShip's create answer is not the documented shape");
      return null;
    }
    const meta = errorSchema.safeParse(json).data?.meta;
    if (meta?.code === META.trackingExists) return null; // created before: registering twice changes nothing
    const message = clean(meta?.message ?? `AfterShip refused ${n.trackingNo} (HTTP ${status})`);
    // Invalid number, slug or field: the same request fails again until a person changes it.
    return { trackingNo: n.trackingNo, code: String(meta?.code ?? status), message, retryable: false };
  }

  return {
    name: PROVIDER,
    takeRateWindow() {
      const window = lastWindow;
      lastWindow = null;
      return window;
    },
    batchSize: MAX_NUMBERS,
    requestsPerSecond: 6,

    // One POST per number (the API has no batch create); a 429 midway throws, and the numbers already created
    // answer "already exists" next time.
    async register(numbers) {
      const accepted: string[] = [];
      const rejected: NumberRejection[] = [];
      for (const n of numbers) {
        const refusal = await create(n);
        if (refusal) rejected.push(refusal);
        else accepted.push(n.trackingNo);
      }
      return { accepted, rejected };
    },

    async fetch(numbers) {
      if (numbers.length > MAX_NUMBERS) {
        throw new ProviderError('refused', PROVIDER, `AfterShip takes at most ${MAX_NUMBERS} numbers a request`);
      }
      if (!numbers.length) return { results: [], rejected: [] };
      const query = new URLSearchParams({ tracking_numbers: numbers.map((n) => n.trackingNo).join(','), limit: '200' });
      const { status, json } = await call('GET', `/trackings?${query}`);
      if (status >= 400) {
        const said = errorSchema.safeParse(json).data?.meta.message;
        throw new ProviderError('refused', PROVIDER, clean(`AfterShip refused GET /trackings: ${said ?? status}`));
      }
      const parsed = listSchema.safeParse(json);
      if (!parsed.success) throw unavailable("AfterShip's GET /trackings answer is not the documented shape");
      const results: TrackingResult[] = [];
      const rejected: NumberRejection[] = [];
      for (const n of numbers) {
        const same = parsed.data.data.trackings.filter(
          (t) => t.tracking_number.toUpperCase() === n.trackingNo.toUpperCase(),
        );
        // Our carrier's tracking first; AfterShip may have corrected the slug, so any other one next.
        const tracking = same.find((t) => n.carrierCode && t.slug === n.carrierCode) ?? same[0];
        if (tracking) results.push(toResult(tracking, n.trackingNo));
        else {
          const message = `AfterShip has no tracking ${n.trackingNo} yet (create it first)`;
          rejected.push({ trackingNo: n.trackingNo, code: String(META.trackingMissing), message, retryable: true });
        }
      }
      return { results, rejected };
    },

    readWebhook({ rawBody, headers }) {
      const given = headerOf(headers, 'aftership-hmac-sha256')?.trim();
      if (!given || !options.webhookSecret || !/^[A-Za-z0-9+/]+={0,2}$/.test(given)) return null;
      const expected = createHmac('sha256', options.webhookSecret).update(rawBody).digest();
      const bytes = Buffer.from(given, 'base64');
      if (bytes.length !== expected.length || !timingSafeEqual(bytes, expected)) return null;
      const parsed = webhookSchema.safeParse(parseJson(rawBody));
      if (!parsed.success) throw unavailable('A signed AfterShip webhook is not in the documented shape');
      return [toResult(parsed.data.msg, parsed.data.msg.tracking_number)];
    },
  };
}

function statusOf(tag: string | null | undefined, subtag: string | null | undefined): TrackingStatus | null {
  return SUBTAG_STATUS[subtag ?? ''] ?? TAG_STATUS[tag ?? ''] ?? null;
}

function toResult(tracking: AfterShipTracking, trackingNo: string): TrackingResult {
  const events = (tracking.checkpoints ?? []).map(toEvent).filter((e): e is TrackingEvent => e !== null);
  return {
    trackingNo,
    // A tag we do not know yet keeps its raw text and counts as moving; no tag at all means nothing yet.
    status: statusOf(tracking.tag, tracking.subtag) ?? (tracking.tag ? 'in_transit' : 'pending'),
    rawStatus: tracking.subtag ?? tracking.tag ?? '',
    events: events.sort((a, b) => a.at.localeCompare(b.at)),
  };
}

function toEvent(c: AfterShipCheckpoint): TrackingEvent | null {
  // checkpoint_time is the carrier's local time, often without a zone; created_at (AfterShip's clock) is a
  // fallback only when the carrier gave no time at all.
  const localText = c.checkpoint_time ?? c.created_at ?? '';
  const when = readTime(localText);
  if (!when) return null; // no usable time: it could be neither ordered nor deduplicated
  const place = [c.city, c.state, c.country_region].filter(Boolean).join(', ');
  return {
    ...when,
    localText,
    status: statusOf(c.tag, c.subtag) ?? 'in_transit',
    rawCode: c.subtag ?? c.tag ?? c.raw_tag ?? '',
    description: c.message ?? c.subtag_message ?? '',
    location: c.location || place || null,
  };
}

function unavailable(message: string, status: number | null = null): ProviderError {
  return new ProviderError('unavailable', PROVIDER, message, null, status);
}
