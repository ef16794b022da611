/**
 * 17TRACK Tracking API v2.2 as a TrackingProvider: POST `<host>/track/v2.2/{register,gettrackinfo,stoptrack,
 * retrack,getquota}` with header `17token`, bodies arrays of at most 40 `{number, carrier?, param?, tag?}`,
 * answers `{code, data: {accepted, rejected: [{number, error: {code, message}}]}}`, 3 requests a second.
 *
 * Contract read from (the official pages were not reachable from here; these agree unless noted):
 * - 17TRACK v2.2 docs https://asset.17track.net/api/document/v2.2_en/index.html, as quoted with examples in a
 *   public "17Track Tracking API — Research Report" (Apache-2.0, found by content) and /work/shared/fixtures/tracking.
 * - Error codes https://help.17track.net/hc/en-us/articles/37570440168473 : the same table of codes and texts is
 *   in two public clients (a TypeScript `SeventeenTrackErrorCodesMap`, a Kotlin `errorMessageParse`, found by
 *   content) and in github imokyou/track17 README.
 * - Webhook: header `sign` = lowercase hex SHA-256 of (raw body + "/" + security key): github imokyou/track17
 *   webhook.go (`VerifySignature`, `r.Header.Get("sign")`), and an independent Rust receiver (actix-web,
 *   found by content) computing `Sha256::digest(body + "/" + key)` against header `sign`. The help article
 *   "Webhook Development Example Code" (help.17track.net/hc/en-us/articles/37573146087321) is the primary
 *   source and was not reachable.
 * Uncertain: whether a 429 carries Retry-After (undocumented: 1 s is assumed, the limit being per second);
 * when the daily limit (-18019907) resets, so quota errors carry no retryAfterMs.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
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
  CODE,
  envelopeSchema,
  KEY_STAGE,
  MAIN_STATUS,
  MAX_NUMBERS,
  QUOTA_CODES,
  quotaSchema,
  REFUSED_CODES,
  RETRYABLE_REJECTS,
  SUB_STATUS,
  webhookSchema,
  type SeventeenAccepted,
  type SeventeenEvent,
} from './seventeen-track-payloads';
import { describeError, headerOf, parseJson, readTime, retryAfterMs } from './provider-replies';

export const SEVENTEEN_TRACK_URL = 'https://api.17track.net';
const PROVIDER = '17track';

export type SeventeenTrackOptions = {
  /** Host root, without `/track/v2.2` (SEVENTEEN_TRACK_URL, or the tracking sandbox's URL). */
  baseUrl: string;
  token: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** What webhooks are signed with: 17TRACK signs with the account's security key, so `token` by default. */
  webhookKey?: string;
};

export type SeventeenTrackProvider = TrackingProvider & {
  quota(): Promise<{ total: number; used: number; remain: number; maxTrackDaily: number | null }>;
  retrack(numbers: TrackedNumber[]): Promise<{ accepted: string[]; rejected: NumberRejection[] }>;
};

type Item = { number: string; carrier?: number; param?: string; tag?: string };

