import { AFTER_SALE_ROWS_TABLE } from '../domain/after-sale/after-sale-rows';
import { WAREHOUSE_TABLE } from '../domain/catalog/warehouse';
import { ORDER_ROWS_TABLE } from '../domain/orders/order-rows';
import { statusFromLabel, type OrderStatus } from '../domain/orders/order-status';
import type { TableSpec } from '../domain/sheets/column-spec';
import { readBack } from './cell-values';
import { keyOf } from './loaded-table';
import { findTableSheet, readLayout } from './sheet-layout';

/**
 * What the After-sale sidebar works on, read from the sheets: the one order selected in the Orders sheet
 * (with all its lines), the cases selected in the After-sale sheet, and the active warehouses.
 */

export type SelectedOrder = {
  orderNo: string;
  status: OrderStatus | null;
  currency: string | null;
  lines: { lineNo: number; sku: string; qty: number; unitPrice: string | null }[];
};

type Table = { fields: Map<string, number>; rows: unknown[][] };

/** Every data row of a table's sheet, by field (one read); null when the sheet is missing or empty. */
function readTable(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, spec: TableSpec): Table | null {
  const sheet = findTableSheet(spreadsheet, spec);
  if (!sheet || sheet.getLastRow() < 2 || sheet.getLastColumn() < 1) return null;
  const layout = readLayout(spec, sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? []);
  return {
    fields: layout.fields,
    rows: sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn()).getValues(),
  };
}

/** The rows selected in a table's sheet (any number of ranges); none when another sheet is active. */
function selectedRows(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, spec: TableSpec): Table | null {
  const sheet = findTableSheet(spreadsheet, spec);
  if (!sheet || sheet.getLastRow() < 2 || spreadsheet.getActiveSheet().getSheetId() !== sheet.getSheetId()) return null;
  const layout = readLayout(spec, sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? []);
  const rows: unknown[][] = [];
  for (const range of spreadsheet.getActiveRangeList()?.getRanges() ?? []) {
    const first = Math.max(range.getRow(), 2);
    const last = Math.min(range.getLastRow(), sheet.getLastRow());
    if (last >= first) rows.push(...sheet.getRange(first, 1, last - first + 1, sheet.getLastColumn()).getValues());
  }
  return { fields: layout.fields, rows };
}

const cell = (table: Table, row: unknown[], field: string): string => {
  const column = table.fields.get(field);
  return column === undefined ? '' : String(readBack(row[column] as string) ?? '').trim();
};

/** Order numbers of the rows selected in the Orders sheet, each once. */
export function selectedOrderNos(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string[] {
  const table = selectedRows(spreadsheet, ORDER_ROWS_TABLE);
  if (!table) return [];
  return [...new Set(table.rows.map((row) => keyOf(cell(table, row, 'order_no'))).filter((no) => no))];
}

/** One order as the Orders sheet shows it: its status, currency and every line (one row per line). */
export function orderFromSheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  orderNo: string,
): SelectedOrder | null {
  const table = readTable(spreadsheet, ORDER_ROWS_TABLE);
  if (!table) return null;
  const rows = table.rows.filter((row) => keyOf(cell(table, row, 'order_no')) === orderNo);
  if (!rows.length) return null;
  const lines = rows.map((row) => {
    const key = cell(table, row, 'row_key');
    const price = cell(table, row, 'unit_price');
    return {
      // The row key is `<order no>/<line no>`; order numbers may hold a slash, so the last one counts.
      lineNo: Number(key.slice(key.lastIndexOf('/') + 1)),
      sku: cell(table, row, 'sku'),
      qty: Number(cell(table, row, 'qty')) || 0,
      unitPrice: price === '' ? null : price,
    };
  });
  return {
    orderNo,
    status: statusFromLabel(cell(table, rows[0]!, 'status')),
    currency: cell(table, rows[0]!, 'currency') || null,
    lines: lines.filter((l) => Number.isInteger(l.lineNo) && l.lineNo > 0).sort((a, b) => a.lineNo - b.lineNo),
  };
}

/** Cases of the rows selected in the After-sale sheet (one row per case line), each once, with their order. */
export function selectedCases(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
): { caseNo: string; orderNo: string }[] {
  const table = selectedRows(spreadsheet, AFTER_SALE_ROWS_TABLE);
  if (!table) return [];
  const found = new Map<string, string>();
  for (const row of table.rows) {
    const caseNo = cell(table, row, 'case_no');
    if (caseNo && !found.has(caseNo)) found.set(caseNo, cell(table, row, 'order_no'));
  }
  return [...found].map(([caseNo, orderNo]) => ({ caseNo, orderNo }));
}

/** The active warehouses of the Warehouses sheet, where restocked units can go. */
export function activeWarehouses(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
): { code: string; name: string }[] {
  const table = readTable(spreadsheet, WAREHOUSE_TABLE);
  if (!table) return [];
  const activeColumn = table.fields.get('active');
  return table.rows
    .filter((row) => activeColumn === undefined || row[activeColumn] !== false)
    .map((row) => ({ code: cell(table, row, 'code'), name: cell(table, row, 'name') }))
    .filter((w) => w.code);
}
