import { DomainError, type FieldError } from '../domain-error';
import type { Lang } from '../i18n/lang';
import { messageCatalog } from '../i18n/message-catalog';
import { compareAmounts } from '../money/decimal-amount';
import { fitsCurrency } from '../money/money';
import { statusFromLabel, statusLabel } from '../orders/order-status';
import {
  AFTER_SALE_STATUS_LABELS,
  CASE_ORDER_STATUSES,
  refundableAmount,
  takenQty,
  type AfterSaleKind,
  type AfterSaleReason,
  type AfterSaleStatus,
  type CaseOrder,
  type EarlierCase,
} from './after-sale-case';

const message = messageCatalog({
  not_shipped: {
    en: '{order} is {status}: after-sale cases are opened once an order has shipped',
    zh: '{order} 状态为 {status}：订单发货后才能创建售后单',
  },
  repeated_kind: { en: '{kind} is named twice', zh: '{kind} 重复' },
  note_for_other: { en: 'Reason "other" needs a note saying what happened', zh: '原因为“其他”时需要填写说明' },
  no_line: { en: '{order} has no line {line}', zh: '{order} 没有第 {line} 行' },
  repeated_line: {
    en: 'Line {line} is on this case twice: one entry per line',
    zh: '第 {line} 行在此售后单中出现两次',
  },
  over_qty: {
    en: '{order} line {line} ({sku}): {qty} asked but only {open} left ({shipped} shipped, {taken} on earlier cases)',
    zh: '{order} 第 {line} 行（{sku}）：申请 {qty}，但仅剩 {open}（已发货 {shipped}，之前售后已占用 {taken}）',
  },
  refund_missing: { en: 'A refund case needs the amount refunded', zh: '退款售后需要填写退款金额' },
  refund_unasked: {
    en: 'An amount is given but the case is not a refund: add the kind "refund"',
    zh: '填写了退款金额，但售后类型不含“退款”',
  },
  no_currency: { en: '{order} has no currency: it cannot be refunded here', zh: '{order} 没有币种：无法在此退款' },
  wrong_currency: {
    en: '{order} was paid in {currency}: refund in {currency}, not {given}',
    zh: '{order} 以 {currency} 支付：请以 {currency} 退款，而不是 {given}',
  },
  zero_refund: { en: 'A refund is more than zero', zh: '退款金额必须大于零' },
  decimals: { en: '{amount} has more decimals than {currency} has', zh: '{amount} 的小数位多于 {currency} 允许的位数' },
  over_refund: {
    en: '{order}: {amount} {currency} asked but only {open} {currency} is left to refund',
    zh: '{order}：申请退款 {amount} {currency}，但可退金额仅剩 {open} {currency}',
  },
  not_receivable: {
    en: '{case} is {status}: {what}',
    zh: '{case} 状态为 {status}：{what}',
  },
  no_return: { en: 'it has no return to receive', zh: '没有需要收货的退货' },
  closed: { en: 'it is closed', zh: '已关闭' },
  no_case_line: { en: '{case} has no line {line}', zh: '{case} 没有第 {line} 行' },
  nothing_received: {
    en: 'Line {line}: restock or write off at least one unit',
    zh: '第 {line} 行：至少入库或报损一件',
  },
  over_receipt: {
    en: '{case} line {line} ({sku}): {qty} received but only {open} is still expected back',
    zh: '{case} 第 {line} 行（{sku}）：收货 {qty}，但待退回仅 {open}',
  },
  warehouse_needed: { en: 'Restocked units need the warehouse they go to', zh: '退货入库需要选择仓库' },
  unknown_warehouse: { en: 'There is no active warehouse {warehouse}', zh: '没有启用的仓库 {warehouse}' },
  unreceived: {
    en: '{case}: {open} units of the return were never received; say why in the note',
    zh: '{case}：退货中有 {open} 件尚未收到；请在备注中说明原因',
  },
});

export type CaseDraft = {
  kinds: readonly AfterSaleKind[];
  reason: AfterSaleReason;
  note: string;
  lines: readonly { lineNo: number; qty: number }[];
  refund: { amount: string; currency: string } | null;
};

/**
 * A new case against its order and the order's earlier cases: the order has shipped, no line takes more
 * than it shipped less what earlier cases took, the refund is in the order's currency and never more than
 * was paid less earlier refunds. Every field's error at once; null when the case may open.
 */
export function validateOpenCase(
  order: CaseOrder,
  earlier: readonly EarlierCase[],
  draft: CaseDraft,
  lang: Lang,
): DomainError | null {
  if (!(CASE_ORDER_STATUSES as readonly string[]).includes(order.status)) {
    const status = statusFromLabel(order.status);
    const text = message(lang, 'not_shipped', {
      order: order.orderNo,
      status: status ? statusLabel(status, lang) : order.status,
    });
    return new DomainError('after_sale_order_not_shipped', text, [
      { field: 'orderNo', code: 'after_sale_order_not_shipped', message: text },
    ]);
  }
  const errors: FieldError[] = [];
  const add = (field: string, code: string, text: string) => errors.push({ field, code, message: text });
  draft.kinds.forEach((kind, i) => {
    if (draft.kinds.indexOf(kind) !== i) add(`kinds.${i}`, 'repeated_kind', message(lang, 'repeated_kind', { kind }));
  });
  if (draft.reason === 'other' && !draft.note.trim()) add('note', 'note_required', message(lang, 'note_for_other'));
  const seen = new Set<number>();
  draft.lines.forEach((line, i) => {
    const ordered = order.lines.find((l) => l.lineNo === line.lineNo);
    if (!ordered) {
      add(`lines.${i}.lineNo`, 'no_such_line', message(lang, 'no_line', { order: order.orderNo, line: line.lineNo }));
      return;
    }
    if (seen.has(line.lineNo)) {
      add(`lines.${i}.lineNo`, 'repeated_line', message(lang, 'repeated_line', { line: line.lineNo }));
      return;
    }
    seen.add(line.lineNo);
    const taken = takenQty(earlier, line.lineNo);
    const open = Math.max(0, ordered.shippedQty - taken);
    if (line.qty > open) {
      const params = { order: order.orderNo, line: line.lineNo, sku: ordered.sku, qty: line.qty, open, taken };
      add(`lines.${i}.qty`, 'over_return', message(lang, 'over_qty', { ...params, shipped: ordered.shippedQty }));
    }
  });
  errors.push(...refundErrors(order, earlier, draft, lang));
  return errors.length ? new DomainError('invalid_after_sale', errors.map((e) => e.message).join('; '), errors) : null;
}

