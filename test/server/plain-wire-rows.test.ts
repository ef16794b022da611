import fc from 'fast-check';
import { PRODUCT_TABLE } from '../../domain/catalog/product';
import { WAREHOUSE_TABLE } from '../../domain/catalog/warehouse';
import type { Database } from '../../sync-server/db/database';
import { selectPlainWireRows, wireRowReader } from '../../sync-server/tables/plain-wire-rows';
import { changesSince, rowsByKey } from '../../sync-server/tables/table-sql';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases';
import { rowFor, storeRows, syncedRowsSince } from '../support/stored-row-arbitrary';

/**
 * PostgreSQL pulls (and a push's read of current rows) take rows plain with their values already in wire form
 * (tables/plain-wire-rows.ts); the add-on must see exactly what toSyncedRow makes of the same stored row:
 * decimals canonical (12.50 → "12.5", 0.00 → "0"), instants as toISOString writes them, lists, nulls, integers,
 * booleans, text with quotes and CJK. Tables with columns rendered in the reader's language: test/server/demo-month.
 */
describe.each(DATABASE_KINDS)('plain wire rows, on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let changeNo = 0;
  beforeAll(async () => {
    ({ db, dispose } = await openTestDatabase(kind));
    await db.pool.query(`INSERT INTO workspaces (id, name) VALUES ('ws_plain', 'Plain')`);
  });
  afterAll(async () => {
    await dispose();
  });

  test.each([PRODUCT_TABLE, WAREHOUSE_TABLE])('$entity: plain wire rows equal toSyncedRow', async (spec) => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowFor(spec), { minLength: 1, maxLength: 5 }), async (rows) => {
        const from = changeNo;
        changeNo += rows.length; // first, so a failed run never reuses a key
        const keys = await storeRows(db, spec, 'ws_plain', rows, from, (n) => (n % 3) + 1);
        const expected = await syncedRowsSince(db, spec, 'ws_plain', from, changeNo);
        const read = wireRowReader(spec, 'en');
        const since = selectPlainWireRows(spec, changesSince(spec, 'ws_plain', from, changeNo, 100));
        const got = await db.pool.query({ text: since.text, values: since.values, rowMode: 'array' });
        expect(JSON.stringify(got.rows.map(read))).toBe(JSON.stringify(expected));
        // The same rows by key (a push's read of the current rows), in any order.
        const byKey = selectPlainWireRows(spec, rowsByKey(spec, 'ws_plain', [...keys].reverse()));
        const found = await db.pool.query({ text: byKey.text, values: byKey.values, rowMode: 'array' });
        const sorted = found.rows.map(read).sort((a, b) => a.changeNo - b.changeNo);
        expect(JSON.stringify(sorted)).toBe(JSON.stringify(expected));
      }),
      { numRuns: 40 },
    );
  });
});
