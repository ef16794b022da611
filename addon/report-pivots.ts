import type { Lang } from '../domain/i18n/lang';
import { PIVOT_SPECS, type PivotGroupSpec, type PivotSpec, type PivotValueSpec } from '../domain/reports/pivot-specs';
import { reportSource, type ReportSource } from '../domain/reports/report-sources';
import { dataSheet } from './report-refresh';
import { reportText } from './report-text';
import { finishSheet, writeHeader } from './report-writer';
import { sheetLang } from './sheet-language';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type PivotTable = GoogleAppsScript.Spreadsheet.PivotTable;

/**
 * Where each pivot goes on the Reports sheet: one band per pivot, top to bottom, the title in the band's
 * first row and the pivot anchored in column A under it. Bands are tall enough for ten years of months;
 * the out-of-stock list, which grows with the SKUs, comes last. These anchors are how "Build reports"
 * knows its own pivots again: any other pivot (another cell, another sheet) is the boss's and stays.
 */
const BAND_ROWS: Record<string, number> = {
  profit_by_month_country: 130,
  margin_by_month: 130,
  profit_by_channel: 30,
  top_skus: 30,
  orders_by_status: 20,
  inventory_value: 40,
  purchase_spend: 80,
  out_of_stock: 40,
};
/** Columns left for a pivot with column groups (countries, months) before its chart. */
const WIDE_PIVOT_COLUMNS = 26;
const CHARTS_KEY = 'crossdock.reports.charts';

export type PivotPlace = { spec: PivotSpec; titleRow: number; anchorRow: number; chartColumn: number };

export function pivotLayout(): PivotPlace[] {
  let row = 1;
  return PIVOT_SPECS.map((spec) => {
    const place = { spec, titleRow: row, anchorRow: row + 1, chartColumn: pivotWidth(spec) + 2 };
    row += BAND_ROWS[spec.id] ?? 40;
    return place;
  });
}

function pivotWidth(spec: PivotSpec): number {
  return spec.rows.length + (spec.columns.length > 0 ? WIDE_PIVOT_COLUMNS : spec.values.length);
}

/** The source column of a report key: its position in the source (the data sheet starts at column A). */
function columnOf(source: ReportSource, key: string): number {
  const index = source.columns.findIndex((column) => column.key === key);
  if (index < 0) throw new Error(`Report source ${source.id} has no column ${key}`);
  return index + 1;
}

/** A calculated field names source columns by their header; quoted, so headers with spaces work. */
function fieldName(header: string): string {
  return `'${header.replace(/'/g, "''")}'`;
}

function addGroup(table: PivotTable, source: ReportSource, spec: PivotGroupSpec, asRow: boolean) {
  const group = asRow
    ? table.addRowGroup(columnOf(source, spec.column))
    : table.addColumnGroup(columnOf(source, spec.column));
  if (spec.dateGroup === 'YEAR_MONTH')
    group.setDateTimeGroupingRule(SpreadsheetApp.DateTimeGroupingRuleType.YEAR_MONTH);
  return group;
}

function addValue(table: PivotTable, source: ReportSource, headers: string[], spec: PivotValueSpec, lang: Lang) {
  if ('ratio' in spec) {
    const numerator = fieldName(headers[columnOf(source, spec.ratio.numerator) - 1]!);
    const denominator = fieldName(headers[columnOf(source, spec.ratio.denominator) - 1]!);
    return table.addCalculatedPivotValue(spec.name[lang], `=IFERROR(SUM(${numerator})/SUM(${denominator}),"")`);
  }
  const summarize = SpreadsheetApp.PivotTableSummarizeFunction[spec.summarize];
  return table.addPivotValue(columnOf(source, spec.column), summarize).setDisplayName(spec.name[lang]);
}

/** One pivot of PIVOT_SPECS: groups, values, sort and limits, filters; anchored at `anchor`. */
function createPivot(anchor: GoogleAppsScript.Spreadsheet.Range, data: Sheet, spec: PivotSpec, lang: Lang): PivotTable {
  const source = reportSource(spec.source);
  // The pivot reads the data sheet's full height: the refresh grows and shrinks that sheet to its data,
  // inserting inside this range, so the pivot follows the data without being rebuilt.
  const width = source.columns.length;
  const table = anchor.createPivotTable(data.getRange(1, 1, data.getMaxRows(), width));
  const headers = data.getRange(1, 1, 1, width).getDisplayValues()[0]!.map(String);
  const rows = spec.rows.map((group) => addGroup(table, source, group, true));
  const columns = spec.columns.map((group) => addGroup(table, source, group, false));
  const values = spec.values.map((value) => addValue(table, source, headers, value, lang));
  [
    ...spec.rows.map((g, i) => [g, rows[i]!] as const),
    ...spec.columns.map((g, i) => [g, columns[i]!] as const),
  ].forEach(([groupSpec, group]) => {
    if (groupSpec.sortByValue !== undefined) group.sortBy(values[groupSpec.sortByValue]!, []).sortDescending();
    if (groupSpec.limit !== undefined) group.setGroupLimit(groupSpec.limit);
  });
  for (const filter of spec.filters ?? [])
    table.addFilter(
      columnOf(source, filter.column),
      SpreadsheetApp.newFilterCriteria().whenNumberLessThanOrEqualTo(filter.atMost).build(),
    );
  return table;
}

