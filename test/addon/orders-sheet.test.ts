import fs from 'node:fs';
import path from 'node:path';
import * as addon from '../../addon/main';
import { DATABASE_KINDS } from '../support/databases';
import { columnOf, execute, rowOf, sheetRecords, startTeam } from '../support/addon-harness';
import type { AppsScriptEnvironment } from '../fakes/apps-script-globals';

const shopify = fs.readFileSync(
  path.resolve(__dirname, '..', 'fixtures', 'orders', 'shopify-orders-export.csv'),
  'utf8',
);

describe.each(DATABASE_KINDS)('the Orders sheet, on %s', (kind) => {
  let team: Awaited<ReturnType<typeof startTeam>>;
  let csKey: string;
  beforeAll(async () => {
    team = await startTeam(kind);
    csKey = await team.memberKey('cs@shop.test', ['cs']);
    // A warehouse shipping everywhere, holding nothing: approved orders wait for stock (pending purchase).
    await team.api('POST', '/v1/sync/push', {
      clientId: 'catch-all-warehouse',
      mutationId: 1,
      tables: { warehouses: [{ key: 'MAIN', baseVersion: null, values: { name: 'Main', countries: [], rank: 9 } }] },
    });
    const imported = await team.api('POST', '/v1/orders/import', { format: 'shopify', text: shopify });
    expect(imported.body.imported).toBe(5);
  });
  afterAll(async () => {
    await team?.close();
  });

  function connected(locale = 'en_US'): AppsScriptEnvironment {
    const env = team.person('cs@shop.test', { locale });
    execute(env, () => addon.setupSheets());
    expect(execute(env, () => addon.saveConnection({ url: team.url, key: csKey }))).toMatchObject({ ok: true });
    execute(env, () => addon.syncNow());
    return env;
  }

  const sheetName = (env: AppsScriptEnvironment) =>
    env.spreadsheet.getSpreadsheetLocale() === 'zh_CN' ? '订单' : 'Orders';
  const rowsOf = (env: AppsScriptEnvironment, orderNo: string) =>
    sheetRecords(env, sheetName(env)).filter((r) => Object.values(r)[1] === orderNo);
  const setStatus = (env: AppsScriptEnvironment, key: string, label: string) =>
    env.spreadsheet
      .getSheetByName(sheetName(env))!
      .getRange(
        rowOf(env, sheetName(env), key),
        columnOf(env, sheetName(env), env.spreadsheet.getSpreadsheetLocale() === 'zh_CN' ? '状态' : 'Status'),
      )
      .setValue(label);

  test('one row per order line, statuses and review reasons in the sheet language, outside text kept as text', () => {
    const env = connected('zh_CN');
    const records = sheetRecords(env, '订单');
    expect(records).toHaveLength(8);
    expect(rowsOf(env, 'SH-1001').map((r) => r.SKU)).toEqual(['PC-BLK-01', 'CB-USBC-1M']);
    expect(rowsOf(env, 'SH-1003')[0]).toMatchObject({ 状态: '待联系', 收件人: 'عبدالله الحربي', 付款方式: 'cod' });
    // Imported in English; each spreadsheet reads the reasons in its own language.
    expect(String(rowsOf(env, 'SH-1003')[0]!['审核备注'])).toContain('货到付款：需电话确认');
    expect(String(rowsOf(env, 'SH-1003')[0]!['审核备注'])).not.toContain('cash on delivery');
    const english = connected('en_US');
    expect(String(rowsOf(english, 'SH-1003')[0]!.Review)).toContain('cash on delivery: call to confirm');
    expect(env.spreadsheet.formulaWrites).toEqual([]);
    const status = env.spreadsheet
      .getSheetByName('订单')!
      .getRange(2, columnOf(env, '订单', '状态'))
      .getDataValidation();
    expect(status?.getCriteriaValues()[0]).toEqual(expect.arrayContaining(['待审核', '审核通过', '已取消']));
  });

  test('picking a status in the dropdown moves the order; an impossible pick is put back with the reason', async () => {
    const env = connected();
    setStatus(env, 'SH-1002/1', 'Approved');
    setStatus(env, 'SH-1005/2', 'Delivered');
    const before = env.urlFetch.calls.length;
    const summary = execute(env, () => addon.syncNow());
    expect(env.urlFetch.calls.length - before).toBe(3); // one move command per status picked (2), then one sync
    expect(summary).toMatchObject({ moved: 1 });
    expect(rowsOf(env, 'SH-1002')[0]).toMatchObject({
      Status: 'Pending purchase',
      'Waiting for': 'waiting for PB-10K ×1',
      'Sync note': '',
    }); // approved; no stock yet
    for (const line of rowsOf(env, 'SH-1005')) expect(line.Status).toBe('Pending review');
    expect(rowsOf(env, 'SH-1005')[1]!['Sync note']).toBe(
      'SH-1005 is Pending review; it cannot be set to Delivered by hand',
    );
    const server = await team.api('GET', '/v1/events?entity=orders&key=SH-1002');
    expect(server.body.events.slice(0, 2)).toMatchObject([
      { action: 'reserve_partial', actor: 'system:allocation', after: { by: 'cs@shop.test' } },
      { action: 'approve', actor: 'cs@shop.test' },
    ]);
  });

  test('other cells typed over are put back, naming them', () => {
    const env = connected();
    const sheet = env.spreadsheet.getSheetByName('Orders')!;
    sheet.getRange(rowOf(env, 'Orders', 'SH-1004/1'), columnOf(env, 'Orders', 'Qty')).setValue(99);
    execute(env, () => addon.syncNow());
    expect(rowsOf(env, 'SH-1004')[0]).toMatchObject({
      Qty: 2,
      'Sync note': 'Qty: set by the server, your edit was put back',
    });
  });

  test('rows synced before a column was added (an upgrade) are rewritten by one full pull, with no notes', () => {
    const env = connected();
    const sheet = env.spreadsheet.getSheetByName('Orders')!;
    const hashColumn = columnOf(env, 'Orders', '_hash');
    const hashes = sheet.getRange(2, hashColumn, sheet.getLastRow() - 1, 1).getValues();
    // As the previous version wrote them: one computed column fewer.
    sheet
      .getRange(2, hashColumn, hashes.length, 1)
      .setValues(hashes.map(([h]) => [String(h).split('.').slice(0, -1).join('.')]));
    const summary = execute(env, () => addon.syncNow());
    expect(summary?.pulled).toBeGreaterThanOrEqual(hashes.length);
    expect(sheetRecords(env, 'Orders').filter((r) => r['Sync note'] !== '')).toEqual([]);
    expect(sheet.getRange(2, hashColumn, hashes.length, 1).getValues()).toEqual(hashes);
  });
});
