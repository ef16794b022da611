import { PO_ROWS_TABLE } from '../domain/purchasing/po-rows';
import { keyOf } from './loaded-table';
import { loadConnection } from './connection-store';
import { callServer, ServerCallError } from './server-api';
import { findTableSheet, readLayout } from './sheet-layout';
import { sheetLang } from './sheet-language';
import { syncUnderLock } from './sync-run';
import { text } from './ui-text';

export type CancelOutcome = { ok: boolean; message: string };

/**
 * "Cancel selected PO lines": the buyer selects rows of the POs sheet, gives one reason, and each line is
 * cancelled on its own (docs/purchasing.md#cancels), so a line that already received goods is refused by
 * name while the others go. Each press is a new request: a line pressed again is answered "already cancelled".
 */
export function cancelSelectedPoLines(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  ui: GoogleAppsScript.Base.Ui,
): CancelOutcome {
  const lang = sheetLang(spreadsheet);
  const state = loadConnection(spreadsheet.getId());
  if (state.kind !== 'connected') return { ok: false, message: text(lang, 'not_connected') };
  const lines = selectedPoLines(spreadsheet);
  if (!lines.length) return { ok: false, message: text(lang, 'poc_select') };
  const names = lines.map((l) => `${l.poNo}/${l.lineNo}`).join(', ');
  const answer = ui.prompt(text(lang, 'poc_title'), text(lang, 'poc_prompt', { lines: names }), ui.ButtonSet.OK_CANCEL);
  if (answer.getSelectedButton() !== ui.Button.OK) return { ok: false, message: text(lang, 'poc_not_sent') };
  const reason = answer.getResponseText().trim();
  if (!reason) return { ok: false, message: text(lang, 'poc_reason') };
  let done = 0;
  const refused: string[] = [];
  for (const line of lines) {
    try {
      callServer(state.connection, lang, 'post', '/v1/purchasing/cancel', {
        idempotencyKey: `poc-${Utilities.getUuid()}`,
        lang,
        poNo: line.poNo,
        lineNo: line.lineNo,
        reason,
      });
      done += 1;
    } catch (error) {
      if (!(error instanceof ServerCallError)) throw error;
      // The server's own words for the line (its field errors), without the status wrapper when it gave them.
      refused.push(error.details.map((d) => d.message).join('; ') || error.message);
    }
  }
  if (done) syncUnderLock(spreadsheet, state.connection, lang); // the POs and Stock sheets show the result
  return {
    ok: done === lines.length,
    message: [text(lang, 'poc_summary', { done, refused: refused.length }), ...refused].join(' '),
  };
}

/** The PO lines of the rows selected in the POs sheet (its "PO line" keys, `PO-00001/2`), each once. */
function selectedPoLines(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): { poNo: string; lineNo: number }[] {
  const sheet = findTableSheet(spreadsheet, PO_ROWS_TABLE);
  if (!sheet || spreadsheet.getActiveSheet().getSheetId() !== sheet.getSheetId() || sheet.getLastColumn() < 1)
    return [];
  const layout = readLayout(PO_ROWS_TABLE, sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? []);
  const column = layout.fields.get('row_key');
  if (column === undefined) return [];
  const found = new Map<string, { poNo: string; lineNo: number }>();
  for (const range of spreadsheet.getActiveRangeList()?.getRanges() ?? []) {
    const first = Math.max(range.getRow(), 2);
    const last = Math.min(range.getLastRow(), sheet.getLastRow());
    if (last < first) continue;
    for (const [cell] of sheet.getRange(first, column + 1, last - first + 1, 1).getValues()) {
      const key = keyOf(cell);
      const match = /^(.+)\/(\d+)$/.exec(key);
      if (match && !found.has(key)) found.set(key, { poNo: match[1]!, lineNo: Number(match[2]) });
    }
  }
  return [...found.values()];
}
