import type { Lang } from '../i18n/lang';
import { compareAmounts, multiplyAmount, sumAmounts } from '../money/decimal-amount';

/**
 * After-sale cases (DESIGN.md 3.6, docs/after-sale.md): on a shipped or delivered order, customer service
 * opens a case for some units of its lines: a refund, a return, an exchange (a replacement order), or a
 * mix. A return waits to be received (restocked or written off as damaged); every case ends closed.
 */
export const AFTER_SALE_KINDS = ['refund', 'return', 'exchange'] as const;
export type AfterSaleKind = (typeof AFTER_SALE_KINDS)[number];

export const AFTER_SALE_STATUSES = ['requested', 'received', 'closed'] as const;
export type AfterSaleStatus = (typeof AFTER_SALE_STATUSES)[number];

export const AFTER_SALE_REASONS = [
  'damaged',
  'wrong_item',
  'not_as_described',
  'not_received',
  'changed_mind',
  'other',
] as const;
export type AfterSaleReason = (typeof AFTER_SALE_REASONS)[number];

/** Orders a case may hang off: the goods have left (docs/orders.md statuses). */
export const CASE_ORDER_STATUSES = ['shipped', 'delivered'] as const;

export const AFTER_SALE_KIND_LABELS: Record<AfterSaleKind, Record<Lang, string>> = {
  refund: { en: 'Refund', zh: '退款' },
  return: { en: 'Return', zh: '退货' },
  exchange: { en: 'Exchange', zh: '换货' },
};

export const AFTER_SALE_STATUS_LABELS: Record<AfterSaleStatus, Record<Lang, string>> = {
  requested: { en: 'Requested', zh: '已申请' },
  received: { en: 'Received', zh: '已收货' },
  closed: { en: 'Closed', zh: '已关闭' },
};

export const AFTER_SALE_REASON_LABELS: Record<AfterSaleReason, Record<Lang, string>> = {
  damaged: { en: 'Damaged', zh: '商品破损' },
  wrong_item: { en: 'Wrong item', zh: '发错商品' },
  not_as_described: { en: 'Not as described', zh: '与描述不符' },
  not_received: { en: 'Not received', zh: '未收到货' },
  changed_mind: { en: 'Changed mind', zh: '不想要了' },
  other: { en: 'Other', zh: '其他' },
};

/** A case's kinds in the reader's language: "Return + Refund" / "退货 + 退款". */
export function renderKinds(kinds: readonly string[], lang: Lang): string {
  return kinds.map((k) => AFTER_SALE_KIND_LABELS[k as AfterSaleKind]?.[lang] ?? k).join(' + ');
}

/** What a case is checked against: the order as shipped (amounts as exact decimal strings). */
export type CaseOrder = {
  orderNo: string;
  status: string;
  currency: string | null;
  /** The shipping the customer paid, when the order holds it. */
  shipping: string | null;
  lines: { lineNo: number; sku: string; qty: number; shippedQty: number; unitPrice: string | null }[];
};

/** What an earlier case of the same order took: its units per order line, and its refund. */
export type EarlierCase = { lines: { lineNo: number; qty: number }[]; refund: string | null };

/** What the customer paid: each line's quantity × unit price (no price: nothing), plus shipping. */
export function paidAmount(order: CaseOrder): string {
  const lines = order.lines.filter((l) => l.unitPrice !== null).map((l) => multiplyAmount(l.unitPrice!, l.qty));
  return sumAmounts([...lines, order.shipping ?? '0']);
}

/** Units of an order line earlier cases took. */
export function takenQty(earlier: readonly EarlierCase[], lineNo: number): number {
  return earlier.reduce((sum, c) => sum + c.lines.filter((l) => l.lineNo === lineNo).reduce((s, l) => s + l.qty, 0), 0);
}

/** What is left to refund: paid less earlier refunds (never below zero). */
export function refundableAmount(order: CaseOrder, earlier: readonly EarlierCase[]): string {
  const left = sumAmounts([paidAmount(order), ...earlier.map((c) => `-${c.refund ?? '0'}`)]);
  return compareAmounts(left, '0') < 0 ? '0' : left;
}
