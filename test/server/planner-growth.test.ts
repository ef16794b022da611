import { inTransaction, type Database, type Queryable } from '../../sync-server/db/database';
import {
  countInserted,
  GROWTH_CHECK_ROWS,
  growthCheck,
  insertedTable,
  pendingGrowthCheck,
} from '../../sync-server/db/planner-growth';
import { sql } from '../../sync-server/db/sql-query';
import { StatementPipeline } from '../../sync-server/db/statement-pipeline';
import { importOrderFile } from '../../sync-server/workflows/order-import';
import { createWorkspace } from '../../sync-server/workflows/workspace-admin';
import type { Principal } from '../../sync-server/access/principal';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases';

/**
 * A connection keeps the plan of each foreign-key check. Made while `orders` was tiny (a new database's first
 * import), it read every order of the workspace for each new order line, so the next big import took 10× longer.
 * The cost is counted, not timed: the rows the transaction read from `orders` (pg_stat_xact_user_tables).
 */
describe.each(DATABASE_KINDS)('a table that grows within one transaction, on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let principal: Principal;
  const at = new Date('2026-12-02T09:00:00Z');
  beforeAll(async () => {
    ({ db, dispose } = await openTestDatabase(kind));
    const ws = await createWorkspace(db, 'Growth');
    principal = { workspaceId: ws.id, actor: 'test', roles: ['admin'], via: 'api_key' };
  });
  afterAll(async () => {
    await dispose();
  });

  /** A Shopify export of `count` orders of two lines each. */
  function shopifyFile(count: number): string {
    const header =
      'Name,Email,Financial Status,Currency,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,' +
      'Shipping Name,Shipping Address1,Shipping City,Shipping Zip,Shipping Country,Shipping Phone';
    const rows = [header];
    for (let i = 1; i <= count; i++) {
      const created = '2026-11-03 09:12:40 +0100';
      rows.push(
        `#${i},c${i}@example.com,paid,GBP,${created},1,Phone Case,15.00,PC-1,Customer ${i},${i} Abbey Road,London,` +
          `NW8 9AY,GB,+44 20 7946 ${String(i).padStart(4, '0')}`,
        `#${i},,,,${created},1,USB-C Cable,15.00,CB-1,,,,,,`,
      );
    }
    return rows.join('\n');
  }

  /** Copies of the workspace's first orders (or their lines), `copies` of each, numbered "<order>/<batch>/<n>". */
  const copied = (table: 'orders' | 'order_lines', batch: number, copies: number) => {
    const renamed = [`'order_no', t.order_no || '/${batch}/' || n`];
    if (table === 'orders') renamed.push(`'external_id', t.external_id || '/${batch}/' || n`);
    return `INSERT INTO ${table}
      SELECT (jsonb_populate_record(NULL::${table}, to_jsonb(t) || jsonb_build_object(${renamed.join(', ')}))).*
        FROM ${table} t, generate_series(1, ${copies}) n
       WHERE t.workspace_id = $1 AND t.order_no NOT LIKE '%/%'`;
  };

  /** Rows of `orders` this transaction has read so far. */
  const ordersRead = async (client: Queryable): Promise<number> => {
    const stats = await client.query<{ read: string }>(
      `SELECT coalesce(idx_tup_fetch, 0) + coalesce(seq_tup_read, 0) AS read
         FROM pg_stat_xact_user_tables WHERE relname = 'orders'`,
    );
    return Number(stats.rows[0]!.read);
  };

  test('after a first import of 100 orders, 3,000 more with their lines: each line checked against its order', async () => {
    const first = await importOrderFile(db, principal, 'shopify', shopifyFile(100), 'en', () => at);
    expect(first.imported).toBe(100);
    const { lines, read } = await inTransaction(db, async (client) => {
      let lines = 0;
      // Three chunks of 1,000 orders then their 2,000 lines, as an import writes them.
      for (const batch of [1, 2, 3]) {
        await client.query(copied('orders', batch, 10), [principal.workspaceId]);
        lines += (await client.query(copied('order_lines', batch, 10), [principal.workspaceId])).rowCount ?? 0;
      }
      return { lines, read: await ordersRead(client) };
    });
    expect(lines).toBe(6_000);
    // One order read per line checked (plus the copies' own reads of the first 100); a plan made for the tiny
    // table read the workspace's orders for every line (millions).
    expect(read).toBeLessThan(4 * lines);
    const count = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM orders WHERE workspace_id = $1', [
      principal.workspaceId,
    ]);
    expect(Number(count.rows[0]!.n)).toBe(3_100);
  });

  test('statements written without waiting for answers (the import on PostgreSQL): the check still comes first', async () => {
    // A database of its own: the test above left `orders` analyzed.
    const own = await openTestDatabase(kind);
    try {
      const ws = await createWorkspace(own.db, 'Growth, pipelined');
      const owner: Principal = { ...principal, workspaceId: ws.id };
      expect((await importOrderFile(own.db, owner, 'shopify', shopifyFile(100), 'en', () => at)).imported).toBe(100);
      const { lines, read } = await inTransaction(own.db, async (client) => {
        const pipeline = new StatementPipeline(client);
        const counts = [1, 2, 3].map((batch) => {
          pipeline.send(sql(copied('orders', batch, 10), [ws.id]));
          return pipeline.ask(sql(`${copied('order_lines', batch, 10)} RETURNING 1`, [ws.id]));
        });
        const lines = (await Promise.all(counts)).reduce((n, rows) => n + rows.length, 0);
        await pipeline.drained();
        return { lines, read: await ordersRead(client) };
      });
      expect(lines).toBe(6_000);
      expect(read).toBeLessThan(4 * lines);
    } finally {
      await own.dispose();
    }
  });

  test('a check that fails leaves the transaction whole', async () => {
    const written = await inTransaction(db, async (client) => {
      // The check of a table that is not there (as if renamed under us): its error stays inside the check.
      await client.query(growthCheck('no_such_table', 0, GROWTH_CHECK_ROWS)!);
      await client.query(pendingGrowthCheck('no_such_table'));
      return (await client.query(`SELECT 1 AS one`)).rows[0];
    });
    expect(written).toEqual({ one: 1 });
  });
});

