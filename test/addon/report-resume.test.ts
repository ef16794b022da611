import { refreshMyProducts } from '../../addon/my-products-sheet';
import { refreshReportSources } from '../../addon/report-refresh';
import { MY_PRODUCTS_REPORT, reportSource } from '../../domain/reports/report-sources';
import { installAppsScriptGlobals, uninstallAppsScriptGlobals } from '../fakes/apps-script-globals';
import { startReportPageServer } from '../support/report-page-server';
import { connectTo, orderLinePages, page } from '../support/report-pages';

/** A refresh that would pass its run's time budget stops between pages and the next run continues. */
let stub: Awaited<ReturnType<typeof startReportPageServer>>;
beforeAll(async () => {
  stub = await startReportPageServer();
});
afterAll(async () => {
  await stub?.close();
});
afterEach(() => uninstallAppsScriptGlobals());

const ROUTES = {
  '/v1/reports/order-lines': orderLinePages([1, 2], [3, 4], [5, 6], [7, 8], [9]),
  '/v1/reports/stock-value': [page(reportSource('stock_value'), [{ warehouse: 'FR1', sku: 'A' }])],
  '/v1/reports/purchase-spend': [page(reportSource('purchase_spend'), [])],
};
const SOURCES = ['order_lines', 'stock_value', 'purchase_spend'] as const;

/** A clock that moves 100 s with every UrlFetch call (a slow server), injected into the refresh. */
function slowClock(env: ReturnType<typeof installAppsScriptGlobals>) {
  let now = 0;
  const fetch = env.urlFetch.fetch.bind(env.urlFetch);
  env.urlFetch.fetch = (url, params) => {
    now += 100_000;
    return fetch(url, params);
  };
  return () => now;
}

test('a run past its time budget stops between pages; the next run continues from the cursor', async () => {
  await stub.setRoutes(ROUTES);
  const env = installAppsScriptGlobals({ userEmail: 'boss@shop.test' });
  connectTo(env, stub.url);
  const now = slowClock(env);
  await stub.requests();
  const sheet = () => env.spreadsheet.getSheetByName('Report data')!;

  const first = refreshReportSources(env.spreadsheet.asSpreadsheet(), SOURCES, 'menu_report_refresh', { now });
  expect(first).toMatchObject({ ok: true, complete: false });
  expect(first.message).toBe(
    '6 rows written so far; run "Refresh report data" again to continue (each run has a time limit).',
  );
  expect(await stub.requests()).toEqual([
    '/v1/reports/order-lines?limit=10000&lang=en',
    '/v1/reports/order-lines?limit=10000&lang=en&after=1',
    '/v1/reports/order-lines?limit=10000&lang=en&after=2',
  ]);
  expect(sheet().getRange(2, 1, 6, 1).getValues().flat()).toEqual([
    'ORD-1',
    'ORD-2',
    'ORD-3',
    'ORD-4',
    'ORD-5',
    'ORD-6',
  ]);

  const second = refreshReportSources(env.spreadsheet.asSpreadsheet(), SOURCES, 'menu_report_refresh', { now });
  expect(second).toMatchObject({ ok: true, complete: false });
  const third = refreshReportSources(env.spreadsheet.asSpreadsheet(), SOURCES, 'menu_report_refresh', { now });
  expect(third).toMatchObject({
    ok: true,
    complete: true,
    rows: { order_lines: 9, stock_value: 1, purchase_spend: 0 },
  });
  expect((await stub.requests())[0]).toBe('/v1/reports/order-lines?limit=10000&lang=en&after=3');
  expect(
    sheet()
      .getDataRange()
      .getValues()
      .slice(1)
      .map((row) => row[0]),
  ).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `ORD-${n}`));
  expect(
    env.globals.PropertiesService.getDocumentProperties()
      .getKeys()
      .filter((k) => k.includes('progress')),
  ).toEqual([]);
});

