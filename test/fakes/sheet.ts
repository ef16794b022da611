/// <reference types="google-apps-script" />
// One sheet: a fixed grid (1000 x 26 by default) that only insert/append calls grow; ranges
// outside it throw, as in Apps Script.
import { parseA1, splitSheetPrefix, toA1, type GridRect } from './a1-notation';
import { formulaValue, MAX_CELL_CHARS, parseInput } from './cell-values';
import { FakeProtection } from './protection';
import { FakeRange } from './range';
import { FakeRangeList } from './range-list';
import { FakeEmbeddedChart, FakeEmbeddedChartBuilder, insertChart, removeChart, updateChart } from './embedded-chart';
import type { FakePivotTable } from './pivot-table';
import type { FakeFilter } from './sheet-filter';
import { moveAxis, type Axis } from './sheet-axis';
import { SheetLayout } from './sheet-layout';
import type { AccessKind } from './spreadsheet-stats';
import type { FakeSpreadsheet } from './spreadsheet';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type SheetMethod =
  | 'activate'
  | 'appendRow'
  | 'autoResizeColumn'
  | 'autoResizeColumns'
  | 'clear'
  | 'clearContents'
  | 'deleteColumn'
  | 'deleteColumns'
  | 'deleteRow'
  | 'deleteRows'
  | 'getColumnWidth'
  | 'getConditionalFormatRules'
  | 'getDataRange'
  | 'getFrozenColumns'
  | 'getCharts'
  | 'getFilter'
  | 'getFrozenRows'
  | 'getIndex'
  | 'getLastColumn'
  | 'getLastRow'
  | 'getMaxColumns'
  | 'getMaxRows'
  | 'getName'
  | 'getParent'
  | 'getPivotTables'
  | 'getProtections'
  | 'getRange'
  | 'getRangeList'
  | 'getSheetId'
  | 'getSheetName'
  | 'getTabColor'
  | 'hideColumns'
  | 'hideRows'
  | 'hideSheet'
  | 'insertChart'
  | 'insertColumnAfter'
  | 'insertColumnBefore'
  | 'insertColumnsAfter'
  | 'insertColumnsBefore'
  | 'insertRowAfter'
  | 'insertRowBefore'
  | 'insertRowsAfter'
  | 'insertRowsBefore'
  | 'isColumnHiddenByUser'
  | 'isRowHiddenByUser'
  | 'isSheetHidden'
  | 'newChart'
  | 'protect'
  | 'removeChart'
  | 'setColumnWidth'
  | 'setColumnWidths'
  | 'setConditionalFormatRules'
  | 'setFrozenColumns'
  | 'setFrozenRows'
  | 'setName'
  | 'setTabColor'
  | 'showColumns'
  | 'showRows'
  | 'showSheet'
  | 'sort'
  | 'updateChart';

const NOUN = { row: 'rows', col: 'columns' } as const;

export class FakeSheet extends SheetLayout implements Pick<Sheet, SheetMethod> {
  hidden = false;
  tabColor: string | null = null;
  rangeProtections: FakeProtection[] = [];
  sheetProtection: FakeProtection | null = null;
  /** Selected ranges (last one is the active range). */
  selection: GridRect[] = [{ row: 1, col: 1, numRows: 1, numCols: 1 }];
  /** Pivot tables anchored on this sheet, in creation order. */
  pivotTables: FakePivotTable[] = [];
  charts: FakeEmbeddedChart[] = [];
  filter: FakeFilter | null = null;

  constructor(
    readonly spreadsheet: FakeSpreadsheet,
    private name: string,
    readonly sheetId: number,
    public maxRows = 1000,
    public maxColumns = 26,
  ) {
    super();
  }

  asSheet(): Sheet {
    return this as unknown as Sheet;
  }
  protected error(message: string): Error {
    return this.spreadsheet.realm.error(message);
  }

