import type { sheets_v4 } from '@googleapis/sheets';
import type { Lang } from '../../domain/i18n/lang';
import type { ReportCellType, ReportSource } from '../../domain/reports/report-sources';

/**
 * A data sheet as the publisher writes it (docs/reports.md, "The publisher"): values go RAW, so text is
 * stored as typed (never parsed into a formula or a number), numbers as numbers and dates as date serial
 * numbers (days since 1899-12-30) shown through a date format, which is what a pivot groups by month.
 */
export type SheetCell = string | number;

const EPOCH_1899_12_30 = Date.UTC(1899, 11, 30);

/** 'YYYY-MM-DD' → the spreadsheet's serial day number (2026-11-30 → 46356). */
export function dateSerial(isoDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) throw new Error(`not a date: ${isoDate}`);
  return (Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) - EPOCH_1899_12_30) / 86_400_000;
}

/** One report cell for a RAW write: empty stays empty (''), never 0. */
export function sheetCell(value: string | number | null, type: ReportCellType): SheetCell {
  if (value === null || value === '') return '';
  if (type === 'text') return String(value);
  if (type === 'date') return dateSerial(String(value));
  // Money arrives as an exact decimal string; a sheet cell holds a double, shown with the format below.
  const number = Number(value);
  if (!Number.isFinite(number)) throw new Error(`not a number: ${value}`);
  return number;
}

const NUMBER_FORMATS: Record<ReportCellType, sheets_v4.Schema$NumberFormat> = {
  text: { type: 'TEXT', pattern: '@' },
  integer: { type: 'NUMBER', pattern: '0' },
  money: { type: 'NUMBER', pattern: '#,##0.00' },
  ratio: { type: 'PERCENT', pattern: '0.0%' },
  date: { type: 'DATE', pattern: 'yyyy-mm-dd' },
};

/** A1 notation of a sheet's top-left cell, quoted for any title. */
export function sheetA1(title: string): string {
  return `'${title.replace(/'/g, "''")}'!A1`;
}

/**
 * Sizes the data sheet to its header and rows (rows past the data are dropped, so no stale row is left and
 * the pivots see exactly the data), freezes and bolds the header, and formats each column by its type.
 */
export function dataSheetRequests(sheetId: number, source: ReportSource, dataRows: number): sheets_v4.Schema$Request[] {
  const columnCount = source.columns.length;
  // One row below the frozen header must exist even with no data (a sheet cannot freeze all of its rows).
  const rowCount = Math.max(dataRows + 1, 2);
  const requests: sheets_v4.Schema$Request[] = [
    {
      updateSheetProperties: {
        properties: { sheetId, gridProperties: { rowCount, columnCount, frozenRowCount: 1 } },
        fields: 'gridProperties(rowCount,columnCount,frozenRowCount)',
      },
    },
    {
      repeatCell: {
        range: { sheetId, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: columnCount },
        cell: { userEnteredFormat: { textFormat: { bold: true } } },
        fields: 'userEnteredFormat.textFormat.bold',
      },
    },
  ];
  source.columns.forEach((column, index) =>
    requests.push({
      repeatCell: {
        range: { sheetId, startRowIndex: 1, startColumnIndex: index, endColumnIndex: index + 1 },
        cell: { userEnteredFormat: { numberFormat: NUMBER_FORMATS[column.type] } },
        fields: 'userEnteredFormat.numberFormat',
      },
    }),
  );
  return requests;
}

/** The header and every row of one source as one RAW value range. */
export function dataValueRange(
  title: string,
  source: ReportSource,
  rows: readonly (readonly (string | number | null)[])[],
  lang: Lang,
): sheets_v4.Schema$ValueRange {
  const types = source.columns.map((column) => column.type);
  return {
    range: sheetA1(title),
    majorDimension: 'ROWS',
    values: [
      source.columns.map((column) => column.header[lang]),
      ...rows.map((row) => types.map((type, index) => sheetCell(row[index] ?? null, type))),
    ],
  };
}
