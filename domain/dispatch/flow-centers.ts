import { AFTER_SALE_STATUS_LABELS, AFTER_SALE_STATUSES } from '../after-sale/after-sale-case';
import type { Lang } from '../i18n/lang';
import { SHIPMENT_STATUSES, shipmentStatusLabel } from '../logistics/shipment-status';
import { ORDER_STATUSES, statusLabel, type OrderStatus } from '../orders/order-status';
import { PO_STATUS_LABELS, PO_STATUSES, type PoStatus } from '../purchasing/purchase-order';
import type { Localized } from '../sheets/column-spec';

/** The centers the Flow sheet shows, each with its statuses in pipeline order (docs/dispatch.md). */
export const CENTERS = ['orders', 'purchasing', 'logistics', 'after_sale'] as const;
export type Center = (typeof CENTERS)[number];

export const CENTER_LABELS: Record<Center, Localized> = {
  orders: { en: 'Order center', zh: '订单中心' },
  purchasing: { en: 'Purchasing center', zh: '采购中心' },
  logistics: { en: 'Logistics center', zh: '物流中心' },
  after_sale: { en: 'After-sale center', zh: '售后中心' },
};

export const CENTER_STATUSES: Record<Center, readonly string[]> = {
  orders: ORDER_STATUSES,
  purchasing: PO_STATUSES,
  logistics: SHIPMENT_STATUSES,
  after_sale: AFTER_SALE_STATUSES,
};

/** Statuses where nothing is waiting: their count shows, their oldest age does not (it only grows). */
const AT_REST: Record<Center, readonly string[]> = {
  orders: ['invalid', 'shipped', 'delivered', 'cancelled'],
  purchasing: ['received', 'closed_short', 'cancelled'],
  logistics: ['delivered', 'returned', 'cancelled'],
  after_sale: ['closed'],
};

export function isAtRest(center: Center, status: string): boolean {
  return AT_REST[center].includes(status);
}

export function centerStatusLabel(center: Center, status: string, lang: Lang): string {
  if (center === 'orders') return statusLabel(status as OrderStatus, lang);
  if (center === 'purchasing') return PO_STATUS_LABELS[status as PoStatus]?.[lang] ?? status;
  if (center === 'logistics') return shipmentStatusLabel(status, lang);
  return AFTER_SALE_STATUS_LABELS[status as (typeof AFTER_SALE_STATUSES)[number]]?.[lang] ?? status;
}

/** One status of one center as read from the database: how many, and since when the oldest has waited. */
export type FlowCount = { center: Center; status: string; count: number; oldestSince: string | null };

/** A line of the pipeline in the reader's words, every status of every center (zero counts too). */
export type FlowLine = FlowCount & { centerLabel: string; statusLabel: string; oldestAgeMs: number | null };

export function flowLines(counts: readonly FlowCount[], now: Date, lang: Lang): FlowLine[] {
  const found = new Map(counts.map((c) => [`${c.center}/${c.status}`, c]));
  return CENTERS.flatMap((center) =>
    CENTER_STATUSES[center].map((status) => {
      const c = found.get(`${center}/${status}`);
      const since = c && !isAtRest(center, status) ? c.oldestSince : null;
      return {
        center,
        status,
        count: c?.count ?? 0,
        oldestSince: since,
        centerLabel: CENTER_LABELS[center][lang],
        statusLabel: centerStatusLabel(center, status, lang),
        oldestAgeMs: since === null ? null : Math.max(0, now.getTime() - Date.parse(since)),
      };
    }),
  );
}
