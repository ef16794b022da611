import { DATABASE_KINDS } from '../support/databases';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { seedCatalog, supplyFrom } from '../support/inventory-fixture';

type Workspace = Awaited<ReturnType<ApiHarness['workspace']>>;
type Answer = { body: { error: { details: { field: string; code: string }[] } } };

/** Issue 13: a PO (or a line) cancelled with a reason while nothing of it arrived; incoming drops by what was due. */
describe.each(DATABASE_KINDS)('cancelling purchase orders, on %s', (kind) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(kind);
  });
  afterAll(async () => {
    await api.close();
  });

  /** A workspace with PC and CB from SUP1, a buyer and a warehouse key. */
  async function buying(): Promise<{ ws: Workspace; buyer: string; wh: string }> {
    const ws = await api.workspace();
    const buyer = await ws.keyFor('buyer@shop.test', ['purchasing']);
    const wh = await ws.keyFor('wh@shop.test', ['warehouse']);
    await seedCatalog(api, ws, { skus: ['PC', 'CB'], warehouses: [{ code: 'FR1', countries: [], rank: 1 }] });
    await supplyFrom(api, buyer, 'SUP1', ['PC', 'CB']);
    return { ws, buyer, wh };
  }
  let created = 0;
  const order = async (key: string, lines: { sku: string; qty: number }[]) => {
    const answer = await api.call('POST', '/v1/purchasing/orders', {
      key,
      body: { idempotencyKey: `create-po-${++created}`, warehouse: 'FR1', lines },
    });
    expect(answer.status).toBe(200);
    return (answer.body as { orders: { poNo: string }[] }).orders[0]!.poNo;
  };
  const cancel = (key: string, body: Record<string, unknown>) =>
    api.call('POST', '/v1/purchasing/cancel', { key, body });
  const incoming = async (key: string) => {
    const pulled = await api.call('GET', '/v1/sync/pull?since=0&tables=stock', { key });
    return Object.fromEntries(
      (pulled.body.changes.stock as { key: string; values: { incoming: number } }[]).map((r) => [
        r.key,
        r.values.incoming,
      ]),
    );
  };
  const fields = (answer: Answer) => answer.body.error.details.map((d) => `${d.field}:${d.code}`);

  test('a line, then the last open line, then a whole PO: incoming drops by what was due, each logged', async () => {
    const { buyer } = await buying();
    const first = await order(buyer, [
      { sku: 'PC', qty: 5 },
      { sku: 'CB', qty: 3 },
    ]);
    const second = await order(buyer, [{ sku: 'PC', qty: 2 }]);
    expect(await incoming(buyer)).toEqual({ 'PC@FR1': 7, 'CB@FR1': 3 });

    const body = { idempotencyKey: 'cancel-line-2', poNo: first, lineNo: 2, reason: '  supplier discontinued it ' };
    const line = await cancel(buyer, body);
    expect(line.status).toBe(200);
    expect(line.body.order).toMatchObject({
      status: 'ordered',
      lines: [
        { lineNo: 1, ordered: 5, cancelled: 0, cancelReason: null },
        { lineNo: 2, ordered: 3, received: 0, cancelled: 3, cancelReason: 'supplier discontinued it' },
      ],
    });
    expect(await incoming(buyer)).toEqual({ 'PC@FR1': 7, 'CB@FR1': 0 });
    // Pressed twice (a lost answer): the same answer, and nothing taken off twice.
    expect((await cancel(buyer, body)).body).toEqual(line.body);
    expect(await incoming(buyer)).toEqual({ 'PC@FR1': 7, 'CB@FR1': 0 });

    const last = await cancel(buyer, { idempotencyKey: 'cancel-line-1', poNo: first, lineNo: 1, reason: 'moq' });
    expect(last.body.order).toMatchObject({ status: 'cancelled', lines: [{ cancelled: 5 }, { cancelled: 3 }] });
    expect(await incoming(buyer)).toEqual({ 'PC@FR1': 2, 'CB@FR1': 0 });

    const whole = await cancel(buyer, { idempotencyKey: 'cancel-whole-1', poNo: second, reason: 'ordered twice' });
    expect(whole.body.order).toMatchObject({
      status: 'cancelled',
      lines: [{ cancelled: 2, cancelReason: 'ordered twice' }],
    });
    expect(await incoming(buyer)).toEqual({ 'PC@FR1': 0, 'CB@FR1': 0 });

    const events = await api.call('GET', `/v1/events?entity=purchase_orders&key=${first}`, { key: buyer });
    expect(events.body.events.slice(0, 2)).toMatchObject([
      { action: 'cancelled', before: { status: 'ordered' }, after: { status: 'cancelled', reason: 'moq', line: 1 } },
      {
        action: 'cancelled',
        after: { status: 'ordered', reason: 'supplier discontinued it', line: 2, cancelled: [{ sku: 'CB', qty: 3 }] },
      },
    ]);
    expect(events.body.events.filter((e: { action: string }) => e.action === 'cancelled')).toHaveLength(2);

    // The POs sheet, in either language: the status, the units cancelled and why, nothing still due.
    for (const [lang, status] of [
      ['en', 'Cancelled'],
      ['zh', '已取消'],
    ]) {
      const rows = await api.call('GET', `/v1/purchase-orders?lang=${lang}&status=cancelled`, { key: buyer });
      expect(rows.body.rows.find((r: { row_key: string }) => r.row_key === `${first}/2`)).toMatchObject({
        status,
        cancelled_qty: 3,
        cancel_reason: 'supplier discontinued it',
        open_qty: 0,
      });
    }
    expect((await api.call('GET', '/v1/stock/check', { key: buyer })).body).toMatchObject({ ok: true });
  });

  test('refused with every reason by field, in en and zh, and nothing half-applied', async () => {
    const { buyer, wh } = await buying();
    const po = await order(buyer, [
      { sku: 'PC', qty: 4 },
      { sku: 'CB', qty: 4 },
    ]);
    const receipt = await api.call('POST', '/v1/purchasing/receipts', {
      key: wh,
      body: { idempotencyKey: 'receipt-part-1', poNo: po, lines: [{ lineNo: 1, qty: 1 }] },
    });
    expect(receipt.body.order.status).toBe('partially_received');
    const before = await api.call('GET', '/v1/purchasing/orders', { key: buyer });
    const stockBefore = await incoming(buyer);

    const received = await cancel(buyer, { idempotencyKey: 'cancel-rcv-1', poNo: po, lineNo: 1, reason: 'late' });
    expect([received.status, received.body.error.code, fields(received)]).toEqual([
      409,
      'already_received',
      ['lineNo:already_received'],
    ]);
    expect(received.body.error.message).toBe(
      `${po} line 1 (PC): 1 already received, so it cannot be cancelled; close the rest short instead`,
    );
    // The whole PO: line 2 alone could go, but the PO is refused whole and line 2 stays on order.
    const whole = await cancel(buyer, { idempotencyKey: 'cancel-rcv-2', poNo: po, reason: 'late', lang: 'zh' });
    expect([whole.status, fields(whole)]).toEqual([409, ['poNo:already_received']]);
    expect(whole.body.error.message).toBe(`${po} 第 1 行（PC）已收货 1，不能取消；请改为短收关闭剩余数量`);

    const blank = await cancel(buyer, { idempotencyKey: 'cancel-blank', poNo: po, lineNo: 9, reason: ' \t ' });
    expect([blank.status, fields(blank)]).toEqual([400, ['lineNo:no_such_line', 'reason:reason_required']]);
    const missing = await cancel(buyer, { idempotencyKey: 'cancel-missing', poNo: po, lineNo: 2 });
    expect([missing.status, missing.body.error.details.map((d: { field: string }) => d.field)]).toEqual([
      400,
      ['reason'],
    ]);
    const unknown = await cancel(buyer, { idempotencyKey: 'cancel-ghost', poNo: 'PO-99999', reason: 'x', lang: 'zh' });
    expect([unknown.status, fields(unknown), unknown.body.error.message]).toEqual([
      404,
      ['poNo:not_found'],
      '没有采购单 PO-99999',
    ]);
    expect((await api.call('GET', '/v1/purchasing/orders', { key: buyer })).body).toEqual(before.body);
    expect(await incoming(buyer)).toEqual(stockBefore);

    // Line 2 alone may go: nothing of it arrived. The PO stays partly received; a second cancel is refused.
    const ok = await cancel(buyer, { idempotencyKey: 'cancel-ok-2', poNo: po, lineNo: 2, reason: 'late' });
    expect(ok.body.order).toMatchObject({ status: 'partially_received', lines: [{ received: 1 }, { cancelled: 4 }] });
    expect(await incoming(buyer)).toEqual({ 'PC@FR1': 3, 'CB@FR1': 0 });
    const twice = await cancel(buyer, { idempotencyKey: 'cancel-ok-3', poNo: po, lineNo: 2, reason: 'again' });
    expect([twice.status, fields(twice), twice.body.error.message]).toEqual([
      409,
      ['lineNo:already_cancelled'],
      `${po} line 2 is already cancelled`,
    ]);
    // What is left of line 1 arrives: the PO is received, the cancelled line does not make it short.
    const rest = await api.call('POST', '/v1/purchasing/receipts', {
      key: wh,
      body: { idempotencyKey: 'receipt-rest-1', poNo: po, lines: [{ lineNo: 1, qty: 3 }] },
    });
    expect(rest.body.order.status).toBe('received');

    const other = await order(buyer, [{ sku: 'CB', qty: 1 }]);
    await cancel(buyer, { idempotencyKey: 'cancel-other-1', poNo: other, reason: 'not needed' });
    const again = await cancel(buyer, { idempotencyKey: 'cancel-other-2', poNo: other, reason: 'x', lang: 'zh' });
    expect([again.status, fields(again), again.body.error.message]).toEqual([
      409,
      ['poNo:already_cancelled'],
      `${other} 已取消`,
    ]);
    expect((await api.call('GET', '/v1/stock/check', { key: buyer })).body).toMatchObject({ ok: true });
  });
});
