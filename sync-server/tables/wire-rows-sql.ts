import type { ColumnSpec, TableSpec } from '../../domain/sheets/column-spec';
import { ident, sql, type SqlQuery } from '../db/sql-query';
import { changesSince, isoInstant, type RowShape } from './table-sql';

/**
 * A synced row as the wire carries it ({key, version, changeNo, values}), written as JSON text by the database:
 * the pull of a table with no column rendered in the reader's language. The text is concatenated from each
 * value's JSON (to_json of text, numbers and booleans as they print): json_build_object looks up how to write every
 * argument again for every row and cost twice as much (10,000 products: 125 → 57 ms in PostgreSQL). Must equal
 * toSyncedRow (row-mapping.ts) for every row: a property test (test/server/wire-rows-sql.test.ts) holds the two
 * together.
 */

/** Tables whose every column the database can write: none rendered in the reader's language (those need JS). */
export function wireRowsInSql(spec: TableSpec): boolean {
  return !spec.columns.some((c) => c.renderedFrom);
}

/** The wire value of one column, as toWire (row-mapping.ts) makes it (also plain-wire-rows.ts). */
export function wireValue(column: ColumnSpec): string {
  const name = ident(column.field);
  switch (column.kind.type) {
    case 'decimal':
      // canonicalDecimal: no trailing zeros in the fraction, no fraction left empty.
      return `trim_scale(${name})::text`;
    case 'timestamp':
    case 'days-since':
      return isoInstant(name);
    case 'integer':
    case 'boolean':
    case 'enum-list':
    case 'country-list':
      return name;
    default:
      return `${name}::text`;
  }
}

/** One column's value as JSON text ('null' for NULL); the column names are our own identifiers (no escaping). */
function jsonValue(column: ColumnSpec): string {
  const value = wireValue(column);
  const kind = column.kind.type;
  const json = kind === 'integer' || kind === 'boolean' ? `${value}::text` : `to_json(${value})::text`;
  return `coalesce(${json}, 'null')`;
}

function wireRow(spec: TableSpec): string {
  const values = spec.columns.map((c, i) => `'${i ? ',' : ''}"${c.field}":' || ${jsonValue(c)}`).join(' || ');
  return `'{"key":' || to_json(${ident(spec.keyField)}::text)::text || ',"version":' || version
    || ',"changeNo":' || change_no || ',"values":{' || ${values} || '}}'`;
}

/**
 * Rows changed in (since, upTo], oldest first: `change_no` and the row's wire JSON (`wire`). On PGlite
 * (RowShape 'json') the rows come as one text value instead, each row `change_no:wire` on its own line (JSON
 * text never holds a raw line break): its wire emulation moves one value far faster than many rows.
 */
export function selectWireChangesSince(
  spec: TableSpec,
  workspaceId: string,
  since: number,
  upTo: number,
  limit: number,
  shape: RowShape = 'rows',
): SqlQuery {
  const source = changesSince(spec, workspaceId, since, upTo, limit);
  const rows = `SELECT change_no, ${wireRow(spec)} AS wire ${source.from}`;
  const text = shape === 'rows' ? rows : `SELECT string_agg(change_no || ':' || wire, E'\\n') AS page FROM (${rows}) t`;
  return sql(text, source.values);
}

/**
 * The same rows as selectWireChangesSince, each one text `change_no:wire`, oldest first: what COPY sends on
 * PostgreSQL (db/copy-lines.ts copyNumberedJson), bytes that never become a JavaScript string per row.
 */
export function selectWireLinesSince(
  spec: TableSpec,
  workspaceId: string,
  since: number,
  upTo: number,
  limit: number,
): SqlQuery {
  const rows = selectWireChangesSince(spec, workspaceId, since, upTo, limit, 'rows');
  return sql(`SELECT change_no || ':' || wire FROM (${rows.text}) t ORDER BY change_no`, rows.values);
}

/** The rows of a statement from selectWireChangesSince, in either shape. */
export function wireRowsOf(
  result: { rows: Record<string, unknown>[] },
  shape: RowShape,
): { changeNo: number; wire: string }[] {
  if (shape === 'rows') return result.rows.map((r) => ({ changeNo: Number(r.change_no), wire: String(r.wire) }));
  const page = result.rows[0]?.page;
  if (typeof page !== 'string' || page === '') return [];
  return page.split('\n').map((line) => {
    const colon = line.indexOf(':');
    return { changeNo: Number(line.slice(0, colon)), wire: line.slice(colon + 1) };
  });
}
