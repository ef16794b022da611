/// <reference types="google-apps-script" />
// A rectangle of cells. Writes parse input like typing (see cell-values.ts), reads and writes
// are counted in the spreadsheet's stats, and both check the grid and protections.
import { toA1, type GridRect } from './a1-notation';
import type { Cell, CellStyle } from './cell-grid';
import { displayValue, type CellValue } from './cell-values';
import { FakeDataValidation } from './data-validation';
import { FakePivotTable } from './pivot-table';
import { FakeProtection } from './protection';
import { FakeFilter } from './sheet-filter';
import { isDate } from './script-realm';
import type { FakeSheet } from './sheet';

type Range = GoogleAppsScript.Spreadsheet.Range;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type FontWeight = GoogleAppsScript.Spreadsheet.FontWeight;
type RangeMethod =
  | 'activate'
  | 'clear'
  | 'clearContent'
  | 'clearDataValidations'
  | 'clearNote'
  | 'createFilter'
  | 'createPivotTable'
  | 'getA1Notation'
  | 'getBackground'
  | 'getBackgrounds'
  | 'getCell'
  | 'getColumn'
  | 'getDataValidation'
  | 'getDataValidations'
  | 'getDisplayValue'
  | 'getDisplayValues'
  | 'getFontWeight'
  | 'getFontWeights'
  | 'getFilter'
  | 'getFormula'
  | 'getFormulas'
  | 'getLastColumn'
  | 'getLastRow'
  | 'getNote'
  | 'getNotes'
  | 'getNumColumns'
  | 'getNumRows'
  | 'getNumberFormat'
  | 'getNumberFormats'
  | 'getRow'
  | 'getSheet'
  | 'getValue'
  | 'getValues'
  | 'isBlank'
  | 'offset'
  | 'protect'
  | 'setBackground'
  | 'setBackgrounds'
  | 'setDataValidation'
  | 'setDataValidations'
  | 'setFontColor'
  | 'setFontWeight'
  | 'setFormula'
  | 'setFormulas'
  | 'setHorizontalAlignment'
  | 'setNote'
  | 'setNotes'
  | 'setNumberFormat'
  | 'setNumberFormats'
  | 'setValue'
  | 'setValues'
  | 'setWrap';

export class FakeRange implements Pick<Range, RangeMethod> {
  constructor(
    readonly sheet: FakeSheet,
    readonly rect: GridRect,
  ) {}

  asRange(): Range {
    return this as unknown as Range;
  }
  private error(message: string): Error {
    return this.sheet.spreadsheet.realm.error(message);
  }

  /** Visits every cell (created on demand when `create`), returning a grid of results. */
  private map<T>(visit: (cell: Cell | undefined, row: number, col: number) => T, create = false): T[][] {
    this.sheet.checkBounds(this.rect);
    const { row, col, numRows, numCols } = this.rect;
    const out: T[][] = [];
    for (let r = row; r < row + numRows; r++) {
      const line: T[] = [];
      for (let c = col; c < col + numCols; c++) {
        line.push(visit(create ? this.sheet.grid.ensure(r, c) : this.sheet.grid.get(r, c), r, c));
      }
      out.push(line);
    }
    return out;
  }
  private read<T>(method: string, visit: (cell: Cell | undefined) => T): T[][] {
    const result = this.map(visit);
    this.sheet.record('read', method, this.rect);
    return result;
  }
  /** Checks a 2-D argument against the range size with Apps Script's messages. */
  private checkShape(data: unknown, method: string): asserts data is unknown[][] {
    if (!Array.isArray(data) || !data.every((row) => Array.isArray(row))) {
      const type = data === null ? 'null' : Array.isArray(data) ? 'number[]' : typeof data;
      throw this.error(
        `The parameters (${type.charAt(0).toUpperCase() + type.slice(1)}) don't match the method signature for SpreadsheetApp.Range.${method}.`,
      );
    }
    if (data.length !== this.rect.numRows) {
      throw this.error(
        `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${this.rect.numRows}.`,
      );
    }
    for (const row of data as unknown[][]) {
      if (row.length !== this.rect.numCols) {
        throw this.error(
          `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this.rect.numCols}.`,
        );
      }
    }
  }
  private write(
    kind: 'write' | 'format',
    method: string,
    data: unknown[][] | null,
    apply: (cell: Cell, value: unknown, row: number, col: number) => void,
  ): Range {
    if (data) this.checkShape(data, method);
    this.sheet.checkBounds(this.rect);
    this.sheet.assertWritable(this.rect);
    const { row, col } = this.rect;
    this.map((cell, r, c) => apply(cell!, data ? data[r - row]![c - col] : undefined, r, c), true);
    this.sheet.record(kind, method, this.rect);
    return this.asRange();
  }
  private display(cell: Cell | undefined): string {
    if (!cell) return '';
    const { locale, timeZone } = this.sheet.spreadsheet;
    return displayValue(cell.value, cell.formula, cell.numberFormat ?? cell.autoFormat ?? undefined, locale, timeZone);
  }
  private fill<T>(value: T): T[][] {
    return Array.from({ length: this.rect.numRows }, () => new Array<T>(this.rect.numCols).fill(value));
  }

