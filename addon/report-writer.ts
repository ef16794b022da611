import type { Lang } from '../domain/i18n/lang';
import type { ReportColumn, ReportSource } from '../domain/reports/report-sources';
import type { ReportPage } from '../domain/contracts/reports';
import { isCalendarDay } from '../domain/orders/source-time';
import { asText } from './cell-values';

type Cell = string | number | Date;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Number formats of the data sheets' typed columns (text cells carry their apostrophe instead). */
const FORMATS: Partial<Record<ReportColumn['type'], string>> = {
  integer: '0',
  money: '#,##0.00',
  ratio: '0.00%',
  date: 'yyyy-mm-dd',
};

/** YYYY-MM-DD naming a real day (Utilities.parseDate is lenient: it would take 2026-02-30 as March 2). */
function isDayText(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match !== null && isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

/**
 * Turns report pages into cells: dates become real Dates at midnight in the spreadsheet's time zone (one
 * parse per distinct day), integers and money become numbers only here at the cell (the wire keeps money
 * as decimal strings), text is written so it can never become a formula.
 */
export class ReportCells {
  private readonly days = new Map<string, Date>();
  constructor(private readonly timeZone: string) {}

  private date(value: string): Cell {
    let day = this.days.get(value);
    if (!day) {
      if (!isDayText(value)) return asText(value);
      day = Utilities.parseDate(value, this.timeZone, 'yyyy-MM-dd');
      this.days.set(value, day);
    }
    return day;
  }

  cell(column: ReportColumn, value: string | number | null | undefined): Cell {
    if (value === null || value === undefined || value === '') return '';
    switch (column.type) {
      case 'date':
        return this.date(String(value));
      case 'integer':
      case 'money':
      case 'ratio': {
        const number = typeof value === 'number' ? value : Number(value);
        return Number.isFinite(number) ? number : asText(String(value));
      }
      default:
        return asText(String(value));
    }
  }

  /** One page's rows in the source's column order, whatever order the page names its columns in. */
  rows(source: ReportSource, page: ReportPage): Cell[][] {
    const at = source.columns.map((column) => page.columns.indexOf(column.key));
    return page.rows.map((row) =>
      source.columns.map((column, i) => this.cell(column, at[i]! < 0 ? null : row[at[i]!])),
    );
  }
}

export function headerRow(source: ReportSource, lang: Lang): string[] {
  return source.columns.map((column) => column.header[lang]);
}

/** Grows the sheet to `rows` × `columns`. Rows go in before the last row, inside any range reaching it. */
function ensureSize(sheet: Sheet, rows: number, columns: number): void {
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns < columns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
  const maxRows = sheet.getMaxRows();
  // Inserting before the last row (not after it) makes ranges that end there, such as a pivot table's
  // source or a basic filter, grow with the data.
  if (maxRows < rows) {
    if (maxRows >= 2) sheet.insertRowsBefore(maxRows, rows - maxRows);
    else sheet.insertRowsAfter(maxRows, rows - maxRows);
  }
}

/** Writes the header row (bold, frozen). */
export function writeHeader(sheet: Sheet, source: ReportSource, lang: Lang): void {
  const width = source.columns.length;
  ensureSize(sheet, 2, width);
  sheet
    .getRange(1, 1, 1, width)
    .setValues([headerRow(source, lang)])
    .setFontWeight('bold');
  if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
}

/** Writes one contiguous block of data rows starting after `written` data rows. */
export function writeBlock(sheet: Sheet, written: number, rows: Cell[][], width: number): void {
  if (rows.length === 0) return;
  ensureSize(sheet, 1 + written + rows.length, width);
  sheet.getRange(2 + written, 1, rows.length, width).setValues(rows);
}

/**
 * After the last page: number formats on the typed columns, and the rows past the new end removed (one
 * empty data row stays, as Sheets keeps at least one row below a frozen header).
 */
export function finishSheet(sheet: Sheet, source: ReportSource, written: number): void {
  const width = source.columns.length;
  const keep = 1 + Math.max(written, 1);
  const maxRows = sheet.getMaxRows();
  if (maxRows > keep) sheet.deleteRows(keep + 1, maxRows - keep);
  if (written === 0) sheet.getRange(2, 1, 1, Math.max(width, sheet.getLastColumn(), 1)).clearContent();
  else
    source.columns.forEach((column, i) => {
      const format = FORMATS[column.type];
      if (format) sheet.getRange(2, i + 1, written, 1).setNumberFormat(format);
    });
  // Columns of an older, wider layout are emptied, not left with stale values.
  const lastColumn = sheet.getLastColumn();
  if (lastColumn > width) sheet.getRange(1, width + 1, keep, lastColumn - width).clearContent();
}
