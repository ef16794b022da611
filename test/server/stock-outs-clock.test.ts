import { DATABASE_KINDS } from '../support/databases';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { approve, importOrders, seedCatalog } from '../support/inventory-fixture';

type Span = { started_at: Date | number; ended_at: Date | number | null };

/** An instant as milliseconds: the driver reads '-infinity' (a line out of stock since before records) as a number. */
const ms = (at: Date | number): number => (typeof at === 'number' ? at : at.getTime());

/**
 * Two commands racing for a stock line each take their instant before they wait for its lock, so the one
 * that writes second can carry the earlier clock. The stock-out history (what purchase suggestions leave
 * out of sales velocity) must take it: no refusal, spans that never end before they start, never overlap,
 * and at most one open. The clock is injected and walked backwards here to make that order certain.
 */
describe.each(DATABASE_KINDS)('stock-out spans when a later write carries an earlier clock, on %s', (kind) => {
  let api: ApiHarness;
  let clock = new Date('2026-11-02T10:00:00Z');
  beforeAll(async () => {
    api = await startApiHarness(kind, { now: () => clock });
  });
  afterAll(async () => {
    await api.close();
  });

  const spans = async (workspaceId: string): Promise<Span[]> =>
    (
      await api.db.query<Span>({
        text: `SELECT started_at, ended_at FROM stock_outs WHERE workspace_id = $1 AND stock_key = 'A@W1'
                ORDER BY started_at, id`,
        values: [workspaceId],
      })
    ).rows;

  test('out, back in and out again with the clock running backwards keeps one ordered history', async () => {
    const ws = await api.workspace('backwards clock');
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    const wh = await ws.keyFor('wh@shop.test', ['warehouse']);
    await seedCatalog(api, ws, {
      skus: ['A'],
      warehouses: [{ code: 'W1', countries: ['FR'], rank: 1 }],
      stock: { 'A@W1': 2 },
    });
    await importOrders(api, cs, [
      ['P1', 'FR', [['A', 2]]],
      ['P2', 'FR', [['A', 1]]],
    ]);

    clock = new Date('2026-11-02T12:00:00Z');
    expect((await approve(api, cs, ['P1'])).status).toBe(200); // the line goes out at 12:00
    const out = await spans(ws.id);
    expect(out.at(-1)).toEqual({ started_at: new Date('2026-11-02T12:00:00Z'), ended_at: null });

    clock = new Date('2026-11-02T11:59:59Z'); // the receipt's clock is a second behind the approval it follows
    const received = await api.call('POST', '/v1/stock/receipts', {
      key: wh,
      body: { idempotencyKey: 'back-in-stock', lines: [{ sku: 'A', warehouse: 'W1', qty: 1 }] },
    });
    expect(received.status).toBe(200);
    // Back in stock: the span closes where it opened (no time out of stock is invented or lost).
    expect((await spans(ws.id)).at(-1)).toEqual({
      started_at: new Date('2026-11-02T12:00:00Z'),
      ended_at: new Date('2026-11-02T12:00:00Z'),
    });

    clock = new Date('2026-11-02T11:59:58Z'); // out again, with an even older clock
    expect((await approve(api, cs, ['P2'])).status).toBe(200);
    const history = await spans(ws.id);
    expect(history.filter((s) => s.ended_at === null)).toHaveLength(1);
    expect(ms(history.at(-1)!.started_at)).toBeGreaterThanOrEqual(ms(new Date('2026-11-02T12:00:00Z')));
    for (const [i, span] of history.entries()) {
      if (span.ended_at) expect(ms(span.ended_at)).toBeGreaterThanOrEqual(ms(span.started_at));
      const next = history[i + 1];
      if (next) expect(ms(next.started_at)).toBeGreaterThanOrEqual(ms(span.ended_at!));
    }
  });

  test('a history left inconsistent by hand (an open span before a later closed one) does not stop an order', async () => {
    const ws = await api.workspace('hand-edited history');
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    clock = new Date('2026-11-03T10:00:00Z');
    await seedCatalog(api, ws, {
      skus: ['A'],
      warehouses: [{ code: 'W1', countries: ['FR'], rank: 1 }],
      stock: { 'A@W1': 2 },
    });
    await importOrders(api, cs, [['P1', 'FR', [['A', 2]]]]);
    // A restore left the first span open and a later one closed (13:00), while the line has 2 available.
    await api.db.query({
      text: `UPDATE stock_outs SET ended_at = NULL WHERE workspace_id = $1 AND stock_key = 'A@W1'`,
      values: [ws.id],
    });
    await api.db.query({
      text: `INSERT INTO stock_outs (workspace_id, stock_key, started_at, ended_at)
             VALUES ($1, 'A@W1', '2026-11-03T11:00:00Z', '2026-11-03T13:00:00Z')`,
      values: [ws.id],
    });
    clock = new Date('2026-11-03T12:00:00Z');
    expect((await approve(api, cs, ['P1'])).status).toBe(200);
    expect((await spans(ws.id)).filter((s) => s.ended_at === null)).toHaveLength(1);
  });
});
