import { createHash, createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { DomainError } from '../../../domain/domain-error';
import { TRACKING_STATUSES } from '../../../domain/tracking/tracking-status';
import { aftershipError, aftershipTracking } from '../providers/aftership-payloads';
import { dhlProblem, dhlShipment } from '../providers/dhl-unified-payloads';
import { CODE, seventeenError, seventeenTrackInfo } from '../providers/seventeen-track-payloads';

/**
 * A local stand-in for 17TRACK v2.2 (`/track/v2.2/…`), AfterShip 2026-07 (`/tracking/2026-07/…`) and DHL
 * Unified (`/track/shipments`), in their formats and with their faults, over one in-memory scenario store
 * (`npx crossdock tracking-sandbox`, the tracking tests, the poll benchmark). Admin API under `/_sandbox/`:
 * POST parcels (numbers with scripted events, each visible some ms after the parcel is added), POST and
 * DELETE faults, GET stats, POST webhooks (signs one and sends it to a URL), POST webhooks/signed (signs
 * many and hands them back). Any API key is accepted unless `apiKeys` says which; a missing one is refused,
 * as the real services do.
 */
export type SandboxProvider = '17track' | 'aftership' | 'dhl';
type LimitKey = SandboxProvider | 'aftership-create';
export type SandboxLimit = { perSecond: number; maxNumbers?: number };
/** 17TRACK: 40 numbers, 3 requests a second; AfterShip: GET /trackings 50 numbers 6/s, POST 20/s; DHL 1/s. */
export const DOCUMENTED_LIMITS: Record<LimitKey, SandboxLimit> = {
  '17track': { perSecond: 3, maxNumbers: 40 },
  aftership: { perSecond: 6, maxNumbers: 50 },
  'aftership-create': { perSecond: 20 },
  dhl: { perSecond: 1 },
};
export const SANDBOX_WEBHOOK_KEYS = { '17track': 'sandbox-17track-key', aftership: 'sandbox-aftership-secret' };

export type TrackingSandboxOptions = {
  port?: number;
  host?: string;
  /** Enforce limits (true: DOCUMENTED_LIMITS), so a benchmark meets the 429s a real provider would give. */
  limits?: boolean | Partial<Record<LimitKey, SandboxLimit>>;
  /** The clock for visibility and the 1-second windows (tests move it by hand). */
  now?: () => number;
  apiKeys?: Partial<Record<SandboxProvider, string>>;
  webhookKeys?: Partial<typeof SANDBOX_WEBHOOK_KEYS>;
  /** 17TRACK registrations allowed before -18019908 "quota spent" (unlimited when left out). */
  quota?: number;
  /**
   * Calls a day (UTC, the sandbox clock) for AfterShip or DHL, as an app's daily limit: every answer then
   * carries X-RateLimit-Limit, -Remaining and -Reset (Unix seconds of the next midnight); past it, 429.
   */
  dailyCalls?: Partial<Record<'aftership' | 'dhl', number>>;
};
export type SandboxStats = {
  requests: Record<SandboxProvider, number>;
  /** Most requests that arrived within any 1-second window (throttled ones included). */
  maxPerSecond: Record<SandboxProvider, number>;
  throttled: Record<SandboxProvider, number>;
  /** Register calls per number (17TRACK register items, AfterShip POST /trackings), whatever their outcome. */
  registrations: { '17track': Record<string, number>; aftership: Record<string, number> };
  quotaUsed: number;
  /** Requests held by a `hang` fault right now (a test waits for one before it kills its server). */
  held: number;
  /** Most requests of a provider unanswered at once. */
  maxInFlight: Record<SandboxProvider, number>;
  /** Numbers asked for while an earlier, unanswered request already asked for them (two pollers at once). */
  overlaps: Record<SandboxProvider, number>;
};
export type TrackingSandbox = {
  url: string;
  webhookKeys: typeof SANDBOX_WEBHOOK_KEYS;
  stats(): SandboxStats;
  close(): Promise<void>;
};

const eventInput = z.object({
  status: z.enum(TRACKING_STATUSES),
  description: z.string().default(''),
  location: z.string().nullish(),
  /** As the carrier writes it, with or without a zone; default: the moment it becomes visible, in UTC. */
  time: z.string().nullish(),
  visibleAfterMs: z.number().int().min(0).default(0),
});
const parcelInput = z.object({
  trackingNo: z.string().min(1),
  /** 17TRACK carrier key, AfterShip slug or DHL service, echoed in answers. */
  carrier: z.string().optional(),
  events: z.array(eventInput).default([]),
});
const faultInput = z.object({
  provider: z.enum(['17track', 'aftership', 'dhl']).nullish(),
  kind: z.enum(['rate_limit', 'status', 'hang', 'slow', 'malformed', 'reject', 'disorder']),
  /** Only requests whose path ends so (`gettrackinfo`, `register`, `/trackings`); default: any. */
  endpoint: z.string().optional(),
  /** Matching requests let through untouched before the fault starts. */
  skip: z.number().int().min(0).default(0),
  delayMs: z.number().int().min(0).max(60_000).default(1000), // slow: answered this much later
  status: z.number().int().min(400).max(599).default(503),
  retryAfter: z.string().default('2'), // seconds or an HTTP date, sent as is
  numbers: z.array(z.string()).optional(), // reject: these numbers (default: every second one)
  code: z.number().int().optional(), // reject: 17TRACK's code (default -18019909 "no tracking info yet")
  times: z.number().int().min(1).default(1),
});
const webhookInput = z.object({
  provider: z.enum(['17track', 'aftership']),
  url: z.string().regex(/^https?:\/\//),
  trackingNo: z.string(),
  omitEvents: z.boolean().default(false),
  badSignature: z.boolean().default(false),
});
type Fault = z.infer<typeof faultInput>;
type Parcel = z.infer<typeof parcelInput> & { addedAt: number };
type Reply = { status: number; body?: unknown; text?: string; headers?: Record<string, string> };
const PROVIDERS: SandboxProvider[] = ['17track', 'aftership', 'dhl'];
const each = <T>(value: () => T) =>
  Object.fromEntries(PROVIDERS.map((p) => [p, value()])) as Record<SandboxProvider, T>;
const reply = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({ status, body, headers });
const problem = (status: number, title: string, detail: string, headers?: Record<string, string>) =>
  reply(status, dhlProblem(status, title, detail), { 'content-type': 'application/problem+json', ...headers });

export async function startTrackingSandbox(options: TrackingSandboxOptions = {}): Promise<TrackingSandbox> {
  const now = options.now ?? Date.now;
  const limits = options.limits === true ? DOCUMENTED_LIMITS : options.limits || {};
  const webhookKeys = { ...SANDBOX_WEBHOOK_KEYS, ...options.webhookKeys };
  const parcels = new Map<string, Parcel>(); // by upper-case number
  const registered = new Map<string, { stopped: boolean }>(); // 17TRACK
  const created = new Map<string, string>(); // AfterShip: number -> id
  let faults: Fault[] = [];
  let hanging: Array<() => void> = [];
  const windows = new Map<LimitKey, number[]>();
  const arrivals = each<number[]>(() => []);
  const stats: SandboxStats = {
    requests: each(() => 0),
    maxPerSecond: each(() => 0),
    throttled: each(() => 0),
    registrations: { '17track': {}, aftership: {} },
    quotaUsed: 0,
    held: 0,
    maxInFlight: each(() => 0),
    overlaps: each(() => 0),
  };
  const inFlight = each(() => 0);
  const callsOfDay = new Map<string, number>(); // `${provider}/${day}` -> calls
  const asked = each<Map<string, number>>(() => new Map()); // number -> unanswered requests asking for it

  const parcelOf = (no: string) => {
    if (!parcels.has(no.toUpperCase())) parcels.set(no.toUpperCase(), { trackingNo: no, events: [], addedAt: now() });
    return parcels.get(no.toUpperCase())!;
  };
  /** Events visible now, in the order they happened; a `disorder` fault reverses them and repeats half. */
  const visible = (p: Parcel, fault?: Fault) => {
    const list = p.events
      .filter((e) => now() - p.addedAt >= e.visibleAfterMs)
      .map((e) => ({ ...e, location: e.location ?? null, time: e.time ?? iso(p.addedAt + e.visibleAfterMs) }));
    if (fault?.kind !== 'disorder') return list;
    const reversed = list.reverse();
    return [...reversed, ...reversed.slice(0, Math.ceil(reversed.length / 2))];
  };
  const rejects = (no: string, index: number, fault?: Fault) =>
    fault?.kind === 'reject' && (fault.numbers ? fault.numbers.includes(no) : index % 2 === 1);
  const bump = (table: Record<string, number>, no: string) => (table[no] = (table[no] ?? 0) + 1);
  const info = (p: Parcel, fault?: Fault) => seventeenTrackInfo(visible(p, fault), Number(p.carrier ?? 190008));
  const tracking = (p: Parcel, fault?: Fault) => {
    const t = { trackingNo: p.trackingNo, slug: p.carrier ?? 'sandbox-carrier', createdAt: iso(p.addedAt) };
    return aftershipTracking(
      { ...t, id: created.get(p.trackingNo.toUpperCase()) ?? null, now: iso(now()) },
      visible(p, fault),
    );
  };

  function seventeen(endpoint: string, body: unknown, fault?: Fault): Reply {
    if (endpoint === 'getquota') {
      const total = options.quota ?? 1_000_000;
      const left = total - stats.quotaUsed;
      return reply(200, { code: 0, data: { quota_total: total, quota_used: stats.quotaUsed, quota_remain: left } });
    }
    const items = z.array(z.object({ number: z.string(), carrier: z.number().optional() })).safeParse(body);
    if (!items.success) return reply(200, seventeenError(-18010013, 'Invalid submitted data.'));
    const max = limits['17track']?.maxNumbers;
    if (max && items.data.length > max)
      return reply(200, seventeenError(CODE.tooManyNumbers, `Tracking numbers exceed ${max} limit.`));
    const accepted: unknown[] = [];
    const rejected: unknown[] = [];
    const no17 = (number: string, code: number, message: string) => rejected.push({ number, error: { code, message } });
    items.data.forEach(({ number: no, carrier }, index) => {
      const state = registered.get(no.toUpperCase());
      if (endpoint === 'register') {
        bump(stats.registrations['17track'], no);
        if (!/^[A-Za-z0-9-]{5,50}$/.test(no)) return no17(no, -18010012, `The format of '${no}' is invalid.`);
        if (state) return no17(no, CODE.alreadyRegistered, `The tracking number '${no}' has been registered.`);
        if (stats.quotaUsed >= (options.quota ?? Infinity))
          return no17(no, CODE.quotaSpent, 'Your quotas have run out.');
        stats.quotaUsed += 1;
        registered.set(no.toUpperCase(), { stopped: false });
        parcelOf(no).carrier ??= carrier === undefined ? undefined : String(carrier);
        return accepted.push({ origin: 1, number: no, carrier: carrier ?? 190008 });
      }
      if (!state)
        return no17(no, CODE.notRegistered, `The tracking number '${no}' does not register, please register first.`);
      if (endpoint === 'gettrackinfo') {
        if (rejects(no, index, fault))
          return no17(no, fault!.code ?? CODE.noInfoYet, 'No tracking info at the moment.');
        const p = parcelOf(no);
        return accepted.push({
          number: no,
          carrier: Number(p.carrier ?? 190008),
          param: null,
          tag: null,
          track_info: info(p, fault),
        });
      }
      const stopping = endpoint === 'stoptrack';
      if (state.stopped === stopping && stopping)
        return no17(no, CODE.notTracked, 'Only numbers being tracked can be stopped.');
      if (state.stopped === stopping) return no17(no, -18019904, 'Only stopped numbers can be re-tracked.');
      state.stopped = stopping;
      accepted.push({ number: no, carrier: carrier ?? 190008 });
    });
    return reply(200, { code: 0, data: { accepted, rejected } });
  }

  function aftership(method: string, path: string, query: URLSearchParams, body: unknown, fault?: Fault): Reply {
    const refuse = (status: number, code: number, message: string) =>
      reply(status, aftershipError(code, status === 404 ? 'NotFound' : 'BadRequest', message));
    if (method === 'POST' && path === '/trackings') {
      const input = z.object({ tracking_number: z.string(), slug: z.string().optional() }).safeParse(body);
      if (!input.success) return refuse(400, 4007, '`tracking_number` is required.');
      const no = input.data.tracking_number;
      bump(stats.registrations.aftership, no);
      if (!/^[A-Za-z0-9\-._/]{4,100}$/.test(no)) return refuse(400, 4005, 'The value of `tracking_number` is invalid.');
      if (created.has(no.toUpperCase())) return refuse(400, 4003, 'Tracking already exists.');
      created.set(no.toUpperCase(), randomUUID().replace(/-/g, ''));
      const p = parcelOf(no);
      p.carrier ??= input.data.slug;
      return reply(201, { meta: { code: 201 }, data: tracking(p) });
    }
    if (method === 'GET' && path === '/trackings') {
      const numbers = (query.get('tracking_numbers') ?? '').split(',').filter(Boolean);
      const max = limits.aftership?.maxNumbers ?? 50;
      if (numbers.length > max) return refuse(400, 4008, `tracking_numbers takes up to ${max} numbers.`);
      const trackings = numbers
        .filter((no, index) => created.has(no.toUpperCase()) && !rejects(no, index, fault))
        .map((no) => tracking(parcelOf(no), fault));
      const pagination = { total: trackings.length, next_cursor: null, has_next_page: false };
      return reply(200, { meta: { code: 200 }, data: { pagination, trackings } });
    }
    const id = /^\/trackings\/([^/]+)$/.exec(path)?.[1];
    const no = [...created].find(([, value]) => value === id)?.[0];
    if (method === 'GET' && no) return reply(200, { meta: { code: 200 }, data: tracking(parcels.get(no)!, fault) });
    return refuse(404, 4004, 'Tracking does not exist.');
  }

  function dhl(query: URLSearchParams, fault?: Fault): Reply {
    const no = query.get('trackingNumber');
    if (!no) return problem(400, 'Bad Request', 'The trackingNumber query parameter is required.');
    const p = parcels.get(no.toUpperCase());
    const events = p ? visible(p, fault) : [];
    // DHL knows a number from its first scan on: before that, and for numbers it never saw, 404.
    if (!p || !events.length || rejects(no, 1, fault)) {
      return problem(404, 'No result found', 'No shipment with given tracking number found.');
    }
    const shipment = dhlShipment(p.trackingNo, p.carrier ?? 'parcel-de', events);
    return reply(200, { shipments: [shipment], possibleAdditionalShipmentsUrl: [] });
  }

  /** 429 in the provider's own format, with the headers it documents. */
  function tooMany(provider: SandboxProvider, retryAfter: string): Reply {
    const headers: Record<string, string> = { 'retry-after': retryAfter };
    if (provider === '17track') return reply(429, seventeenError(429, 'Too many requests.'), headers);
    if (provider === 'dhl')
      return problem(429, 'Too Many Requests', 'Rate limit exceeded. Please retry later.', headers);
    const wait = /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : Date.parse(retryAfter) - now();
    headers['x-ratelimit-reset'] = String(Math.ceil((now() + Math.max(0, wait)) / 1000));
    headers['x-ratelimit-remaining'] = '0';
    return reply(429, aftershipError(429, 'TooManyRequests', 'You have exceeded the API call rate limit.'), headers);
  }

  /** Seconds to wait when the request's 1-second window is full; otherwise the request is counted in. */
  function throttle(key: LimitKey): string | null {
    const limit = limits[key];
    if (!limit) return null;
    const t = now();
    const recent = (windows.get(key) ?? []).filter((at) => at > t - 1000);
    windows.set(key, recent);
    if (recent.length >= limit.perSecond) return String(Math.max(1, Math.ceil((recent[0]! + 1000 - t) / 1000)));
    recent.push(t);
    return null;
  }

  /** The numbers a request asks about, whatever the provider's format. */
  function numbersOf(provider: SandboxProvider, url: URL, body: unknown): string[] {
    if (provider === '17track')
      return Array.isArray(body) ? body.map((item) => String((item as { number?: unknown }).number ?? '')) : [];
    if (provider === 'dhl') return [url.searchParams.get('trackingNumber') ?? ''];
    const listed = (url.searchParams.get('tracking_numbers') ?? '').split(',');
    const created = (body as { tracking_number?: unknown } | undefined)?.tracking_number;
    return [...listed, typeof created === 'string' ? created : ''];
  }

  /** Counts requests in flight and numbers asked twice at once, until the request is answered. */
  function watched(provider: SandboxProvider, numbers: string[], answer: (r: Reply) => void): (r: Reply) => void {
    const open = asked[provider];
    const keys = [...new Set(numbers.filter(Boolean).map((n) => n.toUpperCase()))];
    for (const no of keys) {
      if (open.get(no)) stats.overlaps[provider] += 1;
      open.set(no, (open.get(no) ?? 0) + 1);
    }
    inFlight[provider] += 1;
    stats.maxInFlight[provider] = Math.max(stats.maxInFlight[provider], inFlight[provider]);
    let done = false;
    return (r) => {
      if (done) return;
      done = true;
      inFlight[provider] -= 1;
      for (const no of keys) open.set(no, open.get(no)! - 1);
      answer(r);
    };
  }

  function api(
    provider: SandboxProvider,
    req: http.IncomingMessage,
    url: URL,
    body: unknown,
    send: (r: Reply) => void,
  ) {
    const t = now();
    stats.requests[provider] += 1;
    arrivals[provider] = [...arrivals[provider].filter((at) => at > t - 1000), t];
    stats.maxPerSecond[provider] = Math.max(stats.maxPerSecond[provider], arrivals[provider].length);
    let answer = watched(provider, numbersOf(provider, url, body), send);
    const daily = provider === '17track' ? undefined : options.dailyCalls?.[provider];
    if (daily !== undefined) {
      const day = new Date(t).toISOString().slice(0, 10);
      const used = (callsOfDay.get(`${provider}/${day}`) ?? 0) + 1;
      callsOfDay.set(`${provider}/${day}`, used);
      const midnight = Date.parse(`${day}T00:00:00Z`) + 86_400_000;
      const rate = {
        'x-ratelimit-limit': String(daily),
        'x-ratelimit-remaining': String(Math.max(0, daily - used)),
        'x-ratelimit-reset': String(midnight / 1000),
      };
      const plain = answer;
      answer = (r: Reply) => plain({ ...r, headers: { ...r.headers, ...rate } });
      if (used > daily) {
        stats.throttled[provider] += 1;
        return answer(tooMany(provider, String(Math.ceil((midnight - t) / 1000))));
      }
    }
    const key = req.headers[{ '17track': '17token', aftership: 'as-api-key', dhl: 'dhl-api-key' }[provider]];
    if (!key || (options.apiKeys?.[provider] && key !== options.apiKeys[provider])) {
      if (provider === '17track') return answer(reply(401, seventeenError(CODE.invalidKey, 'Invalid security key.')));
      if (provider === 'aftership') return answer(reply(401, aftershipError(401, 'Unauthorized', 'Invalid API key.')));
      return answer(problem(401, 'Unauthorized', 'Invalid API key.'));
    }
    const method = req.method ?? 'GET';
    const wait = throttle(provider === 'aftership' && method === 'POST' ? 'aftership-create' : provider);
    if (wait) {
      stats.throttled[provider] += 1;
      return answer(tooMany(provider, wait));
    }
    const match = faults.find(
      (f) => (!f.provider || f.provider === provider) && (!f.endpoint || url.pathname.endsWith(f.endpoint)),
    );
    let fault: Fault | undefined;
    if (match && match.skip > 0) match.skip -= 1;
    else if (match) {
      fault = match;
      if (--match.times === 0) faults = faults.filter((f) => f !== match);
    }
    const respond = () => {
      const path = url.pathname;
      if (provider === '17track') return seventeen(path.slice('/track/v2.2/'.length), body, fault);
      if (provider === 'aftership')
        return aftership(method, path.slice('/tracking/2026-07'.length), url.searchParams, body, fault);
      return dhl(url.searchParams, fault);
    };
    if (fault?.kind === 'hang') {
      stats.held += 1;
      return void hanging.push(() => {
        stats.held -= 1;
        answer(respond());
      });
    }
    if (fault?.kind === 'slow') return void setTimeout(() => answer(respond()), fault.delayMs);
    if (fault?.kind === 'rate_limit') return answer(tooMany(provider, fault.retryAfter));
    if (fault?.kind === 'status') {
      if (provider === '17track')
        return answer(reply(fault.status, seventeenError(CODE.internalError, 'Internal service error.')));
      if (provider === 'aftership')
        return answer(reply(fault.status, aftershipError(fault.status, 'InternalError', 'Sandbox fault.')));
      return answer(problem(fault.status, 'Service Unavailable', 'Sandbox fault.'));
    }
    const whole = respond();
    if (fault?.kind !== 'malformed') return answer(whole);
    const text = JSON.stringify(whole.body);
    answer({ status: 200, text: text.slice(0, Math.floor(text.length / 2)) }); // cut off mid-answer
  }

  type Signed = { headers: Record<string, string>; body: string };
  /** The parcel's current state as the provider's webhook, signed its way (null: no such parcel). */
  function signWebhook(input: Omit<z.infer<typeof webhookInput>, 'url'>): Signed | null {
    const p = parcels.get(input.trackingNo.toUpperCase());
    if (!p) return null;
    const key = webhookKeys[input.provider] + (input.badSignature ? '-wrong' : '');
    if (input.provider === '17track') {
      const trackInfo = info(p);
      if (input.omitEvents) [trackInfo.tracking.providers[0]!.events, trackInfo.latest_event] = [[], null];
      const data = { number: p.trackingNo, carrier: 190008, param: null, tag: null, track_info: trackInfo };
      const body = JSON.stringify({ event: 'TRACKING_UPDATED', data });
      const sign = createHash('sha256').update(`${body}/${key}`).digest('hex');
      return { headers: { 'content-type': 'application/json', sign }, body };
    }
    const msg = tracking(p);
    if (input.omitEvents) msg.checkpoints = [];
    const ts = Math.floor(now() / 1000);
    const body = JSON.stringify({
      event: 'tracking_update',
      event_id: randomUUID(),
      is_tracking_first_tag: false,
      msg,
      ts,
    });
    const signature = createHmac('sha256', key).update(body).digest('base64');
    return { headers: { 'content-type': 'application/json', 'aftership-hmac-sha256': signature }, body };
  }

  /** Signs the parcel's current state the provider's way and POSTs it to `url`; answers what the receiver said. */
  async function sendWebhook(input: z.infer<typeof webhookInput>): Promise<Reply> {
    const signed = signWebhook(input);
    if (!signed) return reply(404, { error: `No parcel ${input.trackingNo}: add it first.` });
    try {
      const init = { method: 'POST', headers: signed.headers, body: signed.body, signal: AbortSignal.timeout(10_000) };
      const sent = await fetch(input.url, init);
      return reply(200, { status: sent.status, body: await sent.text() });
    } catch (error) {
      return reply(502, { error: `The webhook could not be delivered: ${(error as Error).message}` });
    }
  }

  async function control(method: string, path: string, body: unknown): Promise<Reply> {
    const parse = <S extends z.ZodType>(schema: S) => schema.safeParse(body);
    const invalid = (error: z.ZodError) => reply(422, { error: error.issues[0]?.message ?? 'invalid request' });
    if (method === 'POST' && path === '/_sandbox/parcels') {
      const input = parse(z.object({ parcels: z.array(parcelInput).min(1) }));
      if (!input.success) return invalid(input.error);
      for (const p of input.data.parcels) parcels.set(p.trackingNo.toUpperCase(), { ...p, addedAt: now() });
      return reply(201, { added: input.data.parcels.length });
    }
    if (method === 'POST' && path === '/_sandbox/faults') {
      const input = parse(faultInput);
      if (!input.success) return invalid(input.error);
      faults.push(input.data);
      return { status: 204 };
    }
    if (method === 'DELETE' && path === '/_sandbox/faults') {
      const held = hanging;
      [faults, hanging] = [[], []];
      held.forEach((release) => release()); // held requests are answered now, as if the provider woke up
      return { status: 204 };
    }
    if (method === 'GET' && path === '/_sandbox/stats') return reply(200, stats);
    if (method === 'POST' && path === '/_sandbox/webhooks') {
      const input = parse(webhookInput);
      return input.success ? sendWebhook(input.data) : invalid(input.error);
    }
    if (method === 'POST' && path === '/_sandbox/webhooks/signed') {
      // Signed webhooks handed back instead of sent: a load test posts them itself, signing outside its clock.
      const input = parse(
        webhookInput.omit({ url: true, trackingNo: true }).extend({ trackingNos: z.array(z.string()) }),
      );
      if (!input.success) return invalid(input.error);
      const { trackingNos, ...rest } = input.data;
      const signed = trackingNos.map((trackingNo) => signWebhook({ ...rest, trackingNo }));
      const missing = trackingNos.filter((_, i) => !signed[i]);
      if (missing.length) return reply(404, { error: `No parcel ${missing[0]}: add it first.` });
      return reply(200, { webhooks: signed });
    }
    return reply(404, { error: `No endpoint ${method} ${path}.` });
  }

  const server = http.createServer((req, res) => {
    const answer = ({ status, body, text, headers }: Reply) => {
      if (res.destroyed) return;
      const payload = text ?? (body === undefined ? '' : JSON.stringify(body));
      res.writeHead(status, { ...(payload ? { 'content-type': 'application/json' } : {}), ...headers });
      res.end(payload);
    };
    readBody(req)
      .then(async (body) => {
        if (body === INVALID) return answer(reply(400, { error: 'The body is not JSON.' }));
        const url = new URL(req.url ?? '/', 'http://sandbox');
        const path = url.pathname;
        if (path.startsWith('/_sandbox/')) return answer(await control(req.method ?? 'GET', path, body));
        if (path.startsWith('/track/v2.2/')) return api('17track', req, url, body, answer);
        if (path.startsWith('/tracking/2026-07/')) return api('aftership', req, url, body, answer);
        if (path === '/track/shipments') return api('dhl', req, url, body, answer);
        answer(reply(404, { error: `No endpoint ${req.method} ${path}.` }));
      })
      .catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    webhookKeys,
    stats: () => structuredClone(stats),
    close() {
      closing ??= new Promise<void>((resolve) => {
        hanging = [];
        server.close(() => resolve());
        server.closeAllConnections(); // keep-alive sockets and held requests would keep close() waiting
      });
      return closing;
    },
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
const INVALID = Symbol('invalid JSON');

/** The JSON body (undefined when empty), or INVALID. */
function readBody(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', reject);
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text.trim() ? JSON.parse(text) : undefined);
      } catch {
        resolve(INVALID);
      }
    });
  });
}

/** `npx crossdock tracking-sandbox`: runs until `until` settles (SIGINT or SIGTERM by default), then exits 0. */
export async function runTrackingSandboxCommand(
  opts: { port?: string; host?: string },
  out: { log(line: string): void },
  until?: Promise<void>,
): Promise<number> {
  const port = opts.port === undefined ? 4020 : Number(opts.port);
  if (!/^\d+$/.test(opts.port ?? '0') || port > 65535) {
    throw new DomainError('usage', `--port must be 0 to 65535 (0 picks a free port), not "${opts.port}".`);
  }
  const host = opts.host ?? '127.0.0.1';
  const sandbox = await startTrackingSandbox({ port, host }).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new DomainError('usage', `Port ${port} is in use: pass another --port (0 = any).`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      throw new DomainError('usage', `Cannot listen on --host ${host} (${code}).`);
    }
    throw error;
  });
  out.log(`Tracking sandbox listening on ${sandbox.url} (17TRACK, AfterShip and DHL formats; Ctrl+C stops it)`);
  await (until ?? stopSignal());
  await sandbox.close();
  return 0;
}

const stopSignal = () =>
  new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
  });