  // ---- geometry ----
  getRow(): number {
    return this.rect.row;
  }
  getColumn(): number {
    return this.rect.col;
  }
  getNumRows(): number {
    return this.rect.numRows;
  }
  getNumColumns(): number {
    return this.rect.numCols;
  }
  getLastRow(): number {
    return this.rect.row + this.rect.numRows - 1;
  }
  getLastColumn(): number {
    return this.rect.col + this.rect.numCols - 1;
  }
  getA1Notation(): string {
    return toA1(this.rect);
  }
  getSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return this.sheet.asSheet();
  }
  getCell(row: number, column: number): Range {
    if (row < 1 || column < 1 || row > this.rect.numRows || column > this.rect.numCols) {
      throw this.error('Cell reference out of range');
    }
    return this.sheet.rangeAt({
      row: this.rect.row + row - 1,
      col: this.rect.col + column - 1,
      numRows: 1,
      numCols: 1,
    });
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): Range {
    return this.sheet.getRange(
      this.rect.row + rowOffset,
      this.rect.col + columnOffset,
      numRows ?? this.rect.numRows,
      numColumns ?? this.rect.numCols,
    );
  }
  activate(): Range {
    this.sheet.spreadsheet.activeSheet = this.sheet;
    this.sheet.selection = [{ ...this.rect }];
    return this.asRange();
  }
  isBlank(): boolean {
    return this.map((cell) => !cell || (cell.value === '' && cell.formula === null)).every((row) => row.every(Boolean));
  }

  // ---- values ----
  getValues(): CellValue[][] {
    const { realm } = this.sheet.spreadsheet;
    return this.read('getValues', (cell) => {
      const value = cell?.value ?? '';
      return isDate(value) ? realm.date(value.getTime()) : value;
    });
  }
  getValue(): CellValue {
    const value = this.topLeft().read('getValue', (cell) => cell?.value ?? '')[0]![0]!;
    return isDate(value) ? this.sheet.spreadsheet.realm.date(value.getTime()) : value;
  }
  getDisplayValues(): string[][] {
    return this.read('getDisplayValues', (cell) => this.display(cell));
  }
  getDisplayValue(): string {
    return this.topLeft().read('getDisplayValue', (cell) => this.display(cell))[0]![0]!;
  }
  setValues(values: unknown[][]): Range {
    return this.write('write', 'setValues', values, (_cell, value, r, c) =>
      this.sheet.writeInput(r, c, value, 'setValues'),
    );
  }
  /** Like Apps Script, sets every cell of the range. */
  setValue(value: unknown): Range {
    return this.write('write', 'setValue', null, (_cell, _v, r, c) => this.sheet.writeInput(r, c, value, 'setValue'));
  }
  getFormulas(): string[][] {
    return this.read('getFormulas', (cell) => cell?.formula ?? '');
  }
  getFormula(): string {
    return this.topLeft().read('getFormula', (cell) => cell?.formula ?? '')[0]![0]!;
  }
  setFormulas(formulas: string[][]): Range {
    return this.write('write', 'setFormulas', formulas, (_cell, formula, r, c) => {
      const text = String(formula ?? '');
      if (text.startsWith('=')) this.sheet.writeFormula(r, c, text, 'setFormulas');
      else this.sheet.writeInput(r, c, text, 'setFormulas');
    });
  }
  setFormula(formula: string): Range {
    return this.setFormulas(this.fill(formula));
  }
  clearContent(): Range {
    return this.write('write', 'clearContent', null, (cell) =>
      Object.assign(cell, { value: '', formula: null, autoFormat: null }),
    );
  }
  clear(options?: {
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
    commentsOnly?: boolean;
  }): Range {
    const only =
      options && (options.contentsOnly || options.formatOnly || options.validationsOnly || options.commentsOnly);
    return this.write('write', 'clear', null, (cell) => {
      if (!only || options?.contentsOnly) Object.assign(cell, { value: '', formula: null });
      if (!only || options?.formatOnly) Object.assign(cell, { numberFormat: null, autoFormat: null, style: {} });
      if (options?.validationsOnly) cell.validation = null;
      if (options?.commentsOnly) cell.note = '';
    });
  }

  // ---- notes ----
  getNotes(): string[][] {
    return this.read('getNotes', (cell) => cell?.note ?? '');
  }
  getNote(): string {
    return this.topLeft().read('getNote', (cell) => cell?.note ?? '')[0]![0]!;
  }
  setNotes(notes: Array<Array<string | null>>): Range {
    return this.write('write', 'setNotes', notes, (cell, note) => (cell.note = note == null ? '' : String(note)));
  }
  setNote(note: string | null): Range {
    return this.setNotes(this.fill(note));
  }
  clearNote(): Range {
    return this.setNote(null);
  }

  // ---- formats ----
  private style(method: string, key: keyof CellStyle, value: CellStyle[keyof CellStyle]): Range {
    return this.write('format', method, null, (cell) => (cell.style = { ...cell.style, [key]: value }));
  }
  setBackground(color: string | null): Range {
    return this.style('setBackground', 'background', color);
  }
  setBackgrounds(color: Array<Array<string | null>>): Range {
    return this.write(
      'format',
      'setBackgrounds',
      color,
      (cell, value) => (cell.style = { ...cell.style, background: value as string | null }),
    );
  }
  getBackgrounds(): string[][] {
    return this.map((cell) => cell?.style.background ?? '#ffffff');
  }
  getBackground(): string {
    return this.topLeft().getBackgrounds()[0]![0]!;
  }
  setFontWeight(fontWeight: FontWeight | null): Range {
    return this.style('setFontWeight', 'fontWeight', fontWeight);
  }
  getFontWeights(): FontWeight[][] {
    return this.map((cell) => (cell?.style.fontWeight === 'bold' ? 'bold' : 'normal'));
  }
  getFontWeight(): FontWeight {
    return this.topLeft().getFontWeights()[0]![0]!;
  }
  setFontColor(color: string | null): Range {
    return this.style('setFontColor', 'fontColor', color);
  }
  setHorizontalAlignment(alignment: 'left' | 'center' | 'normal' | 'right' | null): Range {
    return this.style('setHorizontalAlignment', 'horizontalAlignment', alignment);
  }
  setWrap(isWrapEnabled: boolean): Range {
    return this.style('setWrap', 'wrap', isWrapEnabled);
  }
  setNumberFormats(numberFormats: string[][]): Range {
    return this.write(
      'format',
      'setNumberFormats',
      numberFormats,
      (cell, format) => (cell.numberFormat = String(format)),
    );
  }
  setNumberFormat(numberFormat: string): Range {
    return this.setNumberFormats(this.fill(numberFormat));
  }
  getNumberFormats(): string[][] {
    return this.map((cell) => cell?.numberFormat ?? cell?.autoFormat ?? 'General');
  }
  getNumberFormat(): string {
    return this.topLeft().getNumberFormats()[0]![0]!;
  }
  // ---- validation and protection ----
  private toRule(rule: DataValidation | null): FakeDataValidation | null {
    if (rule === null) return null;
    if (!(rule instanceof FakeDataValidation)) throw this.error('Invalid argument: rule');
    return rule;
  }
  setDataValidations(rules: Array<Array<DataValidation | null>>): Range {
    return this.write(
      'format',
      'setDataValidations',
      rules,
      (cell, rule) => (cell.validation = this.toRule(rule as DataValidation | null)),
    );
  }
  setDataValidation(rule: DataValidation | null): Range {
    return this.setDataValidations(this.fill(rule));
  }
  getDataValidations(): Array<Array<DataValidation | null>> {
    return this.map((cell) => (cell?.validation ?? null) as DataValidation | null);
  }
  getDataValidation(): DataValidation | null {
    return this.topLeft().getDataValidations()[0]![0]!;
  }
  clearDataValidations(): Range {
    return this.setDataValidation(null);
  }
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    const protection = new FakeProtection(this.sheet, 'RANGE', { ...this.rect });
    this.sheet.rangeProtections.push(protection);
    return protection as unknown as GoogleAppsScript.Spreadsheet.Protection;
  }

  // ---- pivot tables and the basic filter ----
  /** A new pivot table anchored at this range's first cell; one already anchored there is replaced. */
  createPivotTable(sourceData: Range): GoogleAppsScript.Spreadsheet.PivotTable {
    if (!(sourceData instanceof FakeRange)) throw this.error('Invalid argument: sourceData');
    sourceData.sheet.checkBounds(sourceData.rect);
    const anchor = { row: this.rect.row, col: this.rect.col };
    const sheet = this.sheet;
    sheet.pivotTables = sheet.pivotTables.filter((p) => p.anchor.row !== anchor.row || p.anchor.col !== anchor.col);
    const table = new FakePivotTable(sheet, anchor, sourceData.sheet, { ...sourceData.rect }, sheet.spreadsheet.realm);
    sheet.pivotTables.push(table);
    return table.asPivotTable();
  }
  createFilter(): GoogleAppsScript.Spreadsheet.Filter {
    if (this.sheet.filter) throw this.error("You can't create a filter in a sheet that already has a filter.");
    this.sheet.checkBounds(this.rect);
    this.sheet.filter = new FakeFilter(this.sheet, { ...this.rect });
    return this.sheet.filter.asFilter();
  }
  getFilter(): GoogleAppsScript.Spreadsheet.Filter | null {
    return this.sheet.filter?.asFilter() ?? null;
  }

  private topLeft(): FakeRange {
    return new FakeRange(this.sheet, { row: this.rect.row, col: this.rect.col, numRows: 1, numCols: 1 });
  }
}
