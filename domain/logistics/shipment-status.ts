import type { Lang } from '../i18n/lang';

/** Shipment statuses (DESIGN 3.4), plus cancelled for a parcel given up before it shipped. */
export const SHIPMENT_STATUSES = [
  'draft',
  // While a carrier is asked for the label (outside the database transaction): nobody else books it then.
  'booking',
  'label_ready',
  'shipped',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'exception',
  'returned',
  'cancelled',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

const LABELS: Record<ShipmentStatus, Record<Lang, string>> = {
  draft: { en: 'Draft', zh: '草稿' },
  booking: { en: 'Booking…', zh: '下单中' },
  label_ready: { en: 'Label ready', zh: '已出面单' },
  shipped: { en: 'Shipped', zh: '已发货' },
  in_transit: { en: 'In transit', zh: '运输中' },
  out_for_delivery: { en: 'Out for delivery', zh: '派送中' },
  delivered: { en: 'Delivered', zh: '已签收' },
  exception: { en: 'Exception', zh: '异常' },
  returned: { en: 'Returned', zh: '已退回' },
  cancelled: { en: 'Cancelled', zh: '已取消' },
};

export function shipmentStatusLabel(status: string, lang: Lang): string {
  return (LABELS as Record<string, Record<Lang, string>>)[status]?.[lang] ?? status;
}

/** Parcels not yet gone: their units are spoken for, so planning leaves them out. */
export const OPEN_SHIPMENT: readonly ShipmentStatus[] = ['draft', 'booking', 'label_ready'];

/** Statuses whose units have left the warehouse (count as shipped for their orders). */
export const LEFT_WAREHOUSE: readonly ShipmentStatus[] = [
  'shipped',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'exception',
  'returned',
];
