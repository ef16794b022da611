import { PIVOT_SPECS } from '../../domain/reports/pivot-specs';
import { ORDER_LINE_REPORT } from '../../domain/reports/report-sources';
import { DATABASE_KINDS } from '../support/databases';
import { loadBundle, sheetRecords, startTeam } from '../support/addon-harness';
import type { AppsScriptEnvironment } from '../fakes/apps-script-globals';

const isDate = (value: unknown) => Object.prototype.toString.call(value) === '[object Date]';
const snapshot = (env: AppsScriptEnvironment) =>
  env.spreadsheet.getSheets().map((s) => [s.getName(), s.getMaxRows(), s.getDataRange().getValues()]);

/** The report menu items of the built add-on against the real server's report routes. */
describe.each(DATABASE_KINDS)('boss reports in the add-on, against the server on %s', (kind) => {
  let team: Awaited<ReturnType<typeof startTeam>>;
  beforeAll(async () => {
    team = await startTeam(kind);
    const csKey = await team.memberKey('cs@shop.test', ['cs']);
    await team.api('POST', '/v1/sync/push', {
      clientId: 'reports-seed-01',
      mutationId: 1,
      tables: {
        products: [
          {
            key: 'MUG',
            baseVersion: null,
            values: {
              name_en: '=HYPERLINK("http://x.test")',
              unit_cost: '2.50',
              cost_currency: 'USD',
              sales_owner: 'sales@shop.test',
            },
          },
          { key: 'CAP', baseVersion: null, values: { name_en: 'Cap', unit_cost: '4', cost_currency: 'USD' } },
        ],
      },
    });
    const csv = [
      'Order no.,Order date,SKU,Qty,Unit price,Currency,Country',
      '00123,2026-03-05,MUG,2,9.90,USD,FR',
      'B-2,2026-04-01,CAP,1,15,USD,DE',
      'B-2,2026-04-01,MUG,1,9.90,USD,DE',
    ].join('\n');
    const imported = await team.api('POST', '/v1/orders/import', { format: 'template', text: csv }, csKey);
    expect(imported.status).toBe(200);
  });
  afterAll(async () => {
    await team?.close();
  });

  test('a boss refreshes the report data (dates, numbers, text as text) and builds the reports', async () => {
    const key = await team.memberKey('boss@shop.test', ['boss']);
    const env = team.connected('boss@shop.test', key);
    const { run } = loadBundle(env);
    const outcome = run('refreshReportData');
    expect(outcome).toMatchObject({ ok: true, complete: true, rows: { order_lines: 3 } });
    const lines = sheetRecords(env, 'Report data');
    expect(Object.keys(lines[0]!)).toEqual(ORDER_LINE_REPORT.columns.map((c) => c.header.en));
    const mug = lines.find((row) => row.Order === '00123')!;
    expect(isDate(mug['Order date'])).toBe(true);
    expect(
      env.spreadsheet
        .getSheetByName('Report data')!
        .getRange(2 + lines.indexOf(mug), 3)
        .getDisplayValue(),
    ).toBe('2026-03-05');
    expect(mug).toMatchObject({
      Line: 1,
      Qty: 2,
      Revenue: 19.8,
      Month: '2026-03',
      Product: '=HYPERLINK("http://x.test")',
    });
    expect(typeof mug.COGS).toBe('number');
    expect(env.spreadsheet.formulaWrites).toEqual([]);

    expect(run('buildReports')).toMatchObject({ ok: true, pivots: PIVOT_SPECS.length });
    expect(run('buildReports')).toMatchObject({ ok: true, pivots: PIVOT_SPECS.length });
    expect(env.spreadsheet.sheet('Reports').pivotTables).toHaveLength(PIVOT_SPECS.length);
  });

  test('sales is refused the cost data with a clear message and no sheet changed, and reads My products', async () => {
    const key = await team.memberKey('sales@shop.test', ['sales']);
    const env = team.connected('sales@shop.test', key, 'zh_CN');
    const { run } = loadBundle(env);
    const before = snapshot(env);
    const refused = run('refreshReportData');
    expect(refused.ok).toBe(false);
    expect(env.ui.alerts.at(-1)?.prompt).toContain('不能查看成本和利润数据');
    expect(snapshot(env)).toEqual(before);

    expect(run('refreshMyProductsSheet')).toMatchObject({ ok: true, rows: { my_products: 1 } });
    expect(sheetRecords(env, '我的产品')).toEqual([
      expect.objectContaining({ SKU: 'MUG', 业务负责人: 'sales@shop.test' }),
    ]);
    expect(env.spreadsheet.getSheetByName('我的产品')!.getFilter()).not.toBeNull();
  });
});
