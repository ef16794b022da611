/**
 * AfterShip Tracking API 2026-07 shapes and code tables (sources at the top of aftership.ts). Every field the
 * OpenAPI marks nullable, or that older trackings lack, is nullish; unknown fields are ignored. The builders at
 * the end render scenario events as AfterShip would (the tracking sandbox answers with them).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { TrackingStatus } from '../../../domain/tracking/tracking-status';

const text = z.string().nullish();

export const checkpointSchema = z.object({
  /** Carrier's time in the checkpoint's zone: `YYYY-MM-DDTHH:mm:ss` (no zone) or `YYYY-MM-DDTHH:mm:ssZ`. */
  checkpoint_time: text,
  /** When AfterShip stored it, always GMT+0. */
  created_at: text,
  message: text,
  tag: text,
  subtag: text,
  subtag_message: text,
  raw_tag: text,
  location: text,
  city: text,
  state: text,
  country_region: text,
  hash: text,
});
export type AfterShipCheckpoint = z.infer<typeof checkpointSchema>;

export const trackingSchema = z.object({
  id: text,
  tracking_number: z.string(),
  slug: text,
  tag: text,
  subtag: text,
  order_id: text,
  updated_at: text,
  checkpoints: z.array(checkpointSchema).nullish(),
});
export type AfterShipTracking = z.infer<typeof trackingSchema>;

/** `meta` on every answer; `type` and `message` only when it is not 2xx. */
export const metaSchema = z.object({ code: z.number(), type: text, message: text });
export const errorSchema = z.object({ meta: metaSchema });
export const singleSchema = z.object({ meta: metaSchema, data: trackingSchema });
export const listSchema = z.object({
  meta: metaSchema,
  data: z.object({
    pagination: z.object({ total: z.number().nullish(), has_next_page: z.boolean().nullish() }).nullish(),
    trackings: z.array(trackingSchema),
  }),
});

/** Webhook body (Webhook Specifications): the tracking is `msg`. */
export const webhookSchema = z.object({
  event: z.string(),
  event_id: text,
  is_tracking_first_tag: z.boolean().nullish(),
  msg: trackingSchema,
  ts: z.number().nullish(),
});

/** POST /trackings body fields we send. */
export const createSchema = z.object({
  tracking_number: z.string().min(1),
  slug: z.string().optional(),
  order_id: z.string().optional(),
  destination_postal_code: z.string().optional(),
});

/** GET /trackings takes at most 50 numbers in `tracking_numbers`. */
export const MAX_NUMBERS = 50;

/** meta.code values (AfterShip/tracking-sdk-nodejs src/error/meta_code.ts). */
export const META = { trackingExists: 4003, trackingMissing: 4004 } as const;

export const TAG_STATUS: Record<string, TrackingStatus> = {
  Pending: 'pending',
  InfoReceived: 'info_received',
  InTransit: 'in_transit',
  OutForDelivery: 'out_for_delivery',
  AttemptFail: 'delivery_failed',
  Delivered: 'delivered',
  AvailableForPickup: 'available_for_pickup',
  Exception: 'exception',
  Expired: 'expired',
};

/** Sub-statuses that say more than their tag (Delivery Sub-statuses: Exception_010 and _011). */
export const SUBTAG_STATUS: Record<string, TrackingStatus> = {
  Exception_010: 'returning',
  Exception_011: 'returned',
};

/** What AfterShip says for one of our statuses (the sandbox answers with these). */
export const AFTERSHIP_CODES: Record<TrackingStatus, { tag: string; subtag: string; message: string }> = {
  pending: { tag: 'Pending', subtag: 'Pending_001', message: 'No information yet' },
  info_received: { tag: 'InfoReceived', subtag: 'InfoReceived_001', message: 'Info Received' },
  in_transit: { tag: 'InTransit', subtag: 'InTransit_001', message: 'In Transit' },
  available_for_pickup: {
    tag: 'AvailableForPickup',
    subtag: 'AvailableForPickup_001',
    message: 'Available for pickup',
  },
  out_for_delivery: { tag: 'OutForDelivery', subtag: 'OutForDelivery_001', message: 'Out for Delivery' },
  delivery_failed: { tag: 'AttemptFail', subtag: 'AttemptFail_001', message: 'Failed Attempt' },
  exception: { tag: 'Exception', subtag: 'Exception_001', message: 'Exception' },
  returning: { tag: 'Exception', subtag: 'Exception_010', message: 'Returning to sender' },
  returned: { tag: 'Exception', subtag: 'Exception_011', message: 'Returned to sender' },
  delivered: { tag: 'Delivered', subtag: 'Delivered_001', message: 'Delivered' },
  expired: { tag: 'Expired', subtag: 'Expired_001', message: 'Expired' },
};

// ---- Building answers (the tracking sandbox and tests speak AfterShip with these) ----

/** One event as a scenario describes it: our status, the carrier's time text (with or without a zone). */
type Scripted = { status: TrackingStatus; description: string; location: string | null; time: string };

export const aftershipError = (code: number, type: string, message: string) => ({
  meta: { code, type, message },
  data: {},
});

/** A tracking object for events in the order they happened (AfterShip lists checkpoints oldest first). */
export function aftershipTracking(
  t: { id: string | null; trackingNo: string; slug: string; createdAt: string; now: string },
  events: Scripted[],
) {
  const latest = AFTERSHIP_CODES[events.at(-1)?.status ?? 'pending'];
  const checkpoints = events.map((e) => {
    const codes = AFTERSHIP_CODES[e.status];
    return {
      created_at: t.now,
      slug: t.slug,
      checkpoint_time: e.time,
      location: e.location,
      message: e.description,
      tag: codes.tag,
      subtag: codes.subtag,
      subtag_message: codes.message,
      raw_tag: null,
      hash: createHash('sha1').update(`${t.trackingNo}|${e.time}|${e.description}`).digest('hex'),
    };
  });
  const { tag, subtag, message } = latest;
  return {
    id: t.id,
    tracking_number: t.trackingNo,
    slug: t.slug,
    active: true,
    tag,
    subtag,
    subtag_message: message,
    created_at: t.createdAt,
    updated_at: t.now,
    checkpoints,
  };
}
