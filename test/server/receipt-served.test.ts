import { DATABASE_KINDS } from '../support/databases';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { approve, importOrders, ordersOf, seedCatalog, supplyFrom } from '../support/inventory-fixture';

/** Issue 13: an arrival's answer names the orders it gave stock to, first served first, and what they still miss. */
describe.each(DATABASE_KINDS)('the orders an arrival served, on %s', (kind) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(kind);
  });
  afterAll(async () => {
    await api.close();
  });

  test('a receipt and a PO receipt list the orders they served, oldest first, with what each still waits for', async () => {
    const ws = await api.workspace();
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    const buyer = await ws.keyFor('buyer@shop.test', ['purchasing']);
    const wh = await ws.keyFor('wh@shop.test', ['warehouse']);
    await seedCatalog(api, ws, { skus: ['PC', 'CB'], warehouses: [{ code: 'FR1', countries: [], rank: 1 }] });
    await importOrders(api, cs, [
      ['S1', 'FR', [['PC', 2]]],
      [
        'S2',
        'FR',
        [
          ['PC', 3],
          ['CB', 1],
        ],
      ],
      ['S3', 'FR', [['CB', 2]]],
    ]);
    for (const no of ['S1', 'S2', 'S3']) await approve(api, cs, [no]);

    const receipt = await api.call('POST', '/v1/stock/receipts', {
      key: wh,
      body: { idempotencyKey: 'receipt-served-1', lines: [{ sku: 'PC', warehouse: 'FR1', qty: 4 }] },
    });
    expect(receipt.status).toBe(200);
    // S3 waits for CB only: this arrival gave it nothing, so it is not named.
    expect(receipt.body.served).toEqual([
      { orderNo: 'S1', status: 'pending_shipment', waiting: [] },
      {
        orderNo: 'S2',
        status: 'pending_purchase',
        waiting: [
          { sku: 'CB', missing: 1 },
          { sku: 'PC', missing: 1 },
        ],
      },
    ]);
    expect(await ordersOf(api, cs)).toMatchObject({
      S1: { status: 'pending_shipment' },
      S2: { status: 'pending_purchase' },
      S3: { status: 'pending_purchase' },
    });
    // A replay answers the same list.
    expect(
      (
        await api.call('POST', '/v1/stock/receipts', {
          key: wh,
          body: { idempotencyKey: 'receipt-served-1', lines: [{ sku: 'PC', warehouse: 'FR1', qty: 4 }] },
        })
      ).body,
    ).toEqual(receipt.body);
    const more = await api.call('POST', '/v1/stock/receipts', {
      key: wh,
      body: { idempotencyKey: 'receipt-served-2', lines: [{ sku: 'PC', warehouse: 'FR1', qty: 5 }] },
    });
    expect(more.body.served).toEqual([
      { orderNo: 'S2', status: 'pending_purchase', waiting: [{ sku: 'CB', missing: 1 }] },
    ]);
    // Nobody waits for PC any more: the next PC serves no one.
    const idle = await api.call('POST', '/v1/stock/receipts', {
      key: wh,
      body: { idempotencyKey: 'receipt-served-3', lines: [{ sku: 'PC', warehouse: 'FR1', qty: 1 }] },
    });
    expect([idle.status, idle.body.served]).toEqual([200, []]);

    await supplyFrom(api, buyer, 'SUP1', ['CB']);
    const po = await api.call('POST', '/v1/purchasing/orders', {
      key: buyer,
      body: { idempotencyKey: 'create-served-1', warehouse: 'FR1', lines: [{ sku: 'CB', qty: 2 }] },
    });
    const arrived = await api.call('POST', '/v1/purchasing/receipts', {
      key: wh,
      body: { idempotencyKey: 'po-receipt-served-1', poNo: po.body.orders[0].poNo, lines: [{ lineNo: 1, qty: 2 }] },
    });
    expect(arrived.status).toBe(200);
    expect(arrived.body.order.status).toBe('received');
    expect(arrived.body.served).toEqual([
      { orderNo: 'S2', status: 'pending_shipment', waiting: [] },
      { orderNo: 'S3', status: 'pending_purchase', waiting: [{ sku: 'CB', missing: 1 }] },
    ]);
  });
});