test('a refresh left unfinished for more than 30 minutes starts over instead of mixing old and new rows', async () => {
  await stub.setRoutes(ROUTES);
  const env = installAppsScriptGlobals({ userEmail: 'boss@shop.test' });
  connectTo(env, stub.url);
  let late = 0;
  const clock = slowClock(env);
  const now = () => clock() + late;
  expect(refreshReportSources(env.spreadsheet.asSpreadsheet(), SOURCES, 'menu_report_refresh', { now })).toMatchObject({
    complete: false,
  });
  late = 31 * 60_000;
  await stub.requests();
  refreshReportSources(env.spreadsheet.asSpreadsheet(), SOURCES, 'menu_report_refresh', { now });
  expect((await stub.requests())[0]).toBe('/v1/reports/order-lines?limit=10000&lang=en');
});

test('a failure after some pages says where it stopped, and the next run continues there', async () => {
  await stub.setRoutes(ROUTES);
  const env = installAppsScriptGlobals({ userEmail: 'boss@shop.test', locale: 'zh_CN' });
  connectTo(env, stub.url);
  const now = () => 0; // a fixed clock: no budget or age comes into it
  const fetch = env.urlFetch.fetch.bind(env.urlFetch);
  let calls = 0;
  env.urlFetch.fetch = (url, params) => {
    calls += 1;
    if (calls === 3) env.urlFetch.failNext(2); // the third page fails, and its retry too
    return fetch(url, params);
  };
  const stopped = refreshReportSources(env.spreadsheet.asSpreadsheet(), SOURCES, 'menu_report_refresh', { now });
  expect(stopped.ok).toBe(false);
  expect(stopped.message).toMatch(/^写入 4 行后中断：.*请再次运行“刷新报表数据”从中断处继续。$/);
  await stub.requests();
  const resumed = refreshReportSources(env.spreadsheet.asSpreadsheet(), SOURCES, 'menu_report_refresh', { now });
  expect(resumed).toMatchObject({ ok: true, complete: true, rows: { order_lines: 9 } });
  expect((await stub.requests())[0]).toBe('/v1/reports/order-lines?limit=10000&lang=zh&after=2');
  expect(env.spreadsheet.getSheetByName('报表数据')!.getLastRow()).toBe(10);
});

test('My products gets a basic filter once; what a person filtered on stays across refreshes', async () => {
  const mine = (skus: string[]) => [
    page(
      MY_PRODUCTS_REPORT,
      skus.map((sku) => ({ sku, units_7d: 3, revenue_30d: '99.90' })),
    ),
  ];
  await stub.setRoutes({ '/v1/reports/my-products': mine(['A', 'B', 'C']) });
  const env = installAppsScriptGlobals({ userEmail: 'sales@shop.test' });
  connectTo(env, stub.url);
  expect(refreshMyProducts(env.spreadsheet.asSpreadsheet())).toMatchObject({ ok: true, rows: { my_products: 3 } });
  const sheet = env.spreadsheet.getSheetByName('My products')!;
  expect(sheet.getFilter()!.getRange().getA1Notation()).toBe('A1:N4');
  const criteria = env.globals.SpreadsheetApp.newFilterCriteria().whenNumberGreaterThan(1).build();
  sheet.getFilter()!.setColumnFilterCriteria(7, criteria);

  await stub.setRoutes({ '/v1/reports/my-products': mine(['A', 'B', 'C', 'D', 'E']) });
  refreshMyProducts(env.spreadsheet.asSpreadsheet());
  expect(sheet.getFilter()!.getRange().getA1Notation()).toBe('A1:N6');
  expect(sheet.getFilter()!.getColumnFilterCriteria(7)).toBe(criteria);
  expect(sheet.getRange(2, 1, 5, 1).getValues().flat()).toEqual(['A', 'B', 'C', 'D', 'E']);
  expect(sheet.getRange(2, 10).getValue()).toBe(99.9);

  await stub.setRoutes({
    '/v1/reports/my-products': { status: 403, body: { error: { code: 'forbidden', message: 'No' } } },
  });
  const refused = refreshMyProducts(env.spreadsheet.asSpreadsheet());
  expect(refused.ok).toBe(false);
  expect(sheet.getFilter()!.getRange().getA1Notation()).toBe('A1:N6');
});
