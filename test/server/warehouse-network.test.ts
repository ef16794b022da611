import { DATABASE_KINDS } from '../support/databases';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { approve, importOrders, ordersOf, pushWarehouse, seedCatalog, stockOf } from '../support/inventory-fixture';

/**
 * Routing that cannot trap an order (docs/inventory.md): an order to a country no active warehouse ships to
 * says so and stays out of purchasing; a warehouse change allocates waiting orders again in its own push.
 */
describe.each(DATABASE_KINDS)('the warehouse network, on %s', (kind) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(kind);
  });
  afterAll(async () => {
    await api.close();
  });

  async function network() {
    const ws = await api.workspace();
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    await seedCatalog(api, ws, {
      skus: ['PC-BLK-01', 'CB-USBC-1M'],
      warehouses: [
        { code: 'DE1', countries: ['DE', 'FR', 'AT', 'NL'], rank: 1 },
        { code: 'UK1', countries: ['GB'], rank: 2 },
        { code: 'US1', countries: ['US'], rank: 3 },
      ],
      stock: { 'PC-BLK-01@UK1': 29, 'CB-USBC-1M@US1': 57 },
    });
    return { ws, cs };
  }

  test('an order no warehouse ships to says so, stays approved and out of purchasing, until a warehouse serves it', async () => {
    const { ws, cs } = await network();
    await importOrders(api, cs, [
      ['SA1', 'SA', [['PC-BLK-01', 3]]],
      ['FR1', 'FR', [['PC-BLK-01', 2]]],
    ]);
    const approved = await approve(api, cs, ['SA1', 'FR1']);
    expect(approved.body.results).toEqual([
      expect.objectContaining({
        orderNo: 'SA1',
        to: 'approved',
        waiting: [{ sku: '', missing: 0, noWarehouse: 'SA' }],
      }),
      expect.objectContaining({ orderNo: 'FR1', to: 'pending_purchase', waiting: [{ sku: 'PC-BLK-01', missing: 2 }] }),
    ]);
    expect(await ordersOf(api, cs)).toMatchObject({
      SA1: { status: 'approved', waiting: "no active warehouse ships to SA: add it to a warehouse's countries" },
      FR1: { status: 'pending_purchase', waiting: 'waiting for PC-BLK-01 ×2' },
    });
    const zh = await api.call('GET', '/v1/sync/pull?since=0&tables=order_rows&lang=zh', { key: cs });
    const sa = zh.body.changes.order_rows.find((r: { values: { order_no: string } }) => r.values.order_no === 'SA1');
    expect(sa.values.waiting_for).toBe('没有启用的仓库发往 SA：请在仓库的国家中加入它');
    // Purchasing plans for FR1's 2 units, not for the 3 no purchase can ship.
    const suggestions = await api.call('GET', '/v1/purchasing/suggestions', { key: cs });
    const waiting = suggestions.body.suggestions
      .filter((s: { sku: string }) => s.sku === 'PC-BLK-01')
      .reduce((sum: number, s: { waiting: number }) => sum + s.waiting, 0);
    expect(waiting).toBe(2);

    // UK1 starts shipping to SA: the same push allocates SA1 from UK1's 29.
    await pushWarehouse(api, ws, 'UK1', { countries: ['GB', 'SA'] });
    expect(await ordersOf(api, cs)).toMatchObject({
      SA1: { status: 'pending_shipment', waiting: '' },
      FR1: { status: 'pending_purchase' },
    });
    expect((await stockOf(api, cs))['PC-BLK-01@UK1']).toEqual({ on_hand: 29, reserved: 3, available: 26 });
  });

  test('a warehouse that ships to more countries gives waiting orders its stock, oldest first; one deactivated moves nothing held', async () => {
    const { ws, cs } = await network();
    await importOrders(api, cs, [
      ['FR2', 'FR', [['PC-BLK-01', 20]]],
      ['FR3', 'FR', [['PC-BLK-01', 20]]],
    ]);
    await approve(api, cs, ['FR2']);
    await approve(api, cs, ['FR3']);
    expect(await ordersOf(api, cs)).toMatchObject({
      FR2: { status: 'pending_purchase' },
      FR3: { status: 'pending_purchase' },
    });
    // UK1 (29 cases) now ships to France too: the first approved gets its 20, the second what is left.
    await pushWarehouse(api, ws, 'UK1', { countries: ['GB', 'FR'] });
    expect(await ordersOf(api, cs)).toMatchObject({
      FR2: { status: 'pending_shipment', waiting: '' },
      FR3: { status: 'pending_purchase', waiting: 'waiting for PC-BLK-01 ×11' },
    });
    // Deactivating a warehouse leaves no order holding nothing it could get elsewhere: nothing else has stock.
    await pushWarehouse(api, ws, 'DE1', { active: false });
    expect((await ordersOf(api, cs)).FR3).toMatchObject({ status: 'pending_purchase' });
    expect((await stockOf(api, cs))['PC-BLK-01@UK1']).toEqual({ on_hand: 29, reserved: 29, available: 0 });
  });

  test('the stock check names an order waiting while a warehouse that ships to it has the SKU', async () => {
    const { ws, cs } = await network();
    // The case: a GB order waits for the cable while 57 sit in US1, which does not ship to GB.
    await importOrders(api, cs, [['GB9', 'GB', [['CB-USBC-1M', 2]]]]);
    await approve(api, cs, ['GB9']);
    const check = async () => (await api.call('GET', '/v1/stock/check', { key: ws.adminKey })).body;
    expect(await check()).toMatchObject({ ok: true, mismatches: [] });
    // Stock put in UK1 behind the server's back (a restore, a hand edit): nothing allocated it, the check says so.
    await api.db.pool.query(
      `INSERT INTO stock (workspace_id, stock_key, sku, warehouse, on_hand, version, change_no, updated_at, updated_by)
       VALUES ($1, 'CB-USBC-1M@UK1', 'CB-USBC-1M', 'UK1', 5, 1, 0, now(), 'hand edit')`,
      [ws.id],
    );
    expect((await check()).mismatches).toContainEqual({
      code: 'trapped_order',
      key: 'GB9',
      message: 'GB9 waits for CB-USBC-1M while UK1, which ships to it, has 5 available',
    });
  });
});
