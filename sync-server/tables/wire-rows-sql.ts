import type { ColumnSpec, TableSpec } from '../../domain/sheets/column-spec';
import { ident, sql, type SqlQuery } from '../db/sql-query';
import { isoInstant, type RowShape } from './table-sql';

/**
 * A synced row as the wire carries it ({key, version, changeNo, values}), written as JSON text by the
 * database: a PGlite pull (its wire emulation moves one value far faster than many rows; PostgreSQL's pull
 * reads plain rows instead, tables/plain-wire-rows.ts). Must equal toSyncedRow (row-mapping.ts) for every row: a property test
 * (test/server/wire-rows-sql.test.ts) holds the two together.
 */

/** Tables whose every column the database can write: none rendered in the reader's language (those need JS). */
export function wireRowsInSql(spec: TableSpec): boolean {
  // json_build_object takes at most 100 arguments: a key and a value per column.
  return !spec.columns.some((c) => c.renderedFrom) && spec.columns.length <= 48;
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

function wireRow(spec: TableSpec): string {
  const values = spec.columns.map((c) => `'${c.field}', ${wireValue(c)}`).join(', ');
  return `json_build_object('key', ${ident(spec.keyField)}::text, 'version', version, 'changeNo', change_no,
    'values', json_build_object(${values}))::text`;
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
  const rows = `SELECT change_no, ${wireRow(spec)} AS wire FROM ${ident(spec.entity)}
      WHERE workspace_id = $1 AND change_no > $2 AND change_no <= $3 ORDER BY change_no LIMIT $4`;
  return sql(shape === 'rows' ? rows : `SELECT string_agg(change_no || ':' || wire, E'\\n') AS page FROM (${rows}) t`, [
    workspaceId,
    since,
    upTo,
    limit,
  ]);
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
