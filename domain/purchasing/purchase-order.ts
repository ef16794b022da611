import { DomainError, type FieldError } from '../domain-error';
import type { Lang } from '../i18n/lang';
import { messageCatalog } from '../i18n/message-catalog';

export const PO_STATUSES = ['draft', 'ordered', 'partially_received', 'received', 'closed_short', 'cancelled'] as const;
export type PoStatus = (typeof PO_STATUSES)[number];

export const PO_STATUS_LABELS: Record<PoStatus, Record<Lang, string>> = {
  draft: { en: 'Draft', zh: '草稿' },
  ordered: { en: 'Ordered', zh: '已下单' },
  partially_received: { en: 'Partially received', zh: '部分到货' },
  received: { en: 'Received', zh: '已到货' },
  closed_short: { en: 'Closed short', zh: '短收关闭' },
  cancelled: { en: 'Cancelled', zh: '已取消' },
};

/** `cancelled`: units taken off the order before any arrived (po-cancel.ts); they never count as short. */
export type PoLine = {
  lineNo: number;
  sku: string;
  ordered: number;
  received: number;
  shortClosed: number;
  cancelled: number;
};

const message = messageCatalog({
  over_receipt: {
    en: '{po} line {line} ({sku}): {qty} received but only {open} still on order',
    zh: '{po} 第 {line} 行（{sku}）：收货 {qty}，但仅剩 {open} 未到',
  },
  no_line: { en: '{po} has no line {line}', zh: '{po} 没有第 {line} 行' },
  closed: { en: '{po} is {status}: nothing more can be received', zh: '{po} 状态为 {status}，不能再收货' },
  closed_for_short: {
    en: '{po} is {status}: nothing is left open to close short',
    zh: '{po} 状态为 {status}，没有可短收关闭的行',
  },
  short_reason: { en: 'Closing {po} line {line} short needs a reason', zh: '短收关闭 {po} 第 {line} 行需要填写原因' },
  nothing_open: {
    en: '{po} line {line} ({sku}) has nothing left on order',
    zh: '{po} 第 {line} 行（{sku}）已无未到数量',
  },
});

export function openQty(line: PoLine): number {
  return line.ordered - line.received - line.shortClosed - line.cancelled;
}

/**
 * A PO's status from its lines (docs/purchasing.md): received when every unit came, closed short when the rest
 * was given up, cancelled when nothing ever arrived and what was left open got cancelled (a cancelled line has
 * nothing received or closed short, so the other rules read the rest as if it had never been ordered).
 */
export function poStatusOf(lines: readonly PoLine[], current: PoStatus): PoStatus {
  if (current === 'cancelled' || current === 'draft') return current;
  if (lines.some((l) => l.cancelled > 0) && lines.every((l) => l.received === 0 && openQty(l) === 0))
    return 'cancelled';
  if (lines.every((l) => openQty(l) === 0)) return lines.some((l) => l.shortClosed > 0) ? 'closed_short' : 'received';
  return lines.some((l) => l.received > 0) ? 'partially_received' : 'ordered';
}

/** Checks a receipt against the PO: every over-receipt and unknown line named at once; nothing applied on any error. */
export function validateReceipt(
  po: { poNo: string; status: PoStatus; lines: readonly PoLine[] },
  receipt: readonly { lineNo: number; qty: number }[],
  lang: Lang,
): DomainError | null {
  if (po.status !== 'ordered' && po.status !== 'partially_received') {
    return new DomainError(
      'po_not_open',
      message(lang, 'closed', { po: po.poNo, status: PO_STATUS_LABELS[po.status][lang] }),
    );
  }
  const errors: FieldError[] = [];
  // Several receipts of one line are taken in order: the one that goes past what is still due is named.
  const remaining = new Map(po.lines.map((l) => [l.lineNo, openQty(l)]));
  receipt.forEach((r, i) => {
    const line = po.lines.find((l) => l.lineNo === r.lineNo);
    if (!line)
      return errors.push({
        field: `lines.${i}.lineNo`,
        code: 'no_such_line',
        message: message(lang, 'no_line', { po: po.poNo, line: r.lineNo }),
      });
    const open = remaining.get(r.lineNo)!;
    if (r.qty > open)
      errors.push({
        field: `lines.${i}.qty`,
        code: 'over_receipt',
        message: message(lang, 'over_receipt', { po: po.poNo, line: r.lineNo, sku: line.sku, qty: r.qty, open }),
      });
    else remaining.set(r.lineNo, open - r.qty);
  });
  return errors.length ? new DomainError('over_receipt', errors.map((e) => e.message).join('; '), errors) : null;
}

export function validateShortClose(
  po: { poNo: string; status: PoStatus; lines: readonly PoLine[] },
  lineNo: number,
  reason: string,
  lang: Lang,
): DomainError | null {
  const line = po.lines.find((l) => l.lineNo === lineNo);
  if (po.status !== 'ordered' && po.status !== 'partially_received')
    return new DomainError(
      'po_not_open',
      message(lang, 'closed_for_short', { po: po.poNo, status: PO_STATUS_LABELS[po.status][lang] }),
    );
  // Named by field, as a receipt's lines are, so a sheet can put the reason on the right row.
  if (!line)
    return new DomainError('no_such_line', message(lang, 'no_line', { po: po.poNo, line: lineNo }), [
      { field: 'lineNo', code: 'no_such_line', message: message(lang, 'no_line', { po: po.poNo, line: lineNo }) },
    ]);
  if (!reason.trim())
    return new DomainError('reason_required', message(lang, 'short_reason', { po: po.poNo, line: lineNo }));
  if (openQty(line) === 0)
    return new DomainError('nothing_open', message(lang, 'nothing_open', { po: po.poNo, line: lineNo, sku: line.sku }));
  return null;
}
