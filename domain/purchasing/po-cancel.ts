import { DomainError, type FieldError } from '../domain-error';
import type { ErrorCode } from '../errors/error-codes';
import type { Lang } from '../i18n/lang';
import { messageCatalog } from '../i18n/message-catalog';
import { openQty, PO_STATUS_LABELS, type PoLine, type PoStatus } from './purchase-order';

const message = messageCatalog({
  already_cancelled: { en: '{po} is already cancelled', zh: '{po} 已取消' },
  line_already_cancelled: { en: '{po} line {line} is already cancelled', zh: '{po} 第 {line} 行已取消' },
  not_open: {
    en: '{po} is {status}: nothing is left open to cancel',
    zh: '{po} 状态为 {status}，没有可取消的内容',
  },
  no_line: { en: '{po} has no line {line}', zh: '{po} 没有第 {line} 行' },
  reason: { en: 'Cancelling {po} needs a reason', zh: '取消 {po} 需要填写原因' },
  received: {
    en: '{po} line {line} ({sku}): {qty} already received, so it cannot be cancelled; close the rest short instead',
    zh: '{po} 第 {line} 行（{sku}）已收货 {qty}，不能取消；请改为短收关闭剩余数量',
  },
  nothing_open: {
    en: '{po} line {line} ({sku}) has nothing left on order',
    zh: '{po} 第 {line} 行（{sku}）已无未到数量',
  },
});

type CancelPo = { poNo: string; status: PoStatus; lines: readonly PoLine[] };

/** What a cancel takes off the order: each line's units still on order (incoming drops by as many). */
export type CancelPlan = { lineNo: number; sku: string; qty: number }[];

/**
 * Checks a cancel of a whole PO (lineNo undefined) or of one line: allowed only while nothing of it arrived,
 * since what arrived is in stock and may already be promised to orders (closing short is for that case).
 * The reason and the line are named by field together; nothing is applied on any error.
 */
export function validateCancel(
  po: CancelPo,
  lineNo: number | undefined,
  reason: string,
  lang: Lang,
): DomainError | null {
  if (po.status === 'cancelled')
    return fail(
      'already_cancelled',
      lineNo === undefined ? 'poNo' : 'lineNo',
      message(lang, 'already_cancelled', { po: po.poNo }),
    );
  const errors: FieldError[] = [];
  const line = lineNo === undefined ? undefined : po.lines.find((l) => l.lineNo === lineNo);
  if (lineNo !== undefined && !line)
    errors.push({
      field: 'lineNo',
      code: 'no_such_line',
      message: message(lang, 'no_line', { po: po.poNo, line: lineNo }),
    });
  if (!reason.trim())
    errors.push({ field: 'reason', code: 'reason_required', message: message(lang, 'reason', { po: po.poNo }) });
  if (errors.length) return new DomainError(errors[0]!.code as ErrorCode, joined(errors), errors);

  const field = line ? 'lineNo' : 'poNo';
  const received = (line ? [line] : po.lines).filter((l) => l.received > 0);
  if (received.length) {
    const details = received.map((l) => ({
      field,
      code: 'already_received',
      message: message(lang, 'received', { po: po.poNo, line: l.lineNo, sku: l.sku, qty: l.received }),
    }));
    return new DomainError('already_received', joined(details), details);
  }
  // Checked after receipts: "already received" tells a buyer more than "received" as a status does.
  if (po.status !== 'ordered' && po.status !== 'partially_received')
    return fail(
      'po_not_open',
      'poNo',
      message(lang, 'not_open', { po: po.poNo, status: PO_STATUS_LABELS[po.status][lang] }),
    );
  if (line && line.cancelled > 0)
    return fail(
      'already_cancelled',
      field,
      message(lang, 'line_already_cancelled', { po: po.poNo, line: line.lineNo }),
    );
  if (line && openQty(line) === 0)
    return fail(
      'nothing_open',
      field,
      message(lang, 'nothing_open', { po: po.poNo, line: line.lineNo, sku: line.sku }),
    );
  return null;
}

/** The lines a valid cancel takes off, with what each still had on order (already-cancelled lines are left). */
export function cancelPlan(po: CancelPo, lineNo: number | undefined): CancelPlan {
  return po.lines
    .filter((l) => (lineNo === undefined || l.lineNo === lineNo) && openQty(l) > 0)
    .map((l) => ({ lineNo: l.lineNo, sku: l.sku, qty: openQty(l) }));
}

function fail(code: 'already_cancelled' | 'po_not_open' | 'nothing_open', field: string, text: string): DomainError {
  return new DomainError(code, text, [{ field, code, message: text }]);
}

const joined = (errors: readonly FieldError[]) => errors.map((e) => e.message).join('; ');
