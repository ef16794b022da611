import * as addon from '../../addon/main';
import { DATABASE_KINDS } from '../support/databases';
import { columnOf, execute, sheetRecords, startTeam } from '../support/addon-harness';
import type { AppsScriptEnvironment } from '../fakes/apps-script-globals';

/** New orders typed or pasted into empty rows of the Orders sheet. */
describe.each(DATABASE_KINDS)('order lines typed into the Orders sheet, on %s', (kind) => {
  let team: Awaited<ReturnType<typeof startTeam>>;
  let csKey: string;
  let warehouseKey: string;
  beforeAll(async () => {
    team = await startTeam(kind);
    csKey = await team.memberKey('cs@shop.test', ['cs']);
    warehouseKey = await team.memberKey('wh@shop.test', ['warehouse']);
  });
  afterAll(async () => {
    await team?.close();
  });

  const connected = (email: string, key: string, locale = 'en_US') => team.connected(email, key, locale);

  /** Pastes rows (by header) below the last row, as a person would. */
  function paste(env: AppsScriptEnvironment, sheetName: string, rows: Record<string, string | number>[]): number {
    const sheet = env.spreadsheet.getSheetByName(sheetName)!;
    const first = sheet.getLastRow() + 1;
    rows.forEach((row, i) => {
      for (const [header, value] of Object.entries(row))
        sheet.getRange(first + i, columnOf(env, sheetName, header)).setValue(value);
    });
    return first;
  }

  const line = (id: string, sku: string, qty: string | number, extra: Record<string, string> = {}) => ({
    'Channel order': id,
    SKU: sku,
    Qty: qty,
    'Unit price': '19.90',
    Currency: 'EUR',
    Payment: 'prepaid',
    Recipient: 'Jeanne Martin',
    Phone: '+33 6 12 34 56 78',
    Email: 'jeanne@example.fr',
    'Address line 1': '12 rue de la Paix',
    City: 'Paris',
    'Postal code': '75002',
    Country: 'FR',
    ...extra,
  });

  test('typed lines become one order in the rows they were typed in; a bad row keeps what was typed, with its reason', async () => {
    const env = connected('cs@shop.test', csKey);
    const first = paste(env, 'Orders', [
      line('W-1', 'PC-BLK-01', 2),
      line('W-1', 'CB-USBC-1M', 1),
      line('W-2', 'PC-BLK-01', 'two'),
    ]);
    const summary = execute(env, () => addon.syncNow());
    expect(summary).toMatchObject({ entered: 1 });
    const rows = sheetRecords(env, 'Orders');
    expect(rows[first - 2]).toMatchObject({
      'Order line': 'M-W-1/1',
      'Order no.': 'M-W-1',
      Status: 'Pending review',
      Channel: 'manual',
      SKU: 'PC-BLK-01',
      Qty: 2,
      'Sync note': '',
    });
    expect(rows[first - 1]).toMatchObject({ 'Order line': 'M-W-1/2', SKU: 'CB-USBC-1M', Qty: 1 });
    // Unknown SKUs are held in review with the reason, never dropped.
    expect(String(rows[first - 2]!.Review)).toContain('PC-BLK-01');
    expect(rows[first]).toMatchObject({ 'Order line': '', 'Channel order': 'W-2', Qty: 'two' });
    expect(rows[first]!['Sync note']).toBe(
      `Row ${first + 2}: quantity "two" is not a whole number from 1 to 1,000,000`,
    );
    expect(rows).toHaveLength(first - 2 + 3); // nothing appended: the order took the rows it was typed in
    const events = await team.api('GET', '/v1/events?entity=orders&key=M-W-1');
    expect(events.body.events[0]).toMatchObject({ action: 'imported', actor: 'cs@shop.test' });

    // The refused row is not sent again until someone edits it; then it goes through.
    const calls = env.urlFetch.calls.length;
    execute(env, () => addon.syncNow());
    expect(env.urlFetch.calls.length - calls).toBe(1);
    env.spreadsheet
      .getSheetByName('Orders')!
      .getRange(first + 2, columnOf(env, 'Orders', 'Qty'))
      .setValue(3);
    expect(execute(env, () => addon.syncNow())).toMatchObject({ entered: 1 });
    expect(sheetRecords(env, 'Orders')[first]).toMatchObject({ 'Order line': 'M-W-2/1', Qty: 3, 'Sync note': '' });
  });

  test('typing an order that exists changes nothing and says so; notes come in the sheet language', () => {
    const env = connected('cs@shop.test', csKey, 'zh_CN');
    const before = sheetRecords(env, '订单').length;
    const at = paste(env, '订单', [
      { 渠道单号: 'W-1', SKU: 'PC-BLK-01', 数量: 1 },
      { 渠道单号: 'W-9', SKU: 'PC-BLK-01', 数量: 0 },
    ]);
    expect(execute(env, () => addon.syncNow())).toMatchObject({ entered: 0 });
    const rows = sheetRecords(env, '订单');
    expect(rows).toHaveLength(before + 2);
    expect(rows[at - 2]).toMatchObject({
      订单行: '',
      同步备注: '订单 M-W-1 已存在，未做更改（如需新订单请修改渠道单号）',
    });
    expect(String(rows[at - 1]!['同步备注'])).toMatch(/[\u4e00-\u9fff]/);
  });

  test('a person without the customer-service role is told so on the rows, which stay', () => {
    const env = connected('wh@shop.test', warehouseKey);
    const at = paste(env, 'Orders', [line('W-5', 'PC-BLK-01', 1)]);
    expect(execute(env, () => addon.syncNow())).toMatchObject({ entered: 0 });
    const row = sheetRecords(env, 'Orders')[at - 2]!;
    expect(row).toMatchObject({ 'Order line': '', 'Channel order': 'W-5' });
    expect(String(row['Sync note'])).toMatch(/cs|customer service/i);
    // Not the rows' fault: a colleague from customer service syncing the same spreadsheet enters them.
    const colleague = team.person('cs@shop.test', { spreadsheet: env.spreadsheet });
    expect(execute(colleague, () => addon.saveConnection({ url: team.url, key: csKey }))).toMatchObject({ ok: true });
    expect(execute(colleague, () => addon.syncNow())).toMatchObject({ entered: 1 });
    expect(sheetRecords(env, 'Orders')[at - 2]).toMatchObject({ 'Order line': 'M-W-5/1', 'Sync note': '' });
  });
});
