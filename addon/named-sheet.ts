import type { Lang } from '../domain/i18n/lang';
import { text, type TextKey } from './ui-text';

/**
 * A sheet the add-on writes whole (Purchase, Pick list): found under its English or Chinese name, so a
 * spreadsheet whose locale changed keeps its sheet; made in the sheet's language when missing.
 */
export function sheetInEitherLanguage(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  name: TextKey,
  lang: Lang,
): GoogleAppsScript.Spreadsheet.Sheet {
  return (
    spreadsheet.getSheetByName(text('en', name)) ??
    spreadsheet.getSheetByName(text('zh', name)) ??
    spreadsheet.insertSheet(text(lang, name))
  );
}
