import { DomainError, type FieldError } from '../domain-error';
import type { Lang } from '../i18n/lang';
import { messageCatalog } from '../i18n/message-catalog';

/**
 * Stock moved between two warehouses (docs/inventory.md, transfers): a draft until dispatched; dispatch
 * takes every line off the source's on hand at once and shows it in transit at the destination; arrivals
 * (partial or whole) put it on hand there; what never arrives is closed short with a reason. Only a draft
 * can be cancelled: once goods have left, they are received or written off as closed short.
 */
export const TRANSFER_STATUSES = [
  'draft',
  'in_transit',
  'partially_received',
  'received',
  'closed_short',
  'cancelled',
] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

export const TRANSFER_STATUS_LABELS: Record<TransferStatus, Record<Lang, string>> = {
  draft: { en: 'Draft', zh: '草稿' },
  in_transit: { en: 'In transit', zh: '调拨在途' },
  partially_received: { en: 'Partially received', zh: '部分到货' },
  received: { en: 'Received', zh: '已到货' },
  closed_short: { en: 'Closed short', zh: '短收关闭' },
  cancelled: { en: 'Cancelled', zh: '已取消' },
};

export type TransferLine = { lineNo: number; sku: string; qty: number; received: number; shortClosed: number };
export type Transfer = { transferNo: string; from: string; to: string; status: TransferStatus; lines: TransferLine[] };

const message = messageCatalog({
  same_warehouse: {
    en: 'A transfer goes between two warehouses: from and to are both {warehouse}',
    zh: '调拨需在两个不同仓库之间进行：调出和调入都是 {warehouse}',
  },
  repeated_sku: {
    en: '{sku} is on this transfer twice: one line per SKU',
    zh: '{sku} 在此调拨单中出现两次：每个 SKU 一行',
  },
  not_draft: {
    en: '{transfer} is {status}: only a draft can be {action}',
    zh: '{transfer} 状态为 {status}：只有草稿可以{action}',
  },
  short_at_source: {
    en: '{transfer}: {warehouse} has {available} of {sku} available, {qty} needed',
    zh: '{transfer}：{warehouse} 的 {sku} 可用 {available}，需要 {qty}',
  },
  not_in_transit: {
    en: '{transfer} is {status}: nothing of it is in transit',
    zh: '{transfer} 状态为 {status}：没有在途的货物',
  },
  no_line: { en: '{transfer} has no line {line}', zh: '{transfer} 没有第 {line} 行' },
  over_arrival: {
    en: '{transfer} line {line} ({sku}): {qty} arrived but only {open} is in transit',
    zh: '{transfer} 第 {line} 行（{sku}）：到货 {qty}，但在途仅 {open}',
  },
  reason_needed: { en: '{transfer}: {what} needs a reason', zh: '{transfer}：{what}需要填写原因' },
  nothing_open: {
    en: '{transfer} line {line} ({sku}) has nothing left in transit',
    zh: '{transfer} 第 {line} 行（{sku}）已无在途数量',
  },
});

const ACTIONS = {
  dispatched: { en: 'dispatched', zh: '发出' },
  cancelled: { en: 'cancelled', zh: '取消' },
  cancel: { en: 'Cancelling', zh: '取消调拨' },
  short: { en: 'Closing a line short', zh: '短收关闭' },
} as const;

/** What of a line is still on its way (nothing before dispatch or after a cancel). */
export function inTransitQty(line: TransferLine, status: TransferStatus): number {
  if (status !== 'in_transit' && status !== 'partially_received') return 0;
  return line.qty - line.received - line.shortClosed;
}

/** A dispatched transfer's status from its lines: received when all came, closed short when the rest was given up. */
export function transferStatusOf(lines: readonly TransferLine[], current: TransferStatus): TransferStatus {
  if (current === 'draft' || current === 'cancelled') return current;
  if (lines.every((l) => l.qty - l.received - l.shortClosed === 0))
    return lines.some((l) => l.shortClosed > 0) ? 'closed_short' : 'received';
  return lines.some((l) => l.received > 0 || l.shortClosed > 0) ? 'partially_received' : 'in_transit';
}

/** A new transfer's own shape: two different warehouses, one line per SKU (per-field errors, all at once). */
export function validateNewTransfer(
  draft: { from: string; to: string; lines: readonly { sku: string }[] },
  lang: Lang,
): FieldError[] {
  const errors: FieldError[] = [];
  if (draft.from === draft.to)
    errors.push({
      field: 'to',
      code: 'same_warehouse',
      message: message(lang, 'same_warehouse', { warehouse: draft.to }),
    });
  const seen = new Set<string>();
  draft.lines.forEach((line, i) => {
    if (seen.has(line.sku))
      errors.push({
        field: `lines.${i}.sku`,
        code: 'repeated_sku',
        message: message(lang, 'repeated_sku', { sku: line.sku }),
      });
    seen.add(line.sku);
  });
  return errors;
}

