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
      clientId: 'stock-sheet-seed', mutationId: 1,
      tables: { products: [{ key: 'PC', baseVersion: null, values: { name_en: 'Phone case' } }], warehouses: [{ key: 'FR1', baseVersion: null, values: { name: 'Paris', countries: ['FR'], rank: 1 } }] },
    });
    expect(seeded.status).toBe(200);
  });
  afterAll(async () => {
    await team?.close();
  });

  const type = (env: AppsScriptEnvironment, row: number, values: Record<string, string | number>) => {
    for (const [header, value] of Object.entries(values)) env.spreadsheet.getSheetByName('Stock')!.getRange(row, columnOf(env, 'Stock', header)).setValue(value);
  };
  const stockRows = (env: AppsScriptEnvironment) => sheetRecords(env, 'Stock').filter((r) => r.SKU !== '' || r['Stock line'] !== '');

  test('a new line is typed as SKU, warehouse and count; a bad one keeps its row and says why', () => {
    const env = team.connected('wh@shop.test', whKey);
    const first = env.spreadsheet.getSheetByName('Stock')!.getLastRow() + 1;
    type(env, first, { SKU: 'PC', Warehouse: 'FR1', 'On hand (count)': 10 });
    type(env, first + 1, { SKU: 'NOPE', Warehouse: 'FR1', 'On hand (count)': 3 });
    execute(env, () => addon.syncNow());
    const rows = stockRows(env);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ 'Stock line': 'PC@FR1', SKU: 'PC', Warehouse: 'FR1', 'On hand (count)': 10, Reserved: 0, Available: 10, 'Sync note': '' });
    expect(rows[1]).toMatchObject({ SKU: 'NOPE', 'On hand (count)': 3, 'Sync note': 'There is no product NOPE: add it to Products first' });
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
    expect(log.body.events.slice(0, 2).map((e: { before: { on_hand: number }; after: { on_hand: number } }) => [e.before.on_hand, e.after.on_hand])).toEqual([[8, 5], [10, 8]]);
  });

  test('reserved and available are the server\'s: typed over, they are put back with a note', () => {
    const env = team.connected('wh@shop.test', whKey);
    type(env, rowOf(env, 'Stock', 'PC@FR1'), { Reserved: 99 });
    execute(env, () => addon.syncNow());
    expect(sheetRecords(env, 'Stock').find((r) => r['Stock line'] === 'PC@FR1')).toMatchObject({ Reserved: 0, 'Sync note': 'Reserved: set by the server, your edit was put back' });
  });
});
