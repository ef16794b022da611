import fc from 'fast-check';
import { PRODUCT_TABLE } from '../../domain/catalog/product';
import { SYNCED_TABLES } from '../../domain/catalog/synced-tables';
import { WAREHOUSE_TABLE } from '../../domain/catalog/warehouse';
import { hasBadCharacters } from '../../domain/contracts/text-limits';
import type { ColumnSpec, TableSpec } from '../../domain/sheets/column-spec';
import type { Database } from '../../sync-server/db/database';
import { toSyncedRow } from '../../sync-server/tables/row-mapping';
import { rowShapeFor, rowsOf, selectChangesSince } from '../../sync-server/tables/table-sql';
import { selectWireChangesSince, wireRowsInSql, wireRowsOf } from '../../sync-server/tables/wire-rows-sql';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases';

/**
 * A pull writes rows as JSON in SQL where it can (tables/wire-rows-sql.ts); the add-on must see exactly what
 * toSyncedRow makes of the same stored row: decimals canonical (12.50 → "12.5", 0.00 → "0"), instants as
 * toISOString writes them, lists, nulls, integers, booleans, text with quotes and CJK.
 */
const text = fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => !hasBadCharacters(s));
const decimal = fc
  .tuple(fc.integer({ min: -99999, max: 99999 }), fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 4 }))
  .map(([whole, fraction, digits]) =>
    digits ? `${whole}.${String(fraction).padStart(4, '0').slice(0, digits)}` : `${whole}`,
  );
const instant = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

function valueFor(column: ColumnSpec): fc.Arbitrary<unknown> {
  const kind = column.kind;
  // Required, defaulted and server-written (audit) columns are never NULL in the database.
  const never = column.required || column.empty !== undefined || column.computed;
  const nullable = (a: fc.Arbitrary<unknown>) => (never ? a : fc.option(a));
  switch (kind.type) {
    case 'decimal':
      return nullable(decimal);
    case 'integer':
      return nullable(fc.integer({ min: 0, max: 100000 }));
    case 'boolean':
      return nullable(fc.boolean());
    case 'enum-list':
      return nullable(fc.subarray([...kind.values]));
    case 'country-list':
      return nullable(fc.subarray(['DE', 'FR', 'GB', 'US', 'CN']));
    case 'timestamp':
    case 'days-since':
      return nullable(instant);
    default:
      return nullable(text.map((s) => s || 'x'));
  }
}

function rowFor(spec: TableSpec): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
    Object.fromEntries(spec.columns.filter((c) => c.field !== spec.keyField).map((c) => [c.field, valueFor(c)])),
  );
}

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
        for (const row of rows) {
          changeNo += 1;
          const values = { ...row, [spec.keyField]: `K${changeNo}` };
          const names = Object.keys(values);
          await db.pool.query(
            `INSERT INTO ${spec.entity} (workspace_id, ${names.join(', ')}, version, change_no)
             VALUES ('ws_wire', ${names.map((_, i) => `$${i + 1}`).join(', ')}, 1, ${changeNo})`,
            names.map((n) => values[n]),
          );
        }
        const shape = rowShapeFor(db.kind);
        const q = selectChangesSince(spec, 'ws_wire', from, changeNo, 100, shape);
        const expected = rowsOf(await db.pool.query(q.text, q.values), shape).map((r) => toSyncedRow(spec, r, 'en'));
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
