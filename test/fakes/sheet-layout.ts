/// <reference types="google-apps-script" />
// Frozen panes, hidden rows and columns, widths and conditional-format rules of a sheet
// (the base of FakeSheet; kept apart to keep each file small).
import type { GridRect } from './a1-notation';
import type { FakeSheet } from './sheet';
import { CellGrid } from './cell-grid';
import { FakeConditionalFormatRule } from './conditional-format';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export abstract class SheetLayout {
  readonly grid = new CellGrid();
  frozenRows = 0;
  frozenColumns = 0;
  hiddenRows = new Map<number, true>();
  hiddenColumns = new Map<number, true>();
  columnWidths = new Map<number, number>();
  /** In priority order; the fake stores and moves them but does not apply them (see conditional-format.ts). */
  conditionalFormatRules: FakeConditionalFormatRule[] = [];
  abstract maxRows: number;
  abstract maxColumns: number;
  abstract asSheet(): Sheet;
  abstract checkBounds(rect: GridRect): void;
  protected abstract error(message: string): Error;

  getFrozenRows(): number {
    return this.frozenRows;
  }
  setFrozenRows(rows: number): void {
    if (rows < 0 || rows >= this.maxRows) throw this.error("You can't freeze all visible rows on the sheet.");
    this.frozenRows = rows;
  }
  getFrozenColumns(): number {
    return this.frozenColumns;
  }
  setFrozenColumns(columns: number): void {
    if (columns < 0 || columns >= this.maxColumns)
      throw this.error("You can't freeze all visible columns on the sheet.");
    this.frozenColumns = columns;
  }
  hideColumns(columnIndex: number, numColumns = 1): void {
    this.checkBounds({ row: 1, col: columnIndex, numRows: 1, numCols: numColumns });
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.hiddenColumns.set(c, true);
  }
  showColumns(columnIndex: number, numColumns = 1): void {
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.hiddenColumns.delete(c);
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    return this.hiddenColumns.has(columnPosition);
  }
  hideRows(rowIndex: number, numRows = 1): void {
    this.checkBounds({ row: rowIndex, col: 1, numRows, numCols: 1 });
    for (let r = rowIndex; r < rowIndex + numRows; r++) this.hiddenRows.set(r, true);
  }
  showRows(rowIndex: number, numRows = 1): void {
    for (let r = rowIndex; r < rowIndex + numRows; r++) this.hiddenRows.delete(r);
  }
  isRowHiddenByUser(rowPosition: number): boolean {
    return this.hiddenRows.has(rowPosition);
  }
  getColumnWidth(columnPosition: number): number {
    return this.columnWidths.get(columnPosition) ?? 100;
  }
  setColumnWidth(columnPosition: number, width: number): Sheet {
    return this.setColumnWidths(columnPosition, 1, width);
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): Sheet {
    for (let c = startColumn; c < startColumn + numColumns; c++) this.columnWidths.set(c, width);
    return this.asSheet();
  }
  autoResizeColumn(columnPosition: number): Sheet {
    return this.autoResizeColumns(columnPosition, 1);
  }
  /** Records a content-based width guess (7 px per character) so tests can see it ran. */
  autoResizeColumns(startColumn: number, numColumns: number): Sheet {
    for (let c = startColumn; c < startColumn + numColumns; c++) {
      let longest = 0;
      for (let r = 1; r <= this.grid.lastRow(); r++)
        longest = Math.max(longest, String(this.grid.get(r, c)?.value ?? '').length);
      this.columnWidths.set(c, Math.max(30, longest * 7 + 10));
    }
    return this.asSheet();
  }
  getConditionalFormatRules(): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
    return this.conditionalFormatRules.map((rule) => rule.asRule());
  }
  /** Replaces all of the sheet's rules (as in Apps Script: keep others by passing them back). */
  setConditionalFormatRules(rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[]): void {
    if (!Array.isArray(rules) || rules.some((rule) => !(rule instanceof FakeConditionalFormatRule)))
      throw this.error('Invalid argument: rules');
    const fakes = rules as unknown as FakeConditionalFormatRule[];
    for (const rule of fakes) rule.checkFor(this as unknown as FakeSheet);
    this.conditionalFormatRules = [...fakes];
  }
}
