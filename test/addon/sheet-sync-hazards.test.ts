import * as addon from '../../addon/main';
import { DATABASE_KINDS } from '../support/databases';
import { columnOf, execute, rowOf, sheetRecords, startTeam } from '../support/addon-harness';
import type { AppsScriptEnvironment } from '../fakes/apps-script-globals';

/** What real teams do to a sheet while it syncs: delete columns, sort mid-sync, reconnect, type where they may not. */
type Team = Awaited<ReturnType<typeof startTeam>>;

function sync(env: AppsScriptEnvironment) {
  return execute(env, () => addon.syncNow());
}

function record(env: AppsScriptEnvironment, sheetName: string, key: string) {
  return sheetRecords(env, sheetName).find((r) => String(Object.values(r)[0]) === key);
}

function setCell(env: AppsScriptEnvironment, key: string, header: string, value: unknown) {
  env.spreadsheet
    .getSheetByName('Products')!
    .getRange(rowOf(env, 'Products', key), columnOf(env, 'Products', header))
    .setValue(value as never);
}

async function serverProduct(team: Team, key: string) {
  const pulled = await team.api('GET', '/v1/sync/pull?tables=products');
  return pulled.body.changes.products.find((r: { key: string }) => r.key === key)?.values;
}

describe.each(DATABASE_KINDS)('sync hazards, on %s', (kind) => {
  let team: Team;
  let salesKey: string;
  beforeAll(async () => {
    team = await startTeam(kind);
    salesKey = await team.memberKey('sales@shop.test', ['sales']);
  });
  afterAll(async () => {
    await team?.close();
  });

  function connected(email = 'sales@shop.test', key = salesKey) {
    const env = team.person(email);
    execute(env, () => addon.setupSheets());
    expect(execute(env, () => addon.saveConnection({ url: team.url, key }))).toMatchObject({ ok: true });
    return env;
  }

  function addProducts(env: AppsScriptEnvironment, rows: string[][]) {
    const sheet = env.spreadsheet.getSheetByName('Products')!;
    const supplier = columnOf(env, 'Products', 'Supplier');
    for (const [sku, name, vendor] of rows) {
      const at = sheet.getLastRow() + 1;
      sheet.getRange(at, 1, 1, 2).setValues([[sku!, name!]]);
      if (vendor) sheet.getRange(at, supplier).setValue(vendor);
    }
  }

  test('deleting a column in the sheet re-creates it and loses nothing on the server', async () => {
    const amy = connected();
    sync(amy);
    addProducts(amy, [
      ['COL-1', 'Cup', 'Acme'],
      ['COL-2', 'Bowl', 'Acme'],
    ]);
    sync(amy);
    amy.spreadsheet.getSheetByName('Products')!.deleteColumn(columnOf(amy, 'Products', 'Supplier'));
    sync(amy);
    expect((await serverProduct(team, 'COL-1')).supplier).toBe('Acme');
    expect(record(amy, 'Products', 'COL-1')).toMatchObject({ Supplier: 'Acme' });
    expect(record(amy, 'Products', 'COL-2')).toMatchObject({ Supplier: 'Acme' });
  });

  test('a sort while the server answers does not put rows in the wrong place', () => {
    const amy = connected();
    sync(amy);
    addProducts(amy, [
      ['SRT-A', 'Alpha'],
      ['SRT-B', 'Bravo'],
      ['SRT-C', 'Charlie'],
    ]);
    sync(amy);
    setCell(amy, 'SRT-A', 'Supplier', 'Changed');
    const sheet = amy.spreadsheet.getSheetByName('Products')!;
    const fetcher = amy.globals.UrlFetchApp as { fetch: (...args: never[]) => unknown };
    const original = fetcher.fetch.bind(fetcher);
    fetcher.fetch = (...args: never[]) => {
      const response = original(...args);
      sheet.sort(1, false); // someone sorts Z→A while the request is in flight
      return response;
    };
    try {
      sync(amy);
    } finally {
      fetcher.fetch = original;
    }
    const records = sheetRecords(amy, 'Products');
    for (const [sku, name] of [
      ['SRT-A', 'Alpha'],
      ['SRT-B', 'Bravo'],
      ['SRT-C', 'Charlie'],
    ]) {
      expect(records.filter((r) => r.SKU === sku)).toHaveLength(1);
      expect(record(amy, 'Products', sku!)).toMatchObject({ 'Name (English)': name });
    }
    expect(record(amy, 'Products', 'SRT-A')).toMatchObject({ Supplier: 'Changed', 'Sync note': '' });
  });

  test('a refused edit keeps what was typed even when someone else changed the row meanwhile', () => {
    const amy = connected();
    const ben = connected();
    sync(amy);
    addProducts(amy, [['HOLD-1', 'Lamp']]);
    sync(amy);
    sync(ben);
    setCell(ben, 'HOLD-1', 'Supplier', 'Ben Co');
    sync(ben);
    setCell(amy, 'HOLD-1', 'Name (English)', 'Lamp v2');
    setCell(amy, 'HOLD-1', 'Weight (g)', 'heavy');
    sync(amy);
    const held = record(amy, 'Products', 'HOLD-1')!;
    expect(held).toMatchObject({ 'Name (English)': 'Lamp v2', 'Weight (g)': 'heavy' });
    expect(String(held['Sync note'])).toContain('must be a whole number');
    expect(String(held['Sync note'])).toContain('changed on the server meanwhile');
  });

  test('someone without the role who types over a product sees it put back, with what they typed in the note', async () => {
    const csKey = await team.memberKey('cs@shop.test', ['cs']);
    const amy = connected();
    sync(amy);
    addProducts(amy, [['ROLE-1', 'Stapler']]);
    sync(amy);
    const carla = connected('cs@shop.test', csKey);
    sync(carla);
    setCell(carla, 'ROLE-1', 'Name (English)', 'Staple gun');
    sync(carla);
    const row = record(carla, 'Products', 'ROLE-1')!;
    expect(row['Name (English)']).toBe('Stapler');
    expect(String(row['Sync note'])).toContain('cannot edit products');
    expect(String(row['Sync note'])).toContain('Name (English)=Staple gun');
    expect(sync(carla)).toMatchObject({ pushed: 0 });
  });

  test('when someone points the spreadsheet at another server, a colleague’s key is not sent there', () => {
    const amy = connected();
    const mallory = team.person('mallory@else.test', { spreadsheet: amy.spreadsheet });
    mallory.spreadsheet.documentProperties.data.set('crossdock.serverUrl', 'https://evil.example');
    const before = amy.urlFetch.calls.length;
    expect(sync(amy)).toBeNull();
    expect(amy.urlFetch.calls.length).toBe(before);
    expect(amy.ui.alerts.at(-1)?.prompt).toContain('https://evil.example');
  });

  test('reconnecting to another workspace pulls that workspace from the beginning', async () => {
    const amy = connected();
    addProducts(amy, [['WS1-1', 'From the first workspace']]);
    sync(amy);
    const other = await team.api('POST', '/v1/admin/keys', { name: 'other', roles: ['admin'] });
    void other;
    // A second server process (its own database) stands for "another workspace".
    const second = await startTeam(kind);
    try {
      await second.api('POST', '/v1/sync/push', {
        clientId: 'seed-client',
        mutationId: 1,
        tables: { products: [{ key: 'WS2-1', baseVersion: null, values: { name_en: 'From the second' } }] },
      });
      expect(execute(amy, () => addon.saveConnection({ url: second.url, key: second.adminKey }))).toMatchObject({
        ok: true,
      });
      sync(amy);
      expect(record(amy, 'Products', 'WS2-1')).toMatchObject({ 'Name (English)': 'From the second' });
    } finally {
      await second.close();
    }
  });

  test('outside text in notes and in Settings stays text', async () => {
    await team.api('POST', '/v1/sync/push', { clientId: 'inj-client', mutationId: Date.now(), tables: {} });
    const amy = connected();
    sync(amy);
    addProducts(amy, [['NOTE-1', 'Thing']]);
    const attributes = columnOf(amy, 'Products', 'Attributes');
    amy.spreadsheet
      .getSheetByName('Products')!
      .getRange(rowOf(amy, 'Products', 'NOTE-1'), attributes)
      .setValue("'=1+1");
    sync(amy);
    expect(String(record(amy, 'Products', 'NOTE-1')!['Sync note'])).toContain('"=1+1"');
    expect(amy.spreadsheet.formulaWrites).toEqual([]);
  });
});
