import type { Lang } from '../domain/i18n/lang';
import { text, type TextKey } from './ui-text';

export type TransferRequestKey =
  'from' | 'to' | 'sku' | 'qty' | 'carrier' | 'reference' | 'expected' | 'dispatch' | 'result' | 'request';

/** The New transfers sheet: typed by logistics, except Result (the server's answer) and the hidden request id. */
export const TRANSFER_REQUEST_COLUMNS: { key: TransferRequestKey; header: TextKey | null }[] = [
  { key: 'from', header: 'trq_from' },
  { key: 'to', header: 'trq_to' },
  { key: 'sku', header: 'trq_sku' },
  { key: 'qty', header: 'trq_qty' },
  { key: 'carrier', header: 'trq_carrier' },
  { key: 'reference', header: 'trq_reference' },
  { key: 'expected', header: 'trq_expected' },
  { key: 'dispatch', header: 'trq_dispatch' },
  { key: 'result', header: 'rcv_result' },
  { key: 'request', header: null },
];
const at = (key: TransferRequestKey) => TRANSFER_REQUEST_COLUMNS.findIndex((c) => c.key === key);

/** Finds (either language) or creates the New transfers sheet. */
export function transferRequestsSheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  lang: Lang,
): GoogleAppsScript.Spreadsheet.Sheet {
  const existing =
    spreadsheet.getSheetByName(text('en', 'sheet_transfer_requests')) ??
    spreadsheet.getSheetByName(text('zh', 'sheet_transfer_requests'));
  if (existing) return existing;
  const sheet = spreadsheet.insertSheet(text(lang, 'sheet_transfer_requests'));
  sheet
    .getRange(1, 1, 1, TRANSFER_REQUEST_COLUMNS.length)
    .setValues([TRANSFER_REQUEST_COLUMNS.map((c) => (c.header ? text(lang, c.header) : '_request'))]);
  // Codes and references stay text (a reference of digits must not lose its zeros); dates as typed.
  for (const key of ['from', 'to', 'sku', 'reference', 'expected'] as const)
    sheet.getRange(2, at(key) + 1, sheet.getMaxRows() - 1, 1).setNumberFormat('@');
  sheet.setFrozenRows(1);
  sheet.hideColumns(at('request') + 1);
  return sheet;
}
