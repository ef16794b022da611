import { PIVOT_SPECS } from '../../domain/reports/pivot-specs';
import { reportSource } from '../../domain/reports/report-sources';
import { createAppsScriptGlobals, type AppsScriptEnvironment } from '../fakes/apps-script-globals';
import type { FakeEmbeddedChart, FakePivotTable } from '../fakes/spreadsheet-app';
import { loadBundle } from '../support/addon-harness';
import { startReportPageServer } from '../support/report-page-server';
import { connectTo, orderLinePages, page } from '../support/report-pages';

/** "Build reports" in the built bundle: the pivots of PIVOT_SPECS, their charts, and the boss's own left alone. */
let stub: Awaited<ReturnType<typeof startReportPageServer>>;
beforeAll(async () => {
  stub = await startReportPageServer({
    '/v1/reports/order-lines': orderLinePages([1, 2, 3]),
    '/v1/reports/stock-value': [page(reportSource('stock_value'), [{ warehouse: 'FR1', sku: 'A', available: 0 }])],
    '/v1/reports/purchase-spend': [page(reportSource('purchase_spend'), [])],
  });
});
afterAll(async () => {
  await stub?.close();
});

function boss(locale = 'en_US'): AppsScriptEnvironment {
  const env = createAppsScriptGlobals({ userEmail: 'boss@shop.test', locale });
  connectTo(env, stub.url);
  return env;
}

const pivotsOf = (env: AppsScriptEnvironment, sheet: string) =>
  env.spreadsheet.sheet(sheet).pivotTables as FakePivotTable[];

/** What a pivot is, as Apps Script reads it back, in terms of report keys. */
function definition(table: FakePivotTable) {
  const keys = reportSource(
    table.sourceSheet.getName().startsWith('Stock') || table.sourceSheet.getName().startsWith('库存')
      ? 'stock_value'
      : table.sourceSheet.getName().startsWith('Purchase') || table.sourceSheet.getName().startsWith('采购')
        ? 'purchase_spend'
        : 'order_lines',
  ).columns.map((c) => c.key);
  const key = (column: number) => keys[column - 1];
  const group = (g: FakePivotTable['rowGroups'][number]) => ({
    column: key(g.sourceDataColumn),
    ...(g.dateTimeRule ? { dateGroup: g.dateTimeRule } : {}),
    ...(g.sortValue ? { sortByValue: table.values.indexOf(g.sortValue.value), descending: !g.ascending } : {}),
    ...(g.groupLimit !== null ? { limit: g.groupLimit } : {}),
  });
  return {
    anchor: table.getAnchorCell().getA1Notation(),
    source: table.getSourceDataRange().getA1Notation(),
    rows: table.rowGroups.map(group),
    columns: table.columnGroups.map(group),
    values: table.values.map((v) =>
      v.formula
        ? { name: v.displayName, formula: v.formula }
        : { name: v.displayName, column: key(v.sourceDataColumn!), summarize: v.summarizedBy },
    ),
    filters: table.filters.map((f) => ({
      column: key(f.sourceDataColumn),
      criteria: String(f.criteria.getCriteriaType()),
      values: f.criteria.getCriteriaValues(),
    })),
  };
}

test('Build reports makes the pivots PIVOT_SPECS describe, with titles, date grouping, calculated margin and charts', () => {
  const env = boss();
  const { run } = loadBundle(env);
  run('refreshReportData');
  const outcome = run('buildReports');
  expect(outcome).toMatchObject({
    ok: true,
    pivots: PIVOT_SPECS.length,
    charts: PIVOT_SPECS.filter((s) => s.chart).length,
  });
  const tables = pivotsOf(env, 'Reports');
  expect(tables).toHaveLength(PIVOT_SPECS.length);
  const reports = env.spreadsheet.sheet('Reports');
  PIVOT_SPECS.forEach((spec, i) => {
    const got = definition(tables[i]!);
    const row = tables[i]!.anchor.row;
    expect(reports.getRange(row - 1, 1).getValue()).toBe(spec.title.en);
    expect(got.rows).toEqual(
      spec.rows.map((g) => ({
        column: g.column,
        ...(g.dateGroup ? { dateGroup: g.dateGroup } : {}),
        ...(g.sortByValue !== undefined ? { sortByValue: g.sortByValue, descending: true } : {}),
        ...(g.limit !== undefined ? { limit: g.limit } : {}),
      })),
    );
    expect(got.columns).toEqual(
      spec.columns.map((g) => ({ column: g.column, ...(g.dateGroup ? { dateGroup: g.dateGroup } : {}) })),
    );
    expect(got.values.map((v) => v.name)).toEqual(spec.values.map((v) => v.name.en));
    spec.values.forEach((v, j) => {
      if ('ratio' in v)
        expect(got.values[j]).toEqual({ name: 'Margin', formula: `=IFERROR(SUM('Profit')/SUM('Revenue'),"")` });
      else expect(got.values[j]).toMatchObject({ column: v.column, summarize: v.summarize });
    });
    expect(got.filters).toEqual(
      (spec.filters ?? []).map((f) => ({
        column: f.column,
        criteria: 'NUMBER_LESS_THAN_OR_EQUAL_TO',
        values: [f.atMost],
      })),
    );
  });
  // Each source is the data sheet's full height and width.
  expect(definition(tables[0]!).source).toBe('A1:V4');
  const charts = reports.charts as FakeEmbeddedChart[];
  expect(charts.map((c) => [c.type, c.getOptions().get('title')])).toEqual(
    PIVOT_SPECS.filter((s) => s.chart).map((s) => [s.chart, s.title.en]),
  );
  expect(charts.every((c) => c.getRanges().every((r) => r.getSheet().getName() === 'Reports'))).toBe(true);
});

