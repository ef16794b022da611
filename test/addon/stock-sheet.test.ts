import * as addon from '../../addon/main';
import { DATABASE_KINDS } from '../support/databases';
import { columnOf, execute, rowOf, sheetRecords, startTeam } from '../support/addon-harness';
import type { AppsScriptEnvironment } from '../fakes/apps-script-globals';

/** The Stock sheet: counts typed by the warehouse, applied as changes; reserved and available from the server. */
describe.each(DATABASE_KINDS)('the Stock sheet, on %s', (kind) => {
  let team: Awaited<ReturnType<typeof startTeam>>;
  let whKey: string;
  beforeAll(async () => {
    team = await startTeam(kind);
    whKey = await team.memberKey('wh@shop.test', ['warehouse']);
    const seeded = await team.api('POST', '/v1/sync/push', {
      clientId: 'stock-sheet-seed',
      mutationId: 1,
      tables: {
        products: [{ key: 'PC', baseVersion: null, values: { name_en: 'Phone case' } }],
        warehouses: [{ key: 'FR1', baseVersion: null, values: { name: 'Paris', countries: ['FR'], rank: 1 } }],
      },
    });
    expect(seeded.status).toBe(200);
  });
  afterAll(async () => {
    await team?.close();
  });

  const type = (env: AppsScriptEnvironment, row: number, values: Record<string, string | number>) => {
    for (const [header, value] of Object.entries(values))
      env.spreadsheet
        .getSheetByName('Stock')!
        .getRange(row, columnOf(env, 'Stock', header))
        .setValue(value);
  };
  const stockRows = (env: AppsScriptEnvironment) =>
    sheetRecords(env, 'Stock').filter((r) => r.SKU !== '' || r['Stock line'] !== '');

  test('a new line is typed as SKU, warehouse and count; a bad one keeps its row and says why', () => {
    const env = team.connected('wh@shop.test', whKey);
    const first = env.spreadsheet.getSheetByName('Stock')!.getLastRow() + 1;
    type(env, first, { SKU: 'PC', Warehouse: 'FR1', 'On hand (count)': 10 });
    type(env, first + 1, { SKU: 'NOPE', Warehouse: 'FR1', 'On hand (count)': 3 });
    execute(env, () => addon.syncNow());
    const rows = stockRows(env);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      'Stock line': 'PC@FR1',
      SKU: 'PC',
      Warehouse: 'FR1',
      'On hand (count)': 10,
      Reserved: 0,
      Available: 10,
      'Sync note': '',
    });
    expect(rows[1]).toMatchObject({
      SKU: 'NOPE',
      'On hand (count)': 3,
      'Sync note': 'There is no product NOPE: add it to Products first',
    });
  });

  test('two people counting at once both count: each change is applied to what the server has', async () => {
    const anna = team.connected('wh@shop.test', whKey);
    const ben = team.connected('wh@shop.test', whKey);
    const on = (env: AppsScriptEnvironment) => sheetRecords(env, 'Stock').find((r) => r['Stock line'] === 'PC@FR1')!;
    expect(on(anna)['On hand (count)']).toBe(10);
    type(anna, rowOf(anna, 'Stock', 'PC@FR1'), { 'On hand (count)': 8 }); // two broken
    type(ben, rowOf(ben, 'Stock', 'PC@FR1'), { 'On hand (count)': 7 }); // three sold off the shelf
    execute(anna, () => addon.syncNow());
    execute(ben, () => addon.syncNow());
    expect(on(ben)).toMatchObject({ 'On hand (count)': 5, Available: 5, 'Sync note': '' });
    execute(anna, () => addon.syncNow());
    expect(on(anna)).toMatchObject({ 'On hand (count)': 5 });
    const log = await team.api('GET', '/v1/events?entity=stock&key=PC@FR1');
    expect(
      log.body.events
        .slice(0, 2)
        .map((e: { before: { on_hand: number }; after: { on_hand: number } }) => [e.before.on_hand, e.after.on_hand]),
    ).toEqual([
      [8, 5],
      [10, 8],
    ]);
  });

  test('a count note goes with the count it was typed with, never with a later count from a sheet still showing it', async () => {
    const anna = team.connected('wh@shop.test', whKey);
    const ben = team.connected('wh@shop.test', whKey);
    const on = (env: AppsScriptEnvironment) => sheetRecords(env, 'Stock').find((r) => r['Stock line'] === 'PC@FR1')!;
    const start = Number(on(anna)['On hand (count)']);
    type(anna, rowOf(anna, 'Stock', 'PC@FR1'), { 'On hand (count)': start - 1, 'Count note': 'anna: one broken' });
    execute(anna, () => addon.syncNow());
    type(ben, rowOf(ben, 'Stock', 'PC@FR1'), {
      'On hand (count)': start - 2,
      'Count note': 'ben: one sold off the shelf',
    });
    execute(ben, () => addon.syncNow());
    // Anna has not synced since: her sheet still shows her own note beside the count she now types.
    expect(on(anna)['Count note']).toBe('anna: one broken');
    type(anna, rowOf(anna, 'Stock', 'PC@FR1'), { 'On hand (count)': start + 2 });
    execute(anna, () => addon.syncNow());
    const [latest, bens, annas] = (await team.api('GET', '/v1/events?entity=stock&key=PC@FR1')).body.events as {
      after: { on_hand: number; note?: string };
    }[];
    expect([annas!.after.note, bens!.after.note, latest!.after.note]).toEqual([
      'anna: one broken',
      'ben: one sold off the shelf',
      undefined,
    ]);
    expect(latest!.after.on_hand).toBe(start); // −1 (Anna), −2 (Ben, from his 5), +3 (Anna, from her 4)
    expect(on(anna)).toMatchObject({ 'On hand (count)': start, 'Count note': '' });
  });

  test('a row synced before notes went with their counts sends no old note on the sync that upgrades it', async () => {
    const old = team.connected('wh@shop.test', whKey);
    const now = team.connected('wh@shop.test', whKey);
    const row = rowOf(old, 'Stock', 'PC@FR1');
    type(now, rowOf(now, 'Stock', 'PC@FR1'), { 'Count note': 'recounted by Ben' });
    execute(now, () => addon.syncNow());
    // The other sheet was last synced by the previous version: its fingerprint lacks the note's part, and
    // its cell still shows an older note.
    const sheet = old.spreadsheet.getSheetByName('Stock')!;
    const hash = sheet.getRange(row, columnOf(old, 'Stock', '_hash'));
    hash.setValue(String(hash.getValue()).replace(/\.[^.]*$/, ''));
    sheet.getRange(row, columnOf(old, 'Stock', 'Count note')).setValue('an old note');
    execute(old, () => addon.syncNow());
    const line = (await team.api('GET', '/v1/sync/pull?since=0&tables=stock')).body.changes.stock.find(
      (r: { key: string }) => r.key === 'PC@FR1',
    );
    expect(line.values.count_note).toBe('recounted by Ben');
    expect(sheetRecords(old, 'Stock').find((r) => r['Stock line'] === 'PC@FR1')).toMatchObject({
      'Count note': 'recounted by Ben',
      'Sync note': '',
    });
  });

  test("reserved and available are the server's: typed over, they are put back with a note", () => {
    const env = team.connected('wh@shop.test', whKey);
    type(env, rowOf(env, 'Stock', 'PC@FR1'), { Reserved: 99 });
    execute(env, () => addon.syncNow());
    expect(sheetRecords(env, 'Stock').find((r) => r['Stock line'] === 'PC@FR1')).toMatchObject({
      Reserved: 0,
      'Sync note': 'Reserved: set by the server, your edit was put back',
    });
  });

  test('a count whose answer was lost is not applied twice when the next sync sends it again', async () => {
    const env = team.connected('wh@shop.test', whKey);
    const before = sheetRecords(env, 'Stock').find((r) => r['Stock line'] === 'PC@FR1')!['On hand (count)'] as number;
    type(env, rowOf(env, 'Stock', 'PC@FR1'), { 'On hand (count)': before - 1 });
    env.urlFetch.dropResponseNext(); // the server applies the push; the answer never arrives
    execute(env, () => addon.syncNow());
    execute(env, () => addon.syncNow()); // sends the same count again
    expect(sheetRecords(env, 'Stock').find((r) => r['Stock line'] === 'PC@FR1')).toMatchObject({
      'On hand (count)': before - 1,
      'Sync note': '',
    });
    const log = await team.api('GET', '/v1/events?entity=stock&key=PC@FR1');
    expect(log.body.events.filter((e: { action: string }) => e.action === 'counted')[0].after.on_hand).toBe(before - 1);
    expect((await team.api('GET', '/v1/stock/check')).body).toMatchObject({ ok: true });
    // A later count of the same value from the same sheet, after it saw the result, counts again.
    type(env, rowOf(env, 'Stock', 'PC@FR1'), { 'On hand (count)': before - 2 });
    execute(env, () => addon.syncNow());
    expect(sheetRecords(env, 'Stock').find((r) => r['Stock line'] === 'PC@FR1')!['On hand (count)']).toBe(before - 2);
  });

  test("rows inserted above a new line while the server answers: its answer never lands on someone else's row", () => {
    const env = team.connected('wh@shop.test', whKey);
    const sheet = env.spreadsheet.getSheetByName('Stock')!;
    const at = sheet.getLastRow() + 1;
    type(env, at, { SKU: 'PC', Warehouse: 'DE9', 'On hand (count)': 4 }); // DE9 does not exist: refused, note expected on this row
    const fetcher = env.globals.UrlFetchApp as { fetch: (...args: never[]) => unknown };
    const original = fetcher.fetch.bind(fetcher);
    fetcher.fetch = (...args: never[]) => {
      const response = original(...args);
      sheet.insertRowBefore(at); // a colleague inserts a row and starts typing in it
      sheet.getRange(at, columnOf(env, 'Stock', 'SKU')).setValue('CB');
      return response;
    };
    try {
      execute(env, () => addon.syncNow());
    } finally {
      fetcher.fetch = original;
    }
    const rows = sheetRecords(env, 'Stock');
    expect(rows[at - 2]).toMatchObject({ SKU: 'CB', 'Sync note': '' }); // the colleague's row is untouched
    expect(rows[at - 1]).toMatchObject({ SKU: 'PC', Warehouse: 'DE9', 'On hand (count)': 4 });
    expect(rows.filter((r) => r['Sync note'] !== '' && r.SKU === '')).toEqual([]); // no stray note rows
    execute(env, () => addon.syncNow());
    expect(sheetRecords(env, 'Stock')[at - 1]).toMatchObject({
      SKU: 'PC',
      'Sync note': 'There is no warehouse DE9: add it to Warehouses first',
    });
  });
});
