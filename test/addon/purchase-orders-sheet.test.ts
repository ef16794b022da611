import * as addon from '../../addon/main';
import { DATABASE_KINDS } from '../support/databases';
import { columnOf, execute, sheetRecords, startTeam } from '../support/addon-harness';

const OVERDUE_MARKER = 'crossdock:overdue';
const formulaOf = (rule: GoogleAppsScript.Spreadsheet.ConditionalFormatRule) =>
  String(rule.getBooleanCondition()?.getCriteriaValues()[0] ?? '');
/** "$E2": the column of a header, absolute, on the rule's first row. */
const cellOf = (column: number) => {
  expect(column).toBeLessThanOrEqual(26);
  return `$${String.fromCharCode(64 + column)}2`;
};

/** The POs sheet shows every purchase-order line as the server has it, in the sheet's language. */
describe.each(DATABASE_KINDS)('the POs sheet, on %s', (kind) => {
  let team: Awaited<ReturnType<typeof startTeam>>;
  beforeAll(async () => {
    team = await startTeam(kind);
  });
  afterAll(async () => {
    await team?.close();
  });

  test('lines, quantities still due and statuses follow receipts', async () => {
    const buyerKey = await team.memberKey('buyer@shop.test', ['purchasing']);
    await team.api('POST', '/v1/sync/push', {
      clientId: 'po-sheet-seed',
      mutationId: 1,
      tables: {
        suppliers: [{ key: 'SUP1', baseVersion: null, values: { name: 'Shenzhen Cases', lead_days: 10 } }],
        products: [
          { key: 'PC', baseVersion: null, values: { name_en: 'Phone case', supplier: 'SUP1' } },
          { key: 'CB', baseVersion: null, values: { name_en: 'Cable', supplier: 'SUP1' } },
        ],
        warehouses: [{ key: 'FR1', baseVersion: null, values: { name: 'Paris' } }],
      },
    });
    const created = await team.api(
      'POST',
      '/v1/purchasing/orders',
      {
        idempotencyKey: 'po-sheet-0001',
        warehouse: 'FR1',
        lines: [
          { sku: 'PC', qty: 10 },
          { sku: 'CB', qty: 4 },
        ],
      },
      buyerKey,
    );
    const poNo = created.body.orders[0].poNo as string;
    const env = team.connected('buyer@shop.test', buyerKey, 'zh_CN');
    expect(sheetRecords(env, '采购单').filter((r) => r['采购单号'] === poNo)).toEqual([
      expect.objectContaining({
        采购单行: `${poNo}/1`,
        供应商: 'SUP1',
        仓库: 'FR1',
        状态: '已下单',
        SKU: 'PC',
        订购数量: 10,
        已收数量: 0,
        未到数量: 10,
      }),
      expect.objectContaining({ 采购单行: `${poNo}/2`, 状态: '已下单', SKU: 'CB', 订购数量: 4, 未到数量: 4 }),
    ]);
    await team.api(
      'POST',
      '/v1/purchasing/receipts',
      { idempotencyKey: 'po-sheet-rcpt1', poNo, lines: [{ lineNo: 1, qty: 6 }] },
      buyerKey,
    );
    execute(env, () => addon.syncNow());
    expect(sheetRecords(env, '采购单').find((r) => r['采购单行'] === `${poNo}/1`)).toMatchObject({
      状态: '部分到货',
      已收数量: 6,
      未到数量: 4,
    });
    expect(sheetRecords(env, '库存').find((r) => r['库存行'] === 'PC@FR1')).toMatchObject({
      '在库数量（盘点）': 6,
      在途: 4,
    });
  });

  test('selected lines are cancelled with one reason asked for; a line that received goods is refused by name', async () => {
    const key = await team.memberKey('canceller@shop.test', ['purchasing']);
    await team.api('POST', '/v1/sync/push', {
      clientId: 'po-cancel-seed',
      mutationId: 1,
      tables: {
        suppliers: [{ key: 'SUP3', baseVersion: null, values: { name: 'Xiamen Mugs' } }],
        products: [
          { key: 'MUG', baseVersion: null, values: { name_en: 'Mug', supplier: 'SUP3' } },
          { key: 'TEA', baseVersion: null, values: { name_en: 'Teapot', supplier: 'SUP3' } },
        ],
        warehouses: [{ key: 'IT1', baseVersion: null, values: { name: 'Milan' } }],
      },
    });
    const created = await team.api(
      'POST',
      '/v1/purchasing/orders',
      {
        idempotencyKey: 'po-cancel-0001',
        warehouse: 'IT1',
        lines: [
          { sku: 'MUG', qty: 5 },
          { sku: 'TEA', qty: 2 },
        ],
      },
      key,
    );
    const poNo = created.body.orders[0].poNo as string;
    await team.api(
      'POST',
      '/v1/purchasing/receipts',
      { idempotencyKey: 'po-cancel-rcpt1', poNo, lines: [{ lineNo: 2, qty: 1 }] },
      key,
    );
    const env = team.connected('canceller@shop.test', key);
    const rowOf = (line: number) => sheetRecords(env, 'POs').findIndex((r) => r['PO line'] === `${poNo}/${line}`) + 2;
    env.spreadsheet.select('POs', `A${rowOf(1)}:B${rowOf(2)}`);
    env.ui.queuePrompt({ button: 'CANCEL', text: 'changed my mind' });
    expect(execute(env, () => addon.cancelPoLinesFromSheet())).toEqual({
      ok: false,
      message: 'Nothing was cancelled.',
    });

    env.ui.queuePrompt({ text: '  supplier closed  ' });
    expect(execute(env, () => addon.cancelPoLinesFromSheet())).toEqual({
      ok: false,
      message: `1 cancelled, 1 refused. ${poNo} line 2 (TEA): 1 already received, so it cannot be cancelled; close the rest short instead`,
    });
    expect(env.ui.prompts.at(-1)!.prompt).toBe(
      `Cancel ${poNo}/1, ${poNo}/2? Only lines with nothing received can be cancelled. Why?`,
    );
    expect(sheetRecords(env, 'POs').find((r) => r['PO line'] === `${poNo}/1`)).toMatchObject({
      Status: 'Partially received',
      Cancelled: 5,
      'Cancel reason': 'supplier closed',
      'Still due': 0,
    });
    expect(sheetRecords(env, 'Stock').find((r) => r['Stock line'] === 'MUG@IT1')).toMatchObject({ Incoming: 0 });
  });

  test("overdue lines are highlighted by one conditional-format rule that setup and sync keep, beside a person's own", async () => {
    const plannerKey = await team.memberKey('planner@shop.test', ['purchasing']);
    await team.api('POST', '/v1/sync/push', {
      clientId: 'po-overdue-seed',
      mutationId: 1,
      tables: {
        suppliers: [{ key: 'SUP2', baseVersion: null, values: { name: 'Ningbo Lamps', lead_days: 20 } }],
        products: [{ key: 'LAMP', baseVersion: null, values: { name_en: 'Desk lamp', supplier: 'SUP2' } }],
        warehouses: [{ key: 'DE1', baseVersion: null, values: { name: 'Berlin' } }],
      },
    });
    const created = await team.api(
      'POST',
      '/v1/purchasing/orders',
      { idempotencyKey: 'po-overdue-0001', warehouse: 'DE1', lines: [{ sku: 'LAMP', qty: 3 }] },
      plannerKey,
    );
    const poNo = created.body.orders[0].poNo as string;
    const env = team.connected('planner@shop.test', plannerKey);
    const sheet = env.spreadsheet.getSheetByName('POs')!;
    // The formula reads these cells: a status label, a number still due and the expected date as ISO text.
    const line = sheetRecords(env, 'POs').find((r) => r['PO line'] === `${poNo}/1`)!;
    expect(line).toMatchObject({
      Status: 'Ordered',
      'Still due': 3,
      Expected: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });

    // A person's own rule on the sheet, and runs of sync and setup after it.
    const app = env.globals.SpreadsheetApp;
    const own = app
      .newConditionalFormatRule()
      .whenTextEqualTo('SUP2')
      .setFontColor('#1155cc')
      .setRanges([sheet.getRange('C2:C50')])
      .build();
    sheet.setConditionalFormatRules([...sheet.getConditionalFormatRules(), own]);
    execute(env, () => addon.syncNow());
    execute(env, () => addon.setupSheets());
    execute(env, () => addon.syncNow());
    execute(env, () => addon.setupSheets());

    const rules = sheet.getConditionalFormatRules();
    const ours = rules.filter((rule) => formulaOf(rule).includes(OVERDUE_MARKER));
    expect(ours).toHaveLength(1);
    expect(
      rules
        .filter((rule) => String(rule.getBooleanCondition()?.getCriteriaType()) === 'TEXT_EQUAL_TO')
        .map((rule) => rule.getBooleanCondition()!.getCriteriaValues()),
    ).toEqual([['SUP2']]);
    const [status, due, expected] = ['Status', 'Still due', 'Expected'].map((header) =>
      cellOf(columnOf(env, 'POs', header)),
    );
    expect(formulaOf(ours[0]!)).toBe(
      `=AND(N("${OVERDUE_MARKER}")=0,OR(${status}="Ordered",${status}="已下单",${status}="Partially received",${status}="部分到货"),` +
        `N(${due})>0,${expected}<>"",IFERROR(DATEVALUE(${expected})<TODAY(),FALSE))`,
    );
    expect(ours[0]!.getBooleanCondition()!.getBackground()).toBe('#f4cccc');
    // Every column of the table, from row 2 down to the last row.
    expect(ours[0]!.getRanges().map((r) => [r.getRow(), r.getColumn(), r.getNumColumns(), r.getLastRow()])).toEqual([
      [2, 1, sheet.getLastColumn(), sheet.getMaxRows()],
    ]);
    // Rows added below the range are not in it; the next sync that brings PO lines extends it.
    sheet.insertRowsAfter(sheet.getMaxRows(), 10);
    const oursNow = () => sheet.getConditionalFormatRules().filter((rule) => formulaOf(rule).includes(OVERDUE_MARKER));
    expect(oursNow()[0]!.getRanges()[0]!.getLastRow()).toBe(sheet.getMaxRows() - 10);
    await team.api(
      'POST',
      '/v1/purchasing/orders',
      { idempotencyKey: 'po-overdue-0002', warehouse: 'DE1', lines: [{ sku: 'LAMP', qty: 1 }] },
      plannerKey,
    );
    execute(env, () => addon.syncNow());
    expect(oursNow().map((rule) => rule.getRanges()[0]!.getLastRow())).toEqual([sheet.getMaxRows()]);

    // A colour the person chose is kept when setup puts an outdated rule right (and duplicates go).
    const outdated = ours[0]!
      .copy()
      .setBackground('#ffe599')
      .setRanges([sheet.getRange('A2:D40')])
      .build();
    sheet.setConditionalFormatRules([outdated, own, outdated]);
    execute(env, () => addon.setupSheets());
    const repaired = sheet.getConditionalFormatRules();
    expect(repaired.map((rule) => (formulaOf(rule).includes(OVERDUE_MARKER) ? 'ours' : 'own'))).toEqual([
      'ours',
      'own',
    ]);
    expect(repaired[0]!.getBooleanCondition()!.getBackground()).toBe('#ffe599');
    expect(repaired[0]!.getRanges()[0]!.getLastRow()).toBe(sheet.getMaxRows());
    expect(formulaOf(repaired[0]!)).toBe(formulaOf(ours[0]!));
  });
});
