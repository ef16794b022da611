import { ORDER_LINE_REPORT, PURCHASE_SPEND_REPORT, STOCK_VALUE_REPORT } from '../../domain/reports/report-sources';
import { createAppsScriptGlobals, type AppsScriptEnvironment } from '../fakes/apps-script-globals';
import { loadBundle } from '../support/addon-harness';
import { startReportPageServer } from '../support/report-page-server';
import { connectTo, orderLine, orderLinePages, page } from '../support/report-pages';

/** "Refresh report data" in the built bundle, against a stand-in answering the report contract's pages. */
let stub: Awaited<ReturnType<typeof startReportPageServer>>;
beforeAll(async () => {
  stub = await startReportPageServer();
});
afterAll(async () => {
  await stub?.close();
});

const isDate = (value: unknown) => Object.prototype.toString.call(value) === '[object Date]';
const STOCK = page(STOCK_VALUE_REPORT, [
  { warehouse: 'FR1', sku: 'SKU-1', on_hand: 5, available: 0, waiting: 3, unit_cost: '4.10', value: '20.50' },
]);
const SPEND = page(PURCHASE_SPEND_REPORT, [
  { po_no: 'PO-1', line_no: 1, supplier: 'Yiwu', received_on: '2026-02-03', qty: 10, spend: '41.00' },
]);

function boss(locale = 'en_US'): AppsScriptEnvironment {
  const env = createAppsScriptGlobals({ userEmail: 'boss@shop.test', locale, timeZone: 'Asia/Shanghai' });
  connectTo(env, stub.url);
  return env;
}

function values(env: AppsScriptEnvironment, name: string) {
  return env.spreadsheet.getSheetByName(name)!.getDataRange().getValues();
}

test('refresh writes real dates, numbers, and text that stays text, page after page by cursor', async () => {
  const hostile = orderLine(3, { product: '=HYPERLINK("http://evil.test","click")', order_no: '00123' });
  await stub.setRoutes({
    '/v1/reports/order-lines': [
      page(ORDER_LINE_REPORT, [orderLine(1), orderLine(2)]),
      page(ORDER_LINE_REPORT, [hostile]),
    ],
    '/v1/reports/stock-value': [STOCK],
    '/v1/reports/purchase-spend': [SPEND],
  });
  await stub.requests();
  const env = boss();
  const { run } = loadBundle(env);
  const outcome = run('refreshReportData');
  expect(outcome).toMatchObject({
    ok: true,
    complete: true,
    rows: { order_lines: 3, stock_value: 1, purchase_spend: 1 },
  });
  expect(await stub.requests()).toEqual([
    '/v1/reports/order-lines?limit=10000&lang=en',
    '/v1/reports/order-lines?limit=10000&lang=en&after=1',
    '/v1/reports/stock-value?limit=10000&lang=en',
    '/v1/reports/purchase-spend?limit=10000&lang=en',
  ]);

  const [header, first, , third] = values(env, 'Report data');
  expect(header).toEqual(ORDER_LINE_REPORT.columns.map((c) => c.header.en));
  const at = (key: string) => ORDER_LINE_REPORT.columns.findIndex((c) => c.key === key);
  expect(isDate(first![at('order_date')])).toBe(true);
  // Midnight of that day in the spreadsheet's time zone: the cell shows the day the server sent.
  const sheet = env.spreadsheet.getSheetByName('Report data')!;
  expect(sheet.getRange(2, at('order_date') + 1).getDisplayValue()).toBe('2026-02-11');
  expect(first![at('revenue')]).toBe(20.5);
  expect(first![at('qty')]).toBe(2);
  expect(first![at('month')]).toBe('2026-02');
  expect(first![at('missing')]).toBe('');
  expect(third![at('product')]).toBe('=HYPERLINK("http://evil.test","click")');
  expect(third![at('order_no')]).toBe('00123');
  expect(env.spreadsheet.formulaWrites).toEqual([]);
  expect(sheet.getMaxRows()).toBe(4);
  expect(sheet.getFrozenRows()).toBe(1);
  expect(values(env, 'Stock value data')[1]).toEqual(['FR1', 'SKU-1', '', '', 5, 0, '', 3, 4.1, 20.5, '']);
  expect(isDate(values(env, 'Purchase data')[1]![5])).toBe(true);
  expect(env.spreadsheet.toasts.at(-1)?.message).toBe(
    'Report data refreshed: Report data 3 rows, Stock value data 1 rows, Purchase data 1 rows.',
  );
});

