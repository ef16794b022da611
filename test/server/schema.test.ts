import { SYNCED_TABLES } from '../../domain/catalog/synced-tables';
import type { Database } from '../../sync-server/db/database';
import { migrate, MIGRATIONS } from '../../sync-server/db/migrations';
import { sqlType } from '../../sync-server/tables/table-sql';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases';

const PG_TYPE_NAMES: Record<string, string> = {
  text: 'text',
  integer: 'integer',
  numeric: 'numeric',
  boolean: 'boolean',
  'text[]': 'ARRAY',
  timestamptz: 'timestamp with time zone',
};

describe.each(DATABASE_KINDS)('the schema on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await openTestDatabase(kind));
  });
  afterAll(async () => {
    await dispose();
  });

  test('migrations are applied once: running them again applies nothing', async () => {
    expect(await migrate(db)).toEqual([]);
    const applied = await db.pool.query('SELECT id FROM schema_migrations ORDER BY id');
    expect(applied.rows.map((r) => Number(r.id))).toEqual(MIGRATIONS.map((m) => m.id));
    // Rising, never repeated (branches reserve ids: 17 is another branch's until they merge).
    expect(MIGRATIONS.map((m) => m.id)).toEqual([...new Set(MIGRATIONS.map((m) => m.id))].sort((a, b) => a - b));
  });

  test.each(SYNCED_TABLES.map((t) => [t.entity, t] as const))(
    'table %s has exactly the columns its spec declares, with matching types',
    async (_name, spec) => {
      const columns = await db.pool.query<{ column_name: string; data_type: string }>(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 AND table_schema = current_schema()`,
        [spec.entity],
      );
      const actual = Object.fromEntries(columns.rows.map((c) => [c.column_name, c.data_type]));
      const expected: Record<string, string> = { workspace_id: 'text', version: 'integer', change_no: 'bigint' };
      // A column rendered per reader's language is read from its stored source, not from a column of its own.
      for (const column of spec.columns) {
        if (column.renderedFrom)
          expected[column.renderedFrom] = [
            'po_status',
            'fulfilment',
            'shipment_status',
            'transfer_status',
            'after_sale_kinds',
            'after_sale_status',
            'after_sale_reason',
          ].includes(column.renderedFrom)
            ? 'text'
            : // A parcel's reasons are only ever read whole: kept as json (see 0010-logistics.ts).
              column.renderedFrom === 'reasons' || column.renderedFrom === 'tracking'
              ? 'json'
              : 'jsonb';
        else expected[column.field] = PG_TYPE_NAMES[sqlType(column.kind)]!;
      }
      for (const column of spec.columns)
        if (column.renderedFrom && actual[column.field]) expected[column.field] = actual[column.field]!;
      expect(actual).toEqual(expected);
    },
  );
});
