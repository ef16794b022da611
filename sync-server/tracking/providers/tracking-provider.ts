import type { TrackingStatus } from '../../../domain/tracking/tracking-status';

/**
 * One interface for every tracking provider (docs/tracking.md): 17TRACK, AfterShip, DHL Unified. Adapters
 * do HTTP and parsing, nothing else: no database, no clock but request timeouts, no retries of their own
 * (the poller owns limits, backoff and quota).
 */

/** A provider's rate-limit window as its last answer stated it (docs/dispatch.md: the providers check). */
export type RateWindow = { limit: number; remaining: number; resetsAt: string | null };

/** A number to track, as the provider needs it. */
export type TrackedNumber = {
  trackingNo: string;
  /** The provider's own carrier code (Carriers sheet "Tracking carrier code"); null: let it detect. */
  carrierCode: string | null;
  /** Extra a carrier needs at some providers (17TRACK `param`: often the destination postal code). */
  param: string | null;
  /** Our shipment number, sent where the provider keeps a reference (17TRACK `tag`, AfterShip `order_id`). */
  reference: string | null;
};

/** Where an event's time zone came from: stated by the provider, derived from an offset, or unknown. */
export type ZoneSource = 'utc' | 'offset' | 'none';

/** One checkpoint, normalized, with the provider's raw values kept. */
export type TrackingEvent = {
  /** UTC instant (ISO); when the provider gave no zone, the local time read as UTC (zoneSource `none`). */
  at: string;
  /** The time exactly as the provider wrote it. */
  localText: string;
  zoneSource: ZoneSource;
  status: TrackingStatus;
  /** The provider's own status/sub-status code (kept raw). */
  rawCode: string;
  description: string;
  location: string | null;
};

export type TrackingResult = {
  trackingNo: string;
  /** The provider's latest status, normalized (it may have none of its events yet: a "Delivered" webhook). */
  status: TrackingStatus;
  rawStatus: string;
  events: TrackingEvent[];
};

/** A number the provider refused inside an otherwise good answer. */
export type NumberRejection = {
  trackingNo: string;
  code: string;
  message: string;
  /** True when asking again later may work (not registered yet, being fetched); false: fix the number. */
  retryable: boolean;
};

export type ProviderAnswer = { results: TrackingResult[]; rejected: NumberRejection[] };

export type WebhookInput = { rawBody: Buffer; headers: Record<string, string | undefined> };

export type TrackingProvider = {
  readonly name: '17track' | 'aftership' | 'dhl';
  /** Most numbers per fetch request (17TRACK 40, AfterShip 50, DHL 1). */
  readonly batchSize: number;
  /** Requests per second the provider allows for fetching. */
  readonly requestsPerSecond: number;
  /** Registration before the first fetch (17TRACK: costs one quota unit per number; never twice). */
  register?(numbers: TrackedNumber[]): Promise<{ accepted: string[]; rejected: NumberRejection[] }>;
  fetch(numbers: TrackedNumber[]): Promise<ProviderAnswer>;
  /** Stops tracking (17TRACK: after delivery, so the number stops costing). */
  stop?(numbers: TrackedNumber[]): Promise<void>;
  /** The account's quota (17TRACK getquota: total, used, remaining of the bought balance). */
  quota?(): Promise<{ total: number; used: number; remain: number; maxTrackDaily: number | null }>;
  /** The rate-limit window the last answer stated (X-RateLimit-*), once: the poller records it. */
  takeRateWindow?(): RateWindow | null;
  /** Verifies a webhook on its raw body (null when the signature is wrong or missing) and parses it. */
  readWebhook?(input: WebhookInput): TrackingResult[] | null;
};

/**
 * How a provider call failed, in the ways the poller handles differently: `rate_limited` (429: wait
 * `retryAfterMs`), `quota` (the day's quota is spent: pause until `retryAfterMs`), `unavailable` (5xx,
 * network, timeout, a body not in the documented shape: back off with jitter), `refused` (auth, a bad
 * request: a person must fix the setup).
 */
export class ProviderError extends Error {
  constructor(
    readonly kind: 'rate_limited' | 'quota' | 'unavailable' | 'refused',
    readonly provider: string,
    message: string,
    readonly retryAfterMs: number | null = null,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}
