import { DATABASE_KINDS } from '../support/databases';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { approve, importOrders, ordersOf, seedCatalog, stockOf } from '../support/inventory-fixture';

describe.each(DATABASE_KINDS)('stock, reservations and allocation, on %s', (kind) => {
  let api: ApiHarness;
  let ws: Awaited<ReturnType<ApiHarness['workspace']>>;
  let cs: string;
  let warehouse: string;
  beforeAll(async () => {
    api = await startApiHarness(kind);
  });
  afterAll(async () => {
    await api.close();
  });
  beforeEach(async () => {
    ws = await api.workspace();
    cs = await ws.keyFor('cs@shop.test', ['cs']);
    warehouse = await ws.keyFor('wh@shop.test', ['warehouse']);
    await seedCatalog(api, ws, {
      skus: ['PC', 'CB', 'PB'],
      warehouses: [
        { code: 'FR1', countries: ['FR'], rank: 1 },
        { code: 'DE1', countries: ['FR', 'DE'], rank: 2 },
        { code: 'US1', countries: ['US'], rank: 1 },
      ],
      stock: { 'PC@FR1': 3, 'PC@DE1': 5, 'CB@DE1': 2, 'PC@US1': 50 },
    });
  });
  const check = async () => (await api.call('GET', '/v1/stock/check', { key: cs })).body;

  test('approval prefers one warehouse for the whole order, else splits by rank; what is missing waits with its reason', async () => {
    await importOrders(api, cs, [
      [
        'A',
        'FR',
        [
          ['PC', 2],
          ['CB', 1],
        ],
      ], // FR1 has no CB: DE1 ships it all
      ['B', 'FR', [['PC', 4]]], // FR1 3 + DE1 1
      ['C', 'FR', [['PC', 5]]], // DE1's last 2, waits for 3 (US1's 50 do not serve FR)
      [
        'D',
        'FR',
        [
          ['CB', 2],
          ['PB', 1],
        ],
      ], // CB 1 left, no PB anywhere
    ]);
    const answer = await approve(api, cs, ['A', 'B', 'C', 'D']);
    expect(answer.body.results.map((r: { to: string }) => r.to)).toEqual([
      'pending_shipment',
      'pending_shipment',
      'pending_purchase',
      'pending_purchase',
    ]);
    // Every shortage of the request at once, per order.
    expect(answer.body.results.map((r: { waiting?: unknown }) => r.waiting)).toEqual([
      undefined,
      undefined,
      [{ sku: 'PC', missing: 3 }],
      [
        { sku: 'CB', missing: 1 },
        { sku: 'PB', missing: 1 },
      ],
    ]);
    expect(await stockOf(api, cs)).toMatchObject({
      'PC@FR1': { on_hand: 3, reserved: 3, available: 0 },
      'PC@DE1': { on_hand: 5, reserved: 5, available: 0 },
      'CB@DE1': { on_hand: 2, reserved: 2, available: 0 },
      'PC@US1': { on_hand: 50, reserved: 0, available: 50 },
    });
    const orders = await ordersOf(api, cs);
    expect(orders.C).toEqual({ status: 'pending_purchase', waiting: 'waiting for PC ×3' });
    expect(orders.D).toEqual({ status: 'pending_purchase', waiting: 'waiting for CB ×1, PB ×1' });
    const zh = await api.call('GET', '/v1/sync/pull?since=0&tables=order_rows&lang=zh', { key: cs });
    expect(
      zh.body.changes.order_rows.find((r: { values: { order_no: string } }) => r.values.order_no === 'C').values
        .waiting_for,
    ).toBe('等待到货：PC ×3');
    const events = await api.call('GET', '/v1/events?entity=orders&key=B', { key: cs });
    expect(events.body.events.map((e: { action: string }) => e.action)).toEqual([
      'reserve_full',
      'reserved',
      'approve',
      'imported',
    ]);
    expect(events.body.events[1].after.lines).toEqual([
      { line: 1, sku: 'PC', warehouse: 'FR1', qty: 3 },
      { line: 1, sku: 'PC', warehouse: 'DE1', qty: 1 },
    ]);
    expect(await check()).toMatchObject({ ok: true, mismatches: [] });
  });

  test('a receipt goes to the waiting orders first approved first; a cancel frees stock for the next in line', async () => {
    await importOrders(api, cs, [
      ['W1', 'FR', [['PC', 6]]],
      ['W2', 'FR', [['PC', 4]]],
      ['W3', 'DE', [['PC', 1]]],
    ]);
    await approve(api, cs, ['W1']); // takes FR1 3 + DE1 5 = 8? no: 6 needed, FR1 3 then DE1 3
    await approve(api, cs, ['W2']); // DE1's last 2, waits for 2
    await approve(api, cs, ['W3']); // nothing left in DE1 for DE: waits for 1
    expect(await ordersOf(api, cs)).toMatchObject({
      W1: { status: 'pending_shipment' },
      W2: { status: 'pending_purchase', waiting: 'waiting for PC ×2' },
      W3: { status: 'pending_purchase' },
    });
    const receipt = await api.call('POST', '/v1/stock/receipts', {
      key: warehouse,
      body: { idempotencyKey: 'receipt-0001', lines: [{ sku: 'PC', warehouse: 'DE1', qty: 2 }] },
    });
    expect(receipt.status).toBe(200);
    expect(receipt.body.received).toEqual([{ stockKey: 'PC@DE1', onHand: 7, reserved: 7, available: 0 }]);
    expect(await ordersOf(api, cs)).toMatchObject({
      W2: { status: 'pending_shipment', waiting: '' },
      W3: { status: 'pending_purchase', waiting: 'waiting for PC ×1' },
    });
    // A replayed receipt changes nothing.
    expect(
      (
        await api.call('POST', '/v1/stock/receipts', {
          key: warehouse,
          body: { idempotencyKey: 'receipt-0001', lines: [{ sku: 'PC', warehouse: 'DE1', qty: 2 }] },
        })
      ).body,
    ).toEqual(receipt.body);
    const cancel = await api.call('POST', '/v1/orders/moves', {
      key: cs,
      body: { idempotencyKey: 'cancel-w1', action: 'cancel', orderNos: ['W1'], reason: 'customer changed their mind' },
    });
    expect(cancel.body.results[0]).toMatchObject({ outcome: 'moved', to: 'cancelled' });
    expect(await ordersOf(api, cs)).toMatchObject({ W1: { status: 'cancelled' }, W3: { status: 'pending_shipment' } });
    expect(await stockOf(api, cs)).toMatchObject({
      'PC@FR1': { reserved: 0, available: 3 },
      'PC@DE1': { on_hand: 7, reserved: 5, available: 2 },
    });
    expect(await check()).toMatchObject({ ok: true });
  });

  test('a count is applied as a change: two people counting at once both count; below reserved, the newest orders wait again', async () => {
    await importOrders(api, cs, [
      ['O1', 'DE', [['PC', 2]]],
      ['O2', 'DE', [['PC', 2]]],
    ]);
    await approve(api, cs, ['O1']);
    await approve(api, cs, ['O2']);
    const count = (typed: number, base: number, id: number) =>
      api.call('POST', '/v1/sync/push', {
        key: warehouse,
        body: {
          clientId: `counter-${id}`,
          mutationId: 1,
          tables: { stock: [{ key: 'PC@DE1', baseVersion: 1, values: { on_hand: typed }, base: { on_hand: base } }] },
        },
      });
    // Both saw 5; one counts 4 (one broken), the other 3 (two more sold off the shelf): 5 - 1 - 2 = 2.
    const [first, second] = await Promise.all([count(4, 5, 1), count(3, 5, 2)]);
    expect([first.body.results.stock[0].status, second.body.results.stock[0].status]).toEqual(['applied', 'applied']);
    const stock = await stockOf(api, cs);
    expect(stock['PC@DE1']).toEqual({ on_hand: 2, reserved: 2, available: 0 });
    // O1 (older) keeps its 2; O2 gave way.
    expect(await ordersOf(api, cs)).toMatchObject({
      O1: { status: 'pending_shipment' },
      O2: { status: 'pending_purchase', waiting: 'waiting for PC ×2' },
    });
    const events = await api.call('GET', '/v1/events?entity=orders&key=O2', { key: cs });
    expect(events.body.events.slice(0, 2).map((e: { action: string }) => e.action)).toEqual(['stock_lost', 'released']);
    const log = await api.call('GET', '/v1/events?entity=stock&key=PC@DE1', { key: cs });
    expect(
      log.body.events.filter((e: { action: string }) => e.action === 'counted').map((e: { actor: string }) => e.actor),
    ).toEqual(['wh@shop.test', 'wh@shop.test']);
    expect(await check()).toMatchObject({ ok: true });
  });

  test('bad counts and receipts are refused with every reason and change nothing', async () => {
    const push = await api.call('POST', '/v1/sync/push', {
      key: warehouse,
      body: {
        clientId: 'counter-bad',
        mutationId: 1,
        lang: 'zh',
        tables: {
          stock: [
            { key: 'PC@DE1', baseVersion: 1, values: { on_hand: 0 }, base: { on_hand: 9 } }, // 5 + (0 - 9) < 0
            { key: 'XX@DE1', baseVersion: null, values: { on_hand: 1 } },
            { key: 'PC@NOWHERE', baseVersion: null, values: { on_hand: -1 } },
            { key: 'no-at-sign', baseVersion: null, values: { on_hand: 1 } },
          ],
        },
      },
    });
    const [below, unknownSku, twoErrors, badKey] = push.body.results.stock;
    expect(below).toMatchObject({
      status: 'rejected',
      errors: [{ field: 'on_hand', code: 'count_below_zero' }],
      row: { values: { on_hand: 5 } },
    });
    expect(below.errors[0].message).toContain('请重新盘点');
    expect(unknownSku.errors).toEqual([expect.objectContaining({ field: 'sku', code: 'unknown_sku' })]);
    expect(twoErrors.errors.map((e: { field: string }) => e.field).sort()).toEqual(['on_hand', 'warehouse']);
    expect(badKey.errors[0]).toMatchObject({ field: 'stock_key', code: 'bad_stock_key' });
    const csCount = await api.call('POST', '/v1/sync/push', {
      key: cs,
      body: {
        clientId: 'cs-count',
        mutationId: 1,
        tables: { stock: [{ key: 'PC@DE1', baseVersion: 1, values: { on_hand: 1 }, base: { on_hand: 5 } }] },
      },
    });
    expect(csCount.body.results.stock[0]).toMatchObject({ status: 'rejected', errors: [{ code: 'not_allowed_role' }] });
    const receipt = await api.call('POST', '/v1/stock/receipts', {
      key: warehouse,
      body: {
        idempotencyKey: 'receipt-bad1',
        lines: [
          { sku: 'PC', warehouse: 'FR1', qty: 1 },
          { sku: 'NOPE', warehouse: 'XX', qty: 2 },
        ],
      },
    });
    expect(receipt.status).toBe(422);
    expect(receipt.body.error.details.map((d: { field: string }) => d.field)).toEqual([
      'lines.1.sku',
      'lines.1.warehouse',
    ]);
    expect(
      (
        await api.call('POST', '/v1/stock/receipts', {
          key: cs,
          body: { idempotencyKey: 'receipt-cs01', lines: [{ sku: 'PC', warehouse: 'FR1', qty: 1 }] },
        })
      ).status,
    ).toBe(403);
    expect(await stockOf(api, cs)).toMatchObject({ 'PC@FR1': { on_hand: 3 }, 'PC@DE1': { on_hand: 5 } });
    expect(await check()).toMatchObject({ ok: true, stockLines: 4 });
  });

  test('orders approved at import (auto-approve on) reserve like any approval; a cancelled order stops waiting', async () => {
    const settings = (await api.call('GET', '/v1/settings/review', { key: cs })).body;
    await api.call('POST', '/v1/settings/review', { key: cs, body: { ...settings, autoApprove: true } });
    await importOrders(api, cs, [
      ['AA1', 'FR', [['PC', 2]]],
      ['AA2', 'FR', [['CB', 5]]],
    ]);
    const orders = await ordersOf(api, cs);
    // A clean order is approved by itself and reserves at once; the short one waits with its reason.
    expect(orders.AA1).toEqual({ status: 'pending_shipment', waiting: '' });
    expect(orders.AA2).toEqual({ status: 'pending_purchase', waiting: 'waiting for CB ×3' });
    await api.call('POST', '/v1/orders/moves', {
      key: cs,
      body: { idempotencyKey: 'cancel-aa2', action: 'cancel', orderNos: ['AA2'], reason: 'too slow' },
    });
    expect((await ordersOf(api, cs)).AA2).toEqual({ status: 'cancelled', waiting: '' });
    expect(await stockOf(api, cs)).toMatchObject({ 'CB@DE1': { reserved: 0, available: 2 } });
    expect(await check()).toMatchObject({ ok: true });
  });

  test('an order that loses its stock in a count takes what another serving warehouse has, and waits for the rest', async () => {
    await importOrders(api, cs, [
      ['K1', 'FR', [['PC', 2]]],
      ['K2', 'FR', [['PC', 4]]],
    ]);
    await approve(api, cs, ['K1']); // FR1 fills it: 1 left there
    await approve(api, cs, ['K2']); // only DE1 can fill 4 alone: 1 left there
    expect(await ordersOf(api, cs)).toMatchObject({
      K1: { status: 'pending_shipment' },
      K2: { status: 'pending_shipment' },
    });
    const counted = await api.call('POST', '/v1/sync/push', {
      key: warehouse,
      body: {
        clientId: 'counter-k',
        mutationId: 1,
        tables: { stock: [{ key: 'PC@FR1', baseVersion: 1, values: { on_hand: 0 }, base: { on_hand: 3 } }] },
      },
    });
    expect(counted.body.results.stock[0]).toMatchObject({
      status: 'applied',
      row: { values: { on_hand: 0, reserved: 0 } },
    });
    // K1 lost its 2 in FR1, took DE1's last unit, and waits for one more; K2 keeps its stock.
    expect(await ordersOf(api, cs)).toMatchObject({
      K1: { status: 'pending_purchase', waiting: 'waiting for PC ×1' },
      K2: { status: 'pending_shipment' },
    });
    expect(await stockOf(api, cs)).toMatchObject({ 'PC@DE1': { on_hand: 5, reserved: 5 } });
    await api.call('POST', '/v1/stock/receipts', {
      key: warehouse,
      body: { idempotencyKey: 'receipt-k001', lines: [{ sku: 'PC', warehouse: 'FR1', qty: 1 }] },
    });
    expect((await ordersOf(api, cs)).K1).toEqual({ status: 'pending_shipment', waiting: '' });
    expect(await check()).toMatchObject({ ok: true });
  });

  test('a count carries its reason into the adjustment; a note alone changes no stock', async () => {
    const push = (mutationId: number, values: Record<string, unknown>, base: number) =>
      api.call('POST', '/v1/sync/push', {
        key: warehouse,
        body: {
          clientId: 'counter-note',
          mutationId,
          tables: { stock: [{ key: 'PC@FR1', baseVersion: 1, values, base: { on_hand: base } }] },
        },
      });
    const counted = await push(1, { on_hand: 2, count_note: 'one crushed box' }, 3);
    expect(counted.body.results.stock[0].row.values).toMatchObject({ on_hand: 2, count_note: 'one crushed box' });
    const log = await api.call('GET', '/v1/events?entity=stock&key=PC@FR1', { key: cs });
    expect(log.body.events[0]).toMatchObject({
      action: 'counted',
      actor: 'wh@shop.test',
      before: { on_hand: 3 },
      after: { on_hand: 2, note: 'one crushed box' },
    });
    const noted = await push(2, { on_hand: 2, count_note: 'box found, empty' }, 2);
    expect(noted.body.results.stock[0].row.values).toMatchObject({ on_hand: 2, count_note: 'box found, empty' });
    expect((await api.call('GET', '/v1/events?entity=stock&key=PC@FR1', { key: cs })).body.events).toHaveLength(
      log.body.events.length,
    );
    // Someone else counts later from a sheet still showing that note: the note is not theirs.
    const later = await api.call('POST', '/v1/sync/push', {
      key: warehouse,
      body: {
        clientId: 'counter-other',
        mutationId: 1,
        tables: {
          stock: [
            {
              key: 'PC@FR1',
              baseVersion: 1,
              values: { on_hand: 4, count_note: 'box found, empty' },
              base: { on_hand: 2 },
            },
          ],
        },
      },
    });
    expect(later.body.results.stock[0].row.values).toMatchObject({ on_hand: 4, count_note: null });
    const latest = (await api.call('GET', '/v1/events?entity=stock&key=PC@FR1', { key: cs })).body.events[0];
    expect(latest).toMatchObject({ action: 'counted', before: { on_hand: 2 }, after: { on_hand: 4 } });
    expect(latest.after.note).toBeUndefined();
    expect(await check()).toMatchObject({ ok: true });
  });
});
