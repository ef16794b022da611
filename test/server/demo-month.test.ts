import type { Database } from '../../sync-server/db/database';
import { runDemoMonth } from '../../sync-server/demo/demo-month';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases';

/** `npx crossdock demo`'s month, through the real API: orders in every channel, stock bought and shipped. */
describe.each(DATABASE_KINDS)('demo month, on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await openTestDatabase(kind));
  });
  afterAll(async () => dispose?.());

  test('a fresh workspace lives a month: orders from every channel, POs received, parcels booked and shipped', async () => {
    const lines: string[] = [];
    const summary = await runDemoMonth(db, { today: new Date('2026-11-30T12:00:00Z'), log: (l) => lines.push(l) });
    expect(summary).toMatchObject({ from: '2026-10-31', to: '2026-11-29', purchaseOrders: expect.any(Number) });
    expect(summary.orders).toBeGreaterThan(120);
    expect(summary.shipped).toBeGreaterThan(50);
    const count = async (text: string) => Number((await db.query({ text, values: [summary.workspaceId] })).rows[0]!.n);
    const channels = await db.query({
      text: `SELECT channel, count(*)::int AS n FROM orders WHERE workspace_id = $1 GROUP BY channel ORDER BY channel`,
      values: [summary.workspaceId],
    });
    expect(channels.rows.map((r) => r.channel)).toEqual(['amazon', 'shopify', 'template']);
    expect(await count(`SELECT count(*) AS n FROM purchase_receipts WHERE workspace_id = $1`)).toBeGreaterThan(0);
    expect(lines).toHaveLength(31);
  });
});
