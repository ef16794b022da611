import type { Lang } from '../i18n/lang';
import { fillPlaceholders } from '../i18n/message-catalog';
import { ORDER_ACTIONS, type OrderAction } from '../orders/order-moves';
import { isTrackingStatus, trackingStatusLabel } from './tracking-status';

/** One step of an order's journey (the sidebar's timeline): what happened, when, to what, in the reader's words. */
export type JourneyStep = {
  at: string;
  kind: 'order' | 'purchase' | 'shipment' | 'carrier' | 'after_sale';
  subject: string;
  text: string;
};

/** An after-sale case's steps (docs/after-sale.md), apart: "received" or "closed" mean other things elsewhere. */
const CASE_WORDS: Record<string, Record<Lang, string>> = {
  opened: { en: 'After-sale case opened', zh: '已创建售后单' },
  received: { en: 'Return received', zh: '退货已收到' },
  closed: { en: 'After-sale case closed', zh: '售后单已关闭' },
};

/**
 * A purchase order's steps that served the order (docs/dispatch.md): the line raised for it while it waited,
 * the PO placed under the same command, the receipt that reserved its stock.
 */
const PO_WORDS: Record<string, Record<Lang, string>> = {
  raised_for_order: {
    en: 'Purchase order line {line} raised for this order: {sku} × {qty}',
    zh: '已为本订单下采购单第 {line} 行：{sku} ×{qty}',
  },
  ordered: { en: 'Purchase order placed', zh: '已下采购单' },
  received: { en: 'Purchase order received', zh: '采购单已收货' },
  closed_short: { en: 'Purchase order closed short', zh: '采购单已短收关闭' },
  cancelled: { en: 'Purchase order cancelled', zh: '采购单已取消' },
};

const WORDS: Record<string, Record<Lang, string>> = {
  imported: { en: 'Imported', zh: '已导入' },
  created: { en: 'Created', zh: '已创建' },
  reserved: { en: 'Stock reserved', zh: '已锁定库存' },
  released: { en: 'Stock released', zh: '已释放库存' },
  reservations_consumed: { en: 'Stock left the warehouse', zh: '库存已出库' },
  planned: { en: 'Parcel planned', zh: '已安排包裹' },
  split: { en: 'Parcel split', zh: '包裹已拆分' },
  label_booked: { en: 'Label booked', zh: '已出面单' },
  booking_failed: { en: 'Booking failed', zh: '下单失败' },
  tracking_entered: { en: 'Tracking number entered', zh: '已填写运单号' },
  label_cancelled: { en: 'Label cancelled', zh: '面单已取消' },
  cancelled: { en: 'Parcel cancelled', zh: '包裹已取消' },
  shipped: { en: 'Parcel shipped', zh: '包裹已发出' },
  tracking: { en: 'Carrier status: {status}', zh: '物流状态：{status}' },
  tracking_went_back: { en: 'Carrier reported {status} late (ignored)', zh: '承运商延迟报告{status}（已忽略）' },
};

/** An event of the log as a step, in `lang`. */
export function logStep(
  kind: 'order' | 'purchase' | 'shipment' | 'after_sale',
  subject: string,
  at: string,
  action: string,
  after: unknown,
  lang: Lang,
): JourneyStep {
  if (kind === 'after_sale') return { at, kind, subject, text: CASE_WORDS[action]?.[lang] ?? action };
  if (kind === 'purchase') {
    const line = (after as { lineNo?: number; sku?: string; qty?: number } | null) ?? {};
    const params: Record<string, string | number> = {
      line: line.lineNo ?? '',
      sku: line.sku ?? '',
      qty: line.qty ?? '',
    };
    return { at, kind, subject, text: fillPlaceholders(PO_WORDS[action]?.[lang] ?? action, params) };
  }
  const move = (ORDER_ACTIONS as Record<string, { label: Record<Lang, string> }>)[action as OrderAction];
  const reported = (after as { reported?: string; tracking?: string } | null) ?? {};
  const status = reported.reported ?? reported.tracking ?? '';
  const label = isTrackingStatus(status) ? trackingStatusLabel(status, lang) : status;
  const text =
    kind === 'order' && move ? move.label[lang] : (WORDS[action]?.[lang] ?? action).replace('{status}', label);
  return { at, kind, subject, text };
}

/** A carrier's checkpoint as a step: its status, what it said and where. */
export function carrierStep(
  subject: string,
  at: string,
  status: string,
  description: string,
  location: string | null,
  lang: Lang,
): JourneyStep {
  const label = isTrackingStatus(status) ? trackingStatusLabel(status, lang) : status;
  return { at, kind: 'carrier', subject, text: [label, description, location].filter(Boolean).join(' · ') };
}
