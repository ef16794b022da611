import type { SyncedRow } from '../../domain/contracts/sync';
import type { Lang } from '../../domain/i18n/lang';
import type { ColumnSpec, TableSpec, WireRow, WireValue } from '../../domain/sheets/column-spec';
import { ident, sql, type SqlQuery } from '../db/sql-query';
import { RENDERERS } from './row-mapping';
import type { RowSource } from './table-sql';
import { wireValue } from './wire-rows-sql';

/**
 * Synced rows read as plain rows whose values are already what the wire carries (PostgreSQL): the database does
 * the conversions it does cheaply (canonical decimals, instants as toISOString writes them, text), Node builds
 * the row and renders only the columns shown in the reader's language. What a push reads of its current rows, and
 * a pull of the tables with rendered columns (the rest come as JSON the database writes, tables/wire-rows-sql.ts).
 * Must equal toSyncedRow (row-mapping.ts) for every row: a property test (test/server/plain-wire-rows.test.ts) and
 * a check of every synced table over the demo month (test/server/demo-month.test.ts) hold the two together.
 */

function wireColumn(column: ColumnSpec): string {
  return column.renderedFrom ? `${ident(column.renderedFrom)} AS ${ident(column.field)}` : wireValue(column);
}

/** The select list: every column of the spec in its order, then version and change_no (the reader's layout). */
function wireColumns(spec: TableSpec): string {
  return `${spec.columns.map(wireColumn).join(', ')}, version, change_no`;
}

/** The rows of `source` (changesSince, rowsByKey: table-sql.ts) in the reader's layout, for `wireRowReader`. */
export function selectPlainWireRows(spec: TableSpec, source: RowSource): SqlQuery {
  return sql(`SELECT ${wireColumns(spec)} ${source.from}`, source.values);
}

/** A row of selectPlainWireRows (as an array: pg's rowMode 'array') as the wire carries it. */
export function wireRowReader(spec: TableSpec, lang: Lang): (row: unknown[]) => SyncedRow {
  const columns = spec.columns;
  const count = columns.length;
  const fields = columns.map((c) => c.field);
  const keyAt = fields.indexOf(spec.keyField);
  const convert = columns.map((c) => converter(c, lang));
  return (row) => {
    const values: WireRow = {};
    for (let i = 0; i < count; i++) {
      const value = row[i];
      const to = convert[i];
      values[fields[i]!] = to ? to(value) : ((value ?? null) as WireValue);
    }
    return { key: String(row[keyAt]), version: Number(row[count]), changeNo: Number(row[count + 1]), values };
  };
}

/** What toWire still does to a value the database already gave in wire form: none for most columns. */
function converter(column: ColumnSpec, lang: Lang): ((value: unknown) => WireValue) | null {
  const render = column.renderedFrom && RENDERERS[column.renderedFrom];
  if (render) return (value) => render(value, lang);
  // An integer column may be bigint (pg gives text); a list may hold non-text items: as toWire makes them.
  if (column.kind.type === 'integer') return (value) => (value === null || value === undefined ? null : Number(value));
  if (column.kind.type === 'enum-list' || column.kind.type === 'country-list')
    return (value) => (value === null || value === undefined ? null : Array.isArray(value) ? value.map(String) : []);
  return null;
}