/** A chart over the pivot's area: the row labels and the summed values (a ratio would flatten the scale). */
function insertChart(sheet: Sheet, place: PivotPlace, lang: Lang): number | null {
  const { spec } = place;
  if (!spec.chart) return null;
  const height = (BAND_ROWS[spec.id] ?? 40) - 2;
  const labels = sheet.getRange(place.anchorRow, 1, height, spec.rows.length);
  const summed = spec.values.filter((value) => !('ratio' in value)).length;
  const seriesWidth = spec.columns.length > 0 ? WIDE_PIVOT_COLUMNS : spec.chart === 'PIE' ? 1 : summed;
  // A pie shows one series: the last summed value (profit).
  const firstSeries = spec.rows.length + 1 + (spec.chart === 'PIE' ? summed - 1 : 0);
  const series = sheet.getRange(place.anchorRow, firstSeries, height, seriesWidth);
  const builder = sheet.newChart();
  const typed =
    spec.chart === 'COLUMN'
      ? builder.asColumnChart()
      : spec.chart === 'LINE'
        ? builder.asLineChart()
        : spec.chart === 'BAR'
          ? builder.asBarChart()
          : builder.asPieChart();
  const before = new Set(sheet.getCharts().map((chart) => chart.getChartId()));
  sheet.insertChart(
    typed
      .addRange(labels)
      .addRange(series)
      .setPosition(place.anchorRow, place.chartColumn, 0, 0)
      .setOption('title', spec.title[lang])
      .build(),
  );
  return (
    sheet
      .getCharts()
      .map((chart) => chart.getChartId())
      .find((id) => id !== null && !before.has(id)) ?? null
  );
}

function reportsSheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang): Sheet {
  return (
    spreadsheet.getSheetByName(reportText('en', 'sheet_reports')) ??
    spreadsheet.getSheetByName(reportText('zh', 'sheet_reports')) ??
    spreadsheet.insertSheet(reportText(lang, 'sheet_reports'))
  );
}

/**
 * Removes what an earlier "Build reports" made: the pivots at its anchors, or under one of its titles (rows
 * the boss inserted above move both), and the charts it remembers by id. A title left behind by a moved
 * pivot is cleared.
 */
function removeOurs(sheet: Sheet, layout: PivotPlace[], chartIds: number[]): void {
  const anchors = new Set(layout.map((place) => `${place.anchorRow}:1`));
  const titles = new Set(layout.flatMap((place) => [place.spec.title.en, place.spec.title.zh]));
  for (const table of sheet.getPivotTables()) {
    const cell = table.getAnchorCell();
    const atAnchor = anchors.has(`${cell.getRow()}:${cell.getColumn()}`);
    const title = cell.getRow() > 1 ? cell.offset(-1, 0, 1, 1) : null;
    const underTitle = title !== null && titles.has(String(title.getValue()));
    if (!atAnchor && !underTitle) continue;
    table.remove();
    if (!atAnchor) title!.clearContent();
  }
  const ours = new Set(chartIds);
  for (const chart of sheet.getCharts()) if (ours.has(chart.getChartId() ?? -1)) sheet.removeChart(chart);
}

export type BuildOutcome = { ok: boolean; message: string; pivots: number; charts: number };

/**
 * "Build reports": the Reports sheet with the pivots of PIVOT_SPECS (titles, groups, YEAR_MONTH date
 * grouping, calculated margin, filters) and their charts. Run again, it replaces only what it made.
 * Needs no server: it reads the data sheets' headers (written here when a data sheet is new).
 */
export function buildReports(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): BuildOutcome {
  const lang = sheetLang(spreadsheet);
  const properties = PropertiesService.getDocumentProperties();
  const chartIds = JSON.parse(properties.getProperty(CHARTS_KEY) ?? '[]') as number[];
  const layout = pivotLayout();
  const sheet = reportsSheet(spreadsheet, lang);
  removeOurs(sheet, layout, chartIds);
  const lastBand = layout[layout.length - 1]!;
  const needRows = lastBand.anchorRow + (BAND_ROWS[lastBand.spec.id] ?? 40);
  if (sheet.getMaxRows() < needRows) sheet.insertRowsAfter(sheet.getMaxRows(), needRows - sheet.getMaxRows());
  const needColumns = Math.max(...layout.map((place) => place.chartColumn)) + 8;
  if (sheet.getMaxColumns() < needColumns)
    sheet.insertColumnsAfter(sheet.getMaxColumns(), needColumns - sheet.getMaxColumns());

  let empty = false;
  const newCharts: number[] = [];
  for (const place of layout) {
    const source = reportSource(place.spec.source);
    const data = dataSheet(spreadsheet, source, lang);
    const header = data.getRange(1, 1, 1, source.columns.length).getDisplayValues()[0]!;
    if (header.every((cell) => cell === '')) {
      // A new data sheet: its header (the pivot names fields by it) and one empty row, ready for the refresh.
      writeHeader(data, source, lang);
      finishSheet(data, source, 0);
    }
    if (data.getLastRow() < 2) empty = true;
    sheet.getRange(place.titleRow, 1).setValue(place.spec.title[lang]).setFontWeight('bold');
    createPivot(sheet.getRange(place.anchorRow, 1), data, place.spec, lang);
    const chartId = insertChart(sheet, place, lang);
    if (chartId !== null) newCharts.push(chartId);
  }
  properties.setProperty(CHARTS_KEY, JSON.stringify(newCharts));
  sheet.activate();
  const built = reportText(lang, 'reports_built', {
    pivots: layout.length,
    charts: newCharts.length,
    sheet: sheet.getName(),
  });
  return {
    ok: true,
    message: empty ? `${built} ${reportText(lang, 'reports_no_data')}` : built,
    pivots: layout.length,
    charts: newCharts.length,
  };
}
