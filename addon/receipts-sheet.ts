import type { Lang } from '../domain/i18n/lang';
import { text, type TextKey } from './ui-text';

/** The Receipts sheet's columns: typed by the warehouse, except Result (the server's answer) and the hidden request id. */
export const RECEIPT_COLUMNS: {
  key: 'po' | 'line' | 'qty' | 'reason' | 'note' | 'result' | 'request';
  header: TextKey | null;
}[] = [
  { key: 'po', header: 'rcv_po' },
  { key: 'line', header: 'rcv_line' },
  { key: 'qty', header: 'rcv_qty' },
  { key: 'reason', header: 'rcv_short_reason' },
  { key: 'note', header: 'rcv_note' },
  { key: 'result', header: 'rcv_result' },
  { key: 'request', header: null },
];
export const receiptColumn = (key: (typeof RECEIPT_COLUMNS)[number]['key']) =>
  RECEIPT_COLUMNS.findIndex((c) => c.key === key);
const REQUEST_HEADER = '_request';

/** Finds (either language) or creates the Receipts sheet. */
export function receiptsSheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  lang: Lang,
): GoogleAppsScript.Spreadsheet.Sheet {
  const existing =
    spreadsheet.getSheetByName(text('en', 'sheet_receipts')) ??
    spreadsheet.getSheetByName(text('zh', 'sheet_receipts'));
  if (existing) return existing;
  const sheet = spreadsheet.insertSheet(text(lang, 'sheet_receipts'));
  sheet
    .getRange(1, 1, 1, RECEIPT_COLUMNS.length)
    .setValues([RECEIPT_COLUMNS.map((c) => (c.header ? text(lang, c.header) : REQUEST_HEADER))]);
  sheet.getRange(2, receiptColumn('po') + 1, sheet.getMaxRows() - 1, 1).setNumberFormat('@');
  sheet.setFrozenRows(1);
  sheet.hideColumns(receiptColumn('request') + 1);
  return sheet;
}
