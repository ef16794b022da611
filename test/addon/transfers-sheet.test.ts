import * as addon from '../../addon/main';
import { DATABASE_KINDS } from '../support/databases';
import { execute, sheetRecords, startTeam } from '../support/addon-harness';

/**
 * Transfers from the spreadsheet (docs/inventory.md): typed in New transfers, created (and dispatched)
 * from the menu, dispatched or cancelled from a selection in Transfers, received in the Receipts sheet
 * like a purchase order; Stock shows what is in transit. The built add-on against a real server.
 */
describe.each(DATABASE_KINDS)('transfers in the sheet, on %s', (kind) => {
  let team: Awaited<ReturnType<typeof startTeam>>;
  beforeAll(async () => {
    team = await startTeam(kind);
  });
  afterAll(async () => {
    await team?.close();
  });

  test('type, create and dispatch; receive part in Receipts; a draft cancelled with a reason; bad rows answered per row', async () => {
    const seeded = await team.api('POST', '/v1/sync/push', {
      clientId: 'transfer-seed-1',
      mutationId: 1,
      tables: {
        products: ['PC', 'CB'].map((sku) => ({ key: sku, baseVersion: null, values: { name_en: sku } })),
        warehouses: [
          { key: 'DE1', baseVersion: null, values: { name: 'Berlin', countries: ['DE'], rank: 1 } },
          { key: 'UK1', baseVersion: null, values: { name: 'London', countries: ['GB'], rank: 2 } },
        ],
      },
    });
    expect(seeded.status).toBe(200);
    await team.api('POST', '/v1/sync/push', {
      clientId: 'transfer-seed-1',
      mutationId: 2,
      tables: {
        stock: [
          { key: 'PC@DE1', baseVersion: null, values: { on_hand: 50 } },
          { key: 'CB@DE1', baseVersion: null, values: { on_hand: 9 } },
        ],
      },
    });
    const key = await team.memberKey('logistics@shop.test', ['logistics', 'warehouse']);
    const env = team.connected('logistics@shop.test', key);
    const requests = env.spreadsheet.getSheetByName('New transfers')!;
    requests.getRange(2, 1, 5, 8).setValues([
      ['DE1', 'UK1', 'PC', 20, 'DHL Freight', '000778812', '2026-12-09', 'yes'],
      ['DE1', 'UK1', 'CB', 4, 'DHL Freight', '000778812', '2026-12-09', 'yes'],
      ['DE1', 'UK1', 'PC', 5, '', '', '', 'no'],
      ['DE1', 'UK1', 'NOPE', 1, 'Sea', '', '', ''],
      ['DE1', '', 'PC', 'two', '', '', '', ''],
    ]);
    const created = execute(env, () => addon.createTransfers());
    expect(created).toMatchObject({ ok: false, message: '3 posted, 2 refused.' });
    expect(sheetRecords(env, 'New transfers').map((r) => r.Result)).toEqual([
      'TR-00001 (In transit)',
      'TR-00001 (In transit)',
      'TR-00002 (Draft)',
      'There is no product NOPE: add it to Products first',
      'Needs a from and a to warehouse, a SKU and a whole quantity above 0.',
    ]);
    // The same press again sends nothing new: every row has its answer.
    expect(execute(env, () => addon.createTransfers())).toMatchObject({ message: '0 posted, 0 refused.' });

    const stock = () => Object.fromEntries(sheetRecords(env, 'Stock').map((r) => [r['Stock line'], r]));
    expect(stock()['PC@DE1']).toMatchObject({ 'On hand (count)': 30, Available: 30 });
    expect(stock()['PC@UK1']).toMatchObject({ 'On hand (count)': 0, 'Transfers in transit': 20 });
    expect(
      sheetRecords(env, 'Transfers').map((r) => [r['Transfer line'], r.Status, r['In transit'], r.Reference]),
    ).toEqual([
      ['TR-00001/1', 'In transit', 20, '000778812'],
      ['TR-00001/2', 'In transit', 4, '000778812'],
      ['TR-00002/1', 'Draft', 0, ''],
    ]);

    // Part of line 1 arrives, typed in Receipts like a PO line.
    const receipts = env.spreadsheet.getSheetByName('Receipts')!;
    receipts.getRange(2, 1, 1, 3).setValues([['TR-00001', 1, 12]]);
    expect(execute(env, () => addon.postReceiptsFromSheet())).toMatchObject({ ok: true });
    expect(sheetRecords(env, 'Receipts')[0]).toMatchObject({
      Result: 'Received 12 on TR-00001 (now Partially received)',
    });
    expect(stock()['PC@UK1']).toMatchObject({ 'On hand (count)': 12, 'Transfers in transit': 8 });

    // The draft: selected in Transfers and cancelled, the reason asked once.
    const transfers = env.spreadsheet.getSheetByName('Transfers')!;
    env.spreadsheet.setActiveSheet(transfers);
    env.spreadsheet.select('Transfers', 'A4:B4');
    env.ui.queuePrompt({ text: 'planned by mistake' });
    expect(execute(env, () => addon.cancelSelectedTransfers())).toEqual({ ok: true, message: 'TR-00002: Cancelled' });
    expect(sheetRecords(env, 'Transfers')[2]).toMatchObject({
      Status: 'Cancelled',
      'Cancel reason': 'planned by mistake',
    });
    // Dispatching what is already on its way is refused by name.
    env.spreadsheet.select('Transfers', 'A2:A2');
    expect(execute(env, () => addon.dispatchSelectedTransfers())).toEqual({
      ok: false,
      message: 'The server answered 409: TR-00001 is Partially received: only a draft can be dispatched',
    });
  });
});
