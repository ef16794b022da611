import type { Lang } from '../domain/i18n/lang';
import { asText } from './cell-values';
import { text, type TextKey } from './ui-text';

export type SettingsValues = Partial<Record<'settings_server' | 'settings_workspace' | 'settings_last_sync', string>>;

const ROWS: TextKey[] = ['settings_server', 'settings_workspace', 'settings_last_sync', 'settings_language'];

/**
 * The Settings sheet shows the connection and sync state (the truth lives in document properties).
 * Values not given keep what the sheet has; rows are found by their label in either language.
 */
export function writeSettings(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  lang: Lang,
  values: SettingsValues,
): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = settingsSheet(spreadsheet, lang);
  const current = sheet.getLastRow() > 0 ? sheet.getRange(1, 1, sheet.getLastRow(), 2).getValues() : [];
  const valueOf = (key: TextKey): string => {
    const row = current.find((r) => r[0] === text('en', key) || r[0] === text('zh', key));
    return row ? String(row[1]) : '';
  };
  const given: Record<string, string | undefined> = {
    ...values,
    settings_language: lang === 'zh' ? '简体中文' : 'English',
  };
  const grid = [
    [text(lang, 'settings_key'), text(lang, 'settings_value')],
    ...ROWS.map((key) => [text(lang, key), asText(given[key] ?? valueOf(key))]),
  ];
  const unchanged = grid.every(
    (row, i) => current[i] && current[i]![0] === row[0] && String(current[i]![1]) === String(row[1]).replace(/^'/, ''),
  );
  if (!unchanged) sheet.getRange(1, 1, grid.length, 2).setValues(grid);
  if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
  return sheet;
}

/**
 * "Settings" is a common tab name: a team's own Settings tab is never written over. Ours is the one
 * whose A1 is our header (or an empty one); otherwise Crossdock uses a tab of its own name.
 */
export function settingsSheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  lang: Lang,
): GoogleAppsScript.Spreadsheet.Sheet {
  const names = [
    text('en', 'sheet_settings'),
    text('zh', 'sheet_settings'),
    `Crossdock ${text('en', 'sheet_settings')}`,
    `Crossdock ${text('zh', 'sheet_settings')}`,
  ];
  const ours = (sheet: GoogleAppsScript.Spreadsheet.Sheet) => {
    if (sheet.getLastRow() === 0) return true;
    const a1 = String(sheet.getRange(1, 1).getValue());
    return a1 === text('en', 'settings_key') || a1 === text('zh', 'settings_key');
  };
  for (const name of names) {
    const sheet = spreadsheet.getSheetByName(name);
    if (sheet && ours(sheet)) return sheet;
  }
  const taken = spreadsheet.getSheetByName(text(lang, 'sheet_settings'));
  return spreadsheet.insertSheet(taken ? `Crossdock ${text(lang, 'sheet_settings')}` : text(lang, 'sheet_settings'));
}
