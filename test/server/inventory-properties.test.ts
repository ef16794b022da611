import fc from 'fast-check';
import { DATABASE_KINDS } from '../support/databases';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { importOrders, seedCatalog, stockOf } from '../support/inventory-fixture';

const SKUS = ['A', 'B'] as const;
const LINES = ['A@W1', 'A@W2', 'B@W1', 'B@W2'] as const;

type Step =
  | { kind: 'approve'; order: number }
  | { kind: 'cancel'; order: number }
  | { kind: 'receive'; line: number; qty: number }
  | { kind: 'count'; line: number; typed: number; stale: number };

/** An instant as milliseconds: the driver reads '-infinity' (out of stock since before records) as a number. */
const ms = (at: Date | number): number => (typeof at === 'number' ? at : at.getTime());

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('approve' as const), order: fc.nat(7) }),
  fc.record({ kind: fc.constant('cancel' as const), order: fc.nat(7) }),
  fc.record({ kind: fc.constant('receive' as const), line: fc.nat(3), qty: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('count' as const), line: fc.nat(3), typed: fc.nat(6), stale: fc.nat(2) }),
);

/**
 * Random interleavings of approve, cancel, receive and count (some sent two at a time) never break
 * on hand ≥ reserved ≥ 0, available ≥ 0, the ledger invariant or the stock-out history, on the real
 * services and database. Commands sent together race for locks after taking their clocks (a seed that
 * once found the history running backwards: -1223170459, path 14:126:81; test/server/stock-outs-clock.test.ts).
 */
describe.each(DATABASE_KINDS)('stock invariants under random commands, on %s', (kind) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(kind);
  });
  afterAll(async () => {
    await api.close();
  });

  test('no sequence oversells or breaks the ledger', async () => {
    let runNo = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            lines: fc.array(fc.record({ sku: fc.constantFrom(...SKUS), qty: fc.integer({ min: 1, max: 3 }) }), {
              minLength: 1,
              maxLength: 2,
            }),
            country: fc.constantFrom('FR', 'DE'),
          }),
          { minLength: 8, maxLength: 8 },
        ),
        fc.tuple(fc.nat(5), fc.nat(5), fc.nat(5), fc.nat(5)),
        fc.array(fc.tuple(step, fc.option(step, { nil: null })), { minLength: 4, maxLength: 12 }),
        async (orders, initial, steps) => {
          runNo += 1;
          const ws = await api.workspace(`prop ${runNo}`);
          const cs = await ws.keyFor('cs@shop.test', ['cs']);
          const wh = await ws.keyFor('wh@shop.test', ['warehouse']);
          await seedCatalog(api, ws, {
            skus: [...SKUS],
            warehouses: [
              { code: 'W1', countries: ['FR'], rank: 1 },
              { code: 'W2', countries: ['FR', 'DE'], rank: 2 },
            ],
            stock: Object.fromEntries(LINES.map((line, i) => [line, initial[i]!])),
          });
          await importOrders(
            api,
            cs,
            orders.map((o, i) => [`P${i}`, o.country, o.lines.map((l) => [l.sku, l.qty] as [string, number])]),
          );
          let n = 0;
          const run = async (s: Step) => {
            const id = ++n;
            switch (s.kind) {
              case 'approve':
              case 'cancel':
                return api.call('POST', '/v1/orders/moves', {
                  key: cs,
                  body: {
                    idempotencyKey: `prop-${runNo}-${id}`,
                    action: s.kind,
                    orderNos: [`P${s.order}`],
                    reason: 'test',
                  },
                });
              case 'receive':
                return api.call('POST', '/v1/stock/receipts', {
                  key: wh,
                  body: {
                    idempotencyKey: `prop-${runNo}-${id}`,
                    lines: [{ sku: LINES[s.line]!.split('@')[0], warehouse: LINES[s.line]!.split('@')[1], qty: s.qty }],
                  },
                });
              case 'count': {
                // The counter's sheet may be behind the server by `stale` units (a count from an older sync).
                const base = (await stockOf(api, wh))[LINES[s.line]!]!.on_hand + s.stale;
                return api.call('POST', '/v1/sync/push', {
                  key: wh,
                  body: {
                    clientId: `prop-client-${runNo}`,
                    mutationId: id,
                    tables: {
                      stock: [
                        { key: LINES[s.line], baseVersion: 1, values: { on_hand: s.typed }, base: { on_hand: base } },
                      ],
                    },
                  },
                });
              }
            }
          };
          for (const [first, second] of steps) {
            const answers = await Promise.all([run(first), ...(second ? [run(second)] : [])]);
            for (const answer of answers) if (answer.status !== 200) throw new Error(JSON.stringify(answer.body));
            for (const line of Object.values(await stockOf(api, cs))) {
              expect(line.reserved).toBeGreaterThanOrEqual(0);
              expect(line.on_hand).toBeGreaterThanOrEqual(line.reserved);
              expect(line.available).toBe(line.on_hand - line.reserved);
            }
            const check = await api.call('GET', '/v1/stock/check', { key: cs });
            expect(check.body.mismatches).toEqual([]);
          }
          // The stock-out history (sales velocity leaves those days out): per line ordered, never overlapping.
          const spans = await api.db.query<{
            stock_key: string;
            started_at: Date | number;
            ended_at: Date | number | null;
          }>({
            text: `SELECT stock_key, started_at, ended_at FROM stock_outs WHERE workspace_id = $1
                    ORDER BY stock_key, started_at, id`,
            values: [ws.id],
          });
          spans.rows.forEach((span, i) => {
            const next = spans.rows[i + 1];
            if (span.ended_at) expect(ms(span.ended_at)).toBeGreaterThanOrEqual(ms(span.started_at));
            if (next?.stock_key === span.stock_key) {
              expect(span.ended_at).not.toBeNull();
              expect(ms(next.started_at)).toBeGreaterThanOrEqual(ms(span.ended_at!));
            }
          });
        },
      ),
      { numRuns: kind === 'postgres' ? 15 : 12 },
    );
  });
});
