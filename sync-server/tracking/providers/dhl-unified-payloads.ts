/**
 * DHL Shipment Tracking - Unified shapes (sources at the top of dhl-unified.ts): `TrackingShipments`,
 * `TrackingShipmentStatus`/`Event`, and RFC 7807 `ProblemDetail`. Only `statusCode` is an enum; `status`,
 * `statusDetailed` and `description` are free text in the carrier's words. The builders at the end render
 * scenario events as DHL would (the tracking sandbox answers with them).
 */
import { z } from 'zod';
import type { TrackingStatus } from '../../../domain/tracking/tracking-status';

const text = z.string().nullish();
const place = z
  .object({ address: z.object({ addressLocality: text, countryCode: text, postalCode: text }).nullish() })
  .nullish();

export const statusSchema = z.object({
  timestamp: text,
  location: place,
  statusCode: text,
  status: text,
  statusDetailed: text,
  description: text,
});
export type DhlStatus = z.infer<typeof statusSchema>;

export const shipmentSchema = z.object({
  id: z.string(),
  service: text,
  status: statusSchema.nullish(),
  /** "A flag whether the delivery is returned back to consignor" (API 1.5.2). */
  returnFlag: z.boolean().nullish(),
  events: z.array(statusSchema).nullish(),
});
export type DhlShipment = z.infer<typeof shipmentSchema>;

export const shipmentsSchema = z.object({ shipments: z.array(shipmentSchema) });
export const problemSchema = z.object({ status: z.number().nullish(), title: text, detail: text });

/** statusCode: pre-transit, transit, delivered, failure, unknown. */
export const STATUS_CODE: Record<string, TrackingStatus> = {
  'pre-transit': 'info_received',
  transit: 'in_transit',
  delivered: 'delivered',
  failure: 'delivery_failed',
  unknown: 'in_transit',
};

/**
 * "transit" covers everything from the first scan to the van: the free-text title tells the last steps apart.
 * Only the short titles (status, statusDetailed) are read, never the long description, which may speak of a
 * later step ("will be out for delivery tomorrow").
 */
export const TITLE_HINTS: ReadonlyArray<[RegExp, TrackingStatus]> = [
  [/return(ed|ing)? to (sender|shipper|consignor)|\breturn shipment\b/i, 'returning'],
  [/out for delivery|with delivery courier|on (the|its) way to the recipient/i, 'out_for_delivery'],
  [
    /(ready|available) for (pick ?up|collection)|at (the )?(parcel ?shop|service ?point|packstation)/i,
    'available_for_pickup',
  ],
];

/** What DHL says for one of our statuses (the sandbox answers with these). */
export const DHL_CODES: Record<TrackingStatus, { statusCode: string; status: string; returnFlag?: boolean }> = {
  pending: { statusCode: 'unknown', status: 'UNKNOWN' },
  info_received: { statusCode: 'pre-transit', status: 'PRE-TRANSIT' },
  in_transit: { statusCode: 'transit', status: 'IN TRANSIT' },
  available_for_pickup: { statusCode: 'transit', status: 'READY FOR PICKUP' },
  out_for_delivery: { statusCode: 'transit', status: 'OUT FOR DELIVERY' },
  delivery_failed: { statusCode: 'failure', status: 'DELIVERY FAILED' },
  exception: { statusCode: 'failure', status: 'EXCEPTION' },
  returning: { statusCode: 'transit', status: 'RETURNED TO SENDER', returnFlag: true },
  returned: { statusCode: 'delivered', status: 'DELIVERED TO SENDER', returnFlag: true },
  delivered: { statusCode: 'delivered', status: 'DELIVERED' },
  expired: { statusCode: 'unknown', status: 'UNKNOWN' },
};

// ---- Building answers (the tracking sandbox and tests speak DHL with these) ----

/** One event as a scenario describes it: our status, the carrier's time text (with or without a zone). */
type Scripted = { status: TrackingStatus; description: string; location: string | null; time: string };

/** RFC 7807 problem details, as DHL answers every error. */
export const dhlProblem = (status: number, title: string, detail: string) => ({ status, title, detail });

/** A shipment for events in the order they happened (DHL lists events newest first). */
export function dhlShipment(trackingNo: string, service: string, events: Scripted[]) {
  const render = (e: Scripted) => {
    const { statusCode, status } = DHL_CODES[e.status];
    const [city, country = null] = (e.location ?? '').split(/,\s*/);
    const location = e.location ? { address: { addressLocality: city, countryCode: country } } : undefined;
    return { timestamp: e.time, location, statusCode, status, description: e.description };
  };
  const latest = events.at(-1);
  return {
    id: trackingNo,
    service,
    status: latest ? render(latest) : undefined,
    ...(latest && DHL_CODES[latest.status].returnFlag ? { returnFlag: true } : {}),
    details: { totalNumberOfPieces: 1, pieceIds: [trackingNo] },
    events: [...events].reverse().map(render),
  };
}
