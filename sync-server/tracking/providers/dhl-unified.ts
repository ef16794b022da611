/**
 * DHL Shipment Tracking - Unified as a TrackingProvider: GET `<host>/track/shipments?trackingNumber=…`
 * (optional `service`, `recipientPostalCode`), header `DHL-API-Key`, one number a call; 404 when DHL does not
 * know the number (yet); errors as RFC 7807 problem+json. Polling only: no registration, no webhooks.
 *
 * Contract read from:
 * - DHL Unified Shipment Tracking API 1.5.6 OpenAPI (https://developer.dhl.com/api-reference/shipment-tracking),
 *   as generated into TypeScript by swagger-typescript-api in a public repository (found by content):
 *   `TrackingShipments`, `TrackingShipmentStatus` (timestamp, location, statusCode enum pre-transit | transit |
 *   delivered | failure | unknown, free-text status/statusDetailed/description), `returnFlag`, `ProblemDetail`,
 *   query parameters `trackingNumber`, `service`, `recipientPostalCode`, `language`.
 * - github superfaceai/station grid/delivery-tracking/shipment-info/maps/dhl.suma (404 "No shipment with given
 *   tracking number found", 401 invalid key, 429 too many requests) and /work/shared/fixtures/tracking.
 * - Limits (DESIGN 3.5, developer.dhl.com): 250 calls a day at 1 call/s by default, day resetting 00:00 GMT.
 * Uncertain: whether a 429 carries Retry-After (used when present; otherwise no wait is guessed, as the daily
 * limit and the per-second one answer alike); timestamps are documented as date-time but proofs of delivery show
 * zoneless times, which are read as UTC with zoneSource `none`.
 */
import type { TrackingStatus } from '../../../domain/tracking/tracking-status';
import { ProviderError, type TrackingEvent, type TrackingProvider, type TrackingResult } from './tracking-provider';
import {
  problemSchema,
  shipmentsSchema,
  STATUS_CODE,
  TITLE_HINTS,
  type DhlShipment,
  type DhlStatus,
} from './dhl-unified-payloads';
import { describeError, parseJson, rateWindowOf, readTime, retryAfterMs, type RateWindow } from './provider-replies';

export const DHL_URL = 'https://api-eu.dhl.com';
const PROVIDER = 'dhl';

export type DhlUnifiedOptions = {
  /** Host root, without `/track/shipments` (DHL_URL, or the tracking sandbox's URL). */
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
};

