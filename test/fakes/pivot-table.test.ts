/// <reference types="google-apps-script" />
import { createAppsScriptGlobals } from './apps-script-globals';
import type { FakePivotTable } from './pivot-table';

function newEnv() {
  const env = createAppsScriptGlobals({ timeZone: 'Asia/Shanghai' });
  const app = env.globals.SpreadsheetApp;
  const data = app.getActiveSpreadsheet().getSheets()[0]!;
  data.getRange(1, 1, 3, 3).setValues([
    ['Day', 'Country', 'Profit'],
    [new Date('2026-01-02T00:00:00Z'), 'FR', 3],
    [new Date('2026-02-02T00:00:00Z'), 'DE', 4],
  ]);
  const reports = app.getActiveSpreadsheet().insertSheet('Reports');
  return { env, app, data, reports };
}

describe('pivot tables', () => {
  test('a pivot table reads back its groups, values, date grouping, sort, limit and filters', () => {
    const { app, data, reports } = newEnv();
    const table = reports.getRange('B3').createPivotTable(data.getRange('A1:C3'));
    const month = table.addRowGroup(1).setDateTimeGroupingRule(app.DateTimeGroupingRuleType.YEAR_MONTH);
    table.addColumnGroup(2);
    const sum = table.addPivotValue(3, app.PivotTableSummarizeFunction.SUM).setDisplayName('Profit');
    const ratio = table.addCalculatedPivotValue('Half', "=SUM('Profit')/2");
    month.sortBy(sum, []).sortDescending().setGroupLimit(20);
    table.addFilter(3, app.newFilterCriteria().whenNumberLessThanOrEqualTo(0).build());

    expect(reports.getPivotTables()).toEqual([table]);
    expect(table.getAnchorCell().getA1Notation()).toBe('B3');
    expect(table.getSourceDataRange().getA1Notation()).toBe('A1:C3');
    expect(String(table.getRowGroups()[0]!.getDateTimeGroupingRule()!.getRuleType())).toBe('YEAR_MONTH');
    expect(table.getRowGroups()[0]!.isSortAscending()).toBe(false);
    expect(table.getRowGroups()[0]!.getGroupLimit()!.getCountLimit()).toBe(20);
    expect(table.getColumnGroups().map((g) => g.getSourceDataColumn())).toEqual([2]);
    expect(table.getPivotValues().map((v) => [String(v.getSummarizedBy()), v.getFormula()])).toEqual([
      ['SUM', null],
      ['CUSTOM', "=SUM('Profit')/2"],
    ]);
    expect(ratio.getPivotTable()).toBe(table);
    const [filter] = table.getFilters();
    expect([filter!.getSourceDataColumn(), String(filter!.getFilterCriteria().getCriteriaType())]).toEqual([
      3,
      'NUMBER_LESS_THAN_OR_EQUAL_TO',
    ]);
  });

  test('columns outside the source, foreign values and bad limits are refused', () => {
    const { app, data, reports } = newEnv();
    const table = reports.getRange('A1').createPivotTable(data.getRange('B1:C3'));
    expect(() => table.addRowGroup(1)).toThrow('Invalid argument: sourceDataColumn');
    expect(() => table.addPivotValue(4, app.PivotTableSummarizeFunction.SUM)).toThrow('sourceDataColumn');
    const other = reports.getRange('H1').createPivotTable(data.getRange('A1:C3'));
    const foreign = other.addPivotValue(3, app.PivotTableSummarizeFunction.SUM);
    expect(() => table.addRowGroup(2).sortBy(foreign, [])).toThrow('Invalid argument: value');
    expect(() => table.addRowGroup(2).setGroupLimit(0)).toThrow('countLimit');
    expect(() => table.addCalculatedPivotValue('x', 'SUM(1)')).toThrow('formula');
  });

  test('a new pivot at the same anchor replaces the old; remove() takes it off the sheet', () => {
    const { data, reports } = newEnv();
    const first = reports.getRange('A1').createPivotTable(data.getRange('A1:C3'));
    const second = reports.getRange('A1:B2').createPivotTable(data.getRange('A1:C3'));
    expect(reports.getPivotTables()).toEqual([second]);
    expect(reports.getPivotTables()).not.toContain(first);
    second.remove();
    expect(reports.getPivotTables()).toEqual([]);
  });

  test('the source grows with rows inserted inside it, shrinks with rows deleted; the anchor moves', () => {
    const { data, reports } = newEnv();
    const table = reports.getRange('A5').createPivotTable(data.getRange(1, 1, 3, 3));
    data.insertRowsBefore(3, 10);
    expect(table.getSourceDataRange().getA1Notation()).toBe('A1:C13');
    data.insertRowsAfter(13, 5); // after the last row of the range: not in it
    expect(table.getSourceDataRange().getA1Notation()).toBe('A1:C13');
    data.deleteRows(4, 10);
    expect(table.getSourceDataRange().getA1Notation()).toBe('A1:C3');
    reports.insertRowsBefore(2, 3);
    expect(table.getAnchorCell().getA1Notation()).toBe('A8');
    expect((table as unknown as FakePivotTable).sourceSheet).toBe(data);
  });
});

