import { SYNCED_TABLES } from '../domain/catalog/synced-tables';
import type { Lang } from '../domain/i18n/lang';
import { ORDER_STATUSES, statusLabel } from '../domain/orders/order-status';
import type { ColumnSpec, TableSpec } from '../domain/sheets/column-spec';
import { highlightOverduePoLines } from './overdue-highlight';
import { findTableSheet, headerRow, readLayout } from './sheet-layout';
import { sheetLang } from './sheet-language';
import { receiptsSheet } from './receipts-sheet';
import { transferRequestsSheet } from './transfer-requests';
import { writeSettings } from './settings-sheet';

const PROTECTION_TAG = 'crossdock:computed';
const CURRENCIES = ['USD', 'EUR', 'GBP', 'CNY', 'HKD', 'JPY', 'AUD', 'CAD', 'SGD', 'AED', 'SAR', 'MXN', 'BRL'];

/**
 * "Set up sheets": creates or repairs every synced sheet. Safe to run twice: it only adds what is
 * missing (sheets, header cells, validations, protections, the POs overdue highlight) and never touches
 * data rows.
 */
export function setupSheets(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string[] {
  const lang = sheetLang(spreadsheet);
  const names: string[] = [];
  for (const spec of SYNCED_TABLES) names.push(setupTableSheet(spreadsheet, spec, lang).getName());
  highlightOverduePoLines(spreadsheet);
  names.push(receiptsSheet(spreadsheet, lang).getName());
  names.push(transferRequestsSheet(spreadsheet, lang).getName());
  names.push(writeSettings(spreadsheet, lang, {}).getName());
  return names;
}

function setupTableSheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  spec: TableSpec,
  lang: Lang,
): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = findTableSheet(spreadsheet, spec) ?? spreadsheet.insertSheet(spec.sheetName[lang]);
  repairHeaders(sheet, spec, lang);
  const layout = readLayout(spec, sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? []);
  if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
  sheet.getRange(1, 1, 1, layout.width).setFontWeight('bold');
  const dataRows = Math.max(sheet.getMaxRows() - 1, 1);
  for (const column of spec.columns) {
    const index = layout.fields.get(column.field);
    if (index === undefined) continue;
    const range = sheet.getRange(2, index + 1, dataRows, 1);
    const rule = column.field === spec.statusField ? statusDropdown(lang) : validationFor(column, lang);
    if (rule) range.setDataValidation(rule);
    if (column.width) sheet.setColumnWidth(index + 1, column.width);
  }
  protectComputed(sheet, spec, layout.fields, layout.note);
  for (const hidden of [layout.version, layout.hash]) {
    if (!sheet.isColumnHiddenByUser(hidden + 1)) sheet.hideColumns(hidden + 1);
  }
  return sheet;
}

/** Writes the header row when the sheet is new; otherwise appends only the headers that are missing. */
function repairHeaders(sheet: GoogleAppsScript.Spreadsheet.Sheet, spec: TableSpec, lang: Lang): void {
  const wanted = headerRow(spec, lang);
  const lastColumn = sheet.getLastColumn();
  if (lastColumn === 0) {
    // A new sheet has 26 columns; a wider table needs more first.
    if (sheet.getMaxColumns() < wanted.length)
      sheet.insertColumnsAfter(sheet.getMaxColumns(), wanted.length - sheet.getMaxColumns());
    sheet.getRange(1, 1, 1, wanted.length).setValues([wanted]);
    return;
  }
  const existing = sheet.getRange(1, 1, 1, lastColumn).getValues()[0] ?? [];
  const layout = readLayout(spec, existing);
  const present = new Set([...layout.fields.keys()]);
  const toAdd = spec.columns.filter((c) => !present.has(c.field)).map((c) => c.header[lang]);
  for (const [index, header] of [
    [layout.note, wanted[wanted.length - 3]],
    [layout.version, wanted[wanted.length - 2]],
    [layout.hash, wanted[wanted.length - 1]],
  ] as const) {
    if (index < 0 && header) toAdd.push(header);
  }
  if (!toAdd.length) return;
  if (sheet.getMaxColumns() < lastColumn + toAdd.length)
    sheet.insertColumnsAfter(sheet.getMaxColumns(), lastColumn + toAdd.length - sheet.getMaxColumns());
  sheet.getRange(1, lastColumn + 1, 1, toAdd.length).setValues([toAdd]);
}

/** The status cell is a dropdown of the status labels: choosing one asks for that transition. */
function statusDropdown(lang: Lang): GoogleAppsScript.Spreadsheet.DataValidation {
  return SpreadsheetApp.newDataValidation()
    .requireValueInList(
      ORDER_STATUSES.map((s) => statusLabel(s, lang)),
      true,
    )
    .setAllowInvalid(false)
    .build();
}

function validationFor(column: ColumnSpec, lang: Lang): GoogleAppsScript.Spreadsheet.DataValidation | null {
  const help = column.header[lang];
  switch (column.kind.type) {
    case 'boolean':
      return SpreadsheetApp.newDataValidation().requireCheckbox().build();
    case 'currency':
      return SpreadsheetApp.newDataValidation()
        .requireValueInList(CURRENCIES, true)
        .setAllowInvalid(true)
        .setHelpText(help)
        .build();
    case 'choice':
      // One value of a fixed list (a carrier's adapter): a dropdown that refuses anything else.
      return SpreadsheetApp.newDataValidation()
        .requireValueInList([...column.kind.values], true)
        .setAllowInvalid(false)
        .setHelpText(help)
        .build();
    case 'integer':
    case 'decimal':
      return SpreadsheetApp.newDataValidation()
        .requireNumberGreaterThanOrEqualTo(column.kind.min)
        .setAllowInvalid(false)
        .setHelpText(help)
        .build();
    default:
      return null;
  }
}

/** Server-owned columns get a warning-only protection: a person is reminded, the sync puts values back. */
function protectComputed(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  spec: TableSpec,
  fields: Map<string, number>,
  noteIndex: number,
): void {
  const ours = sheet
    .getProtections(SpreadsheetApp.ProtectionType.RANGE)
    .filter((p) => p.getDescription().startsWith(PROTECTION_TAG));
  // Entry columns take new rows typed by people (new orders): a warning on each keystroke would be noise.
  const entryTags = new Set(
    spec.columns.filter((c) => c.entry).map((c) => `${PROTECTION_TAG}:${spec.entity}.${c.field}`),
  );
  for (const protection of ours) if (entryTags.has(protection.getDescription())) protection.remove();
  const existing = new Set(ours.map((p) => p.getDescription()));
  const columns = [
    ...spec.columns
      .filter((c) => c.computed && !c.entry && c.field !== spec.statusField)
      .map((c) => ({ tag: c.field, index: fields.get(c.field) })),
    { tag: 'sync_note', index: noteIndex },
  ];
  for (const { tag, index } of columns) {
    const description = `${PROTECTION_TAG}:${spec.entity}.${tag}`;
    if (index === undefined || index < 0 || existing.has(description)) continue;
    const protection = sheet.getRange(1, index + 1, sheet.getMaxRows(), 1).protect();
    protection.setDescription(description);
    protection.setWarningOnly(true);
  }
}
