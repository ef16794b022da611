import { SETUP_OVERRIDE } from '../support/inventory-fixture';
import * as addon from '../../addon/main';
import { DATABASE_KINDS } from '../support/databases';
import { columnOf, execute, sheetRecords, startTeam } from '../support/addon-harness';

/** The Purchase sheet: suggestions from the server, the buyer's final quantities, purchase orders from selected rows. */
describe.each(DATABASE_KINDS)('the Purchase sheet, on %s', (kind) => {
  let team: Awaited<ReturnType<typeof startTeam>>;
  beforeAll(async () => {
    team = await startTeam(kind);
  });
  afterAll(async () => {
    await team?.close();
  });

  test('refresh, edit the final quantity, create the PO once: incoming and the POs sheet follow', async () => {
    const buyerKey = await team.memberKey('buyer@shop.test', ['purchasing']);
    const csKey = await team.memberKey('cs@shop.test', ['cs']);
    await team.api('POST', '/v1/sync/push', {
      clientId: 'plan-seed-01',
      mutationId: 1,
      tables: {
        suppliers: [{ key: 'SUP1', baseVersion: null, values: { lead_days: 10, pack: 4 } }],
        products: [
          { key: 'PC', baseVersion: null, values: { name_en: 'Phone case', supplier: 'SUP1' } },
          { key: 'CB', baseVersion: null, values: { name_en: 'Cable', supplier: 'SUP1' } },
        ],
        warehouses: [{ key: 'FR1', baseVersion: null, values: { name: 'Paris' } }],
      },
    });
    const csv = ['Order no.,SKU,Qty,Country', 'P1,PC,2,FR', 'P2,PC,3,FR'].join('\n');
    await team.api('POST', '/v1/orders/import', { format: 'template', text: csv }, csKey);
    await team.api(
      'POST',
      '/v1/orders/moves',
      { idempotencyKey: 'plan-approve-1', action: 'approve', orderNos: ['P1', 'P2'], ...SETUP_OVERRIDE },
      csKey,
    );

    const env = team.connected('buyer@shop.test', buyerKey);
    expect(execute(env, () => addon.refreshPurchaseSuggestions())).toMatchObject({ ok: true });
    const rowOfSku = (sku: string) => sheetRecords(env, 'Purchase').findIndex((r) => r.SKU === sku) + 2;
    // 5 units wait; packs of 4: 8.
    expect(sheetRecords(env, 'Purchase').find((r) => r.SKU === 'PC')).toMatchObject({
      Supplier: 'SUP1',
      'Waiting demand': 5,
      'Suggested qty': 8,
      'Final qty': '',
      PO: '',
    });
    const sheet = env.spreadsheet.getSheetByName('Purchase')!;
    sheet.getRange(rowOfSku('PC'), columnOf(env, 'Purchase', 'Final qty')).setValue(12);
    // A cost without its currency is refused, naming the row; with it, the PO line carries it.
    sheet.getRange(rowOfSku('PC'), columnOf(env, 'Purchase', 'Unit cost')).setValue(2.5);
    env.spreadsheet.select('Purchase', `A${rowOfSku('PC')}:B${rowOfSku('CB')}`, `A${rowOfSku('PC')}`);
    expect(execute(env, () => addon.createPurchaseOrders())).toEqual({
      ok: false,
      message: `Rows ${rowOfSku('PC')}: a unit cost needs a number (up to 4 decimals) and a currency like CNY; nothing was ordered.`,
    });
    sheet.getRange(rowOfSku('PC'), columnOf(env, 'Purchase', 'Cost currency')).setValue('usd');
    const created = execute(env, () => addon.createPurchaseOrders());
    expect(created).toEqual({ ok: true, message: 'Created PO-00001 (1 lines).' }); // CB suggests 0: nothing to order for it
    expect(sheetRecords(env, 'Purchase').find((r) => r.SKU === 'PC')).toMatchObject({
      'Final qty': '',
      PO: 'PO-00001',
    });
    expect(sheetRecords(env, 'POs').find((r) => r['PO line'] === 'PO-00001/1')).toMatchObject({
      SKU: 'PC',
      Ordered: 12,
      Status: 'Ordered',
      Warehouse: 'FR1',
      'Unit cost': 2.5,
      'Cost currency': 'USD',
    });
    expect(sheetRecords(env, 'Stock').find((r) => r['Stock line'] === 'PC@FR1')).toMatchObject({ Incoming: 12 });

    // Pressed again on the same rows: they are on a PO already, nothing new.
    expect(execute(env, () => addon.createPurchaseOrders())).toMatchObject({
      ok: false,
      message: 'The selected rows have nothing to order (no quantity, already on a PO, or a transfer).',
    });
    expect((await team.api('GET', '/v1/purchasing/orders')).body.orders).toHaveLength(1);
    execute(env, () => addon.refreshPurchaseSuggestions());
    expect(sheetRecords(env, 'Purchase').find((r) => r.SKU === 'PC')).toMatchObject({
      Incoming: 12,
      'Suggested qty': 0,
      PO: 'PO-00001',
    });
  });

  test('a SKU kept in two warehouses has a row for each; selected together they become one PO per warehouse', async () => {
    const buyerKey = await team.memberKey('buyer2@shop.test', ['purchasing']);
    await team.api('POST', '/v1/sync/push', {
      clientId: 'plan-seed-02',
      mutationId: 1,
      tables: {
        products: [
          { key: 'KB', baseVersion: null, values: { name_en: 'Keyboard', supplier: 'SUP1', safety_stock: 4 } },
        ],
        warehouses: [{ key: 'DE1', baseVersion: null, values: { name: 'Berlin', countries: ['DE'], rank: 999 } }],
      },
    });
    await team.api('POST', '/v1/sync/push', {
      clientId: 'plan-seed-02',
      mutationId: 2,
      tables: {
        stock: [
          { key: 'KB@FR1', baseVersion: null, values: { on_hand: 1 } },
          { key: 'KB@DE1', baseVersion: null, values: { on_hand: 0 } },
        ],
      },
    });

    const env = team.connected('buyer2@shop.test', buyerKey);
    execute(env, () => addon.refreshPurchaseSuggestions());
    const rows = sheetRecords(env, 'Purchase').filter((r) => r.SKU === 'KB');
    // Nothing sold or waiting: the SKU's safety stock of 4 sits with the first-ranked warehouse. FR1 holds 1
    // → needs 3, a pack of 4; DE1 needs nothing (the buyer orders 8 there anyway, below).
    expect(rows.map((r) => [r.Warehouse, r.Available, r['Suggested qty']])).toEqual([
      ['FR1', 1, 4],
      ['DE1', 0, 0],
    ]);
    const first = sheetRecords(env, 'Purchase').findIndex((r) => r.SKU === 'KB') + 2;
    const sheet = env.spreadsheet.getSheetByName('Purchase')!;
    sheet.getRange(first + 1, columnOf(env, 'Purchase', 'Final qty')).setValue(8);
    env.spreadsheet.select('Purchase', `A${first}:A${first + 1}`, `A${first}`);
    expect(execute(env, () => addon.createPurchaseOrders())).toEqual({
      ok: true,
      message: 'Created PO-00002, PO-00003 (2 lines).',
    });
    expect(
      sheetRecords(env, 'Purchase')
        .filter((r) => r.SKU === 'KB')
        .map((r) => [r.Warehouse, r.PO]),
    ).toEqual([
      ['FR1', 'PO-00002'],
      ['DE1', 'PO-00003'],
    ]);
    expect(
      sheetRecords(env, 'Stock')
        .filter((r) => String(r['Stock line']).startsWith('KB@'))
        .map((r) => [r['Stock line'], r.Incoming]),
    ).toEqual([
      ['KB@FR1', 4],
      ['KB@DE1', 8],
    ]);
    execute(env, () => addon.refreshPurchaseSuggestions());
    expect(
      sheetRecords(env, 'Purchase')
        .filter((r) => r.SKU === 'KB')
        .map((r) => [r.Warehouse, r.Incoming, r.PO]),
    ).toEqual([
      ['FR1', 4, 'PO-00002'],
      ['DE1', 8, 'PO-00003'],
    ]);
  });

  test('a Purchase sheet laid out by the version before warehouses: create asks for a refresh, which keeps what was typed', async () => {
    const buyerKey = await team.memberKey('buyer3@shop.test', ['purchasing']);
    const env = team.connected('buyer3@shop.test', buyerKey);
    const sheet = env.spreadsheet.getSheetByName('Purchase') ?? env.spreadsheet.insertSheet('Purchase');
    const old = [
      'SKU',
      'Supplier',
      'Available',
      'Incoming',
      'Waiting demand',
      'Sold 7 d',
      'Sold 14 d',
      'Sold 30 d',
      'Daily velocity',
      'Lead time (days)',
      'Suggested qty',
      'Order by',
      'Final qty',
      'PO',
    ];
    sheet.clear();
    sheet
      .getRange(1, 1, 3, old.length)
      .setValues([
        old,
        ['CB', 'SUP1', 0, 0, 0, 0, 0, 0, 0, 10, 0, '', 3, ''],
        ['KB', 'SUP1', 1, 0, 0, 0, 0, 0, 0, 10, 4, '', 6, 'PO-00099'],
      ]);
    env.spreadsheet.select('Purchase', 'A2:A3', 'A2');
    expect(execute(env, () => addon.createPurchaseOrders())).toEqual({
      ok: false,
      message: 'This Purchase sheet is laid out by an older version: choose Refresh purchase suggestions first.',
    });
    expect((await team.api('GET', '/v1/purchasing/orders')).body.orders).toHaveLength(3); // nothing created

    execute(env, () => addon.refreshPurchaseSuggestions());
    // CB has one row: it keeps its Final qty. KB now has a row per warehouse: its first (FR1, first-ranked,
    // where the old version sent every PO) keeps the old row's values; DE1 starts empty.
    const records = sheetRecords(env, 'Purchase');
    expect(records.find((r) => r.SKU === 'CB')).toMatchObject({ Warehouse: '', 'Final qty': 3, PO: '' });
    expect(records.filter((r) => r.SKU === 'KB').map((r) => [r.Warehouse, r['Final qty'], r.PO])).toEqual([
      ['FR1', 6, 'PO-00099'],
      ['DE1', '', ''],
    ]);
  });

  test('in a Chinese spreadsheet the sheet, its headers and the answers are in Chinese', async () => {
    const buyerKey = await team.memberKey('buyer4@shop.test', ['purchasing']);
    const env = team.connected('buyer4@shop.test', buyerKey, 'zh_CN');
    expect(execute(env, () => addon.refreshPurchaseSuggestions())).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^已刷新 \d+ 个 SKU 的采购建议（\d{4}-\d{2}-\d{2}）。$/),
    });
    const sheet = env.spreadsheet.getSheetByName('采购建议')!;
    expect(sheet.getRange(1, 1, 1, 17).getValues()[0]).toEqual([
      'SKU',
      '仓库',
      '供应商',
      '可用',
      '在途',
      '缺货待发',
      '7天销量',
      '14天销量',
      '30天销量',
      '30天内有货天数',
      '日均销量',
      '采购周期（天）',
      '建议',
      '建议采购量',
      '最晚下单日',
      '最终采购量',
      '采购单',
    ]);
    const kb = sheetRecords(env, '采购建议').findIndex((r) => r.SKU === 'KB' && r['仓库'] === 'DE1') + 2;
    sheet.getRange(kb, 16).setValue(2);
    env.spreadsheet.select('采购建议', `A${kb}`, `A${kb}`);
    expect(execute(env, () => addon.createPurchaseOrders())).toEqual({
      ok: true,
      message: expect.stringMatching(/^已创建 PO-\d{5}（1 行）。$/),
    });
    expect(sheetRecords(env, '采购建议')[kb - 2]).toMatchObject({
      SKU: 'KB',
      仓库: 'DE1',
      最终采购量: '',
      采购单: expect.stringMatching(/^PO-\d{5}$/),
    });
  });

  test('transit days by warehouse are typed in the Suppliers sheet, read back in one form, and refused with a note when unreadable', async () => {
    const buyerKey = await team.memberKey('buyer5@shop.test', ['purchasing']);
    const env = team.connected('buyer5@shop.test', buyerKey);
    const sheet = env.spreadsheet.getSheetByName('Suppliers')!;
    const row = sheetRecords(env, 'Suppliers').findIndex((r) => r.Supplier === 'SUP1') + 2;
    const column = columnOf(env, 'Suppliers', 'Transit days by warehouse');
    sheet.getRange(row, column).setValue('DE1: 30；FR1 5');
    execute(env, () => addon.syncNow());
    expect(sheetRecords(env, 'Suppliers')[row - 2]).toMatchObject({
      'Transit days by warehouse': 'DE1 30, FR1 5',
      'Sync note': '',
    });
    execute(env, () => addon.refreshPurchaseSuggestions());
    expect(
      sheetRecords(env, 'Purchase')
        .filter((r) => r.SKU === 'KB')
        .map((r) => [r.Warehouse, r['Lead time (days)']]),
    ).toEqual([
      ['FR1', 15],
      ['DE1', 40],
    ]);

    sheet.getRange(row, column).setValue('DE1 a month');
    execute(env, () => addon.syncNow());
    expect(String(sheetRecords(env, 'Suppliers')[row - 2]!['Sync note'])).toContain(
      'Transit days by warehouse: "DE1 a month" is not a code and days like "FR1 35, US1 25"',
    );
    expect(
      (await team.api('GET', '/v1/sync/pull?since=0&tables=suppliers')).body.changes.suppliers.find(
        (r: { key: string }) => r.key === 'SUP1',
      ).values.transit_by_warehouse,
    ).toBe('DE1 30, FR1 5');
  });

  test('a press whose answer was lost, pressed again, orders once; the same quantities ordered later are a new PO', async () => {
    const buyerKey = await team.memberKey('buyer6@shop.test', ['purchasing']);
    const env = team.connected('buyer6@shop.test', buyerKey);
    execute(env, () => addon.refreshPurchaseSuggestions());
    const sheet = env.spreadsheet.getSheetByName('Purchase')!;
    const row = sheetRecords(env, 'Purchase').findIndex((r) => r.SKU === 'CB') + 2;
    const [final, po] = [columnOf(env, 'Purchase', 'Final qty'), columnOf(env, 'Purchase', 'PO')];
    sheet.getRange(row, final).setValue(7);
    env.spreadsheet.select('Purchase', `A${row}`, `A${row}`);
    const before = (await team.api('GET', '/v1/purchasing/orders')).body.orders.length;
    env.urlFetch.dropResponseNext(2); // the request and its automatic retry both lose their answers
    expect(execute(env, () => addon.createPurchaseOrders())).toMatchObject({ ok: false });
    expect(sheetRecords(env, 'Purchase')[row - 2]).toMatchObject({ 'Final qty': 7, PO: '' });
    const retried = execute(env, () => addon.createPurchaseOrders());
    expect(retried).toMatchObject({ ok: true });
    const orders = (await team.api('GET', '/v1/purchasing/orders')).body.orders;
    expect(orders).toHaveLength(before + 1);
    const first = String(sheetRecords(env, 'Purchase')[row - 2]!.PO);
    expect(first).toBe(orders[orders.length - 1].poNo);

    // Weeks later the buyer clears the PO cell and orders the same 7 again: a new purchase order.
    sheet.getRange(row, final, 1, 2).setValues([[7, '']]);
    env.spreadsheet.select('Purchase', `A${row}`, `A${row}`);
    expect(execute(env, () => addon.createPurchaseOrders())).toMatchObject({ ok: true });
    expect((await team.api('GET', '/v1/purchasing/orders')).body.orders).toHaveLength(before + 2);
    expect(String(sheetRecords(env, 'Purchase')[row - 2]!.PO)).not.toBe(first);
  });

  test('a transfer line says where from, in the sheet language, and is never ordered from a supplier', async () => {
    const buyerKey = await team.memberKey('buyer7@shop.test', ['purchasing']);
    const csKey = await team.memberKey('cs7@shop.test', ['cs']);
    await team.api('POST', '/v1/sync/push', {
      clientId: 'plan-seed-07',
      mutationId: 1,
      tables: { products: [{ key: 'TR', baseVersion: null, values: { name_en: 'Travel adapter', supplier: 'SUP1' } }] },
    });
    await team.api('POST', '/v1/sync/push', {
      clientId: 'plan-seed-07',
      mutationId: 2,
      tables: { stock: [{ key: 'TR@DE1', baseVersion: null, values: { on_hand: 20 } }] },
    });
    // France is served by FR1 (every country) only; DE1 holds 20 it sells nowhere.
    const csv = ['Order no.,SKU,Qty,Country', 'T1,TR,5,FR'].join('\n');
    await team.api('POST', '/v1/orders/import', { format: 'template', text: csv }, csKey);
    await team.api(
      'POST',
      '/v1/orders/moves',
      { idempotencyKey: 'plan-approve-7', action: 'approve', orderNos: ['T1'], ...SETUP_OVERRIDE },
      csKey,
    );
    const env = team.connected('buyer7@shop.test', buyerKey);
    execute(env, () => addon.refreshPurchaseSuggestions());
    const rows = () => sheetRecords(env, 'Purchase').filter((r) => r.SKU === 'TR');
    expect(rows().map((r) => [r.Warehouse, r.Action, r['Suggested qty'], r['Waiting demand']])).toEqual([
      ['FR1', 'Transfer 5 from DE1', 5, 0],
      ['FR1', 'Buy', 0, 5],
      ['DE1', 'Buy', 0, 0],
    ]);
    const first = sheetRecords(env, 'Purchase').findIndex((r) => r.SKU === 'TR') + 2;
    const sheet = env.spreadsheet.getSheetByName('Purchase')!;
    sheet.getRange(first, columnOf(env, 'Purchase', 'Final qty')).setValue(5);
    env.spreadsheet.select('Purchase', `A${first}`, `A${first}`);
    const before = (await team.api('GET', '/v1/purchasing/orders')).body.orders.length;
    // A transfer is logistics' to make: the line goes to their New transfers sheet, no PO is created.
    expect(execute(env, () => addon.createPurchaseOrders())).toEqual({
      ok: true,
      message: '1 transfer lines copied to New transfers: logistics creates them there.',
    });
    expect((await team.api('GET', '/v1/purchasing/orders')).body.orders).toHaveLength(before);
    expect(
      sheetRecords(env, 'New transfers').map((r) => [r['From warehouse'], r['To warehouse'], r.SKU, r.Qty]),
    ).toEqual([['DE1', 'FR1', 'TR', 5]]);
    expect(rows()[0]).toMatchObject({ PO: '→ New transfers' });
    // Pressed again, nothing is copied twice.
    expect(execute(env, () => addon.createPurchaseOrders())).toMatchObject({ ok: false });
    expect(sheetRecords(env, 'New transfers')).toHaveLength(1);
    // What was typed on a transfer line does not stay: the next refresh plans it afresh.
    execute(env, () => addon.refreshPurchaseSuggestions());
    expect(rows()[0]).toMatchObject({ Action: 'Transfer 5 from DE1', 'Final qty': '' });

    const zh = team.connected('buyer7@shop.test', buyerKey, 'zh_CN');
    execute(zh, () => addon.refreshPurchaseSuggestions());
    expect(
      sheetRecords(zh, '采购建议')
        .filter((r) => r.SKU === 'TR')
        .map((r) => r['建议']),
    ).toEqual(['从 DE1 调拨 5', '采购', '采购']);
  });
});
