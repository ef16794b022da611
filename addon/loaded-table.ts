import type { Lang } from '../domain/i18n/lang';
import type { ColumnSpec, TableSpec, WireRow } from '../domain/sheets/column-spec';
import { cellFingerprint, rowFingerprint } from '../domain/sync/row-fingerprint';
import { daysSince, readBack, toCell } from './cell-values';
import { findTableSheet, readLayout, type TableLayout } from './sheet-layout';

export type Cell = string | number | boolean | Date;

/**
 * A synced sheet held in memory for one sync: read with one getValues, changed in memory, written back
 * in contiguous blocks. Rows are found by key, never by position.
 */
export type LoadedTable = {
  spec: TableSpec;
  lang: Lang;
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  layout: TableLayout;
  rows: Cell[][];
  /** How many data rows the sheet had when read; rows past it are new (appended). */
  loadedCount: number;
  byKey: Map<string, number>;
  /** Rows to write: 'full' rewrites the synced columns, 'note' only the sync note cell, 'entry' the note and fingerprint of a typed new row. */
  dirty: Map<number, 'full' | 'note' | 'entry'>;
  /**
   * Keyless rows that got a key this sync (typed orders, a new stock line), with the fingerprint of what
   * they held when read: written in place, unless that row now holds something else (then appended).
   */
  claimed: Map<number, string>;
  /** Rows whose typed values must survive this sync (rejected, duplicate key): pulls do not overwrite them. */
  heldBack: Set<number>;
  /**
   * Changed rows this person did not type (or whose author is unknown): never sent by this sync, which
   * would check them against the wrong person's roles; they wait for their author's own sync.
   */
  othersRows: Set<number>;
  /** Headers of server-owned cells a person typed over, per row (found when planning the push). */
  typedOverComputed: Map<number, string[]>;
  /** Fields whose column "Set up sheets" just re-created: empty now, so never pushed this run. */
  repairedFields: Set<string>;
};

export type TableRead = { table: LoadedTable } | { missing: string[] } | null;

export function loadTable(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  spec: TableSpec,
  lang: Lang,
): TableRead {
  const sheet = findTableSheet(spreadsheet, spec);
  if (!sheet) return null;
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastRow < 1 || lastColumn < 1) return null;
  const values = sheet.getRange(1, 1, lastRow, lastColumn).getValues() as Cell[][];
  const layout = readLayout(spec, values[0] ?? []);
  if (layout.missing.length) return { missing: layout.missing };
  const rows = values.slice(1);
  const byKey = new Map<string, number>();
  const keyColumn = layout.fields.get(spec.keyField)!;
  rows.forEach((row, index) => {
    const key = keyOf(row[keyColumn]);
    if (key && !byKey.has(key)) byKey.set(key, index);
  });
  return { table: tableOf(spec, lang, sheet, layout, rows, byKey) };
}

/** A table over `rows` (all of a sheet's data rows, or only some: the edit journal fingerprints a few). */
export function tableOf(
  spec: TableSpec,
  lang: Lang,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  layout: TableLayout,
  rows: Cell[][],
  byKey = new Map<string, number>(),
): LoadedTable {
  return {
    spec,
    lang,
    sheet,
    layout,
    rows,
    loadedCount: rows.length,
    byKey,
    dirty: new Map(),
    claimed: new Map(),
    heldBack: new Set(),
    othersRows: new Set(),
    typedOverComputed: new Map(),
    repairedFields: new Set(),
  };
}

export function keyOf(cell: unknown): string {
  return cell === null || cell === undefined ? '' : String(cell).trim();
}

/**
 * Fingerprint of a row's synced cells: one part for the whole row, then one part per server-owned
 * column, so a later sync can tell exactly which computed cells a person typed over.
 */
export function sheetFingerprint(table: LoadedTable, row: readonly Cell[]): string {
  return fingerprintOf(
    table,
    table.spec.columns.map((c) => (counted(c) ? '' : (row[table.layout.fields.get(c.field)!] ?? ''))),
  );
}

/** A day count the add-on keeps current (kind `days-since`): it changes by itself, so no fingerprint holds it. */
const counted = (column: ColumnSpec) => column.kind.type === 'days-since';

