import type { TableSpec, WireRow, WireValue } from '../../domain/sheets/column-spec';
import { canonicalDecimal } from '../../domain/sheets/row-validation';

import type { SyncedRow } from '../../domain/sync/sync-wire';

export function toSyncedRow(spec: TableSpec, dbRow: Record<string, unknown>): SyncedRow {
  const values: WireRow = {};
  for (const column of spec.columns) values[column.field] = toWire(column.kind.type, dbRow[column.field]);
  return {
    key: String(dbRow[spec.keyField]),
    version: Number(dbRow.version),
    changeNo: Number(dbRow.change_no),
    values,
  };
}

function toWire(type: string, value: unknown): WireValue {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'decimal':
      return canonicalDecimal(String(value));
    case 'timestamp':
      return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
    case 'integer':
      return Number(value);
    case 'boolean':
      return Boolean(value);
    case 'enum-list':
    case 'country-list':
      return Array.isArray(value) ? value.map(String) : [];
    default:
      return String(value);
  }
}
