import type { TableSpec, WireRow } from '../domain/sheets/column-spec';
import { rowFingerprint } from '../domain/sync/row-fingerprint';
import { readBack, toCell } from './cell-values';
import { findTableSheet, readLayout, type TableLayout } from './sheet-layout';

type Cell = string | number | boolean | Date;

/**
 * A synced sheet held in memory for one sync: read with ONE getValues, changed in memory, written back
 * in contiguous blocks. Rows are found by key, never by position.
 */
export type LoadedTable = {
  spec: TableSpec;
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  layout: TableLayout;
  rows: Cell[][];
  byKey: Map<string, number>;
  /** Rows to write: 'full' rewrites the synced columns, 'note' only the sync note cell. */
  dirty: Map<number, 'full' | 'note'>;
  appended: number;
};

export function loadTable(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, spec: TableSpec): LoadedTable | null {
  const sheet = findTableSheet(spreadsheet, spec);
  if (!sheet) return null;
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastRow < 1 || lastColumn < 1) return null;
  const values = sheet.getRange(1, 1, lastRow, lastColumn).getValues() as Cell[][];
  const layout = readLayout(spec, values[0] ?? []);
  if (layout.missing.length) return null;
  const rows = values.slice(1);
  const byKey = new Map<string, number>();
  const keyColumn = layout.fields.get(spec.keyField)!;
  rows.forEach((row, index) => {
    const key = keyOf(row[keyColumn]);
    if (key && !byKey.has(key)) byKey.set(key, index);
  });
  return { spec, sheet, layout, rows, byKey, dirty: new Map(), appended: 0 };
}

export function keyOf(cell: unknown): string {
  return cell === null || cell === undefined ? '' : String(cell).trim();
}

/** Fingerprint of a row's synced columns as the sheet shows them now. */
export function sheetFingerprint(table: LoadedTable, row: readonly Cell[]): string {
  return rowFingerprint(table.spec.columns.map((c) => row[table.layout.fields.get(c.field)!] ?? ''));
}

/** Writes the server's copy of a row into row `index` (or a new row) and returns its index. */
export function putServerRow(table: LoadedTable, key: string, version: number, values: WireRow, note: string, index?: number): number {
  let at = index ?? table.byKey.get(key);
  if (at === undefined) {
    at = table.rows.length;
    table.rows.push(new Array<Cell>(table.layout.width).fill(''));
    table.byKey.set(key, at);
    table.appended += 1;
  }
  const row = table.rows[at]!;
  const shown: Cell[] = [];
  for (const column of table.spec.columns) {
    const cell = toCell(column, values[column.field] ?? null);
    row[table.layout.fields.get(column.field)!] = cell;
    shown.push(readBack(cell));
  }
  row[table.layout.version] = version;
  row[table.layout.hash] = rowFingerprint(shown);
  row[table.layout.note] = note ? `'${note}` : '';
  table.dirty.set(at, 'full');
  return at;
}

export function putNote(table: LoadedTable, index: number, note: string): void {
  const row = table.rows[index]!;
  const next = note ? `'${note}` : '';
  if (readBack(row[table.layout.note] ?? '') === readBack(next)) return;
  row[table.layout.note] = next;
  if (!table.dirty.has(index)) table.dirty.set(index, 'note');
}

/**
 * Writes changed rows in contiguous blocks, and only the columns the sync owns: a person's own columns
 * (and any formulas in them) are never rewritten. Returns the number of setValues calls.
 */
export function flushTable(table: LoadedTable): number {
  const needed = table.rows.length + 1;
  if (table.sheet.getMaxRows() < needed) table.sheet.insertRowsAfter(table.sheet.getMaxRows(), needed - table.sheet.getMaxRows());
  const owned = [...table.layout.fields.values(), table.layout.note, table.layout.version, table.layout.hash];
  const full = [...table.dirty].filter(([, kind]) => kind === 'full').map(([index]) => index);
  const notes = [...table.dirty].filter(([, kind]) => kind === 'note').map(([index]) => index);
  let writes = 0;
  for (const [first, last] of runs(full)) {
    for (const [fromColumn, toColumn] of runs(owned)) {
      const block = table.rows.slice(first, last + 1).map((row) => row.slice(fromColumn, toColumn + 1));
      table.sheet.getRange(first + 2, fromColumn + 1, block.length, block[0]!.length).setValues(block);
      writes += 1;
    }
  }
  for (const [first, last] of runs(notes)) {
    const block = table.rows.slice(first, last + 1).map((row) => [row[table.layout.note] ?? '']);
    table.sheet.getRange(first + 2, table.layout.note + 1, block.length, 1).setValues(block);
    writes += 1;
  }
  table.dirty.clear();
  return writes;
}

/** [first, last] pairs of consecutive numbers: [1,2,3,7,8] → [[1,3],[7,8]]. */
function runs(numbers: number[]): [number, number][] {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && n === last[1] + 1) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}
