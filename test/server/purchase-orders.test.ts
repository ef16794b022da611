import { DATABASE_KINDS } from '../support/databases';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { approve, importOrders, ordersOf, seedCatalog, stockOf } from '../support/inventory-fixture';

/** The purchasing loop (issue 5): orders wait → suggestion → PO → partial receipt → oldest served → final receipt. */
describe.each(DATABASE_KINDS)('purchase orders and receipts, on %s', (kind) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(kind);
  });
  afterAll(async () => {
    await api.close();
  });

  test('waiting orders are suggested, ordered, and served first approved first as the goods arrive', async () => {
    const ws = await api.workspace();
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    const buyer = await ws.keyFor('buyer@shop.test', ['purchasing']);
    const wh = await ws.keyFor('wh@shop.test', ['warehouse']);
    await seedCatalog(api, ws, { skus: ['PC'], warehouses: [{ code: 'FR1', countries: [], rank: 1 }] });
    await api.call('POST', '/v1/sync/push', {
      key: buyer,
      body: {
        clientId: 'buyer-sheet',
        mutationId: 1,
        tables: {
          suppliers: [{ key: 'SUP1', baseVersion: null, values: { lead_days: 10 } }],
          products: [{ key: 'PC', baseVersion: 1, values: { supplier: 'SUP1' } }],
        },
      },
    });
    await importOrders(api, cs, [
      ['W1', 'FR', [['PC', 2]]],
      ['W2', 'FR', [['PC', 2]]],
      ['W3', 'FR', [['PC', 2]]],
    ]);
    for (const no of ['W1', 'W2', 'W3']) await approve(api, cs, [no]);
    const suggest = async () =>
      (await api.call('GET', '/v1/purchasing/suggestions?today=2026-11-27', { key: buyer })).body.suggestions[0];
    expect(await suggest()).toMatchObject({ sku: 'PC', waiting: 6, suggestedQty: 6, orderBy: '2026-11-27' });

    const create = { idempotencyKey: 'create-pos-0001', warehouse: 'FR1', lines: [{ sku: 'PC', qty: 6 }] };
    const created = await api.call('POST', '/v1/purchasing/orders', { key: buyer, body: create });
    expect(created.status).toBe(200);
    const po = created.body.orders[0];
    expect(po).toMatchObject({
      poNo: 'PO-00001',
      supplier: 'SUP1',
      warehouse: 'FR1',
      status: 'ordered',
      overdue: false,
      lines: [{ lineNo: 1, sku: 'PC', ordered: 6, received: 0 }],
    });
    expect((await api.call('POST', '/v1/purchasing/orders', { key: buyer, body: create })).body).toEqual(created.body); // pressed twice: nothing new
    expect((await api.call('GET', '/v1/purchasing/orders', { key: buyer })).body.orders).toHaveLength(1);
    expect(await suggest()).toMatchObject({ incoming: 6, suggestedQty: 0 });

    const over = await api.call('POST', '/v1/purchasing/receipts', {
      key: wh,
      body: {
        idempotencyKey: 'receipt-over-1',
        poNo: po.poNo,
        lines: [
          { lineNo: 1, qty: 4 },
          { lineNo: 1, qty: 3 },
        ],
      },
    });
    expect(over.status).toBe(422);
    expect(over.body.error.message).toBe('PO-00001 line 1 (PC): 3 received but only 2 still on order');
    expect(await stockOf(api, wh)).toMatchObject({ 'PC@FR1': { on_hand: 0 } });

    const partial = await api.call('POST', '/v1/purchasing/receipts', {
      key: wh,
      body: { idempotencyKey: 'receipt-part-1', poNo: po.poNo, lines: [{ lineNo: 1, qty: 3, note: 'first pallet' }] },
    });
    expect(partial.body.order).toMatchObject({ status: 'partially_received', lines: [{ received: 3 }] });
    expect(await ordersOf(api, cs)).toMatchObject({
      W1: { status: 'pending_shipment' },
      W2: { status: 'pending_purchase', waiting: 'waiting for PC ×1' },
      W3: { status: 'pending_purchase', waiting: 'waiting for PC ×2' },
    });
    expect(await stockOf(api, wh)).toMatchObject({ 'PC@FR1': { on_hand: 3, reserved: 3 } });

    const rest = await api.call('POST', '/v1/purchasing/receipts', {
      key: wh,
      body: { idempotencyKey: 'receipt-rest-1', poNo: po.poNo, lines: [{ lineNo: 1, qty: 3 }] },
    });
    expect(rest.body.order.status).toBe('received');
    expect(Object.values(await ordersOf(api, cs)).map((o) => o.status)).toEqual([
      'pending_shipment',
      'pending_shipment',
      'pending_shipment',
    ]);
    const pulled = await api.call('GET', '/v1/sync/pull?since=0&tables=stock', { key: wh });
    expect(pulled.body.changes.stock[0].values).toMatchObject({ on_hand: 6, reserved: 6, available: 0, incoming: 0 });
    expect(
      (
        await api.call('POST', '/v1/purchasing/receipts', {
          key: wh,
          body: { idempotencyKey: 'receipt-more-1', poNo: po.poNo, lines: [{ lineNo: 1, qty: 1 }] },
        })
      ).status,
    ).toBe(409);
    expect((await api.call('GET', '/v1/stock/check', { key: wh })).body).toMatchObject({ ok: true });
  });

  test('a line closed short leaves incoming with its reason; unknown SKUs and suppliers are named at once', async () => {
    const ws = await api.workspace();
    const buyer = await ws.keyFor('buyer@shop.test', ['purchasing']);
    await seedCatalog(api, ws, { skus: ['PC', 'CB', 'PB'], warehouses: [{ code: 'FR1', countries: [], rank: 1 }] });
    await api.call('POST', '/v1/sync/push', {
      key: buyer,
      body: {
        clientId: 'buyer-sheet',
        mutationId: 1,
        tables: {
          suppliers: [{ key: 'SUP1', baseVersion: null, values: {} }],
          products: [
            { key: 'PC', baseVersion: 1, values: { supplier: 'SUP1' } },
            { key: 'CB', baseVersion: 1, values: { supplier: 'GHOST' } },
          ],
        },
      },
    });
    const bad = await api.call('POST', '/v1/purchasing/orders', {
      key: buyer,
      body: {
        idempotencyKey: 'create-bad-01',
        warehouse: 'XX',
        lines: [
          { sku: 'NOPE', qty: 1 },
          { sku: 'CB', qty: 1 },
          { sku: 'PC', qty: 1 },
        ],
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`)).toEqual([
      'warehouse:unknown_warehouse',
      'lines.0.sku:unknown_sku',
      'lines.1.sku:unknown_supplier',
    ]);
    expect((await api.call('GET', '/v1/purchasing/orders', { key: buyer })).body.orders).toEqual([]);

    const po = (
      await api.call('POST', '/v1/purchasing/orders', {
        key: buyer,
        body: { idempotencyKey: 'create-pos-0002', warehouse: 'FR1', lines: [{ sku: 'PC', qty: 5 }] },
      })
    ).body.orders[0];
    await api.call('POST', '/v1/purchasing/receipts', {
      key: buyer,
      body: { idempotencyKey: 'receipt-sc-01', poNo: po.poNo, lines: [{ lineNo: 1, qty: 2 }] },
    });
    expect(
      (
        await api.call('POST', '/v1/purchasing/short-close', {
          key: buyer,
          body: { idempotencyKey: 'close-sc-001', poNo: po.poNo, lineNo: 1, reason: ' ' },
        })
      ).status,
    ).toBe(400);
    const closed = await api.call('POST', '/v1/purchasing/short-close', {
      key: buyer,
      body: { idempotencyKey: 'close-sc-002', poNo: po.poNo, lineNo: 1, reason: 'supplier out of stock', lang: 'zh' },
    });
    expect(closed.body.order).toMatchObject({
      status: 'closed_short',
      lines: [{ ordered: 5, received: 2, shortClosed: 3, shortReason: 'supplier out of stock' }],
    });
    const pulled = await api.call('GET', '/v1/sync/pull?since=0&tables=stock', { key: buyer });
    expect(pulled.body.changes.stock[0].values).toMatchObject({ on_hand: 2, incoming: 0 });
    const again = await api.call('POST', '/v1/purchasing/short-close', {
      key: buyer,
      body: { idempotencyKey: 'close-sc-003', poNo: po.poNo, lineNo: 1, reason: 'again', lang: 'zh' },
    });
    expect([again.status, again.body.error.message]).toEqual([409, `${po.poNo} 状态为 短收关闭，没有可短收关闭的行`]);
  });
});
