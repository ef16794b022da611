import { LANGS } from '../domain/i18n/lang';
import { PO_STATUS_LABELS, type PoStatus } from '../domain/purchasing/purchase-order';
import { PO_ROWS_TABLE } from '../domain/purchasing/po-rows';
import { findTableSheet, readLayout } from './sheet-layout';

/**
 * Finds our rule among the sheet's conditional formats, even after Sheets rewrote its column
 * references (a person moved a column): N() of a text is 0, so it never changes the result.
 */
export const OVERDUE_MARKER = 'N("crossdock:overdue")=0';
const OVERDUE_BACKGROUND = '#f4cccc';
/** Only open POs still expect goods: open_qty stays > 0 on a cancelled or draft PO (see the po_rows view). */
const OPEN_STATUSES: readonly PoStatus[] = ['ordered', 'partially_received'];

/** 0-based column index → letters ("A", …, "Z", "AA"). */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * The rule's formula, written for row 2 (Sheets moves it down the range): the line is open, still has
 * units due, and its Expected date (ISO text) is before today. Statuses are matched in both languages,
 * so switching the sheet's language needs no new rule. Null when a column is missing from the header.
 */
export function overdueFormula(fields: ReadonlyMap<string, number>): string | null {
  const [status, open, expected] = ['status', 'open_qty', 'expected_on'].map((field) => fields.get(field));
  if (status === undefined || open === undefined || expected === undefined) return null;
  const [s, o, e] = [status, open, expected].map((index) => `$${columnLetters(index)}2`);
  const labels = [...new Set(OPEN_STATUSES.flatMap((st) => LANGS.map((lang) => PO_STATUS_LABELS[st][lang])))];
  const isOpen = `OR(${labels.map((label) => `${s}="${label.replace(/"/g, '""')}"`).join(',')})`;
  // DATEVALUE reads ISO text in every locale; IFERROR keeps a mistyped date from highlighting the line.
  return `=AND(${OVERDUE_MARKER},${isOpen},N(${o})>0,${e}<>"",IFERROR(DATEVALUE(${e})<TODAY(),FALSE))`;
}

/**
 * Highlights overdue PO lines on the POs sheet with a native conditional format: "overdue" depends on
 * today's date, and a synced row is not sent again when only the date changes, so no stored column could
 * keep it current. Safe to run again: our rule is replaced in place (keeping a colour a person chose),
 * never added twice, and the other rules on the sheet are kept.
 */
export function highlightOverduePoLines(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const sheet = findTableSheet(spreadsheet, PO_ROWS_TABLE);
  if (!sheet || sheet.getLastColumn() === 0) return;
  const layout = readLayout(PO_ROWS_TABLE, sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? []);
  const formula = overdueFormula(layout.fields);
  if (!formula) return;
  const rules = sheet.getConditionalFormatRules();
  const ours = rules.map((rule) => formulaOf(rule).includes(OVERDUE_MARKER));
  const index = ours.indexOf(true);
  const others = rules.filter((_, i) => !ours[i]);
  if (index >= 0 && others.length === rules.length - 1 && isCurrent(rules[index]!, formula, sheet, layout.width))
    return;
  // Open-ended rows ("A2:R"): lines the sync adds below the grid's last row are covered too.
  const range = sheet.getRange(`A2:${columnLetters(layout.width - 1)}`);
  const builder =
    index >= 0 ? rules[index]!.copy() : SpreadsheetApp.newConditionalFormatRule().setBackground(OVERDUE_BACKGROUND);
  // Rules before the first of ours are all others: it keeps its place (its priority), duplicates go.
  others.splice(
    index >= 0 ? index : others.length,
    0,
    builder.whenFormulaSatisfied(formula).setRanges([range]).build(),
  );
  sheet.setConditionalFormatRules(others);
}

function formulaOf(rule: GoogleAppsScript.Spreadsheet.ConditionalFormatRule): string {
  return String(rule.getBooleanCondition()?.getCriteriaValues()[0] ?? '');
}

/** Same formula over the whole table, row 2 to the grid's last row. */
function isCurrent(
  rule: GoogleAppsScript.Spreadsheet.ConditionalFormatRule,
  formula: string,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  width: number,
): boolean {
  const ranges = rule.getRanges();
  const range = ranges[0];
  return (
    formulaOf(rule) === formula &&
    ranges.length === 1 &&
    !!range &&
    range.getRow() === 2 &&
    range.getColumn() === 1 &&
    range.getNumColumns() === width &&
    range.getLastRow() === sheet.getMaxRows()
  );
}
