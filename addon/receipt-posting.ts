import type { Lang } from '../domain/i18n/lang';
import { PO_STATUS_LABELS, type PoStatus } from '../domain/purchasing/purchase-order';
import { TRANSFER_STATUS_LABELS, type TransferStatus } from '../domain/inventory/transfer';
import { rowFingerprint } from '../domain/sync/row-fingerprint';
import { readBack } from './cell-values';
import { loadConnection } from './connection-store';
import { callServer, ServerCallError } from './server-api';
import { sheetLang } from './sheet-language';
import { syncUnderLock } from './sync-run';
import { RECEIPT_COLUMNS as COLUMNS, receiptColumn as at, receiptsSheet } from './receipts-sheet';
import { text } from './ui-text';

type Cell = string | number | boolean | Date;

/**
 * The Receipts sheet: the warehouse types what arrived (PO or transfer no., line, quantity, note) or closes
 * a line short (a reason, no quantity); "Post receipts" sends the rows without a result, one request per PO.
 * Each row keeps a hidden request id until its answer is written, so a retry after a lost answer is the
 * same request (the server applies it once) and a row typed anew later is a new one.
 */
export type PostOutcome = { ok: boolean; message: string };

const TRANSFER_NO = /^TR-\d+$/i;

function statusLabel(answer: { order?: { status: string }; transfer?: { status: string } }, lang: Lang): string {
  if (answer.transfer)
    return TRANSFER_STATUS_LABELS[answer.transfer.status as TransferStatus]?.[lang] ?? answer.transfer.status;
  const status = answer.order?.status ?? '';
  return PO_STATUS_LABELS[status as PoStatus]?.[lang] ?? status;
}

type Pending = { row: number; lineNo: number; qty: number; reason: string; note: string; request: string };

export function postReceipts(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): PostOutcome {
  const lang = sheetLang(spreadsheet);
  const state = loadConnection(spreadsheet.getId());
  if (state.kind !== 'connected') return { ok: false, message: text(lang, 'not_connected') };
  const sheet = receiptsSheet(spreadsheet, lang);
  if (sheet.getLastRow() < 2) return { ok: false, message: text(lang, 'rcv_nothing') };
  const rows = sheet.getRange(2, 1, sheet.getLastRow() - 1, COLUMNS.length).getValues() as Cell[][];
  const byPo = new Map<string, Pending[]>();
  // Final answers are written in Result; an unanswered call (unreachable, server error) leaves the row to retry.
  const results = new Map<number, string>();
  const retry: string[] = [];
  const failed = (error: ServerCallError, rows: Pending[]) => {
    if (error.status === 0 || error.status >= 500) return retry.push(error.message);
    // Reasons placed on the rows they name (lines.N.…); the other rows of the request were not posted
    // and go again next time, without the refused ones.
    const named = new Map<number, string[]>();
    for (const d of error.details) {
      const index = /^lines\.(\d+)\./.exec(d.field)?.[1];
      if (index !== undefined && rows[Number(index)])
        named.set(Number(index), [...(named.get(Number(index)) ?? []), d.message]);
    }
    if (!named.size) for (const p of rows) results.set(p.row, error.message);
    else {
      for (const [index, messages] of named) results.set(rows[index]!.row, messages.join('; '));
      retry.push(text(lang, 'rcv_others_wait'));
    }
  };
  const requests = new Map<number, string>();
  rows.forEach((row, i) => {
    const cell = (key: Parameters<typeof at>[0]) => String(readBack(row[at(key)] ?? '')).trim();
    const po = cell('po');
    if (!po || cell('result')) return;
    const lineNo = Number(cell('line'));
    const qty = cell('qty') === '' ? 0 : Number(cell('qty'));
    const reason = cell('reason');
    if (
      !Number.isInteger(lineNo) ||
      lineNo < 1 ||
      !Number.isInteger(qty) ||
      qty < 0 ||
      (qty === 0 && !reason) ||
      (qty > 0 && reason)
    ) {
      results.set(i + 2, text(lang, 'rcv_bad_row'));
      return;
    }
    const request = cell('request') || Utilities.getUuid();
    requests.set(i + 2, request);
    byPo.set(po, [...(byPo.get(po) ?? []), { row: i + 2, lineNo, qty, reason, note: cell('note'), request }]);
  });
  // The request ids go into the sheet before anything is sent: a lost answer is retried with the same ones.
  for (const [row, request] of requests) sheet.getRange(row, at('request') + 1).setValue(request);
  let posted = 0;
  for (const [poNo, pending] of byPo) {
    const key = (kind: string, part: Pending[]) => `rcv-${kind}-${rowFingerprint(part.map((p) => p.request))}`;
    const receipts = pending.filter((p) => p.qty > 0);
    // A transfer's arrival is typed here too (TR-…): the warehouse receives both the same way.
    const transfer = TRANSFER_NO.test(poNo);
    const base = transfer ? '/v1/transfers' : '/v1/purchasing';
    const target = transfer ? { transferNo: poNo.toUpperCase() } : { poNo };
    try {
      if (receipts.length) {
        const answer = callServer<{ order?: { status: string }; transfer?: { status: string } }>(
          state.connection,
          lang,
          'post',
          `${base}/receipts`,
          {
            idempotencyKey: key('in', receipts),
            lang,
            ...target,
            lines: receipts.map((p) => ({ lineNo: p.lineNo, qty: p.qty, ...(p.note ? { note: p.note } : {}) })),
          },
        );
        for (const p of receipts)
          results.set(p.row, text(lang, 'rcv_done', { qty: p.qty, po: poNo, status: statusLabel(answer, lang) }));
        posted += receipts.length;
      }
    } catch (error) {
      if (!(error instanceof ServerCallError)) throw error;
      failed(error, receipts);
    }
    for (const p of pending.filter((x) => x.qty === 0)) {
      try {
        callServer(state.connection, lang, 'post', `${base}/short-close`, {
          idempotencyKey: key('short', [p]),
          lang,
          ...target,
          lineNo: p.lineNo,
          reason: p.reason,
        });
        results.set(p.row, text(lang, 'rcv_closed', { po: poNo, line: p.lineNo }));
        posted += 1;
      } catch (error) {
        if (!(error instanceof ServerCallError)) throw error;
        failed(error, [p]);
      }
    }
  }
  // An answered row forgets its request id: typed again later, it is a new request.
  for (const [row, result] of results) sheet.getRange(row, at('result') + 1, 1, 2).setValues([[`'${result}`, '']]);
  if (posted) syncUnderLock(spreadsheet, state.connection, lang); // stock, POs and waiting orders show the result
  const summary = text(lang, 'rcv_summary', { posted, refused: results.size - posted });
  return {
    ok: posted > 0 && posted === results.size && !retry.length,
    message: [summary, ...new Set(retry)].join(' '),
  };
}