describe('charts and the basic filter', () => {
  test('a chart is built with its type, ranges, position and options, and gets an id when inserted', () => {
    const { reports } = newEnv();
    const builder = reports.newChart().asColumnChart().addRange(reports.getRange('A1:B5')).setPosition(3, 8, 0, 0);
    const chart = builder.setOption('title', 'Profit').build();
    expect(chart.getChartId()).toBeNull();
    reports.insertChart(chart);
    const [inserted] = reports.getCharts();
    expect(inserted!.getChartId()).toEqual(expect.any(Number));
    expect(inserted!.getOptions().get('title')).toBe('Profit');
    expect(inserted!.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:B5']);
    expect([inserted!.getContainerInfo().getAnchorRow(), inserted!.getContainerInfo().getAnchorColumn()]).toEqual([
      3, 8,
    ]);
    reports.removeChart(inserted!);
    expect(reports.getCharts()).toEqual([]);
    expect(() => reports.removeChart(inserted!)).toThrow('Invalid argument: chart');
    expect(() => reports.newChart().asPieChart().build()).toThrow('no data ranges');
  });

  test('one basic filter per sheet, over a range that moves with rows, keeping its criteria', () => {
    const { app, data } = newEnv();
    const filter = data.getRange('A1:C3').createFilter();
    expect(() => data.getRange('A1:C3').createFilter()).toThrow('already has a filter');
    const criteria = app.newFilterCriteria().whenTextEqualTo('FR').build();
    filter.setColumnFilterCriteria(2, criteria);
    expect(() => filter.setColumnFilterCriteria(5, criteria)).toThrow('out of bounds');
    data.insertRowsBefore(3, 2);
    expect(data.getFilter()!.getRange().getA1Notation()).toBe('A1:C5');
    expect(data.getFilter()!.getColumnFilterCriteria(2)).toBe(criteria);
    filter.remove();
    expect(data.getFilter()).toBeNull();
  });
});

test('Utilities.parseDate reads a day as midnight in the given time zone', () => {
  const { env } = newEnv();
  const utilities = env.globals.Utilities;
  expect(utilities.parseDate('2026-03-05', 'Asia/Shanghai', 'yyyy-MM-dd').toISOString()).toBe(
    '2026-03-04T16:00:00.000Z',
  );
  expect(utilities.parseDate('2026-03-05 10:30', 'UTC', 'yyyy-MM-dd HH:mm').toISOString()).toBe(
    '2026-03-05T10:30:00.000Z',
  );
  expect(() => utilities.parseDate('05/03/2026', 'UTC', 'yyyy-MM-dd')).toThrow('Unparseable date');
});
