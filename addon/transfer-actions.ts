import { LANGS, type Lang } from '../domain/i18n/lang';
import { TRANSFER_ROWS_TABLE } from '../domain/inventory/transfer-rows';
import { TRANSFER_STATUS_LABELS, TRANSFER_STATUSES, type TransferStatus } from '../domain/inventory/transfer';
import { rowFingerprint } from '../domain/sync/row-fingerprint';
import { readBack } from './cell-values';
import { loadConnection } from './connection-store';
import { keyOf } from './loaded-table';
import { callServer, ServerCallError } from './server-api';
import { sheetLang } from './sheet-language';
import { findTableSheet, readLayout } from './sheet-layout';
import { syncUnderLock } from './sync-run';
import { text } from './ui-text';

export type TransferActionOutcome = { ok: boolean; message: string };

// The sheet shows each status by its label in the sheet's language; either language reads back.
const STATUS_OF_LABEL = new Map<string, TransferStatus>(
  TRANSFER_STATUSES.flatMap((s) => LANGS.map((lang) => [TRANSFER_STATUS_LABELS[s][lang], s] as const)),
);

/** Transfers of the rows selected in the Transfers sheet (none when another sheet is active), with their status. */
export function selectedTransfers(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
): { transferNo: string; status: TransferStatus | null }[] {
  const sheet = findTableSheet(spreadsheet, TRANSFER_ROWS_TABLE);
  if (!sheet || sheet.getLastRow() < 2 || spreadsheet.getActiveSheet().getSheetId() !== sheet.getSheetId()) return [];
  const layout = readLayout(TRANSFER_ROWS_TABLE, sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? []);
  const noColumn = layout.fields.get('transfer_no');
  const statusColumn = layout.fields.get('status');
  if (noColumn === undefined || statusColumn === undefined) return [];
  const found = new Map<string, TransferStatus | null>();
  for (const range of spreadsheet.getActiveRangeList()?.getRanges() ?? []) {
    const first = Math.max(range.getRow(), 2);
    const last = Math.min(range.getLastRow(), sheet.getLastRow());
    if (last < first) continue;
    for (const row of sheet.getRange(first, 1, last - first + 1, sheet.getLastColumn()).getValues()) {
      const transferNo = keyOf(readBack(row[noColumn]));
      if (transferNo && !found.has(transferNo))
        found.set(transferNo, STATUS_OF_LABEL.get(String(readBack(row[statusColumn] ?? ''))) ?? null);
    }
  }
  return [...found].map(([transferNo, status]) => ({ transferNo, status }));
}

/**
 * "Dispatch selected transfers" / "Cancel selected transfers": one request per transfer (a cancel asks
 * once for the reason), each answered by name; then one sync shows Stock and Transfers as they are now.
 */
export function actOnSelectedTransfers(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  action: 'dispatch' | 'cancel',
  askReason: (lang: Lang) => string | null,
): TransferActionOutcome {
  const lang = sheetLang(spreadsheet);
  const state = loadConnection(spreadsheet.getId());
  if (state.kind !== 'connected') return { ok: false, message: text(lang, 'not_connected') };
  const selected = selectedTransfers(spreadsheet);
  if (!selected.length) return { ok: false, message: text(lang, 'trf_select') };
  let reason = '';
  if (action === 'cancel') {
    const typed = askReason(lang);
    if (typed === null) return { ok: false, message: text(lang, 'trf_cancelled_nothing') };
    reason = typed.trim();
  }
  const lines: string[] = [];
  let done = 0;
  for (const { transferNo } of selected) {
    try {
      // A transfer is dispatched (or cancelled) once: the same press again gets the first answer back.
      const key = action === 'cancel' ? `${transferNo}-${rowFingerprint([reason])}` : transferNo;
      const answer = callServer<{ transfer: { status: TransferStatus } }>(
        state.connection,
        lang,
        'post',
        `/v1/transfers/${action}`,
        {
          idempotencyKey: `tr-${action}-${key}`,
          lang,
          transferNo,
          ...(action === 'cancel' ? { reason } : {}),
        },
      );
      done += 1;
      lines.push(`${transferNo}: ${TRANSFER_STATUS_LABELS[answer.transfer.status][lang]}`);
    } catch (error) {
      if (!(error instanceof ServerCallError)) throw error;
      const reasons = error.details.length ? error.details.map((d) => d.message) : [error.message];
      // The server's reasons name the transfer already; a reason that does not gets it in front.
      lines.push(reasons.map((r) => (r.includes(transferNo) ? r : `${transferNo}: ${r}`)).join('\n'));
    }
  }
  if (done) syncUnderLock(spreadsheet, state.connection, lang);
  return { ok: done === selected.length, message: lines.join('\n') };
}