/** Which columns a fingerprint has a part for, per spec (computed once: fingerprints run per row). */
type FingerprintParts = { computed: number[]; counts: number[]; typed: number[] };
const partsOf = new WeakMap<TableSpec, FingerprintParts>();
function fingerprintParts(spec: TableSpec): FingerprintParts {
  let parts = partsOf.get(spec);
  if (!parts) {
    parts = { computed: [], counts: [], typed: [] };
    spec.columns.forEach((c, i) => {
      if (c.computed && !counted(c)) parts!.computed.push(i);
      if (c.delta) parts!.counts.push(i);
      if (c.sentWhenTyped) parts!.typed.push(i);
    });
    partsOf.set(spec, parts);
  }
  return parts;
}

function fingerprintOf(table: LoadedTable, shown: readonly Cell[]): string {
  const parts = fingerprintParts(table.spec);
  let out = rowFingerprint(shown);
  for (const i of parts.computed) out += `.${cellFingerprint(shown[i])}`;
  // Counts keep the value itself, not a hash: the next push sends the change from it (docs/inventory.md).
  for (const i of parts.counts) out += `.n${typeof shown[i] === 'number' ? shown[i] : ''}`;
  for (const i of parts.typed) out += `.${cellFingerprint(shown[i])}`;
  return out;
}

/**
 * Whether a sent-when-typed cell (a count's note) holds what the last sync wrote there. A row never
 * synced has everything typed; a row synced before the column's part existed is taken as untouched
 * (an old note is not worth sending again with whatever count comes next).
 */
export function untypedSinceSync(table: LoadedTable, row: readonly Cell[], field: string): boolean {
  const hash = String(row[table.layout.hash] ?? '');
  if (hash === '') return false;
  const parts = fingerprintParts(table.spec);
  const at = table.spec.columns.findIndex((c) => c.field === field);
  const part = hash.split('.')[1 + parts.computed.length + parts.counts.length + parts.typed.indexOf(at)];
  return part === undefined || part === cellFingerprint(readBack(row[table.layout.fields.get(field)!] ?? ''));
}

/** The value a count column had when this row was last synced (null for a row never synced). */
export function syncedCount(table: LoadedTable, row: readonly Cell[], field: string): number | null {
  const parts = String(row[table.layout.hash] ?? '').split('.');
  const computed = fingerprintParts(table.spec).computed.length;
  const at = table.spec.columns.filter((c) => c.delta).findIndex((c) => c.field === field);
  const part = at < 0 ? undefined : parts[1 + computed + at];
  return part && part.length > 1 && Number.isInteger(Number(part.slice(1))) ? Number(part.slice(1)) : null;
}

/** What a row's synced columns hold, as one string: to tell later whether a sheet row still holds it. */
export function contentOf(table: LoadedTable, row: readonly unknown[]): string {
  return rowFingerprint(
    table.spec.columns.map((c) => (counted(c) ? '' : readBack((row[table.layout.fields.get(c.field)!] ?? '') as Cell))),
  );
}

/** Marks a keyless row as taken over by `key` this sync (see `claimed`). */
export function claimRow(table: LoadedTable, index: number, key: string): void {
  if (!table.claimed.has(index)) table.claimed.set(index, contentOf(table, table.rows[index]!));
  table.byKey.set(key, index);
}

/**
 * The row was last synced under another version of its table (a column was added since): its stored
 * fingerprint cannot be compared cell by cell. Such rows are rewritten by a full pull, never noted.
 */
export function syncedUnderOtherLayout(table: LoadedTable, row: readonly Cell[]): boolean {
  const stored = row[table.layout.hash];
  if (typeof stored !== 'string' || stored === '') return false;
  const { computed, counts, typed } = fingerprintParts(table.spec);
  let dots = 0;
  for (let i = stored.indexOf('.'); i >= 0; i = stored.indexOf('.', i + 1)) dots += 1;
  return dots !== computed.length + counts.length + typed.length;
}

