import type { Lang } from '../i18n/lang';

/**
 * Normalized tracking statuses (DESIGN 3.5), in the order a parcel's life goes: a shipment's status only
 * moves to a later one (a late "in transit" after "delivered" is logged and flagged, never applied).
 * `exception` and `delivery_failed` may happen anywhere before delivery; they rank with out-for-delivery so
 * a later scan in transit does not undo them, and a delivery does.
 */
export const TRACKING_STATUSES = [
  'pending',
  'info_received',
  'in_transit',
  'available_for_pickup',
  'out_for_delivery',
  'delivery_failed',
  'exception',
  'returning',
  'returned',
  'delivered',
  'expired',
] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

const RANK: Record<TrackingStatus, number> = {
  pending: 0,
  info_received: 1,
  in_transit: 2,
  available_for_pickup: 3,
  out_for_delivery: 3,
  delivery_failed: 4,
  exception: 4,
  returning: 5,
  returned: 6,
  delivered: 6,
  expired: 7,
};

export function isTrackingStatus(value: string): value is TrackingStatus {
  return (TRACKING_STATUSES as readonly string[]).includes(value);
}

/** Whether `next` may replace `current`: the same rank moves sideways (out for delivery ↔ pickup, a new failure). */
export function movesForward(current: TrackingStatus, next: TrackingStatus): boolean {
  if (current === 'delivered' || current === 'returned') return false;
  return RANK[next] >= RANK[current];
}

/** Statuses after which polling stops (one last check after delivery). */
export const FINAL_TRACKING: readonly TrackingStatus[] = ['delivered', 'returned', 'expired'];

const LABELS: Record<TrackingStatus, Record<Lang, string>> = {
  pending: { en: 'Pending', zh: '待查询' },
  info_received: { en: 'Info received', zh: '已揽收信息' },
  in_transit: { en: 'In transit', zh: '运输中' },
  available_for_pickup: { en: 'Available for pickup', zh: '待自提' },
  out_for_delivery: { en: 'Out for delivery', zh: '派送中' },
  delivery_failed: { en: 'Delivery failed', zh: '投递失败' },
  exception: { en: 'Exception', zh: '异常' },
  returning: { en: 'Returning', zh: '退回中' },
  returned: { en: 'Returned', zh: '已退回' },
  delivered: { en: 'Delivered', zh: '已签收' },
  expired: { en: 'Expired', zh: '已过期' },
};

export function trackingStatusLabel(status: TrackingStatus, lang: Lang): string {
  return LABELS[status][lang];
}
