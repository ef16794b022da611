import type { sheets_v4 } from '@googleapis/sheets';
import type { Lang } from '../../domain/i18n/lang';
import type { PivotGroupSpec, PivotSpec, PivotValueSpec } from '../../domain/reports/pivot-specs';
import { reportSource, type ReportSource } from '../../domain/reports/report-sources';

/**
 * PIVOT_SPECS as Sheets API v4 pivot tables (docs/reports.md, "The publisher"). The source is the data
 * sheet's whole columns (no end row): the publisher sizes that sheet to its rows, so the pivot covers
 * exactly the data, also as it grows.
 */
export function pivotTableFor(spec: PivotSpec, dataSheetId: number, lang: Lang): sheets_v4.Schema$PivotTable {
  const source = reportSource(spec.source);
  const table: sheets_v4.Schema$PivotTable = {
    source: { sheetId: dataSheetId, startRowIndex: 0, startColumnIndex: 0, endColumnIndex: source.columns.length },
    rows: spec.rows.map((group) => pivotGroup(group, source)),
    columns: spec.columns.map((group) => pivotGroup(group, source)),
    values: spec.values.map((value) => pivotValue(value, source, lang)),
    valueLayout: 'HORIZONTAL',
  };
  if (spec.filters?.length) {
    table.filterSpecs = spec.filters.map((filter) => ({
      columnOffsetIndex: offsetOf(source, filter.column),
      filterCriteria: {
        condition: { type: 'NUMBER_LESS_THAN_EQ', values: [{ userEnteredValue: String(filter.atMost) }] },
      },
    }));
  }
  return table;
}

/** Writes the pivot at A1 of its own sheet; `fields: 'pivotTable'` touches nothing else in that cell. */
export function pivotRequest(
  spec: PivotSpec,
  pivotSheetId: number,
  dataSheetId: number,
  lang: Lang,
): sheets_v4.Schema$Request {
  return {
    updateCells: {
      start: { sheetId: pivotSheetId, rowIndex: 0, columnIndex: 0 },
      rows: [{ values: [{ pivotTable: pivotTableFor(spec, dataSheetId, lang) }] }],
      fields: 'pivotTable',
    },
  };
}

function pivotGroup(group: PivotGroupSpec, source: ReportSource): sheets_v4.Schema$PivotGroup {
  const out: sheets_v4.Schema$PivotGroup = {
    sourceColumnOffset: offsetOf(source, group.column),
    showTotals: true,
    sortOrder: group.sortByValue === undefined ? 'ASCENDING' : 'DESCENDING',
  };
  if (group.dateGroup === 'YEAR_MONTH') out.groupRule = { dateTimeRule: { type: 'YEAR_MONTH' } };
  if (group.sortByValue !== undefined) out.valueBucket = { valuesIndex: group.sortByValue };
  if (group.limit !== undefined) out.groupLimit = { countLimit: group.limit };
  return out;
}

function pivotValue(value: PivotValueSpec, source: ReportSource, lang: Lang): sheets_v4.Schema$PivotValue {
  if ('ratio' in value) {
    // A calculated field names source columns by their header; a zero denominator shows empty, not #DIV/0!.
    const field = (key: string) => `'${headerOf(source, key, lang).replace(/'/g, "''")}'`;
    return {
      name: value.name[lang],
      summarizeFunction: 'CUSTOM',
      formula: `=IFERROR(SUM(${field(value.ratio.numerator)})/SUM(${field(value.ratio.denominator)}),"")`,
    };
  }
  return {
    name: value.name[lang],
    sourceColumnOffset: offsetOf(source, value.column),
    summarizeFunction: value.summarize,
  };
}

function offsetOf(source: ReportSource, key: string): number {
  const index = source.columns.findIndex((column) => column.key === key);
  if (index < 0) throw new Error(`pivot spec names ${key}, which ${source.id} does not have`);
  return index;
}

function headerOf(source: ReportSource, key: string, lang: Lang): string {
  return source.columns[offsetOf(source, key)]!.header[lang];
}
