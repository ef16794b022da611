import type { Lang } from '../i18n/lang';
import type { ChoiceNote } from './carrier-choice';
import { logisticsMessage } from './logistics-messages';
import { TRACKING_STATUSES, trackingStatusLabel } from '../tracking/tracking-status';

export type ShipmentReasons = { choice?: ChoiceNote[]; missing?: ChoiceNote[]; error?: string | null };

const BOOKING_FAILED = { en: 'Booking failed: ', zh: '下单失败：' } as const;

/** The "Why this carrier" cell: what blocks the parcel, or the chosen service and why each other was left out. */
export function renderShipmentReasons(source: unknown, lang: Lang): string {
  const reasons = (source ?? {}) as ShipmentReasons;
  const say = (notes: ChoiceNote[] | undefined) => (notes ?? []).map((n) => logisticsMessage(lang, n.key, n.params));
  const parts: string[] = [];
  if (reasons.error) parts.push(BOOKING_FAILED[lang] + reasons.error);
  if (reasons.missing?.length) parts.push(...say(reasons.missing));
  else if (reasons.choice?.length && reasons.choice[0]!.key !== 'chosen')
    parts.push(logisticsMessage(lang, 'none_fits', { reasons: say(reasons.choice).join('; ') }));
  else parts.push(...say(reasons.choice));
  return parts.join(' · ');
}

export type OrderShipping = { parcels?: number; shipped?: number; tracking?: string[]; statuses?: string[] };

/** The Orders sheet's "Shipping" cell: "1/2 shipped · SBX0000000001" (empty before any parcel is planned). */
export function renderOrderShipping(source: unknown, lang: Lang): string {
  const shipping = (source ?? {}) as OrderShipping;
  if (!shipping.parcels) return '';
  const progress = logisticsMessage(lang, 'shipped_progress', {
    shipped: shipping.shipped ?? 0,
    total: shipping.parcels,
  });
  // What the carriers say of its parcels ("In transit"), in the order of a parcel's life.
  const statuses = TRACKING_STATUSES.filter((s) => s !== 'pending' && shipping.statuses?.includes(s)).map((s) =>
    trackingStatusLabel(s, lang),
  );
  return [progress, ...statuses, ...(shipping.tracking ?? [])].join(' · ');
}
