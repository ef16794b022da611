import type { Lang } from '../i18n/lang';

/** The order statuses of docs/orders.md (the seed's eight, plus cancelled). */
export const ORDER_STATUSES = [
  'pending_review',
  'pending_contact',
  'approved',
  'invalid',
  'pending_purchase',
  'pending_shipment',
  'shipped',
  'delivered',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const LABELS: Record<OrderStatus, Record<Lang, string>> = {
  pending_review: { en: 'Pending review', zh: '待审核' },
  pending_contact: { en: 'Pending contact', zh: '待联系' },
  approved: { en: 'Approved', zh: '审核通过' },
  invalid: { en: 'Invalid', zh: '无效订单' },
  pending_purchase: { en: 'Pending purchase', zh: '待采购' },
  pending_shipment: { en: 'Pending shipment', zh: '待发货' },
  shipped: { en: 'Shipped', zh: '已发货' },
  delivered: { en: 'Delivered', zh: '已签收' },
  cancelled: { en: 'Cancelled', zh: '已取消' },
};

export function isOrderStatus(value: string): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value);
}

export function statusLabel(status: OrderStatus, lang: Lang): string {
  return LABELS[status][lang];
}

/** Reads a status cell in either language ("Approved", "审核通过", "approved"). */
export function statusFromLabel(text: string): OrderStatus | null {
  const value = text.trim();
  if (isOrderStatus(value)) return value;
  for (const status of ORDER_STATUSES) {
    if (LABELS[status].en.toLowerCase() === value.toLowerCase() || LABELS[status].zh === value) return status;
  }
  return null;
}
