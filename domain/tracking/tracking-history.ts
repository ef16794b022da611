import { FINAL_TRACKING, movesForward, type TrackingStatus } from './tracking-status';

/** An event as stored: one per provider, number, UTC time and normalized description (DESIGN 3.5). */
export type StoredEvent = {
  at: string;
  status: TrackingStatus;
  description: string;
};

/** The dedupe key: the same checkpoint by poll and by webhook, or sent twice, is stored once. */
export function eventKey(
  provider: string,
  trackingNo: string,
  at: string,
  status: string,
  description: string,
): string {
  const text = description.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return [provider, trackingNo.trim().toUpperCase(), new Date(at).toISOString(), status, text].join('|');
}

export type StatusVerdict = {
  status: TrackingStatus;
  /** A status the provider reported that would move the parcel back (logged and flagged, never applied). */
  regression: { from: TrackingStatus; to: TrackingStatus } | null;
};

/**
 * The parcel's status after the provider's latest: only forward (a late "in transit" after "delivered" is a
 * regression to flag). Events arriving out of order do not matter: the provider's latest status decides,
 * and our stored status never goes back, so any order of the same answers converges.
 */
export function nextStatus(current: TrackingStatus, reported: TrackingStatus): StatusVerdict {
  if (reported === current) return { status: current, regression: null };
  if (movesForward(current, reported)) return { status: reported, regression: null };
  return { status: current, regression: { from: current, to: reported } };
}

const HOUR = 3_600_000;

/**
 * When to ask again (DESIGN 3.5): soon when it is out for delivery, rarer the longer nothing moved, never
 * again once final (the caller makes one last check after delivery). `sinceLastScanMs`: time since the last
 * event (or since shipping, without one).
 */
export function nextPollDelayMs(status: TrackingStatus, sinceLastScanMs: number): number | null {
  if (FINAL_TRACKING.includes(status)) return null;
  if (status === 'out_for_delivery' || status === 'available_for_pickup' || status === 'delivery_failed')
    return 2 * HOUR;
  if (sinceLastScanMs > 7 * 24 * HOUR) return 24 * HOUR;
  if (sinceLastScanMs > 3 * 24 * HOUR) return 12 * HOUR;
  return 6 * HOUR;
}

/** Exponential backoff with jitter ("equal jitter": half fixed, half random) for a failing provider: 1 min, 2, 4 … up to 1 hour. */
export function backoffMs(attempts: number, random: () => number): number {
  const ceiling = Math.min(HOUR, 60_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
