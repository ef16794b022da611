import * as addon from '../../addon/main';
import { DATABASE_KINDS } from '../support/databases';
import { execute, sheetRecords, startTeam } from '../support/addon-harness';
import type { AppsScriptEnvironment } from '../fakes/apps-script-globals';

/** The Receipts sheet: what arrived is typed, posted per PO, answered per row; a lost answer is never received twice. */
describe.each(DATABASE_KINDS)('the Receipts sheet, on %s', (kind) => {
  let team: Awaited<ReturnType<typeof startTeam>>;
  let whKey: string;
  let poNo: string;
  beforeAll(async () => {
    team = await startTeam(kind);
    whKey = await team.memberKey('wh@shop.test', ['warehouse']);
    const buyerKey = await team.memberKey('buyer@shop.test', ['purchasing']);
    await team.api('POST', '/v1/sync/push', {
      clientId: 'rcv-seed-001',
      mutationId: 1,
      tables: {
        suppliers: [{ key: 'SUP1', baseVersion: null, values: {} }],
        products: [{ key: 'PC', baseVersion: null, values: { name_en: 'Phone case', supplier: 'SUP1' } }],
        warehouses: [{ key: 'FR1', baseVersion: null, values: { name: 'Paris' } }],
      },
    });
    poNo = (
      await team.api(
        'POST',
        '/v1/purchasing/orders',
        { idempotencyKey: 'rcv-po-00001', lines: [{ sku: 'PC', qty: 10 }] },
        buyerKey,
      )
    ).body.orders[0].poNo;
  });
  afterAll(async () => {
    await team?.close();
  });

  const typeRows = (env: AppsScriptEnvironment, rows: (string | number)[][]) => {
    const sheet = env.spreadsheet.getSheetByName('Receipts')!;
    const first = sheet.getLastRow() + 1;
    sheet.getRange(first, 1, rows.length, rows[0]!.length).setValues(rows);
    return first;
  };
  const results = (env: AppsScriptEnvironment) =>
    sheetRecords(env, 'Receipts').map((r) => [r.Result, r._request === '' ? '' : 'id']);

  test('good rows are received, bad ones say why and stay; stock follows', async () => {
    const env = team.connected('wh@shop.test', whKey);
    typeRows(env, [
      [poNo, 1, 3, '', 'pallet 1'],
      [poNo, 1, 99, '', ''],
      [poNo, '', 2, '', ''],
    ]);
    const outcome = execute(env, () => addon.postReceiptsFromSheet());
    // One request per PO, all or nothing: the over-receipt is named on its row; the good row waits.
    expect(outcome).toMatchObject({
      ok: false,
      message: '0 posted, 2 refused. Rows of the same PO or transfer that were fine were not posted yet: post again.',
    });
    expect(results(env)).toEqual([
      ['', 'id'],
      [`${poNo} line 1 (PC): 99 received but only 7 still on order`, ''],
      ['Needs a line number and either a whole quantity above 0 or a reason to close short (not both).', ''],
    ]);
    expect(execute(env, () => addon.postReceiptsFromSheet())).toMatchObject({
      ok: true,
      message: '1 posted, 0 refused.',
    });
    expect(results(env)[0]).toEqual([`Received 3 on ${poNo} (now Partially received)`, '']);
    expect(sheetRecords(env, 'Stock').find((r) => r['Stock line'] === 'PC@FR1')).toMatchObject({
      'On hand (count)': 3,
      Incoming: 7,
    });
    expect(execute(env, () => addon.postReceiptsFromSheet())).toMatchObject({ message: '0 posted, 0 refused.' }); // answered rows are not sent again
  });

  test('an answer lost on the way is retried as the same request: received once', async () => {
    const env = team.connected('wh@shop.test', whKey);
    const row = typeRows(env, [[poNo, 1, 2, '', 'pallet 2']]);
    env.urlFetch.dropResponseNext(2); // the request and its automatic retry both lose their answers
    const lost = execute(env, () => addon.postReceiptsFromSheet());
    expect(lost.ok).toBe(false);
    expect(sheetRecords(env, 'Receipts')[row - 2]).toMatchObject({ Result: '' });
    expect(String(sheetRecords(env, 'Receipts')[row - 2]!._request)).not.toBe('');
    expect(execute(env, () => addon.postReceiptsFromSheet())).toMatchObject({ ok: true });
    expect(sheetRecords(env, 'Receipts')[row - 2]).toMatchObject({
      Result: `Received 2 on ${poNo} (now Partially received)`,
      _request: '',
    });
    const order = (await team.api('GET', '/v1/purchasing/orders')).body.orders[0];
    expect(order.lines[0]).toMatchObject({ ordered: 10, received: 5 });
  });

  test('the warehouse closes the rest of a line short with a reason; it leaves incoming', async () => {
    const env = team.connected('wh@shop.test', whKey);
    const row = typeRows(env, [[poNo, 1, '', 'supplier ran out', '']]);
    expect(execute(env, () => addon.postReceiptsFromSheet())).toMatchObject({
      ok: true,
      message: '1 posted, 0 refused.',
    });
    expect(sheetRecords(env, 'Receipts')[row - 2]).toMatchObject({ Result: `${poNo} line 1 closed short` });
    const order = (await team.api('GET', '/v1/purchasing/orders')).body.orders[0];
    expect(order).toMatchObject({
      status: 'closed_short',
      lines: [{ ordered: 10, received: 5, shortClosed: 5, shortReason: 'supplier ran out' }],
    });
    expect(sheetRecords(env, 'Stock').find((r) => r['Stock line'] === 'PC@FR1')).toMatchObject({
      'On hand (count)': 5,
      Incoming: 0,
    });
  });
});
