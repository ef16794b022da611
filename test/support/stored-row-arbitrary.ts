import fc from 'fast-check';
import { hasBadCharacters } from '../../domain/contracts/text-limits';
import type { ColumnSpec, TableSpec } from '../../domain/sheets/column-spec';
import type { SyncedRow } from '../../domain/contracts/sync';
import type { Database } from '../../sync-server/db/database';
import { toSyncedRow } from '../../sync-server/tables/row-mapping';
import { rowShapeFor, rowsOf, selectChangesSince } from '../../sync-server/tables/table-sql';

/**
 * A stored row of a synced table for property tests of the ways a row is read back (toSyncedRow, wire rows in
 * SQL, plain wire rows): every column given a value the database can hold, NULL where the column may be empty.
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

export function rowFor(spec: TableSpec): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
    Object.fromEntries(spec.columns.filter((c) => c.field !== spec.keyField).map((c) => [c.field, valueFor(c)])),
  );
}

/**
 * Stores `rows` (from rowFor) as they are, keyed K<change number>, with the change numbers after `lastChangeNo` and
 * `version(changeNo)`; returns the keys, in order.
 */
export async function storeRows(
  db: Database,
  spec: TableSpec,
  workspaceId: string,
  rows: readonly Record<string, unknown>[],
  lastChangeNo: number,
  version: (changeNo: number) => number = () => 1,
): Promise<string[]> {
  const keys: string[] = [];
  for (const [i, row] of rows.entries()) {
    const changeNo = lastChangeNo + i + 1;
    keys.push(`K${changeNo}`);
    const values = { ...row, [spec.keyField]: `K${changeNo}` };
    const names = Object.keys(values);
    await db.pool.query(
      `INSERT INTO ${spec.entity} (workspace_id, ${names.join(', ')}, version, change_no)
       VALUES ($${names.length + 1}, ${names.map((_, n) => `$${n + 1}`).join(', ')}, ${version(changeNo)}, ${changeNo})`,
      [...names.map((n) => values[n]), workspaceId],
    );
  }
  return keys;
}

/** What toSyncedRow makes of the rows changed in (since, upTo]: what every other way of reading them must equal. */
export async function syncedRowsSince(
  db: Database,
  spec: TableSpec,
  workspaceId: string,
  since: number,
  upTo: number,
): Promise<SyncedRow[]> {
  const shape = rowShapeFor(db.kind);
  const q = selectChangesSince(spec, workspaceId, since, upTo, 100, shape);
  return rowsOf(await db.pool.query(q.text, q.values), shape).map((r) => toSyncedRow(spec, r, 'en'));
}
