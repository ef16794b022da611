import type pg from 'pg';
import { editableColumns, type ColumnKind, type TableSpec } from '../../domain/sheets/column-spec';
import { hasBadCharacters } from '../../domain/contracts/text-limits';
import { arrayLiteral, type ArrayItem } from '../db/array-params';
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
 * How many rows cross the driver. PGlite's wire emulation moves one JSON value (column `rows`) several times
 * faster than thousands of fields; PostgreSQL's protocol is the other way round: plain rows cost it no JSON to
 * build and Node none to parse. Decimals go as text either way, so they stay exact.
 */
export type RowShape = 'json' | 'rows';

export function rowShapeFor(kind: 'pglite' | 'postgres'): RowShape {
  return kind === 'pglite' ? 'json' : 'rows';
}

/** An instant as JavaScript's toISOString writes it (what the wire carries), made by the database. */
export function isoInstant(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

function columnList(spec: TableSpec): string {
  return spec.columns
    .map((c) => {
      const name = ident(c.field);
      if (c.renderedFrom) return `${ident(c.renderedFrom)} AS ${name}`;
      if (c.kind.type === 'decimal') return `${name}::text AS ${name}`;
      if (c.kind.type === 'timestamp' || c.kind.type === 'days-since') return `${isoInstant(name)} AS ${name}`;
      return name;
    })
    .join(', ');
}

export function asJsonRows(spec: TableSpec, from: string): string {
  return `SELECT coalesce(json_agg(t), '[]'::json) AS rows FROM (SELECT ${columnList(spec)}, version, change_no ${from}) t`;
}

function shaped(spec: TableSpec, from: string, shape: RowShape): string {
  return shape === 'json' ? asJsonRows(spec, from) : `SELECT ${columnList(spec)}, version, change_no ${from}`;
}

/** The rows of a statement made with a RowShape. */
export function rowsOf(result: pg.QueryResult, shape: RowShape): Record<string, unknown>[] {
  return shape === 'json' ? (result.rows[0] as { rows: Record<string, unknown>[] }).rows : result.rows;
}

/** Which rows a read takes: its FROM clause (with WHERE, ORDER BY, LIMIT) and the values of its $n. */
export type RowSource = { from: string; values: unknown[] };

/**
 * The current rows of the given keys. No row locks: every writer of a synced table first takes the workspace
 * counter lock (lockWorkspaceCounter), which already serializes them; locking 10,000 rows again would only cost a
 * write per row.
 */
export function rowsByKey(spec: TableSpec, workspaceId: string, given: string[]): RowSource {
  // A key PostgreSQL cannot store (a NUL, half a surrogate pair) names no stored row: such a row is refused
  // on its own by validation, never sent to the database, where it would fail the whole statement.
  const keys = given.filter((key) => !hasBadCharacters(key));
  return {
    from: `FROM ${ident(spec.entity)} WHERE workspace_id = $1 AND ${ident(spec.keyField)} = ANY($2::text[])`,
    values: [workspaceId, arrayLiteral(keys)],
  };
}

/** The rows changed in (since, upTo], oldest change first, at most `limit`. */
export function changesSince(
  spec: TableSpec,
  workspaceId: string,
  since: number,
  upTo: number,
  limit: number,
): RowSource {
  return {
    from: `FROM ${ident(spec.entity)}
      WHERE workspace_id = $1 AND change_no > $2 AND change_no <= $3 ORDER BY change_no LIMIT $4`,
    values: [workspaceId, since, upTo, limit],
  };
}

/** Current rows for the given keys (see rowsByKey), in a RowShape. */
export function selectRowsByKey(
  spec: TableSpec,
  workspaceId: string,
  given: string[],
  shape: RowShape = 'json',
): SqlQuery {
  const source = rowsByKey(spec, workspaceId, given);
  return sql(shaped(spec, source.from, shape), source.values);
}

/** A row to write: its values as validated, with the version and change number it gets (kept apart, not copied in). */
export type UpsertRow = { values: Record<string, unknown>; version: number; change_no: number };

/**
 * The rows as one typed array per column, unnested in SQL (db/array-params.ts): `from` is the FROM item
 * (alias r), `select(name)` the value of a column in it, `values` the parameters from `$offset` on.
 */
function unnestRows(spec: TableSpec, rows: UpsertRow[], offset: number) {
  const columns = [
    ...editableColumns(spec).map((c) => ({ name: c.field, type: sqlType(c.kind) })),
    { name: 'version', type: 'integer' },
    { name: 'change_no', type: 'bigint' },
  ];
  const values = [
    ...editableColumns(spec).map((c) => arrayLiteral(rows.map((row) => (row.values[c.field] ?? null) as ArrayItem))),
    arrayLiteral(rows.map((row) => row.version)),
    arrayLiteral(rows.map((row) => row.change_no)),
  ];
  // A list column travels as its literal (text) and is cast back: unnest cannot take ragged 2-D arrays.
  const params = columns.map(({ type }, i) => `$${offset + i}::${type === 'text[]' ? 'text' : type}[]`);
  const lists = new Set(columns.filter((c) => c.type === 'text[]').map((c) => c.name));
  return {
    from: `unnest(${params.join(', ')}) AS r(${columns.map((c) => ident(c.name)).join(', ')})`,
    select: (name: string) => (lists.has(name) ? `r.${ident(name)}::text[]` : `r.${ident(name)}`),
    values,
  };
}

/**
 * Replaces many existing rows in one statement (cheaper than INSERT ... ON CONFLICT for known rows). The key is
 * matched twice: joined to the input and as `= ANY` of the input's keys, which the primary key's index answers.
 * Without it PostgreSQL's default costs often hash every row of the workspace for each statement, so a push in
 * chunks of 2,000 among 80,000 products read all 80,000 five times (40-55 ms a chunk against ~23, growing with the
 * table; BENCHMARKS.md, issue 18); with it the statement reads only its own rows, whatever the statistics say.
 */
export function updateRows(spec: TableSpec, workspaceId: string, rows: UpsertRow[], at: Date, actor: string): SqlQuery {
  const input = unnestRows(spec, rows, 4);
  const sets = [
    ...editableColumns(spec)
      .filter((c) => c.field !== spec.keyField)
      .map((c) => c.field),
    'version',
    'change_no',
  ].map((name) => `${ident(name)} = ${input.select(name)}`);
  const key = ident(spec.keyField);
  const keys = `$${4 + editableColumns(spec).findIndex((c) => c.field === spec.keyField)}::text[]`;
  return sql(
    `UPDATE ${ident(spec.entity)} AS t SET ${sets.join(', ')}, updated_at = $2, updated_by = $3
       FROM ${input.from}
      WHERE t.workspace_id = $1 AND t.${key} = r.${key} AND t.${key} = ANY(${keys})`,
    [workspaceId, at, actor, ...input.values],
  );
}

/**
 * Inserts many new rows in one statement. The caller has read, under the workspace counter lock that every writer
 * of a synced table takes first, that none of the keys exists: a plain INSERT (no ON CONFLICT, whose speculative
 * insertion costs each row more) cannot meet one, and if a writer ever skipped the lock it fails rather than
 * overwrite a row with version 1.
 */
export function insertRows(spec: TableSpec, workspaceId: string, rows: UpsertRow[], at: Date, actor: string): SqlQuery {
  const input = unnestRows(spec, rows, 4);
  const names = [...editableColumns(spec).map((c) => c.field), 'version', 'change_no'];
  return sql(
    `INSERT INTO ${ident(spec.entity)} (workspace_id, ${names.map(ident).join(', ')}, updated_at, updated_by)
     SELECT $1, ${names.map(input.select).join(', ')}, $2, $3
       FROM ${input.from}`,
    [workspaceId, at, actor, ...input.values],
  );
}

/** Rows changed in (since, upTo], oldest change first (see changesSince), in a RowShape. */
export function selectChangesSince(
  spec: TableSpec,
  workspaceId: string,
  since: number,
  upTo: number,
  limit: number,
  shape: RowShape = 'json',
): SqlQuery {
  const source = changesSince(spec, workspaceId, since, upTo, limit);
  return sql(shaped(spec, source.from, shape), source.values);
}

/**
 * Whether each table has a change in (since, upTo] (column `<entity>`), in one statement: a pull reads only the
 * tables that changed, not fifteen statements for the one or two that did. With `counted`, each table's row count
 * too (column `<entity>__rows`, as countRows): the page that is likely the last one asks for both at once.
 */
export function selectChangedTables(
  specs: readonly TableSpec[],
  workspaceId: string,
  since: number,
  upTo: number,
  counted = false,
): SqlQuery {
  const columns = specs.flatMap((spec) => {
    const table = ident(spec.entity);
    const window = 'workspace_id = $1 AND change_no > $2 AND change_no <= $3';
    const changed = `EXISTS (SELECT 1 FROM ${table} WHERE ${window}) AS ${table}`;
    return counted ? [changed, rowCount(spec)] : [changed];
  });
  // No table asked for: still a valid statement (an empty select list is not).
  return sql(`SELECT ${columns.join(', ') || '$1::text AS workspace, $2::bigint AS since, $3::bigint AS up_to'}`, [
    workspaceId,
    since,
    upTo,
  ]);
}

/**
 * Each table's row count (column `<entity>__rows`): the totals of a pull's last page, which the add-on compares with
 * the rows its sheets hold. Counting grows with the table, so pages with more to come leave it out.
 */
export function countRows(specs: readonly TableSpec[], workspaceId: string): SqlQuery {
  return sql(`SELECT ${specs.map(rowCount).join(', ') || '$1::text AS workspace'}`, [workspaceId]);
}

function rowCount(spec: TableSpec): string {
  const table = ident(spec.entity);
  return `(SELECT count(*)::int FROM ${table} WHERE workspace_id = $1) AS ${ident(`${spec.entity}__rows`)}`;
}