export function seventeenTrack(options: SeventeenTrackOptions): SeventeenTrackProvider {
  const base = new URL(options.baseUrl);
  const root = `${base.origin}${base.pathname.replace(/\/+$/, '')}/track/v2.2`;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  const webhookKey = options.webhookKey ?? options.token;
  // Provider texts go to logs and sheets: never with our key in them.
  const clean = (text: string) => [options.token, webhookKey].reduce((t, k) => (k ? t.split(k).join('***') : t), text);

  /** One POST; its JSON when HTTP and the envelope's `code` say it worked, else the ProviderError they call for. */
  async function post(endpoint: string, body: unknown): Promise<unknown> {
    const signal = AbortSignal.timeout(timeoutMs);
    let status: number, headers: Headers, json: unknown;
    try {
      const response = await send(`${root}/${endpoint}`, {
        method: 'POST',
        headers: { '17token': options.token, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        redirect: 'error', // the key goes to the configured host only
        signal,
      });
      ({ status, headers } = response);
      json = parseJson(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      if (signal.aborted) throw unavailable(`17TRACK did not answer ${endpoint} within ${timeoutMs} ms`);
      throw unavailable(
        clean(`17TRACK at ${base.origin} could not be reached for ${endpoint} (${describeError(error)})`),
      );
    }
    if (status === 401 || status === 403) {
      throw new ProviderError('refused', PROVIDER, `17TRACK refused the 17token (HTTP ${status})`, null, status);
    }
    if (status === 429) {
      const message = `17TRACK: too many requests to ${endpoint} (HTTP 429; at most 3 a second)`;
      throw new ProviderError('rate_limited', PROVIDER, message, retryAfterMs(headers) ?? 1000, 429);
    }
    if (status >= 500 || status === 408) throw unavailable(`17TRACK answered HTTP ${status} to ${endpoint}`, status);
    const head = z.object({ code: z.number() }).safeParse(json);
    if (status >= 400 && !head.success) {
      throw new ProviderError('refused', PROVIDER, `17TRACK refused ${endpoint} (HTTP ${status})`, null, status);
    }
    if (!head.success) throw unavailable(`17TRACK's answer to ${endpoint} is not the documented shape`, status);
    if (head.data.code !== 0) {
      const said = envelopeSchema.safeParse(json).data?.data?.errors?.[0]?.message;
      throw codeFailure(head.data.code, clean(`17TRACK ${endpoint}: ${said ?? 'error'} (code ${head.data.code})`));
    }
    return json;
  }

  async function batch(endpoint: string, items: Item[]) {
    const parsed = envelopeSchema.safeParse(await post(endpoint, items));
    if (!parsed.success) throw unavailable(`17TRACK's ${endpoint} answer is not the documented shape`);
    return { accepted: parsed.data.data?.accepted ?? [], rejected: parsed.data.data?.rejected ?? [] };
  }

  /** Request items, and the numbers refused before asking: 17TRACK carrier codes are numbers. */
  function toItems(numbers: TrackedNumber[], full: boolean) {
    if (numbers.length > MAX_NUMBERS) {
      throw new ProviderError('refused', PROVIDER, `17TRACK takes at most ${MAX_NUMBERS} numbers a request`);
    }
    const items: Item[] = [];
    const local: NumberRejection[] = [];
    for (const n of numbers) {
      if (n.carrierCode !== null && !/^\d+$/.test(n.carrierCode)) {
        const message = `17TRACK carrier codes are numbers, not "${n.carrierCode}"`;
        local.push({ trackingNo: n.trackingNo, code: 'invalid_carrier_code', message, retryable: false });
        continue;
      }
      items.push({
        number: n.trackingNo,
        ...(n.carrierCode === null ? {} : { carrier: Number(n.carrierCode) }),
        ...(full && n.param ? { param: n.param } : {}),
        ...(full && n.reference ? { tag: n.reference } : {}),
      });
    }
    return { items, local };
  }

  /** register and retrack: "already registered / already tracked" means done, not refused. */
  async function enrol(endpoint: string, numbers: TrackedNumber[], done: number) {
    const { items, local } = toItems(numbers, endpoint === 'register');
    if (!items.length) return { accepted: [], rejected: local };
    const answer = await batch(endpoint, items);
    const accepted = answer.accepted.map((a) => a.number);
    const rejected = [...local];
    for (const r of answer.rejected) {
      if (r.error.code === done) accepted.push(r.number);
      else rejected.push(rejection(r.number, r.error.code, r.error.message));
    }
    // Nothing enrolled and the quota is why: the poller pauses (accepted numbers are never re-sent as new).
    if (!accepted.length && rejected.length && answer.rejected.every((r) => QUOTA_CODES.includes(r.error.code))) {
      throw new ProviderError('quota', PROVIDER, clean(`17TRACK ${endpoint}: ${rejected[0]!.message}`));
    }
    return { accepted, rejected };
  }

  return {
    name: PROVIDER,
    batchSize: MAX_NUMBERS,
    requestsPerSecond: 3,

    register: (numbers) => enrol('register', numbers, CODE.alreadyRegistered),
    // -18019904 "only stopped numbers can be re-tracked": it is being tracked already.
    retrack: (numbers) => enrol('retrack', numbers, -18019904),

    async fetch(numbers) {
      const { items, local } = toItems(numbers, false);
      if (!items.length) return { results: [], rejected: local };
      const answer = await batch('gettrackinfo', items);
      const results: TrackingResult[] = [];
      for (const n of numbers) {
        // One number registered under two carriers comes back twice: the requested carrier wins, then data.
        const found = answer.accepted.filter((a) => a.number === n.trackingNo);
        const best =
          found.find((a) => n.carrierCode !== null && a.carrier === Number(n.carrierCode)) ??
          found.find((a) => a.track_info?.latest_status && a.track_info.latest_status.status !== 'NotFound') ??
          found[0];
        if (best) results.push(toResult(best));
      }
      const rejected = [...local, ...answer.rejected.map((r) => rejection(r.number, r.error.code, r.error.message))];
      return { results, rejected };
    },

    // Per-number refusals are ignored: "not tracked" (-18019906) is what we want, and 17TRACK stops a number
    // by itself 15 days after delivery anyway.
    async stop(numbers) {
      const { items } = toItems(numbers, false);
      if (items.length) await batch('stoptrack', items);
    },

    async quota() {
      const parsed = quotaSchema.safeParse(await post('getquota', []));
      if (!parsed.success) throw unavailable("17TRACK's getquota answer is not the documented shape");
      const q = parsed.data.data;
      return {
        total: q.quota_total,
        used: q.quota_used,
        remain: q.quota_remain,
        maxTrackDaily: q.max_track_daily ?? null,
      };
    },

    readWebhook({ rawBody, headers }) {
      const sign = headerOf(headers, 'sign')?.trim();
      if (!sign || !/^[0-9a-f]{64}$/i.test(sign) || !webhookKey) return null;
      const expected = createHash('sha256').update(rawBody).update(`/${webhookKey}`).digest();
      if (!timingSafeEqual(Buffer.from(sign, 'hex'), expected)) return null;
      const parsed = webhookSchema.safeParse(parseJson(rawBody));
      if (!parsed.success) throw unavailable('A signed 17TRACK webhook is not in the documented shape');
      // TRACKING_STOPPED (and any event without track_info) changes nothing we store.
      return parsed.data.data.track_info ? [toResult(parsed.data.data)] : [];
    },
  };
}

function rejection(trackingNo: string, code: number, message: string | null | undefined): NumberRejection {
  // Documented texts keep a `{0}` placeholder; in these it stands for the number (elsewhere a carrier or field).
  const numbered = [CODE.alreadyRegistered, CODE.notRegistered, -18010012] as number[];
  const raw = message ?? `17TRACK code ${code}`;
  const text = numbered.includes(code) ? raw.replace('{0}', trackingNo) : raw;
  return { trackingNo, code: String(code), message: text, retryable: RETRYABLE_REJECTS.includes(code) };
}

function codeFailure(code: number, message: string): ProviderError {
  // The 429 envelope inside an HTTP 200 (seen in the error table's shape) means the same as an HTTP 429.
  if (code === 429) return new ProviderError('rate_limited', PROVIDER, message, 1000);
  if (QUOTA_CODES.includes(code)) return new ProviderError('quota', PROVIDER, message);
  if (REFUSED_CODES.includes(code)) return new ProviderError('refused', PROVIDER, message);
  return unavailable(message); // -18010003 and codes we do not know: back off and ask again
}

function unavailable(message: string, status: number | null = null): ProviderError {
  return new ProviderError('unavailable', PROVIDER, message, null, status);
}

/** A sub-status, main status or key stage, by the most specific table that knows it. */
function statusOf(code: string | null | undefined): TrackingStatus | null {
  if (!code) return null;
  return SUB_STATUS[code] ?? MAIN_STATUS[code] ?? KEY_STAGE[code] ?? MAIN_STATUS[code.split('_')[0]!] ?? null;
}

function toResult(item: SeventeenAccepted): TrackingResult {
  const info = item.track_info;
  const latest = info?.latest_status;
  const events = (info?.tracking?.providers ?? []).flatMap((p) => p.events ?? []);
  if (!events.length && info?.latest_event) events.push(info.latest_event);
  return {
    trackingNo: item.number,
    // Unknown main statuses keep their raw text and count as moving; no status at all means nothing yet.
    status: latest
      ? (SUB_STATUS[latest.sub_status ?? ''] ?? statusOf(latest.status) ?? statusOf(latest.sub_status) ?? 'in_transit')
      : 'pending',
    rawStatus: latest ? (latest.sub_status ?? latest.status) : '',
    events: events
      .map(toEvent)
      .filter((e): e is TrackingEvent => e !== null)
      .sort((a, b) => a.at.localeCompare(b.at)),
  };
}

function toEvent(e: SeventeenEvent): TrackingEvent | null {
  const raw = typeof e.time_raw === 'string' ? e.time_raw : e.time_raw?.date ? rawTime(e.time_raw) : null;
  const iso = e.time_iso ? readTime(e.time_iso) : null;
  const utc = e.time_utc ? readTime(e.time_utc) : null;
  const fromRaw = raw ? readTime(raw) : null;
  // A stated zone wins (time_iso's offset, then time_utc); a zoneless local time is the last resort.
  const when = [iso, utc, fromRaw].find((t) => t && t.zoneSource !== 'none') ?? iso ?? fromRaw;
  if (!when) return null; // no usable time: it could be neither ordered nor deduplicated
  const address = [e.address?.city, e.address?.state, e.address?.country].filter(Boolean).join(', ');
  return {
    ...when,
    localText: e.time_iso ?? raw ?? e.time_utc ?? '',
    status: statusOf(e.sub_status) ?? statusOf(e.stage) ?? 'in_transit',
    rawCode: e.sub_status ?? e.stage ?? '',
    description: e.description ?? '',
    location: e.location || address || null,
  };
}

const rawTime = (t: { date?: string | null; time?: string | null; timezone?: string | null }) =>
  `${t.date}${t.time ? ` ${t.time}` : ''}${t.timezone ?? ''}`;

// Tests read these through the adapter that first had them.
export { readTime, retryAfterMs } from './provider-replies';