describe('the growth check', () => {
  test('runs once per table and transaction: on the insert that reaches GROWTH_CHECK_ROWS', () => {
    expect(growthCheck('orders', 0, GROWTH_CHECK_ROWS - 1)).toBeNull();
    expect(growthCheck('orders', GROWTH_CHECK_ROWS - 1, GROWTH_CHECK_ROWS)).toContain('ANALYZE (SKIP_LOCKED) "orders"');
    expect(growthCheck('orders', 0, 5 * GROWTH_CHECK_ROWS)).toContain(`reltuples FROM pg_class`);
    expect(growthCheck('orders', GROWTH_CHECK_ROWS, 2 * GROWTH_CHECK_ROWS)).toBeNull();
  });

  test('counts the rows each INSERT wrote, per table, and nothing else', () => {
    const inserted = new Map<string, number>();
    const insert = 'INSERT INTO orders (a) SELECT 1';
    expect(countInserted(inserted, insert, { command: 'INSERT', rowCount: 600 })).toEqual({
      table: 'orders',
      before: 0,
      after: 600,
    });
    expect(countInserted(inserted, insert, { command: 'INSERT', rowCount: 500 })).toEqual({
      table: 'orders',
      before: 600,
      after: 1_100,
    });
    expect(countInserted(inserted, insert, { command: 'INSERT', rowCount: 0 })).toBeNull();
    expect(countInserted(inserted, 'UPDATE orders SET a = 1', { command: 'UPDATE', rowCount: 9 })).toBeNull();
    expect(inserted).toEqual(new Map([['orders', 1_100]]));
  });

  test('reads the table of our INSERT statements only', () => {
    expect(insertedTable('INSERT INTO order_lines (a) SELECT 1')).toBe('order_lines');
    expect(insertedTable('  insert into "Orders" VALUES (1)')).toBe('orders');
    expect(insertedTable('UPDATE orders SET a = 1')).toBeNull();
    expect(insertedTable('WITH x AS (SELECT 1) INSERT INTO orders SELECT 1')).toBeNull();
  });
});