test("Build reports again replaces only its own pivots and charts; the boss's stay, wherever they are", () => {
  const env = boss();
  const { run } = loadBundle(env);
  run('refreshReportData');
  run('buildReports');
  const data = env.spreadsheet.getSheetByName('Report data')!;
  const reports = env.spreadsheet.getSheetByName('Reports')!;
  // The boss's own: a pivot on the Reports sheet (beside ours), one on a sheet of their own, and a chart.
  const mine = reports.getRange('AG2').createPivotTable(data.getRange('A1:V4'));
  mine.addRowGroup(5);
  const elsewhere = env.spreadsheet.insertSheet('My analysis').getRange('B2').createPivotTable(data.getRange('A1:V4'));
  elsewhere.addRowGroup(6);
  reports.insertChart(
    reports.newChart().asPieChart().addRange(reports.getRange('AG2:AH9')).setPosition(2, 60, 0, 0).build(),
  );
  const before = pivotsOf(env, 'Reports').map(definition);
  const chartsBefore = reports.getCharts().length;

  run('buildReports');
  const after = pivotsOf(env, 'Reports');
  expect(after).toHaveLength(PIVOT_SPECS.length + 1);
  expect(after.map(definition).sort((a, b) => a.anchor.localeCompare(b.anchor))).toEqual(
    before.sort((a, b) => a.anchor.localeCompare(b.anchor)),
  );
  expect(after).toContain(mine);
  expect(pivotsOf(env, 'My analysis')).toEqual([elsewhere]);
  expect(reports.getCharts()).toHaveLength(chartsBefore);
  expect(reports.getCharts().some((c) => c.getContainerInfo().getAnchorColumn() === 60)).toBe(true);
});

test('rows the boss inserted above the reports do not make a second set of ours', () => {
  const env = boss();
  const { run } = loadBundle(env);
  run('buildReports');
  const anchors = pivotsOf(env, 'Reports').map((t) => t.getAnchorCell().getA1Notation());
  const reports = env.spreadsheet.getSheetByName('Reports')!;
  reports.insertRowsBefore(1, 3);
  reports.getRange('D1').setValue('Q3 review');
  run('buildReports');
  const tables = pivotsOf(env, 'Reports');
  expect(tables.map((t) => t.getAnchorCell().getA1Notation())).toEqual(anchors);
  expect(reports.getRange('D1').getValue()).toBe('Q3 review');
  // The moved titles are gone; each title sits right above its pivot again.
  const titles = reports
    .getRange(1, 1, reports.getLastRow(), 1)
    .getValues()
    .flat()
    .filter((v) => v !== '');
  expect(titles).toEqual(PIVOT_SPECS.map((s) => s.title.en));
  for (const [i, table] of tables.entries())
    expect(reports.getRange(table.anchor.row - 1, 1).getValue()).toBe(PIVOT_SPECS[i]!.title.en);
});

test('a pivot follows its data sheet when a later refresh brings more rows or fewer', async () => {
  const env = boss();
  const { run } = loadBundle(env);
  run('buildReports'); // before any data: headers only
  expect(definition(pivotsOf(env, 'Reports')[0]!).source).toBe('A1:V2');
  run('refreshReportData');
  expect(definition(pivotsOf(env, 'Reports')[0]!).source).toBe('A1:V4');
  await stub.setRoutes({
    '/v1/reports/order-lines': orderLinePages([1, 2, 3, 4, 5, 6], [7, 8, 9]),
    '/v1/reports/stock-value': [page(reportSource('stock_value'), [])],
    '/v1/reports/purchase-spend': [page(reportSource('purchase_spend'), [])],
  });
  run('refreshReportData');
  expect(definition(pivotsOf(env, 'Reports')[0]!).source).toBe('A1:V10');
  await stub.setRoutes({
    '/v1/reports/order-lines': orderLinePages([1, 2]),
    '/v1/reports/stock-value': [page(reportSource('stock_value'), [])],
    '/v1/reports/purchase-spend': [page(reportSource('purchase_spend'), [])],
  });
  run('refreshReportData');
  expect(definition(pivotsOf(env, 'Reports')[0]!).source).toBe('A1:V3');
});

test('in a Chinese spreadsheet the titles, value names and the margin formula use the Chinese headers', () => {
  const env = boss('zh_CN');
  const { run } = loadBundle(env);
  run('buildReports');
  const tables = pivotsOf(env, '报表');
  expect(tables).toHaveLength(PIVOT_SPECS.length);
  const margin = definition(tables[1]!);
  expect(margin.values).toEqual([
    { name: '销售额', column: 'revenue', summarize: 'SUM' },
    { name: '利润', column: 'profit', summarize: 'SUM' },
    { name: '利润率', formula: `=IFERROR(SUM('利润')/SUM('销售额'),"")` },
  ]);
  expect(
    env.spreadsheet
      .sheet('报表')
      .getRange(tables[0]!.anchor.row - 1, 1)
      .getValue(),
  ).toBe('按月份和国家的利润');
  expect(env.spreadsheet.sheet('报表数据').getRange(1, 1, 1, 3).getValues()[0]).toEqual(['订单号', '行号', '下单日期']);
});