/** Headers of the computed columns whose cells differ from what the last sync wrote. */
export function typedOverComputed(table: LoadedTable, row: readonly Cell[], lang: Lang): string[] {
  if (syncedUnderOtherLayout(table, row)) return [];
  const before = String(row[table.layout.hash] ?? '')
    .split('.')
    .slice(1);
  const now = sheetFingerprint(table, row).split('.').slice(1);
  const computed = table.spec.columns.filter((c) => c.computed && !counted(c));
  return (
    computed
      // On a new row, entry columns (a stock line's SKU and warehouse) are what the person is meant to type.
      .filter((c, i) =>
        before.length ? before[i] !== now[i] : !c.entry && String(row[table.layout.fields.get(c.field)!] ?? '') !== '',
      )
      .map((c) => c.header[lang])
  );
}

/** Writes the server's copy of a row into row `index` (or a new row) and returns its index. */
export function putServerRow(
  table: LoadedTable,
  key: string,
  version: number,
  values: WireRow,
  note: string,
  index?: number,
): number {
  let at = index ?? table.byKey.get(key);
  if (at === undefined) {
    at = table.rows.length;
    table.rows.push(new Array<Cell>(table.layout.width).fill(''));
    table.byKey.set(key, at);
  }
  const row = table.rows[at]!;
  const shown: Cell[] = [];
  for (const column of table.spec.columns) {
    const cell = toCell(column, values[column.field] ?? null, table.lang, table.spec.statusField);
    row[table.layout.fields.get(column.field)!] = cell;
    shown.push(counted(column) ? '' : readBack(cell));
  }
  row[table.layout.version] = version;
  row[table.layout.hash] = fingerprintOf(table, shown);
  row[table.layout.note] = note ? `'${note}` : '';
  table.dirty.set(at, 'full');
  return at;
}

export function noteOf(table: LoadedTable, index: number): string {
  return String(readBack(table.rows[index]![table.layout.note] ?? ''));
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
 * (and any formulas in them) are never rewritten. The key column is read again first: a person may have
 * sorted, inserted or deleted rows while the server answered, so each row goes where its key is now.
 * Returns the number of setValues calls.
 */
export function flushTable(table: LoadedTable): number {
  if (!table.dirty.size) return 0;
  const { sheet, layout } = table;
  const keyColumn = layout.fields.get(table.spec.keyField)!;
  const lastRow = sheet.getLastRow();
  const keysNow =
    lastRow >= 2
      ? sheet
          .getRange(2, keyColumn + 1, lastRow - 1, 1)
          .getValues()
          .map((r) => keyOf(r[0]))
      : [];
  const rowsNow = positionsByKey(keysNow);
  // The n-th row holding a key at load time goes to the n-th row holding it now (duplicates keep apart).
  const rankAtLoad = occurrenceRanks(table.rows.map((row) => keyOf(readBack(row[keyColumn] ?? ''))));
  let nextNew = keysNow.length + 2;
  const stillThere = claimedStillInPlace(table, keysNow);

  const full: [number, Cell[]][] = [];
  const notes: [number, Cell[]][] = [];
  const seen: [number, Cell[]][] = [];
  for (const [index, kind] of [...table.dirty].sort((a, b) => a[0] - b[0])) {
    const row = table.rows[index]!;
    const key = keyOf(readBack(row[keyColumn] ?? ''));
    // Keyless rows (and typed rows that just became an order's lines) stay in place, if their row still holds no key.
    const inPlace = keysNow[index] === '' ? index + 2 : null;
    const found = key ? (rowsNow.get(key)?.[rankAtLoad[index]!] ?? (stillThere.has(index) ? inPlace : null)) : inPlace;
    // Only a whole server row may be appended; a note whose row moved away waits for the next sync.
    const target = found ?? (key && kind === 'full' ? nextNew++ : null);
    if (target === null) continue;
    if (kind === 'entry') seen.push([target, row]);
    (kind === 'full' ? full : notes).push([target, row]);
  }
  if (sheet.getMaxRows() < nextNew - 1) sheet.insertRowsAfter(sheet.getMaxRows(), nextNew - 1 - sheet.getMaxRows());
  const owned = [...layout.fields.values(), layout.note, layout.version, layout.hash];
  let writes = 0;
  for (const block of blocks(full)) {
    for (const [fromColumn, toColumn] of runs(owned)) {
      const range = sheet.getRange(block.first, fromColumn + 1, block.rows.length, toColumn - fromColumn + 1);
      const cells = block.rows.map((row) => row.slice(fromColumn, toColumn + 1));
      range.setValues(table.spec.formulasKept ? withFormulasKept(range, cells) : cells);
      writes += 1;
    }
  }
  for (const block of blocks(notes)) {
    sheet
      .getRange(block.first, layout.note + 1, block.rows.length, 1)
      .setValues(block.rows.map((row) => [row[layout.note] ?? '']));
    writes += 1;
  }
  for (const block of blocks(seen)) {
    sheet
      .getRange(block.first, layout.hash + 1, block.rows.length, 1)
      .setValues(block.rows.map((row) => [row[layout.hash] ?? '']));
    writes += 1;
  }
  table.dirty.clear();
  return writes;
}

/**
 * Claimed rows whose sheet row still holds what was read (someone may have sorted or inserted rows while
 * the server answered): one read per block of claimed rows, only when there are any.
 */
function claimedStillInPlace(table: LoadedTable, keysNow: string[]): Set<number> {
  const still = new Set<number>();
  const candidates = [...table.claimed.keys()].filter((index) => keysNow[index] === '').sort((a, b) => a - b);
  for (const block of blocks(candidates.map((index) => [index + 2, []] as [number, Cell[]]))) {
    const values = table.sheet.getRange(block.first, 1, block.rows.length, table.layout.width).getValues() as Cell[][];
    values.forEach((row, i) => {
      const index = block.first - 2 + i;
      if (contentOf(table, row) === table.claimed.get(index)) still.add(index);
    });
  }
  return still;
}

function positionsByKey(keys: string[]): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  keys.forEach((key, i) => {
    if (key) positions.set(key, [...(positions.get(key) ?? []), i + 2]);
  });
  return positions;
}