  // ---- helpers for ranges and protections ----
  rangeAt(rect: GridRect): Range {
    return new FakeRange(this, rect).asRange();
  }
  checkBounds(rect: GridRect): void {
    if (rect.row + rect.numRows - 1 > this.maxRows || rect.col + rect.numCols - 1 > this.maxColumns) {
      throw this.error('The coordinates of the range are outside the dimensions of the sheet.');
    }
  }
  assertWritable(rect: GridRect): void {
    const user = this.spreadsheet.actingUser;
    const all = this.sheetProtection ? [this.sheetProtection, ...this.rangeProtections] : this.rangeProtections;
    if (all.some((p) => p.blocks(user, rect))) {
      throw this.error(
        'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
      );
    }
  }
  record(kind: AccessKind, method: string, rect: GridRect): void {
    this.spreadsheet.stats.record(kind, method, this.name, toA1(rect), rect.numRows * rect.numCols);
  }
  /** Stores a value as typed input: parsed, formulas recorded (see FakeSpreadsheet.formulaWrites). */
  writeInput(row: number, col: number, raw: unknown, method: string): void {
    const cell = this.grid.ensure(row, col);
    const ss = this.spreadsheet;
    const parsed = parseInput(raw, cell.numberFormat ?? undefined, ss.locale, ss.timeZone);
    if (typeof parsed.value === 'string' && parsed.value.length > MAX_CELL_CHARS) {
      throw this.error(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
    }
    cell.value = parsed.value;
    cell.formula = parsed.formula;
    cell.autoFormat = parsed.autoFormat;
    if (parsed.formula !== null) {
      ss.formulaWrites.push({
        sheet: this.name,
        a1: toA1({ row, col, numRows: 1, numCols: 1 }),
        formula: parsed.formula,
        method,
      });
    }
  }
  /** setFormula(s): a formula even in a plain-text ('@') cell. */
  writeFormula(row: number, col: number, formula: string, method: string): void {
    Object.assign(this.grid.ensure(row, col), { value: formulaValue(formula), formula, autoFormat: null });
    this.spreadsheet.formulaWrites.push({
      sheet: this.name,
      a1: toA1({ row, col, numRows: 1, numCols: 1 }),
      formula,
      method,
    });
  }
  /**
   * What Sheets does when a formula's inputs change by themselves (GOOGLEFINANCE): the value moves, the
   * formula stays, and no trigger fires (test-only; not part of Apps Script's Sheet).
   */
  recalculate(row: number, col: number, value: number): void {
    const cell = this.grid.ensure(row, col);
    if (cell.formula === null) throw new Error(`no formula at row ${row}, column ${col}`);
    cell.value = value;
  }
  dropProtection(protection: FakeProtection): void {
    if (this.sheetProtection === protection) this.sheetProtection = null;
    this.rangeProtections = this.rangeProtections.filter((p) => p !== protection);
  }

  // ---- identity ----
  getName(): string {
    return this.name;
  }
  getSheetName(): string {
    return this.name;
  }
  setName(name: string): Sheet {
    this.spreadsheet.assertNewSheetName(name, this);
    this.name = name;
    return this.asSheet();
  }
  getSheetId(): number {
    return this.sheetId;
  }
  getIndex(): number {
    return this.spreadsheet.sheetList.indexOf(this) + 1;
  }
  getParent(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return this.spreadsheet.asSpreadsheet();
  }
  activate(): Sheet {
    this.spreadsheet.activeSheet = this;
    return this.asSheet();
  }
  getTabColor(): string | null {
    return this.tabColor;
  }
  setTabColor(color: string | null): Sheet {
    this.tabColor = color;
    return this.asSheet();
  }
  hideSheet(): Sheet {
    this.hidden = true;
    return this.asSheet();
  }
  showSheet(): Sheet {
    this.hidden = false;
    return this.asSheet();
  }
  isSheetHidden(): boolean {
    return this.hidden;
  }

  // ---- ranges ----
  getRange(rowOrA1: number | string, column?: number, numRows = 1, numColumns = 1): Range {
    if (typeof rowOrA1 === 'string') {
      const { sheetName, ref } = splitSheetPrefix(rowOrA1);
      const target = sheetName === null ? this : this.spreadsheet.sheetNamed(sheetName);
      const rect = target ? parseA1(ref, target.maxRows, target.maxColumns) : null;
      if (!target || !rect) throw this.error('Range not found');
      try {
        target.checkBounds(rect);
      } catch {
        throw this.error('Range not found');
      }
      return target.rangeAt(rect);
    }
    const rect = { row: rowOrA1, col: column ?? NaN, numRows, numCols: numColumns };
    if (!(rect.row >= 1)) throw this.error('The starting row of the range is too small.');
    if (!(rect.col >= 1)) throw this.error('The starting column of the range is too small.');
    if (!(numRows >= 1)) throw this.error('The number of rows in the range must be at least 1.');
    if (!(numColumns >= 1)) throw this.error('The number of columns in the range must be at least 1.');
    this.checkBounds(rect);
    return this.rangeAt(rect);
  }
  getRangeList(a1Notations: string[]): GoogleAppsScript.Spreadsheet.RangeList {
    return new FakeRangeList(a1Notations.map((a1) => this.getRange(a1))).asRangeList();
  }
  getDataRange(): Range {
    return this.rangeAt({
      row: 1,
      col: 1,
      numRows: Math.max(1, this.getLastRow()),
      numCols: Math.max(1, this.getLastColumn()),
    });
  }
  getLastRow(): number {
    return this.grid.lastRow();
  }
  getLastColumn(): number {
    return this.grid.lastColumn();
  }
  getMaxRows(): number {
    return this.maxRows;
  }
  getMaxColumns(): number {
    return this.maxColumns;
  }

  // ---- growing and shrinking ----
  private maxOf(axis: Axis): number {
    return axis === 'row' ? this.maxRows : this.maxColumns;
  }
  private insertAt(axis: Axis, at: number, count: number): Sheet {
    if (!(at >= 1 && at <= this.maxOf(axis) + 1) || !(count >= 1))
      throw this.error(`Those ${NOUN[axis]} are out of bounds.`);
    this.spreadsheet.assertCellBudget(count * (axis === 'row' ? this.maxColumns : this.maxRows));
    moveAxis(this, axis, at, count);
    if (axis === 'row') this.maxRows += count;
    else this.maxColumns += count;
    return this.asSheet();
  }
  private deleteAt(axis: Axis, at: number, count: number): void {
    const max = this.maxOf(axis);
    if (!(at >= 1 && count >= 1 && at + count - 1 <= max)) throw this.error(`Those ${NOUN[axis]} are out of bounds.`);
    const frozen = axis === 'row' ? this.frozenRows : this.frozenColumns;
    if (at <= frozen + 1 && at + count - 1 >= max) {
      throw this.error(`Sorry, it is not possible to delete all non-frozen ${NOUN[axis]}.`);
    }
    moveAxis(this, axis, at, -count);
    if (axis === 'row') this.maxRows -= count;
    else this.maxColumns -= count;
  }
  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    return this.insertAt('row', afterPosition + 1, howMany);
  }
  insertRowsBefore(beforePosition: number, howMany: number): Sheet {
    return this.insertAt('row', beforePosition > this.maxRows ? NaN : beforePosition, howMany);
  }
  insertRowAfter(afterPosition: number): Sheet {
    return this.insertRowsAfter(afterPosition, 1);
  }
  insertRowBefore(beforePosition: number): Sheet {
    return this.insertRowsBefore(beforePosition, 1);
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this.deleteAt('row', rowPosition, howMany);
  }
  deleteRow(rowPosition: number): Sheet {
    this.deleteAt('row', rowPosition, 1);
    return this.asSheet();
  }
  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    return this.insertAt('col', afterPosition + 1, howMany);
  }
  insertColumnsBefore(beforePosition: number, howMany: number): Sheet {
    return this.insertAt('col', beforePosition > this.maxColumns ? NaN : beforePosition, howMany);
  }
  insertColumnAfter(afterPosition: number): Sheet {
    return this.insertColumnsAfter(afterPosition, 1);
  }
  insertColumnBefore(beforePosition: number): Sheet {
    return this.insertColumnsBefore(beforePosition, 1);
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this.deleteAt('col', columnPosition, howMany);
  }
  deleteColumn(columnPosition: number): Sheet {
    this.deleteAt('col', columnPosition, 1);
    return this.asSheet();
  }
  /** Writes after the last row with content, growing the grid when it is full. */
  appendRow(rowContents: unknown[]): Sheet {
    if (!Array.isArray(rowContents) || rowContents.length === 0)
      throw this.error("The parameters () don't match the method signature for SpreadsheetApp.Sheet.appendRow.");
    const row = this.getLastRow() + 1;
    const rect = { row, col: 1, numRows: 1, numCols: rowContents.length };
    this.assertWritable(rect);
    if (row > this.maxRows) this.insertAt('row', this.maxRows + 1, 1);
    if (rowContents.length > this.maxColumns)
      this.insertAt('col', this.maxColumns + 1, rowContents.length - this.maxColumns);
    rowContents.forEach((value, i) => this.writeInput(row, i + 1, value, 'appendRow'));
    this.record('write', 'appendRow', rect);
    return this.asSheet();
  }

  // ---- whole-sheet operations ----
  clear(options?: { formatOnly?: boolean; contentsOnly?: boolean }): Sheet {
    const contents = !options?.formatOnly;
    const formats = !options?.contentsOnly;
    this.grid.forEachCell((cell) => {
      if (contents) Object.assign(cell, { value: '', formula: null });
      if (formats) Object.assign(cell, { numberFormat: null, autoFormat: null, style: {} });
    });
    this.record('write', 'Sheet.clear', { row: 1, col: 1, numRows: this.maxRows, numCols: this.maxColumns });
    return this.asSheet();
  }
  clearContents(): Sheet {
    return this.clear({ contentsOnly: true });
  }
  /** Sorts the rows below the frozen header by a column. */
  sort(columnPosition: number, ascending = true): Sheet {
    if (!(columnPosition >= 1 && columnPosition <= this.maxColumns))
      throw this.error('Those columns are out of bounds.');
    this.grid.sortRows(this.frozenRows + 1, this.maxRows, columnPosition, ascending);
    return this.asSheet();
  }
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    this.sheetProtection ??= new FakeProtection(this, 'SHEET', {
      row: 1,
      col: 1,
      numRows: this.maxRows,
      numCols: this.maxColumns,
    });
    return this.sheetProtection as unknown as GoogleAppsScript.Spreadsheet.Protection;
  }
  // ---- pivot tables, charts, filter ----
  getPivotTables(): GoogleAppsScript.Spreadsheet.PivotTable[] {
    return this.pivotTables.map((p) => p.asPivotTable());
  }
  getFilter(): GoogleAppsScript.Spreadsheet.Filter | null {
    return this.filter?.asFilter() ?? null;
  }
  newChart(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    return new FakeEmbeddedChartBuilder(this).asBuilder();
  }
  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    insertChart(this, chart);
  }
  updateChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    updateChart(this, chart);
  }
  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    removeChart(this, chart);
  }
  getCharts(): GoogleAppsScript.Spreadsheet.EmbeddedChart[] {
    return this.charts.map((c) => c.asChart());
  }
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): GoogleAppsScript.Spreadsheet.Protection[] {
    const list =
      String(type) === 'SHEET' ? (this.sheetProtection ? [this.sheetProtection] : []) : this.rangeProtections;
    return list.map((p) => p as unknown as GoogleAppsScript.Spreadsheet.Protection);
  }
}
