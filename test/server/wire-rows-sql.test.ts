import fc from 'fast-check';
import { PRODUCT_TABLE } from '../../domain/catalog/product';
import { SYNCED_TABLES } from '../../domain/catalog/synced-tables';
import { WAREHOUSE_TABLE } from '../../domain/catalog/warehouse';
import type { Database } from '../../sync-server/db/database';
import { selectWireChangesSince, wireRowsInSql, wireRowsOf } from '../../sync-server/tables/wire-rows-sql';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases';
import { rowFor, storeRows, syncedRowsSince } from '../support/stored-row-arbitrary';

/**
 * A pull writes rows as JSON in SQL where it can (tables/wire-rows-sql.ts); the add-on must see exactly what
 * toSyncedRow makes of the same stored row: decimals canonical (12.50 → "12.5", 0.00 → "0"), instants as
 * toISOString writes them, lists, nulls, integers, booleans, text with quotes and CJK.
 */
describe.each(DATABASE_KINDS)('wire rows written by SQL, on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let changeNo = 0;
  beforeAll(async () => {
    ({ db, dispose } = await openTestDatabase(kind));
    await db.pool.query(`INSERT INTO workspaces (id, name) VALUES ('ws_wire', 'Wire')`);
  });
  afterAll(async () => {
    await dispose();
  });

  test('every table without rendered columns takes the SQL path (the rest keep toSyncedRow)', () => {
    const inSql = SYNCED_TABLES.filter(wireRowsInSql).map((t) => t.entity);
    expect(inSql).toEqual(expect.arrayContaining(['products', 'warehouses', 'suppliers', 'fx_rates']));
    expect(inSql).not.toContain('order_rows'); // statuses and review notes are rendered in the reader's language
  });

  test.each([PRODUCT_TABLE, WAREHOUSE_TABLE])('$entity: SQL wire rows equal toSyncedRow', async (spec) => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowFor(spec), { minLength: 1, maxLength: 5 }), async (rows) => {
        const from = changeNo;
        changeNo += rows.length; // first, so a failed run never reuses a key
        await storeRows(db, spec, 'ws_wire', rows, from);
        const expected = await syncedRowsSince(db, spec, 'ws_wire', from, changeNo);
        // Both shapes: rows (PostgreSQL) and one text value of lines (PGlite); each must give the same rows.
        for (const wireShape of ['rows', 'json'] as const) {
          const w = selectWireChangesSince(spec, 'ws_wire', from, changeNo, 100, wireShape);
          const got = wireRowsOf(await db.pool.query(w.text, w.values), wireShape);
          expect(got.map((r) => r.changeNo)).toEqual(expected.map((r) => r.changeNo));
          expect(got.map((r) => JSON.parse(r.wire))).toEqual(expected);
        }
      }),
      { numRuns: 40 },
    );
  });
});
