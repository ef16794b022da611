/**
 * 17TRACK API v2.2 shapes and code tables (sources at the top of seventeen-track.ts). Schemas accept what the
 * documented answers carry and ignore the rest; fields the docs show as nullable are nullish, so a carrier
 * with thin data still parses. The builders at the end render scenario events as 17TRACK would (the tracking
 * sandbox answers with them), from the same tables the adapter reads with.
 */
import { z } from 'zod';
import type { TrackingStatus } from '../../../domain/tracking/tracking-status';

const text = z.string().nullish();
const address = z.object({ country: text, state: text, city: text }).nullish();
/** `time_raw` is documented as {date, time, timezone}; some answers carry it as one string. */
const timeRaw = z.union([z.object({ date: text, time: text, timezone: text }), z.string()]).nullish();

export const eventSchema = z.object({
  time_iso: text,
  time_utc: text,
  time_raw: timeRaw,
  description: text,
  location: text,
  stage: text,
  sub_status: text,
  address,
});
export type SeventeenEvent = z.infer<typeof eventSchema>;

export const trackInfoSchema = z.object({
  latest_status: z.object({ status: z.string(), sub_status: text, sub_status_descr: text }).nullish(),
  latest_event: eventSchema.nullish(),
  tracking: z
    .object({
      providers: z
        .array(
          z.object({
            provider: z.object({ key: z.number().nullish(), name: text }).nullish(),
            events: z.array(eventSchema).nullish(),
          }),
        )
        .nullish(),
    })
    .nullish(),
});
export type SeventeenTrackInfo = z.infer<typeof trackInfoSchema>;

export const acceptedSchema = z.object({
  number: z.string(),
  carrier: z.number().nullish(),
  tag: text,
  track_info: trackInfoSchema.nullish(),
});
export type SeventeenAccepted = z.infer<typeof acceptedSchema>;

export const rejectedSchema = z.object({
  number: z.string(),
  error: z.object({ code: z.number(), message: text }),
});

/** Every answer: `code` 0 and per-number lists, or a whole-call error code with `data.errors`. */
export const envelopeSchema = z.object({
  code: z.number(),
  data: z
    .object({
      accepted: z.array(acceptedSchema).nullish(),
      rejected: z.array(rejectedSchema).nullish(),
      errors: z.array(z.object({ code: z.number(), message: text })).nullish(),
    })
    .nullish(),
});

export const quotaSchema = z.object({
  code: z.literal(0),
  data: z.object({
    quota_total: z.number(),
    quota_used: z.number(),
    quota_remain: z.number(),
    max_track_daily: z.number().nullish(),
  }),
});

/** Webhook body: TRACKING_UPDATED carries a whole `track_info`; TRACKING_STOPPED only the number. */
export const webhookSchema = z.object({
  event: z.string(),
  data: acceptedSchema,
});

/** The documented request bodies (register, gettrackinfo, stoptrack, retrack): arrays of at most 40. */
export const numberItemSchema = z.object({
  number: z.string(),
  carrier: z.number().int().optional(),
  param: z.string().optional(),
  tag: z.string().optional(),
});
export const MAX_NUMBERS = 40;

// ---- Codes (17TRACK "Error Codes and Troubleshooting"; the same list appears in the clients cited) ----

export const CODE = {
  ipNotAllowed: -18010001,
  invalidKey: -18010002,
  internalError: -18010003,
  accountDisabled: -18010004,
  unauthorized: -18010005,
  tooManyNumbers: -18010014,
  alreadyRegistered: -18019901,
  notRegistered: -18019902,
  carrierNotDetected: -18019903,
  notTracked: -18019906,
  dailyLimit: -18019907,
  quotaSpent: -18019908,
  noInfoYet: -18019909,
  wrongCarrier: -18019910,
} as const;

/** Whole-call codes a person must fix (key, IP allow-list, account, a request we built wrong). */
export const REFUSED_CODES: readonly number[] = [
  CODE.ipNotAllowed,
  CODE.invalidKey,
  CODE.accountDisabled,
  CODE.unauthorized,
  -18010010,
  -18010011,
  -18010012,
  -18010013,
  CODE.tooManyNumbers,
];
export const QUOTA_CODES: readonly number[] = [CODE.dailyLimit, CODE.quotaSpent];

/**
 * Per-number codes where asking again later may work: not registered yet (register, then fetch), no events
 * yet, the carrier cannot be registered "at the moment", carrier-side timeouts and errors, internal errors,
 * quota. Everything else (bad format, carrier not detected or wrong, a `param` the carrier needs) needs a
 * person: the number or its carrier code must change.
 */
