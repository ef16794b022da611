import { PRODUCT_TABLE } from '../../domain/catalog/product';
import { validateRow } from '../../domain/sheets/row-validation';
import { inTransaction, type Database } from '../../sync-server/db/database';
import { insertRows, updateRows, type UpsertRow } from '../../sync-server/tables/table-sql';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases';

/**
 * A PostgreSQL push updates its rows 2,000 at a time (workflows/sync-push.ts). Each statement must read only its
 * own rows of the table (by the primary key, or a scan filtered by the chunk's keys), not join and hash every row of
 * the workspace (what PostgreSQL's default costs often chose: five chunks among 80,000 products hashed all 80,000
 * five times). Checked on the plan, with the table's statistics missing (just written) and fresh (analyzed), and on
 * what the update did.
 */
describe.each(DATABASE_KINDS)('a chunk update reads only its rows, on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  const at = new Date('2026-12-02T00:00:00Z');
  // Values as a push stores them: validated, every column given (its empty value where left out).
  const row = (i: number, version: number, name = `P${i}`): UpsertRow => {
    const checked = validateRow(PRODUCT_TABLE, { sku: `SKU-${String(i).padStart(6, '0')}`, name_en: name }, 'en');
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    return { values: checked.values, version, change_no: i + 1 };
  };
  beforeAll(async () => {
    ({ db, dispose } = await openTestDatabase(kind));
    await db.pool.query(`INSERT INTO workspaces (id, name) VALUES ('ws_chunk', 'Chunk')`);
    const insert = insertRows(
      PRODUCT_TABLE,
      'ws_chunk',
      Array.from({ length: 20_000 }, (_, i) => row(i, 1)),
      at,
      'test',
    );
    await db.pool.query(insert.text, insert.values);
  });
  afterAll(async () => {
    await dispose();
  });

  /** The plan's nodes that read `products`, and how many rows each gave (over all its loops). */
  function productReads(plan: Record<string, unknown>): { type: string; rows: number }[] {
    const own = plan['Relation Name'] === 'products' && plan['Node Type'] !== 'ModifyTable';
    const rows = Number(plan['Actual Rows']) * Number(plan['Actual Loops']);
    const here = own ? [{ type: String(plan['Node Type']), rows }] : [];
    const children = (plan.Plans as Record<string, unknown>[] | undefined) ?? [];
    return [...here, ...children.flatMap(productReads)];
  }

  test.each([
    ['missing', false],
    ['fresh', true],
  ])(
    '2,000 of 20,000 rows, statistics %s: no row outside the chunk reaches the join; the rows updated',
    async (_, analyze) => {
      if (analyze) await db.pool.query('ANALYZE products');
      const chunk = Array.from({ length: 2_000 }, (_, i) => row(i * 10, 2, `Renamed ${i}`));
      const update = updateRows(PRODUCT_TABLE, 'ws_chunk', chunk, at, 'test');
      const reads = await inTransaction(db, async (client) => {
        const explained = await client.query<{ 'QUERY PLAN': [{ Plan: Record<string, unknown> }] }>(
          `EXPLAIN (ANALYZE, FORMAT JSON) ${update.text}`,
          update.values,
        );
        const renamed = await client.query(
          `SELECT count(*)::int AS n FROM products WHERE workspace_id = 'ws_chunk' AND name_en LIKE 'Renamed %' AND version = 2`,
        );
        expect(renamed.rows[0].n).toBe(2_000);
        await client.query('ROLLBACK; BEGIN'); // leave the table as it was for the next case
        return productReads(explained.rows[0]!['QUERY PLAN'][0].Plan);
      });
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.reduce((sum, r) => sum + r.rows, 0)).toBeLessThanOrEqual(2_000);
    },
  );
});
