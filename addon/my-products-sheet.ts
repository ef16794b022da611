import { MY_PRODUCTS_REPORT } from '../domain/reports/report-sources';
import { dataSheet, refreshReportSources, type RefreshOptions, type RefreshOutcome } from './report-refresh';
import { sheetLang } from './sheet-language';

/**
 * "Refresh My products": sales' own SKUs from `/v1/reports/my-products`, written by the same writer as
 * the report data, with a basic filter over the sheet so a person can sort and filter. The filter is made
 * once; it grows and shrinks with the rows (they are inserted and deleted inside it), and the criteria a
 * person set on it stay.
 */
export function refreshMyProducts(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  options: RefreshOptions = {},
): RefreshOutcome {
  const outcome = refreshReportSources(spreadsheet, ['my_products'], 'menu_my_products', options);
  if (!outcome.complete) return outcome;
  const sheet = dataSheet(spreadsheet, MY_PRODUCTS_REPORT, sheetLang(spreadsheet));
  const width = MY_PRODUCTS_REPORT.columns.length;
  const filter = sheet.getFilter();
  const range = filter?.getRange();
  const covers =
    range &&
    range.getRow() === 1 &&
    range.getColumn() === 1 &&
    range.getNumColumns() === width &&
    range.getLastRow() === sheet.getMaxRows();
  if (filter && !covers) filter.remove();
  if (!filter || !covers) sheet.getRange(1, 1, sheet.getMaxRows(), width).createFilter();
  sheet.activate();
  return outcome;
}