function occurrenceRanks(keys: string[]): number[] {
  const seen = new Map<string, number>();
  return keys.map((key) => {
    const rank = seen.get(key) ?? 0;
    seen.set(key, rank + 1);
    return rank;
  });
}

/** Rows by sheet row number → runs of consecutive row numbers. */
function blocks(targets: [number, Cell[]][]): { first: number; rows: Cell[][] }[] {
  const out: { first: number; rows: Cell[][] }[] = [];
  for (const [rowNumber, row] of [...targets].sort((a, b) => a[0] - b[0])) {
    const last = out[out.length - 1];
    if (last && rowNumber === last.first + last.rows.length) last.rows.push(row);
    else out.push({ first: rowNumber, rows: [row] });
  }
  return out;
}

/** [first, last] pairs of consecutive numbers: [1,2,3,7,8] → [[1,3],[7,8]]. */
function runs(numbers: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const n of [...new Set(numbers)].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && n === last[1] + 1) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

/**
 * Counts `days-since` cells again (after a sync: a parcel without scans grows older while its row does
 * not change). Only cells that hold a count are counted again — blank means nothing to count (delivered) —
 * from the instant in the kind's `from` column of the same row. Changed rows are written with the sync's.
 */
export function recountDays(table: LoadedTable, now: Date): void {
  for (const column of table.spec.columns) {
    if (column.kind.type !== 'days-since') continue;
    const at = table.layout.fields.get(column.field)!;
    const from = table.layout.fields.get(column.kind.from);
    if (from === undefined) continue;
    table.rows.forEach((row, index) => {
      if (typeof row[at] !== 'number') return;
      const days = daysSince(String(readBack(row[from] ?? '')), now);
      if (days === row[at]) return;
      row[at] = days;
      table.dirty.set(index, 'full');
    });
  }
}

/** The cells to write, a person's formula kept where it shows the value the server has (FX: GOOGLEFINANCE). */
function withFormulasKept(range: GoogleAppsScript.Spreadsheet.Range, cells: Cell[][]): Cell[][] {
  const formulas = range.getFormulas();
  if (!formulas.some((row) => row.some(Boolean))) return cells;
  const shown = range.getValues() as Cell[][];
  return cells.map((row, r) =>
    row.map((cell, c) => {
      const formula = formulas[r]?.[c];
      return formula && sameValue(shown[r]![c]!, cell) ? formula : cell;
    }),
  );
}

function sameValue(shown: Cell, next: Cell): boolean {
  const [a, b] = [readBack(shown), readBack(next)];
  if (typeof a === 'number' || typeof b === 'number') return String(a).trim() !== '' && Number(a) === Number(b);
  return String(a) === String(b);
}