test('a second refresh with fewer rows removes the rows past the new end', async () => {
  await stub.setRoutes({
    '/v1/reports/order-lines': orderLinePages([1, 2, 3, 4, 5], [6, 7]),
    '/v1/reports/stock-value': [STOCK],
    '/v1/reports/purchase-spend': [SPEND],
  });
  const env = boss();
  const { run } = loadBundle(env);
  run('refreshReportData');
  expect(values(env, 'Report data')).toHaveLength(8);
  await stub.setRoutes({
    '/v1/reports/order-lines': orderLinePages([8, 9]),
    '/v1/reports/stock-value': [page(STOCK_VALUE_REPORT, [])],
    '/v1/reports/purchase-spend': [SPEND],
  });
  run('refreshReportData');
  const sheet = env.spreadsheet.getSheetByName('Report data')!;
  expect(sheet.getMaxRows()).toBe(3);
  expect(
    values(env, 'Report data')
      .slice(1)
      .map((row) => row[0]),
  ).toEqual(['ORD-8', 'ORD-9']);
  // An empty source keeps its header and one empty row.
  expect(values(env, 'Stock value data')).toHaveLength(1);
  expect(env.spreadsheet.getSheetByName('Stock value data')!.getMaxRows()).toBe(2);
});

test('a Chinese spreadsheet gets Chinese sheet names and headers, and asks for Chinese labels', async () => {
  await stub.setRoutes({
    '/v1/reports/order-lines': orderLinePages([1]),
    '/v1/reports/stock-value': [STOCK],
    '/v1/reports/purchase-spend': [SPEND],
  });
  await stub.requests();
  const env = boss('zh_CN');
  loadBundle(env).run('refreshReportData');
  expect((await stub.requests())[0]).toBe('/v1/reports/order-lines?limit=10000&lang=zh');
  expect(values(env, '报表数据')[0]).toEqual(ORDER_LINE_REPORT.columns.map((c) => c.header.zh));
  expect(values(env, '库存价值数据')[0]![0]).toBe('仓库');
  expect(values(env, '采购数据')[0]![0]).toBe('采购单号');
  expect(env.spreadsheet.toasts.at(-1)?.message).toContain('报表数据已刷新');
});

test.each([
  [
    'a 403 for a role without cost access',
    403,
    'cannot read cost and profit data (boss and admin only). Nothing was changed.',
  ],
  ['a 401 for a revoked key', 401, 'Nothing was changed.'],
])('%s leaves every sheet as it was and says why', async (_name, status, message) => {
  await stub.setRoutes({
    '/v1/reports/order-lines': orderLinePages([1, 2]),
    '/v1/reports/stock-value': [STOCK],
    '/v1/reports/purchase-spend': [SPEND],
  });
  const env = boss();
  const { run } = loadBundle(env);
  run('refreshReportData');
  const before = env.spreadsheet.getSheets().map((s) => [s.getName(), s.getMaxRows(), s.getDataRange().getValues()]);
  await stub.setRoutes({
    '/v1/reports/order-lines': { status, body: { error: { code: 'forbidden', message: 'Not allowed' } } },
    '/v1/reports/stock-value': [STOCK],
    '/v1/reports/purchase-spend': [SPEND],
  });
  const outcome = run('refreshReportData');
  expect(outcome.ok).toBe(false);
  expect(env.ui.alerts.at(-1)?.prompt).toContain(message);
  expect(env.spreadsheet.getSheets().map((s) => [s.getName(), s.getMaxRows(), s.getDataRange().getValues()])).toEqual(
    before,
  );
});

test('an unreachable server changes no sheet; the first refresh of a new spreadsheet makes none', () => {
  const env = boss();
  const names = env.spreadsheet.getSheets().map((s) => s.getName());
  env.urlFetch.failNext(2);
  const outcome = loadBundle(env).run('refreshReportData');
  expect(outcome.ok).toBe(false);
  expect(env.ui.alerts.at(-1)?.prompt).toMatch(/Nothing was changed\.$/);
  expect(env.spreadsheet.getSheets().map((s) => s.getName())).toEqual(names);
});

test('the menu offers the report items in both languages', () => {
  for (const [locale, captions] of [
    ['en_US', ['Refresh My products', 'Refresh report data', 'Build reports']],
    ['zh_CN', ['刷新我的产品', '刷新报表数据', '生成报表']],
  ] as const) {
    const env = createAppsScriptGlobals({ locale });
    loadBundle(env).run('onOpen');
    expect(
      env.ui
        .menuItems()
        .slice(-3)
        .map((item) => [item.caption, item.functionName]),
    ).toEqual([
      [captions[0], 'refreshMyProductsSheet'],
      [captions[1], 'refreshReportData'],
      [captions[2], 'buildReports'],
    ]);
  }
});
