import type { ImportResponse } from '../domain/contracts/orders';
import type { Lang } from '../domain/i18n/lang';
import { skipBreakdown } from '../domain/orders/import-skips';
import { IMPORT_FORMATS, type ImportFormat } from '../domain/orders/import-formats';
import { loadConnection } from './connection-store';
import { callServer, ServerCallError } from './server-api';
import { sheetLang } from './sheet-language';
import { syncUnderLock } from './sync-run';
import { text, textsFor, type TextKey } from './ui-text';

/** Pasted text goes as `text`; a chosen file goes as `data` (its bytes, base64) for the server to decode. */
export type ImportForm = { format: ImportFormat; text?: string; data?: string; fileName?: string };
export type ImportOutcome = { ok: boolean; message: string; rejected: string[] };

export function importDialogState(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet) {
  const lang = sheetLang(spreadsheet);
  return {
    lang,
    texts: textsFor(lang, [
      'import_title',
      'import_format',
      'import_file',
      'import_paste',
      'import_file_chosen',
      'import_run',
      'import_empty',
      'dialog_close',
    ]),
    formats: IMPORT_FORMATS.map((value) => ({ value, label: text(lang, `import_format_${value}` as TextKey) })),
  };
}

/** Sends the file (its bytes, or pasted text) to the server, which decodes, parses, reviews and stores it; syncs. */
export function importOrders(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, form: ImportForm): ImportOutcome {
  const lang: Lang = sheetLang(spreadsheet);
  const state = loadConnection(spreadsheet.getId());
  if (state.kind !== 'connected') return { ok: false, message: text(lang, 'not_connected'), rejected: [] };
  const file = form && form.data ? { data: form.data } : { text: String(form?.text ?? '') };
  if (!form || !(IMPORT_FORMATS as readonly string[]).includes(form.format) || !(file.data || file.text?.trim())) {
    return { ok: false, message: text(lang, 'import_empty'), rejected: [] };
  }
  try {
    const body = { format: form.format, ...file, lang };
    const result = callServer<ImportResponse>(state.connection, lang, 'post', '/v1/orders/import', body);
    syncUnderLock(spreadsheet, state.connection, lang);
    const why = skipBreakdown(result.skippedBecause, lang);
    const summary = text(lang, 'import_result', {
      imported: result.imported,
      skipped: why ? `${result.skipped} (${why})` : result.skipped,
      rejected: result.rejected,
    });
    return { ok: result.rejected === 0, message: summary, rejected: result.rejectedRows.map((r) => r.message) };
  } catch (error) {
    if (error instanceof ServerCallError) return { ok: false, message: error.message, rejected: [] };
    throw error;
  }
}
