import { langFromLocale, type Lang } from '../domain/i18n/lang';

/** The sheet speaks its spreadsheet's language: 简体中文 for zh_* locales, English otherwise. */
export function sheetLang(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): Lang {
  return langFromLocale(spreadsheet.getSpreadsheetLocale());
}
