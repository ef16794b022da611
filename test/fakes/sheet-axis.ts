// Inserting or deleting rows or columns moves everything keyed by position: cells, hidden
// flags, widths, protected ranges, conditional-format ranges, pivot sources and anchors and the basic
// filter (ranges grow when lines are inserted inside them).
import { shiftSpan, type GridRect } from './a1-notation';
import type { FakeSheet } from './sheet';

export type Axis = 'row' | 'col';

function shiftKeys<T>(map: Map<number, T>, at: number, count: number): Map<number, T> {
  const next = new Map<number, T>();
  for (const [key, value] of map) {
    const moved = shiftSpan(key, 1, at, count);
    if (moved) next.set(moved[0], value);
  }
  return next;
}

function shiftRect(rect: GridRect, axis: Axis, at: number, count: number): GridRect | null {
  const span =
    axis === 'row' ? shiftSpan(rect.row, rect.numRows, at, count) : shiftSpan(rect.col, rect.numCols, at, count);
  if (!span) return null;
  return axis === 'row' ? { ...rect, row: span[0], numRows: span[1] } : { ...rect, col: span[0], numCols: span[1] };
}

/** Inserts `count` lines before line `at`, or deletes -count lines starting at `at`. */
export function moveAxis(sheet: FakeSheet, axis: Axis, at: number, count: number): void {
  const { grid } = sheet;
  if (axis === 'row') {
    if (count > 0) grid.insertRows(at, count);
    else grid.deleteRows(at, -count);
    sheet.hiddenRows = shiftKeys(sheet.hiddenRows, at, count);
  } else {
    if (count > 0) grid.insertColumns(at, count);
    else grid.deleteColumns(at, -count);
    sheet.hiddenColumns = shiftKeys(sheet.hiddenColumns, at, count);
    sheet.columnWidths = shiftKeys(sheet.columnWidths, at, count);
  }
  for (const protection of [...sheet.rangeProtections]) {
    const rect = shiftRect(protection.rect, axis, at, count);
    if (rect) protection.rect = rect;
    else protection.remove();
  }
  // Pivot tables read their source from this sheet (wherever they sit) and may be anchored on it.
  for (const table of sheet.spreadsheet.sheetList.flatMap((s) => s.pivotTables)) {
    if (table.sourceSheet === sheet) {
      const rect = shiftRect(table.source, axis, at, count);
      if (rect) table.source = rect;
    }
    if (table.sheet === sheet) {
      const anchor = shiftRect({ ...table.anchor, numRows: 1, numCols: 1 }, axis, at, count);
      if (anchor) table.anchor = { row: anchor.row, col: anchor.col };
      else table.remove();
    }
  }
  if (sheet.filter) {
    const rect = shiftRect(sheet.filter.rect, axis, at, count);
    if (rect) sheet.filter.rect = rect;
    else sheet.filter.remove();
  }
  sheet.conditionalFormatRules = sheet.conditionalFormatRules.flatMap((rule) => rule.shifted(axis, at, count) ?? []);
  if (sheet.sheetProtection) {
    sheet.sheetProtection.unprotected = sheet.sheetProtection.unprotected.flatMap(
      (r) => shiftRect(r, axis, at, count) ?? [],
    );
  }
}