function refundErrors(order: CaseOrder, earlier: readonly EarlierCase[], draft: CaseDraft, lang: Lang): FieldError[] {
  const asked = draft.kinds.includes('refund');
  const refund = draft.refund;
  const error = (field: string, code: string, text: string): FieldError[] => [{ field, code, message: text }];
  if (asked && !refund) return error('refund', 'refund_required', message(lang, 'refund_missing'));
  if (!refund) return [];
  if (!asked) return error('refund', 'refund_not_asked', message(lang, 'refund_unasked'));
  const currency = order.currency?.trim().toUpperCase() ?? '';
  if (!currency) return error('refund.currency', 'no_currency', message(lang, 'no_currency', { order: order.orderNo }));
  if (refund.currency.trim().toUpperCase() !== currency) {
    const params = { order: order.orderNo, currency, given: refund.currency };
    return error('refund.currency', 'wrong_currency', message(lang, 'wrong_currency', params));
  }
  if (compareAmounts(refund.amount, '0') <= 0)
    return error('refund.amount', 'refund_zero', message(lang, 'zero_refund'));
  if (!fitsCurrency(refund.amount, currency))
    return error('refund.amount', 'amount_decimals', message(lang, 'decimals', { amount: refund.amount, currency }));
  const open = refundableAmount(order, earlier);
  if (compareAmounts(refund.amount, open) > 0) {
    const params = { order: order.orderNo, amount: refund.amount, currency, open };
    return error('refund.amount', 'over_refund', message(lang, 'over_refund', params));
  }
  return [];
}

/** A case as its receipts and close see it. */
export type CaseState = {
  caseNo: string;
  status: AfterSaleStatus;
  kinds: readonly AfterSaleKind[];
  lines: readonly { lineNo: number; sku: string; qty: number; restocked: number; writtenOff: number }[];
};

/** What of a case line is still expected back. */
export function expectedBack(line: CaseState['lines'][number]): number {
  return line.qty - line.restocked - line.writtenOff;
}

/**
 * Units of a return received: each restocked into a warehouse or written off as damaged, never more than
 * each line still expects back. Every field's error at once.
 */
export function validateCaseReceipt(
  state: CaseState,
  receipt: { warehouse: string | null; lines: readonly { lineNo: number; restock: number; writeOff: number }[] },
  warehouseKnown: boolean,
  lang: Lang,
): DomainError | null {
  if (state.status === 'closed' || !state.kinds.includes('return')) {
    const what = message(lang, state.status === 'closed' ? 'closed' : 'no_return');
    const status = AFTER_SALE_STATUS_LABELS[state.status][lang];
    return new DomainError(
      'after_sale_not_receivable',
      message(lang, 'not_receivable', { case: state.caseNo, status, what }),
    );
  }
  const errors: FieldError[] = [];
  const add = (field: string, code: string, text: string) => errors.push({ field, code, message: text });
  const left = new Map(state.lines.map((l) => [l.lineNo, expectedBack(l)]));
  receipt.lines.forEach((r, i) => {
    const line = state.lines.find((l) => l.lineNo === r.lineNo);
    if (!line) {
      add(`lines.${i}.lineNo`, 'no_such_line', message(lang, 'no_case_line', { case: state.caseNo, line: r.lineNo }));
      return;
    }
    const qty = r.restock + r.writeOff;
    const open = left.get(r.lineNo)!;
    if (qty === 0) add(`lines.${i}.restock`, 'nothing_received', message(lang, 'nothing_received', { line: r.lineNo }));
    else if (qty > open) {
      const params = { case: state.caseNo, line: r.lineNo, sku: line.sku, qty, open };
      add(`lines.${i}.restock`, 'over_receipt', message(lang, 'over_receipt', params));
    } else left.set(r.lineNo, open - qty);
  });
  if (receipt.lines.some((r) => r.restock > 0)) {
    if (!receipt.warehouse) add('warehouse', 'warehouse_required', message(lang, 'warehouse_needed'));
    else if (!warehouseKnown)
      add('warehouse', 'unknown_warehouse', message(lang, 'unknown_warehouse', { warehouse: receipt.warehouse }));
  }
  return errors.length
    ? new DomainError('invalid_after_sale_receipt', errors.map((e) => e.message).join('; '), errors)
    : null;
}

/** Closing: once, and with a note when part of a return never came back. */
export function validateClose(state: CaseState, note: string, lang: Lang): DomainError | null {
  if (state.status === 'closed') return new DomainError('after_sale_closed');
  const open = state.kinds.includes('return') ? state.lines.reduce((sum, l) => sum + expectedBack(l), 0) : 0;
  if (open > 0 && !note.trim()) {
    const text = message(lang, 'unreceived', { case: state.caseNo, open });
    return new DomainError('after_sale_note_required', text, [
      { field: 'note', code: 'after_sale_note_required', message: text },
    ]);
  }
  return null;
}
