import * as addon from '../../addon/main';
import { DATABASE_KINDS } from '../support/databases';
import { execute, sheetRecords, startTeam } from '../support/addon-harness';

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
      clientId: 'po-sheet-seed', mutationId: 1,
      tables: {
        suppliers: [{ key: 'SUP1', baseVersion: null, values: { name: 'Shenzhen Cases', lead_days: 10 } }],
        products: [{ key: 'PC', baseVersion: null, values: { name_en: 'Phone case', supplier: 'SUP1' } }, { key: 'CB', baseVersion: null, values: { name_en: 'Cable', supplier: 'SUP1' } }],
        warehouses: [{ key: 'FR1', baseVersion: null, values: { name: 'Paris' } }],
      },
    });
    const created = await team.api('POST', '/v1/purchasing/orders', { idempotencyKey: 'po-sheet-0001', warehouse: 'FR1', lines: [{ sku: 'PC', qty: 10 }, { sku: 'CB', qty: 4 }] }, buyerKey);
    const poNo = created.body.orders[0].poNo as string;
    const env = team.connected('buyer@shop.test', buyerKey, 'zh_CN');
    expect(sheetRecords(env, '采购单').filter((r) => r['采购单号'] === poNo)).toEqual([
      expect.objectContaining({ 采购单行: `${poNo}/1`, 供应商: 'SUP1', 仓库: 'FR1', 状态: '已下单', SKU: 'PC', 订购数量: 10, 已收数量: 0, 未到数量: 10 }),
      expect.objectContaining({ 采购单行: `${poNo}/2`, 状态: '已下单', SKU: 'CB', 订购数量: 4, 未到数量: 4 }),
    ]);
    await team.api('POST', '/v1/purchasing/receipts', { idempotencyKey: 'po-sheet-rcpt1', poNo, lines: [{ lineNo: 1, qty: 6 }] }, buyerKey);
    execute(env, () => addon.syncNow());
    expect(sheetRecords(env, '采购单').find((r) => r['采购单行'] === `${poNo}/1`)).toMatchObject({ 状态: '部分到货', 已收数量: 6, 未到数量: 4 });
    expect(sheetRecords(env, '库存').find((r) => r['库存行'] === 'PC@FR1')).toMatchObject({ '在库数量（盘点）': 6, 在途: 4 });
  });
});
