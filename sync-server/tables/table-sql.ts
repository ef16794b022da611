import { editableColumns, type ColumnKind, type TableSpec } from '../../domain/sheets/column-spec';
import { hasBadCharacters } from '../../domain/contracts/text-limits';
import { ident, sql, type SqlQuery } from '../db/sql-query';

/** SQL for a synced table, derived from its spec (the spec's fields are the table's columns). */

export function sqlType(kind: ColumnKind): string {
  switch (kind.type) {
    case 'integer':
      return 'integer';
    case 'decimal':
      return 'numeric';
    case 'boolean':
      return 'boolean';
    case 'enum-list':
    case 'country-list':
      return 'text[]';
    case 'timestamp':
    case 'days-since':
      return 'timestamptz';
    default:
      return 'text';
  }
}

/**
 * Rows come back as one JSON array in one value (column `rows`): thousands of rows cross the driver
 * (and PGlite's wire emulation) several times faster that way than as separate fields. Decimals are
 * sent as text so they stay exact.
 */
export function asJsonRows(spec: TableSpec, from: string): string {
  const columns = spec.columns.map((c) =>
    c.renderedFrom
      ? `${ident(c.renderedFrom)} AS ${ident(c.field)}`
      : c.kind.type === 'decimal'
        ? `${ident(c.field)}::text AS ${ident(c.field)}`
        : ident(c.field),
  );
  return `SELECT coalesce(json_agg(t), '[]'::json) AS rows FROM (SELECT ${columns.join(', ')}, version, change_no ${from}) t`;
}

/**
 * Current rows for the given keys. No row locks: every writer of a synced table first takes the
 * workspace counter lock (lockWorkspaceCounter), which already serializes them; locking 10,000 rows
 * again would only cost a write per row.
 */
export function selectRowsByKey(spec: TableSpec, workspaceId: string, given: string[]): SqlQuery {
  // A key PostgreSQL cannot store (a NUL, half a surrogate pair) names no stored row: such a row is refused
  // on its own by validation, never sent to the database, where it would fail the whole statement.
  const keys = given.filter((key) => !hasBadCharacters(key));
  const key = ident(spec.keyField);
  return sql(asJsonRows(spec, `FROM ${ident(spec.entity)} WHERE workspace_id = $1 AND ${key} = ANY($2::text[])`), [
    workspaceId,
    keys,
  ]);
}

export type UpsertRow = Record<string, unknown> & { version: number; change_no: number };

/** Replaces many existing rows in one statement (cheaper than INSERT ... ON CONFLICT for known rows). */
export function updateRows(spec: TableSpec, workspaceId: string, rows: UpsertRow[], at: Date, actor: string): SqlQuery {
  const columns = editableColumns(spec);
  const recordType = [
    ...columns.map((c) => `${ident(c.field)} ${sqlType(c.kind)}`),
    'version integer',
    'change_no bigint',
  ];
  const sets = [...columns.filter((c) => c.field !== spec.keyField).map((c) => c.field), 'version', 'change_no'].map(
    (name) => `${ident(name)} = r.${ident(name)}`,
  );
  const key = ident(spec.keyField);
  return sql(
    `UPDATE ${ident(spec.entity)} AS t SET ${sets.join(', ')}, updated_at = $3, updated_by = $4
       FROM json_to_recordset($2::json) AS r(${recordType.join(', ')})
      WHERE t.workspace_id = $1 AND t.${key} = r.${key}`,
    [workspaceId, JSON.stringify(rows), at, actor],
  );
}

/** Inserts or replaces many rows in one statement (batching is what makes 10k-row pushes fast). */
export function upsertRows(spec: TableSpec, workspaceId: string, rows: UpsertRow[], at: Date, actor: string): SqlQuery {
  const columns = editableColumns(spec);
  const names = columns.map((c) => ident(c.field));
  const recordType = [
    ...columns.map((c) => `${ident(c.field)} ${sqlType(c.kind)}`),
    'version integer',
    'change_no bigint',
  ];
  const updates = [
    ...columns.filter((c) => c.field !== spec.keyField).map((c) => c.field),
    'version',
    'change_no',
    'updated_at',
    'updated_by',
  ].map((name) => `${ident(name)} = excluded.${ident(name)}`);
  return sql(
    `INSERT INTO ${ident(spec.entity)} (workspace_id, ${names.join(', ')}, version, change_no, updated_at, updated_by)
     SELECT $1, ${names.map((n) => `r.${n}`).join(', ')}, r.version, r.change_no, $3, $4
       FROM json_to_recordset($2::json) AS r(${recordType.join(', ')})
     ON CONFLICT (workspace_id, ${ident(spec.keyField)}) DO UPDATE SET ${updates.join(', ')}`,
    [workspaceId, JSON.stringify(rows), at, actor],
  );
}

/** Rows changed in (since, upTo], oldest change first (as JSON rows, see asJsonRows). */
export function selectChangesSince(
  spec: TableSpec,
  workspaceId: string,
  since: number,
  upTo: number,
  limit: number,
): SqlQuery {
  return sql(
    asJsonRows(
      spec,
      `FROM ${ident(spec.entity)} WHERE workspace_id = $1 AND change_no > $2 AND change_no <= $3 ORDER BY change_no LIMIT $4`,
    ),
    [workspaceId, since, upTo, limit],
  );
}

export function countRows(spec: TableSpec, workspaceId: string): SqlQuery {
  return sql(`SELECT count(*)::int AS n FROM ${ident(spec.entity)} WHERE workspace_id = $1`, [workspaceId]);
}