/**
 * Dispatch takes each line's quantity from what the source has available (on hand less what orders
 * hold): every shortage named at once, nothing moved on any of them.
 */
export function validateDispatch(
  transfer: Transfer,
  availableAtSource: ReadonlyMap<string, number>,
  lang: Lang,
): DomainError | null {
  if (transfer.status !== 'draft') return notDraft(transfer, 'dispatched', lang);
  const errors: FieldError[] = [];
  transfer.lines.forEach((line, i) => {
    const available = Math.max(0, availableAtSource.get(line.sku) ?? 0);
    if (line.qty > available)
      errors.push({
        field: `lines.${i}.qty`,
        code: 'short_at_source',
        message: message(lang, 'short_at_source', {
          transfer: transfer.transferNo,
          warehouse: transfer.from,
          sku: line.sku,
          available,
          qty: line.qty,
        }),
      });
  });
  return errors.length ? new DomainError('short_at_source', errors.map((e) => e.message).join('; '), errors) : null;
}

export function validateCancel(transfer: Transfer, reason: string, lang: Lang): DomainError | null {
  if (transfer.status !== 'draft') return notDraft(transfer, 'cancelled', lang);
  if (!reason.trim()) return reasonNeeded(transfer, 'cancel', lang);
  return null;
}

/** Arrivals against a dispatched transfer: never more than is in transit per line (several of one line add up). */
export function validateArrival(
  transfer: Transfer,
  arrivals: readonly { lineNo: number; qty: number }[],
  lang: Lang,
): DomainError | null {
  const notMoving = notInTransit(transfer, lang);
  if (notMoving) return notMoving;
  const errors: FieldError[] = [];
  const remaining = new Map(transfer.lines.map((l) => [l.lineNo, inTransitQty(l, transfer.status)]));
  arrivals.forEach((a, i) => {
    const line = transfer.lines.find((l) => l.lineNo === a.lineNo);
    if (!line) {
      errors.push(noLine(transfer, a.lineNo, `lines.${i}.lineNo`, lang));
      return;
    }
    const open = remaining.get(a.lineNo)!;
    if (a.qty > open)
      errors.push({
        field: `lines.${i}.qty`,
        code: 'over_arrival',
        message: message(lang, 'over_arrival', {
          transfer: transfer.transferNo,
          line: a.lineNo,
          sku: line.sku,
          qty: a.qty,
          open,
        }),
      });
    else remaining.set(a.lineNo, open - a.qty);
  });
  return errors.length ? new DomainError('over_arrival', errors.map((e) => e.message).join('; '), errors) : null;
}

/** Giving up what of a line never arrived (lost, damaged on the way): needs a reason and something in transit. */
export function validateShortClose(transfer: Transfer, lineNo: number, reason: string, lang: Lang): DomainError | null {
  const notMoving = notInTransit(transfer, lang);
  if (notMoving) return notMoving;
  const line = transfer.lines.find((l) => l.lineNo === lineNo);
  if (!line) {
    const error = noLine(transfer, lineNo, 'lineNo', lang);
    return new DomainError('transfer_no_such_line', error.message, [error]);
  }
  if (!reason.trim()) return reasonNeeded(transfer, 'short', lang);
  if (inTransitQty(line, transfer.status) === 0)
    return new DomainError(
      'transfer_nothing_open',
      message(lang, 'nothing_open', { transfer: transfer.transferNo, line: lineNo, sku: line.sku }),
    );
  return null;
}

function notDraft(transfer: Transfer, action: 'dispatched' | 'cancelled', lang: Lang): DomainError {
  return new DomainError(
    'transfer_not_draft',
    message(lang, 'not_draft', {
      transfer: transfer.transferNo,
      status: TRANSFER_STATUS_LABELS[transfer.status][lang],
      action: ACTIONS[action][lang],
    }),
  );
}

function notInTransit(transfer: Transfer, lang: Lang): DomainError | null {
  if (transfer.status === 'in_transit' || transfer.status === 'partially_received') return null;
  return new DomainError(
    'transfer_not_in_transit',
    message(lang, 'not_in_transit', {
      transfer: transfer.transferNo,
      status: TRANSFER_STATUS_LABELS[transfer.status][lang],
    }),
  );
}

function noLine(transfer: Transfer, lineNo: number, field: string, lang: Lang): FieldError {
  return {
    field,
    code: 'transfer_no_such_line',
    message: message(lang, 'no_line', { transfer: transfer.transferNo, line: lineNo }),
  };
}

function reasonNeeded(transfer: Transfer, what: 'cancel' | 'short', lang: Lang): DomainError {
  const text = message(lang, 'reason_needed', { transfer: transfer.transferNo, what: ACTIONS[what][lang] });
  return new DomainError('transfer_reason_required', text, [
    { field: 'reason', code: 'transfer_reason_required', message: text },
  ]);
}