export const RETRYABLE_REJECTS: readonly number[] = [
  CODE.notRegistered,
  CODE.noInfoYet,
  -18019911,
  -18019815,
  -18019816,
  -18019817,
  CODE.internalError,
  ...QUOTA_CODES,
];

// ---- Statuses ----

/** Main statuses (`latest_status.status`), the part before `_` of a sub-status. */
export const MAIN_STATUS: Record<string, TrackingStatus> = {
  NotFound: 'pending',
  InfoReceived: 'info_received',
  InTransit: 'in_transit',
  Expired: 'expired',
  AvailableForPickup: 'available_for_pickup',
  OutForDelivery: 'out_for_delivery',
  DeliveryFailure: 'delivery_failed',
  Delivered: 'delivered',
  Exception: 'exception',
};

/** Sub-statuses that say more than their main status. */
export const SUB_STATUS: Record<string, TrackingStatus> = {
  Exception_Returning: 'returning',
  Exception_Returned: 'returned',
};

/** An event's `stage` may also be a milestone key stage (PickedUp, Departure, Arrival, Returning, Returned). */
export const KEY_STAGE: Record<string, TrackingStatus> = {
  PickedUp: 'in_transit',
  Departure: 'in_transit',
  Arrival: 'in_transit',
  Returning: 'returning',
  Returned: 'returned',
};

/** What 17TRACK says for one of our statuses (the sandbox answers with these). */
export const SEVENTEEN_CODES: Record<TrackingStatus, { status: string; subStatus: string; stage: string }> = {
  pending: { status: 'NotFound', subStatus: 'NotFound_Other', stage: 'NotFound' },
  info_received: { status: 'InfoReceived', subStatus: 'InfoReceived', stage: 'InfoReceived' },
  in_transit: { status: 'InTransit', subStatus: 'InTransit_Other', stage: 'InTransit' },
  available_for_pickup: {
    status: 'AvailableForPickup',
    subStatus: 'AvailableForPickup_Other',
    stage: 'AvailableForPickup',
  },
  out_for_delivery: { status: 'OutForDelivery', subStatus: 'OutForDelivery_Other', stage: 'OutForDelivery' },
  delivery_failed: { status: 'DeliveryFailure', subStatus: 'DeliveryFailure_Other', stage: 'DeliveryFailure' },
  exception: { status: 'Exception', subStatus: 'Exception_Other', stage: 'Exception' },
  returning: { status: 'Exception', subStatus: 'Exception_Returning', stage: 'Returning' },
  returned: { status: 'Exception', subStatus: 'Exception_Returned', stage: 'Returned' },
  delivered: { status: 'Delivered', subStatus: 'Delivered_Other', stage: 'Delivered' },
  expired: { status: 'Expired', subStatus: 'Expired_Other', stage: 'Expired' },
};

// ---- Building answers (the tracking sandbox and tests speak 17TRACK with these) ----

/** One event as a scenario describes it: our status, the carrier's time text (with or without a zone). */
type Scripted = { status: TrackingStatus; description: string; location: string | null; time: string };

/** A whole-call error envelope (auth, limits, bad requests). */
export const seventeenError = (code: number, message: string) => ({ code, data: { errors: [{ code, message }] } });

/** `track_info` for events in the order they happened; 17TRACK lists them newest first. */
export function seventeenTrackInfo(events: Scripted[], carrierKey: number) {
  const latest = SEVENTEEN_CODES[events.at(-1)?.status ?? 'pending'];
  const rendered = [...events].reverse().map((e) => {
    const [, date = e.time, time = null, zone = ''] = /^(\d{4}-\d{2}-\d{2})[T ]([\d:.]+)(.*)$/.exec(e.time) ?? [];
    const codes = SEVENTEEN_CODES[e.status];
    return {
      // A zoneless carrier time stays zoneless here, and has no UTC twin: 17TRACK cannot know the zone either.
      time_iso: zone ? e.time : `${date}T${time}`,
      time_utc: zone && !Number.isNaN(Date.parse(e.time)) ? new Date(e.time).toISOString() : null,
      time_raw: { date, time, timezone: zone || null },
      description: e.description,
      location: e.location,
      stage: codes.stage,
      sub_status: codes.subStatus,
    };
  });
  return {
    latest_status: { status: latest.status, sub_status: latest.subStatus, sub_status_descr: null },
    latest_event: rendered[0] ?? null,
    tracking: { providers: [{ provider: { key: carrierKey, name: 'Sandbox Carrier' }, events: rendered }] },
  };
}
