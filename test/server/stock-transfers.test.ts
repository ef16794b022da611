import { DATABASE_KINDS } from '../support/databases';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { approve, importOrders, ordersOf, seedCatalog } from '../support/inventory-fixture';

type Line = { on_hand: number; reserved: number; available: number; incoming: number; in_transit: number };

/**
 * Transfers between warehouses (docs/inventory.md): draft → in transit → received (partly, closed short) /
 * cancelled; stock leaves the source at dispatch, shows in transit at the destination, arrives into on
 * hand there for the orders waiting first-in-first-out; the ledger check agrees at every step.
 */
describe.each(DATABASE_KINDS)('stock transfers, on %s', (kind) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(kind);
  });
  afterAll(async () => {
    await api.close();
  });

  let key = 0;
  const command = () => `transfer-test-${kind}-${++key}`;

  async function network(stock: Record<string, number> = { 'PC-BLK-01@DE1': 40, 'CB-USBC-1M@DE1': 10 }) {
    const ws = await api.workspace();
    const logistics = await ws.keyFor('logistics@shop.test', ['logistics']);
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    const warehouse = await ws.keyFor('warehouse@shop.test', ['warehouse']);
    await seedCatalog(api, ws, {
      skus: ['PC-BLK-01', 'CB-USBC-1M'],
      warehouses: [
        { code: 'DE1', countries: ['DE', 'FR', 'AT', 'NL'], rank: 1 },
        { code: 'UK1', countries: ['GB'], rank: 2 },
      ],
      stock,
    });
    return { ws, logistics, cs, warehouse };
  }

  async function stock(key: string): Promise<Record<string, Line>> {
    const pulled = await api.call('GET', '/v1/sync/pull?since=0&tables=stock', { key });
    return Object.fromEntries(
      (pulled.body.changes.stock as { key: string; values: Line }[]).map((r) => [
        r.key,
        {
          on_hand: r.values.on_hand,
          reserved: r.values.reserved,
          available: r.values.available,
          incoming: r.values.incoming,
          in_transit: r.values.in_transit,
        },
      ]),
    );
  }

  async function ledger(key: string) {
    const checked = await api.call('GET', '/v1/stock/check', { key });
    expect(checked.status).toBe(200);
    return checked.body.mismatches;
  }

  test('a transfer through every status: stock leaves at dispatch, is in transit, arrives for the waiting order', async () => {
    const { logistics, cs, warehouse } = await network();
    // A GB order waits: UK1 has nothing, DE1 does not ship to GB.
    await importOrders(api, cs, [['GB1', 'GB', [['PC-BLK-01', 3]]]]);
    await approve(api, cs, ['GB1']);
    expect((await ordersOf(api, cs)).GB1).toMatchObject({ status: 'pending_purchase' });

    const created = await api.call('POST', '/v1/transfers', {
      key: logistics,
      body: {
        idempotencyKey: command(),
        from: 'DE1',
        to: 'UK1',
        lines: [
          { sku: 'PC-BLK-01', qty: 20 },
          { sku: 'CB-USBC-1M', qty: 4 },
        ],
        carrier: 'DHL Freight',
        reference: 'FRT-778812',
        expectedOn: '2026-12-09',
      },
    });
    expect(created.status).toBe(200);
    const transferNo = created.body.transfer.transferNo;
    expect(created.body.transfer).toMatchObject({ transferNo: 'TR-00001', status: 'draft', from: 'DE1', to: 'UK1' });
    // A draft moves nothing.
    expect((await stock(logistics))['PC-BLK-01@DE1']).toMatchObject({ on_hand: 40, available: 40 });

    const dispatched = await api.call('POST', '/v1/transfers/dispatch', {
      key: logistics,
      body: { idempotencyKey: command(), transferNo },
    });
    expect(dispatched.body.transfer).toMatchObject({ status: 'in_transit' });
    expect(dispatched.body.transfer.lines.map((l: { inTransit: number }) => l.inTransit)).toEqual([20, 4]);
    let lines = await stock(logistics);
    expect(lines['PC-BLK-01@DE1']).toMatchObject({ on_hand: 20, available: 20 });
    expect(lines['PC-BLK-01@UK1']).toMatchObject({ on_hand: 0, in_transit: 20 });
    expect(lines['CB-USBC-1M@UK1']).toMatchObject({ on_hand: 0, in_transit: 4 });
    expect(await ledger(logistics)).toEqual([]);
    // Purchasing counts what is on its way as incoming where it goes (and no longer at the source).
    const suggested = await api.call('GET', '/v1/purchasing/suggestions', { key: cs });
    const uk = suggested.body.suggestions.find(
      (r: { sku: string; warehouse: string; action?: string }) =>
        r.sku === 'PC-BLK-01' && r.warehouse === 'UK1' && r.action !== 'transfer',
    );
    expect(uk).toMatchObject({ incoming: 20, available: 0 });
    // In transit is not on hand: the GB order still waits.
    expect((await ordersOf(api, cs)).GB1).toMatchObject({ status: 'pending_purchase' });

    // Part arrives: on hand at UK1, the waiting order served from it.
    const arrived = await api.call('POST', '/v1/transfers/receipts', {
      key: warehouse,
      body: { idempotencyKey: command(), transferNo, lines: [{ lineNo: 1, qty: 12, note: 'pallet 1 of 2' }] },
    });
    expect(arrived.status).toBe(200);
    expect(arrived.body.transfer).toMatchObject({ status: 'partially_received' });
    expect(arrived.body.served).toEqual([{ orderNo: 'GB1', status: 'pending_shipment', waiting: [] }]);
    lines = await stock(logistics);
    expect(lines['PC-BLK-01@UK1']).toMatchObject({ on_hand: 12, reserved: 3, available: 9, in_transit: 8 });
    expect((await ordersOf(api, cs)).GB1).toMatchObject({ status: 'pending_shipment', waiting: '' });

    // The rest of line 1 never comes (lost): closed short; line 2 arrives whole.
    const closed = await api.call('POST', '/v1/transfers/short-close', {
      key: warehouse,
      body: { idempotencyKey: command(), transferNo, lineNo: 1, reason: 'pallet 2 lost by the forwarder' },
    });
    expect(closed.body.transfer).toMatchObject({ status: 'partially_received' });
    const last = await api.call('POST', '/v1/transfers/receipts', {
      key: warehouse,
      body: { idempotencyKey: command(), transferNo, lines: [{ lineNo: 2, qty: 4 }] },
    });
    expect(last.body.transfer).toMatchObject({ status: 'closed_short' });
    expect(last.body.transfer.lines).toEqual([
      expect.objectContaining({
        received: 12,
        shortClosed: 8,
        inTransit: 0,
        shortReason: 'pallet 2 lost by the forwarder',
      }),
      expect.objectContaining({ received: 4, shortClosed: 0, inTransit: 0 }),
    ]);
    lines = await stock(logistics);
    expect(lines['PC-BLK-01@UK1']).toMatchObject({ on_hand: 12, in_transit: 0 });
    expect(lines['CB-USBC-1M@UK1']).toMatchObject({ on_hand: 4, in_transit: 0 });
    expect(await ledger(logistics)).toEqual([]);

    // The Transfers sheet's rows, in the reader's language, and the transfer's history.
    const zh = await api.call('GET', '/v1/sync/pull?since=0&tables=transfer_rows&lang=zh', { key: cs });
    expect(
      zh.body.changes.transfer_rows.map((r: { key: string; values: Record<string, unknown> }) => r.values),
    ).toEqual([
      expect.objectContaining({ row_key: `${transferNo}/1`, status: '短收关闭', qty: 20, in_transit_qty: 0 }),
      expect.objectContaining({ row_key: `${transferNo}/2`, status: '短收关闭', reference: 'FRT-778812' }),
    ]);
    const events = await api.call('GET', `/v1/events?entity=transfers&key=${transferNo}`, { key: cs });
    expect(events.body.events.map((e: { action: string }) => e.action).reverse()).toEqual([
      'created',
      'dispatched',
      'received',
      'closed_short',
      'received',
    ]);
  });

  test('every mistake named at once, nothing half-applied; a retried request applied once; roles', async () => {
    const { logistics, cs, warehouse } = await network({ 'PC-BLK-01@DE1': 5 });
    const bad = await api.call('POST', '/v1/transfers', {
      key: logistics,
      body: {
        idempotencyKey: command(),
        lang: 'zh',
        from: 'XX9',
        to: 'XX9',
        lines: [
          { sku: 'NOPE', qty: 1 },
          { sku: 'PC-BLK-01', qty: 1 },
          { sku: 'PC-BLK-01', qty: 2 },
        ],
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: { field: string; code: string }) => [d.field, d.code])).toEqual([
      ['from', 'unknown_warehouse'],
      ['to', 'unknown_warehouse'],
      ['lines.0.sku', 'unknown_sku'],
      ['to', 'same_warehouse'],
      ['lines.2.sku', 'repeated_sku'],
    ]);
    expect(bad.body.error.details[4].message).toBe('PC-BLK-01 在此调拨单中出现两次：每个 SKU 一行');

    expect(
      (
        await api.call('POST', '/v1/transfers', {
          key: cs,
          body: { idempotencyKey: command(), from: 'DE1', to: 'UK1', lines: [{ sku: 'PC-BLK-01', qty: 1 }] },
        })
      ).status,
    ).toBe(403);

    // Two orders in DE hold 4 of the 5: only 1 is free to leave.
    await importOrders(api, cs, [['DE1-A', 'DE', [['PC-BLK-01', 4]]]]);
    await approve(api, cs, ['DE1-A']);
    const body = { idempotencyKey: command(), from: 'DE1', to: 'UK1', lines: [{ sku: 'PC-BLK-01', qty: 3 }] };
    const draft = await api.call('POST', '/v1/transfers', { key: logistics, body });
    const again = await api.call('POST', '/v1/transfers', { key: logistics, body });
    expect(again.body).toEqual(draft.body);
    const transferNo = draft.body.transfer.transferNo;
    const listed = await api.call('GET', '/v1/transfers', { key: cs });
    expect(listed.body.transfers.map((t: { transferNo: string }) => t.transferNo)).toEqual([transferNo]);

    const short = await api.call('POST', '/v1/transfers/dispatch', {
      key: logistics,
      body: { idempotencyKey: command(), transferNo },
    });
    expect(short.status).toBe(409);
    expect(short.body.error.details).toEqual([
      expect.objectContaining({
        field: 'lines.0.qty',
        code: 'short_at_source',
        message: `${transferNo}: DE1 has 1 of PC-BLK-01 available, 3 needed`,
      }),
    ]);
    expect((await stock(logistics))['PC-BLK-01@DE1']).toMatchObject({ on_hand: 5, reserved: 4 });

    // Receiving a draft, cancelling without a reason: refused. Cancelled with one, it cannot be dispatched.
    const early = await api.call('POST', '/v1/transfers/receipts', {
      key: warehouse,
      body: { idempotencyKey: command(), transferNo, lines: [{ lineNo: 1, qty: 1 }] },
    });
    expect([early.status, early.body.error.code]).toEqual([409, 'transfer_not_in_transit']);
    const blank = await api.call('POST', '/v1/transfers/cancel', {
      key: logistics,
      body: { idempotencyKey: command(), transferNo, reason: '  ' },
    });
    expect([blank.status, blank.body.error.details[0].field]).toEqual([400, 'reason']);
    const cancelled = await api.call('POST', '/v1/transfers/cancel', {
      key: logistics,
      body: { idempotencyKey: command(), transferNo, reason: 'sold locally instead' },
    });
    expect(cancelled.body.transfer).toMatchObject({ status: 'cancelled', cancelReason: 'sold locally instead' });
    const late = await api.call('POST', '/v1/transfers/dispatch', {
      key: logistics,
      body: { idempotencyKey: command(), transferNo },
    });
    expect([late.status, late.body.error.message]).toEqual([
      409,
      `${transferNo} is Cancelled: only a draft can be dispatched`,
    ]);
    expect(await ledger(logistics)).toEqual([]);
  });

  test('an arrival over what is in transit is refused whole', async () => {
    const { logistics, warehouse } = await network();
    const sent = await api.call('POST', '/v1/transfers', {
      key: logistics,
      body: {
        idempotencyKey: command(),
        from: 'DE1',
        to: 'UK1',
        dispatch: true,
        lines: [
          { sku: 'PC-BLK-01', qty: 5 },
          { sku: 'CB-USBC-1M', qty: 2 },
        ],
      },
    });
    expect(sent.body.transfer).toMatchObject({ status: 'in_transit' });
    const over = await api.call('POST', '/v1/transfers/receipts', {
      key: warehouse,
      body: {
        idempotencyKey: command(),
        transferNo: sent.body.transfer.transferNo,
        lines: [
          { lineNo: 1, qty: 3 },
          { lineNo: 1, qty: 3 },
          { lineNo: 2, qty: 2 },
          { lineNo: 7, qty: 1 },
        ],
      },
    });
    expect(over.status).toBe(422);
    expect(over.body.error.details.map((d: { field: string }) => d.field)).toEqual(['lines.1.qty', 'lines.3.lineNo']);
    const lines = await stock(logistics);
    expect(lines['PC-BLK-01@UK1']).toMatchObject({ on_hand: 0, in_transit: 5 });
    expect(lines['CB-USBC-1M@UK1']).toMatchObject({ on_hand: 0, in_transit: 2 });
  });

  test('dispatches racing approvals on the source never oversell it', async () => {
    const { logistics, cs } = await network({ 'PC-BLK-01@DE1': 10 });
    const orders = Array.from(
      { length: 10 },
      (_, i) => [`R${i}`, 'DE', [['PC-BLK-01', 1]]] as [string, string, [string, number][]],
    );
    await importOrders(api, cs, orders);
    const drafts = await Promise.all(
      [4, 3, 5].map((qty) =>
        api.call('POST', '/v1/transfers', {
          key: logistics,
          body: { idempotencyKey: command(), from: 'DE1', to: 'UK1', lines: [{ sku: 'PC-BLK-01', qty }] },
        }),
      ),
    );
    const results = await Promise.all([
      ...orders.map(([no]) => approve(api, cs, [no])),
      ...drafts.map((d) =>
        api.call('POST', '/v1/transfers/dispatch', {
          key: logistics,
          body: { idempotencyKey: command(), transferNo: d.body.transfer.transferNo },
        }),
      ),
    ]);
    const sent = results
      .slice(orders.length)
      .map((r, i) => (r.status === 200 ? [4, 3, 5][i]! : (expect(r.status).toBe(409), 0)))
      .reduce((a, b) => a + b, 0);
    const lines = await stock(logistics);
    const held = Object.values(await ordersOf(api, cs)).filter((o) => o.status === 'pending_shipment').length;
    expect(lines['PC-BLK-01@DE1']).toMatchObject({ on_hand: 10 - sent, reserved: held });
    expect(held).toBeLessThanOrEqual(10 - sent);
    expect(lines['PC-BLK-01@UK1']?.in_transit ?? 0).toBe(sent);
    expect(await ledger(logistics)).toEqual([]);
  });
});