export function dhlUnified(options: DhlUnifiedOptions): TrackingProvider {
  const base = new URL(options.baseUrl);
  const root = `${base.origin}${base.pathname.replace(/\/+$/, '')}/track/shipments`;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  // The X-RateLimit-* of the latest answer that had them (the poller records it after each call).
  let lastWindow: RateWindow | null = null;
  const clean = (text: string) => text.split(options.apiKey).join('***');

  return {
    name: PROVIDER,
    takeRateWindow() {
      const window = lastWindow;
      lastWindow = null;
      return window;
    },
    batchSize: 1,
    requestsPerSecond: 1,

    async fetch(numbers) {
      if (numbers.length > 1) throw new ProviderError('refused', PROVIDER, 'DHL takes one number a request');
      const n = numbers[0];
      if (!n) return { results: [], rejected: [] };
      const query = new URLSearchParams({ trackingNumber: n.trackingNo });
      if (n.carrierCode) query.set('service', n.carrierCode); // the DHL business unit, e.g. parcel-de, express
      if (n.param) query.set('recipientPostalCode', n.param);
      const signal = AbortSignal.timeout(timeoutMs);
      let status: number, headers: Headers, json: unknown;
      try {
        const response = await send(`${root}?${query}`, {
          headers: { 'DHL-API-Key': options.apiKey, accept: 'application/json' },
          redirect: 'error', // the key goes to the configured host only
          signal,
        });
        ({ status, headers } = response);
        lastWindow = rateWindowOf(headers) ?? lastWindow;
        json = parseJson(Buffer.from(await response.arrayBuffer()));
      } catch (error) {
        if (signal.aborted) throw unavailable(`DHL did not answer within ${timeoutMs} ms`);
        throw unavailable(clean(`DHL at ${base.origin} could not be reached (${describeError(error)})`));
      }
      const problem = problemSchema.safeParse(json).data;
      const said = clean(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
      if (status === 401 || status === 403) {
        throw new ProviderError('refused', PROVIDER, `DHL refused the API key (HTTP ${status})`, null, status);
      }
      if (status === 429) {
        throw new ProviderError('rate_limited', PROVIDER, `DHL: ${said} (HTTP 429)`, retryAfterMs(headers), 429);
      }
      if (status >= 500 || status === 408) throw unavailable(`DHL answered HTTP ${status}: ${said}`, status);
      // Unknown to DHL: usually not scanned yet, so asking later may work. A 400 is the number (or the service
      // or postal code sent with it) that DHL cannot read: that needs a person.
      if (status >= 400) {
        const rejected = { trackingNo: n.trackingNo, code: String(status), message: said, retryable: status === 404 };
        return { results: [], rejected: [rejected] };
      }
      const parsed = shipmentsSchema.safeParse(json);
      if (!parsed.success) throw unavailable("DHL's answer is not the documented shape", status);
      // Several business units may know the number: the one asked for, then the exact id, then the first.
      const same = (s: DhlShipment) => s.id.toUpperCase() === n.trackingNo.toUpperCase();
      const shipments = parsed.data.shipments;
      const shipment =
        shipments.find((s) => same(s) && n.carrierCode && s.service === n.carrierCode) ??
        shipments.find(same) ??
        shipments[0];
      if (!shipment) {
        const message = `DHL has no shipment ${n.trackingNo} yet`;
        return { results: [], rejected: [{ trackingNo: n.trackingNo, code: '404', message, retryable: true }] };
      }
      return { results: [toResult(shipment, n.trackingNo)], rejected: [] };
    },
  };
}

/** statusCode, refined by the free-text title and the return flag (DHL's codes are coarse). */
function statusOf(s: DhlStatus, returnFlag: boolean): TrackingStatus {
  const code = s.statusCode ?? '';
  if (returnFlag) return code === 'delivered' ? 'returned' : 'returning';
  const base = STATUS_CODE[code] ?? 'in_transit';
  if (base === 'delivered' || base === 'info_received') return base;
  const title = [s.status, s.statusDetailed].filter(Boolean).join(' ');
  const hint = TITLE_HINTS.find(([pattern]) => pattern.test(title))?.[1];
  // A failure stays a failure unless the title says the parcel is going back.
  return hint && (base !== 'delivery_failed' || hint === 'returning') ? hint : base;
}

const rawOf = (s: DhlStatus) => [s.statusCode, s.statusDetailed ?? s.status].filter(Boolean).join('/');

function toResult(shipment: DhlShipment, trackingNo: string): TrackingResult {
  const returned = shipment.returnFlag === true;
  const events = (shipment.events ?? []).map((e) => toEvent(e, returned)).filter((e): e is TrackingEvent => !!e);
  const current = shipment.status;
  return {
    trackingNo,
    status: current ? statusOf(current, returned) : 'pending',
    rawStatus: current ? rawOf(current) : '',
    events: events.sort((a, b) => a.at.localeCompare(b.at)),
  };
}

function toEvent(s: DhlStatus, returned: boolean): TrackingEvent | null {
  const when = s.timestamp ? readTime(s.timestamp) : null;
  if (!when) return null; // no usable time: it could be neither ordered nor deduplicated
  const address = s.location?.address;
  const place = [address?.addressLocality, address?.countryCode].filter(Boolean).join(', ');
  return {
    ...when,
    localText: s.timestamp!,
    // The flag is the shipment's: earlier events were not returns, but a delivery of a returned parcel is to
    // its sender. Other return steps show in the event's title.
    status: returned && s.statusCode === 'delivered' ? 'returned' : statusOf(s, false),
    rawCode: rawOf(s),
    description: s.description ?? s.status ?? '',
    location: place || null,
  };
}

function unavailable(message: string, status: number | null = null): ProviderError {
  return new ProviderError('unavailable', PROVIDER, message, null, status);
}
