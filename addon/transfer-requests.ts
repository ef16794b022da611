import { TRANSFER_STATUS_LABELS, type TransferStatus } from '../domain/inventory/transfer';
import { rowFingerprint } from '../domain/sync/row-fingerprint';
import { readBack } from './cell-values';
import { loadConnection } from './connection-store';
import { callServer, ServerCallError } from './server-api';
import { sheetLang } from './sheet-language';
import { syncUnderLock } from './sync-run';
import { text } from './ui-text';
import {
  TRANSFER_REQUEST_COLUMNS as COLUMNS,
  transferRequestsSheet,
  type TransferRequestKey as Key,
} from './transfer-requests-sheet';

type Cell = string | number | boolean | Date;
const at = (key: Key) => COLUMNS.findIndex((c) => c.key === key);
const YES = new Set(['yes', 'y', 'true', '是', '1']);

export type TransferOutcome = { ok: boolean; message: string };

type Pending = { row: number; sku: string; qty: number; request: string };
type Group = { from: string; to: string; carrier: string; reference: string; expected: string; dispatch: boolean };

/**
 * "Create transfers": the rows without a result, one transfer per (from, to, carrier, reference, expected,
 * dispatch now), lines in row order. Each row keeps a hidden request id until answered, so a retry after a
 * lost answer is the same request. Refusals land on the rows they name; the rest of that transfer waits.
 */
export function createTransfersFromSheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): TransferOutcome {
  const lang = sheetLang(spreadsheet);
  const state = loadConnection(spreadsheet.getId());
  if (state.kind !== 'connected') return { ok: false, message: text(lang, 'not_connected') };
  const sheet = transferRequestsSheet(spreadsheet, lang);
  if (sheet.getLastRow() < 2) return { ok: false, message: text(lang, 'trq_nothing') };
  const rows = sheet.getRange(2, 1, sheet.getLastRow() - 1, COLUMNS.length).getValues() as Cell[][];
  const groups = new Map<string, { group: Group; lines: Pending[] }>();
  const results = new Map<number, string>();
  const retry: string[] = [];
  rows.forEach((row, i) => {
    const cell = (key: Key) => String(readBack(row[at(key)] ?? '')).trim();
    if (!cell('from') || cell('result')) return;
    const qty = Number(cell('qty'));
    if (!cell('to') || !cell('sku') || !Number.isInteger(qty) || qty < 1) {
      results.set(i + 2, text(lang, 'trq_bad_row'));
      return;
    }
    const group: Group = {
      from: cell('from'),
      to: cell('to'),
      carrier: cell('carrier'),
      reference: cell('reference'),
      expected: expectedDate(row[at('expected')], spreadsheet.getSpreadsheetTimeZone()),
      dispatch: YES.has(cell('dispatch').toLowerCase()),
    };
    const id = JSON.stringify(group);
    const entry = groups.get(id) ?? { group, lines: [] };
    entry.lines.push({ row: i + 2, sku: cell('sku'), qty, request: cell('request') || Utilities.getUuid() });
    groups.set(id, entry);
  });
  // The request ids go into the sheet before anything is sent: a lost answer is retried with the same ones.
  for (const { lines } of groups.values())
    for (const p of lines) sheet.getRange(p.row, at('request') + 1).setValue(p.request);
  let created = 0;
  for (const { group, lines } of groups.values()) {
    try {
      const answer = callServer<{ transfer: { transferNo: string; status: TransferStatus } }>(
        state.connection,
        lang,
        'post',
        '/v1/transfers',
        {
          idempotencyKey: `tr-new-${rowFingerprint(lines.map((p) => p.request))}`,
          lang,
          from: group.from,
          to: group.to,
          lines: lines.map((p) => ({ sku: p.sku, qty: p.qty })),
          ...(group.carrier ? { carrier: group.carrier } : {}),
          ...(group.reference ? { reference: group.reference } : {}),
          ...(group.expected ? { expectedOn: group.expected } : {}),
          ...(group.dispatch ? { dispatch: true } : {}),
        },
      );
      const status = TRANSFER_STATUS_LABELS[answer.transfer.status][lang];
      for (const p of lines)
        results.set(p.row, text(lang, 'trq_done', { transfer: answer.transfer.transferNo, status }));
      created += lines.length;
    } catch (error) {
      if (!(error instanceof ServerCallError)) throw error;
      if (error.status === 0 || error.status >= 500) {
        retry.push(error.message);
        continue;
      }
      // `lines.N.…` names a row; anything else (from, to, a shortage at dispatch) is about every row.
      const named = new Map<number, string[]>();
      for (const d of error.details) {
        const index = /^lines\.(\d+)\./.exec(d.field)?.[1];
        const targets = index !== undefined && lines[Number(index)] ? [lines[Number(index)]!] : lines;
        for (const p of targets) named.set(p.row, [...(named.get(p.row) ?? []), d.message]);
      }
      if (!named.size) for (const p of lines) results.set(p.row, error.message);
      else {
        for (const [row, messages] of named) results.set(row, messages.join('; '));
        if (named.size < lines.length) retry.push(text(lang, 'rcv_others_wait'));
      }
    }
  }
  for (const [row, result] of results) sheet.getRange(row, at('result') + 1, 1, 2).setValues([[`'${result}`, '']]);
  if (created) syncUnderLock(spreadsheet, state.connection, lang); // Transfers and Stock show the result
  return {
    ok: created > 0 && created === results.size && !retry.length,
    message: [text(lang, 'rcv_summary', { posted: created, refused: results.size - created }), ...new Set(retry)].join(
      ' ',
    ),
  };
}

/** A typed date (a Date cell, or text as yyyy-mm-dd) as the server's ISO date; anything else is left to it. */
function expectedDate(cell: Cell | undefined, timeZone: string): string {
  // A date typed in the sheet is midnight in the spreadsheet's time zone.
  if (cell instanceof Date) return Utilities.formatDate(cell, timeZone, 'yyyy-MM-dd');
  return String(cell ?? '').trim();
}
