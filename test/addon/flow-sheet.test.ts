import { loadBundle, startTeam } from '../support/addon-harness';
import { DATABASE_KINDS } from '../support/databases';

/** The Flow sheet (dispatch center), written by the built bundle on a sync (docs/dispatch.md). */
describe.each(DATABASE_KINDS)('the Flow sheet, on %s', (kind) => {
  let team: Awaited<ReturnType<typeof startTeam>>;
  beforeAll(async () => {
    team = await startTeam(kind);
  });
  afterAll(async () => {
    await team?.close();
  });

  test('a sync writes the pipeline, the stuck list with a link to the row, health and failed runs', async () => {
    const cs = await team.memberKey('cs@shop.test', ['cs']);
    await team.api('POST', '/v1/sync/push', {
      clientId: 'flow-seed',
      mutationId: 1,
      tables: {
        products: [{ key: 'PC', baseVersion: null, values: { name_en: 'Phone case' } }],
        warehouses: [{ key: 'FR1', baseVersion: null, values: { name: 'Paris', countries: ['FR'], rank: 1 } }],
      },
    });
    const header =
      'Order no.,SKU,Qty,Unit price,Currency,Payment,Recipient,Phone,Address line 1,City,Postal code,Country';
    const rows = ['F1', 'F2'].map(
      (no, i) => `${no},PC,1,10,EUR,prepaid,Client ${no},+3361234567${i},${i} rue,Paris,75002,FR`,
    );
    const imported = await team.api(
      'POST',
      '/v1/orders/import',
      { format: 'template', text: [header, ...rows].join('\n') },
      cs,
    );
    expect(imported.status).toBe(200);
    const move = (action: string, extra: object = {}) =>
      team.api(
        'POST',
        '/v1/orders/moves',
        { idempotencyKey: `flow-${action}-${Math.random()}`, action, orderNos: ['F2'], ...extra },
        cs,
      );
    await move('needs_contact');
    for (let i = 0; i < 3; i++) expect((await move('log_call', { call: { result: 'no_answer' } })).status).toBe(200);

    const env = team.connected('cs@shop.test', cs, 'zh_CN');
    loadBundle(env).run('syncNow');
    const sheet = env.spreadsheet.getSheetByName('调度中心')!;
    expect(sheet).toBeTruthy();
    const cells = sheet.getRange(1, 1, sheet.getLastRow(), 6).getValues() as unknown[][];
    const formulas = sheet.getRange(1, 1, sheet.getLastRow(), 6).getFormulas();
    const find = (first: string) => cells.find((r) => r[0] === first || r[1] === first);
    expect(cells[0]![0]).toMatch(/^调度中心，截至 \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    const review = cells.find((r) => r[0] === '订单中心' && r[1] === '待审核')!;
    expect(review[2]).toBe(1);
    expect(cells.find((r) => r[0] === '订单中心' && r[1] === '待联系')![2]).toBe(1);
    const hitRow = cells.findIndex((r) => r[2] === 'F2');
    const hit = cells[hitRow]!;
    expect(hit.slice(1, 4)).toEqual(['待联系超时或尝试次数过多', 'F2', '客服']);
    const ordersSheet = env.spreadsheet.getSheetByName('订单')!;
    const f2Row =
      (
        ordersSheet.getRange(1, 1, ordersSheet.getLastRow(), ordersSheet.getLastColumn()).getValues() as unknown[][]
      ).findIndex((r) => r.includes('F2')) + 1;
    expect(formulas[hitRow]![5]).toBe(
      `=HYPERLINK("#gid=${ordersSheet.getSheetId()}&range=A${f2Row}","跳到第 ${f2Row} 行")`,
    );
    expect(find('库存台账')!.slice(0, 2)).toEqual(['库存台账', '正常']);
    expect(find('没有失败的运行。')).toBeTruthy();
    // Only our own link is a formula.
    expect(formulas.flat().filter(Boolean)).toHaveLength(1);
  });
});
