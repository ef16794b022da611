/// <reference types="google-apps-script" />
// Pivot tables (Range.createPivotTable): their definition only (groups, values, filters, date grouping,
// sort and limits), as Apps Script reads it back; the fake computes no pivot results. Source columns are
// absolute sheet column numbers (1 = A), as the Apps Script reference says, and must lie in the source
// range. The source range and the anchor move with inserted and deleted lines (see sheet-axis.ts).
import type { GridRect } from './a1-notation';
import { FakeFilterCriteria } from './filter-criteria';
import { DateTimeGroupingRuleType, Dimension, PivotTableSummarizeFunction } from './pivot-enums';
import { ScriptRealm } from './script-realm';
import type { FakeSheet } from './sheet';

type PivotTable = GoogleAppsScript.Spreadsheet.PivotTable;
type PivotGroup = GoogleAppsScript.Spreadsheet.PivotGroup;
type PivotValue = GoogleAppsScript.Spreadsheet.PivotValue;
type SummarizeFunction = GoogleAppsScript.Spreadsheet.PivotTableSummarizeFunction;

export class FakePivotValue {
  displayName: string;
  constructor(
    readonly table: FakePivotTable,
    readonly sourceDataColumn: number | null,
    public summarizedBy: keyof typeof PivotTableSummarizeFunction,
    public formula: string | null,
    name: string,
  ) {
    this.displayName = name;
  }
  getPivotTable(): PivotTable {
    return this.table.asPivotTable();
  }
  getSourceDataColumn(): number {
    return this.sourceDataColumn ?? 0;
  }
  getFormula(): string | null {
    return this.formula;
  }
  getSummarizedBy(): SummarizeFunction {
    return this.summarizedBy as unknown as SummarizeFunction;
  }
  setDisplayName(name: string): PivotValue {
    this.displayName = String(name);
    return this as unknown as PivotValue;
  }
  setFormula(formula: string): PivotValue {
    this.formula = String(formula);
    return this as unknown as PivotValue;
  }
  summarizeBy(summarizeFunction: SummarizeFunction): PivotValue {
    this.summarizedBy = this.table.summarizeName(summarizeFunction);
    return this as unknown as PivotValue;
  }
  remove(): void {
    this.table.values = this.table.values.filter((v) => v !== this);
  }
}

export class FakePivotGroup {
  displayName: string | null = null;
  dateTimeRule: keyof typeof DateTimeGroupingRuleType | null = null;
  groupLimit: number | null = null;
  ascending = true;
  sortValue: { value: FakePivotValue; oppositeGroupValues: unknown[] } | null = null;
  totals = true;
  constructor(
    readonly table: FakePivotTable,
    readonly dimension: 'ROWS' | 'COLUMNS',
    readonly sourceDataColumn: number,
  ) {}
  private self(): PivotGroup {
    return this as unknown as PivotGroup;
  }
  private list(): FakePivotGroup[] {
    return this.dimension === 'ROWS' ? this.table.rowGroups : this.table.columnGroups;
  }
  getPivotTable(): PivotTable {
    return this.table.asPivotTable();
  }
  getSourceDataColumn(): number {
    return this.sourceDataColumn;
  }
  getDimension(): GoogleAppsScript.Spreadsheet.Dimension {
    return Dimension[this.dimension] as unknown as GoogleAppsScript.Spreadsheet.Dimension;
  }
  getIndex(): number {
    return this.list().indexOf(this);
  }
  setDisplayName(name: string): PivotGroup {
    this.displayName = String(name);
    return this.self();
  }
  resetDisplayName(): PivotGroup {
    this.displayName = null;
    return this.self();
  }
  setDateTimeGroupingRule(type: GoogleAppsScript.Spreadsheet.DateTimeGroupingRuleType): PivotGroup {
    const name = String(type);
    if (!(name in DateTimeGroupingRuleType) || name === 'UNSUPPORTED')
      throw this.table.realm.error('Invalid argument: dateTimeGroupingRuleType');
    this.dateTimeRule = name as keyof typeof DateTimeGroupingRuleType;
    return this.self();
  }
  getDateTimeGroupingRule(): GoogleAppsScript.Spreadsheet.DateTimeGroupingRule | null {
    const type = this.dateTimeRule;
    return type === null
      ? null
      : {
          getRuleType: () =>
            DateTimeGroupingRuleType[type] as unknown as GoogleAppsScript.Spreadsheet.DateTimeGroupingRuleType,
        };
  }
  clearGroupingRule(): PivotGroup {
    this.dateTimeRule = null;
    return this.self();
  }
  setGroupLimit(countLimit: number): PivotGroup {
    if (!Number.isInteger(countLimit) || countLimit < 1) throw this.table.realm.error('Invalid argument: countLimit');
    this.groupLimit = countLimit;
    return this.self();
  }
  getGroupLimit(): GoogleAppsScript.Spreadsheet.PivotGroupLimit | null {
    if (this.groupLimit === null) return null;
    const limit = {
      getCountLimit: () => this.groupLimit!,
      getPivotGroup: () => this.self(),
      remove: () => void (this.groupLimit = null),
      setCountLimit: (n: number) => (this.setGroupLimit(n), limit),
    };
    return limit;
  }
  sortAscending(): PivotGroup {
    this.ascending = true;
    return this.self();
  }
  sortDescending(): PivotGroup {
    this.ascending = false;
    return this.self();
  }
  isSortAscending(): boolean {
    return this.ascending;
  }
  /** Sorts by a value of the same pivot table; [] as oppositeGroupValues means its grand total. */
  sortBy(value: PivotValue, oppositeGroupValues: unknown[]): PivotGroup {
    if (!(value instanceof FakePivotValue) || value.table !== this.table || !this.table.values.includes(value))
      throw this.table.realm.error('Invalid argument: value');
    if (!Array.isArray(oppositeGroupValues)) throw this.table.realm.error('Invalid argument: oppositeGroupValues');
    this.sortValue = { value, oppositeGroupValues: [...oppositeGroupValues] };
    return this.self();
  }
  clearSort(): PivotGroup {
    this.sortValue = null;
    this.ascending = true;
    return this.self();
  }
  showTotals(showTotals: boolean): PivotGroup {
    this.totals = showTotals;
    return this.self();
  }
  totalsAreShown(): boolean {
    return this.totals;
  }
  remove(): void {
    const list = this.list();
    list.splice(list.indexOf(this), 1);
  }
}

export class FakePivotFilter {
  constructor(
    readonly table: FakePivotTable,
    readonly sourceDataColumn: number,
    public criteria: FakeFilterCriteria,
  ) {}
  getPivotTable(): PivotTable {
    return this.table.asPivotTable();
  }
  getSourceDataColumn(): number {
    return this.sourceDataColumn;
  }
  getFilterCriteria(): GoogleAppsScript.Spreadsheet.FilterCriteria {
    return this.criteria as unknown as GoogleAppsScript.Spreadsheet.FilterCriteria;
  }
  setFilterCriteria(
    filterCriteria: GoogleAppsScript.Spreadsheet.FilterCriteria,
  ): GoogleAppsScript.Spreadsheet.PivotFilter {
    this.criteria = this.table.criteriaOf(filterCriteria);
    return this as unknown as GoogleAppsScript.Spreadsheet.PivotFilter;
  }
  remove(): void {
    this.table.filters = this.table.filters.filter((f) => f !== this);
  }
}

export class FakePivotTable {
  rowGroups: FakePivotGroup[] = [];
  columnGroups: FakePivotGroup[] = [];
  values: FakePivotValue[] = [];
  filters: FakePivotFilter[] = [];
  valuesOrientation: 'COLUMNS' | 'ROWS' = 'COLUMNS';

  constructor(
    /** The sheet the table sits on, and its anchor cell there. */
    readonly sheet: FakeSheet,
    public anchor: { row: number; col: number },
    readonly sourceSheet: FakeSheet,
    public source: GridRect,
    readonly realm: ScriptRealm,
  ) {}

  asPivotTable(): PivotTable {
    return this as unknown as PivotTable;
  }
  private checkColumn(column: number): number {
    if (!Number.isInteger(column) || column < this.source.col || column >= this.source.col + this.source.numCols)
      throw this.realm.error('Invalid argument: sourceDataColumn');
    return column;
  }
  summarizeName(fn: SummarizeFunction): keyof typeof PivotTableSummarizeFunction {
    const name = String(fn);
    if (!(name in PivotTableSummarizeFunction) || name === 'CUSTOM')
      throw this.realm.error('Invalid argument: summarizeFunction');
    return name as keyof typeof PivotTableSummarizeFunction;
  }
  criteriaOf(criteria: unknown): FakeFilterCriteria {
    if (!(criteria instanceof FakeFilterCriteria)) throw this.realm.error('Invalid argument: filterCriteria');
    return criteria;
  }

  addRowGroup(sourceDataColumn: number): PivotGroup {
    const group = new FakePivotGroup(this, 'ROWS', this.checkColumn(sourceDataColumn));
    this.rowGroups.push(group);
    return group as unknown as PivotGroup;
  }
  addColumnGroup(sourceDataColumn: number): PivotGroup {
    const group = new FakePivotGroup(this, 'COLUMNS', this.checkColumn(sourceDataColumn));
    this.columnGroups.push(group);
    return group as unknown as PivotGroup;
  }
  addPivotValue(sourceDataColumn: number, summarizeFunction: SummarizeFunction): PivotValue {
    const column = this.checkColumn(sourceDataColumn);
    const fn = this.summarizeName(summarizeFunction);
    const header = this.sourceSheet.grid.get(this.source.row, column)?.value;
    const value = new FakePivotValue(this, column, fn, null, `${fn} of ${String(header ?? '')}`);
    this.values.push(value);
    return value as unknown as PivotValue;
  }
  /** A value computed by a formula over source columns named by their header (Sheets' calculated field). */
  addCalculatedPivotValue(name: string, formula: string): PivotValue {
    if (typeof formula !== 'string' || !formula.startsWith('=')) throw this.realm.error('Invalid argument: formula');
    const value = new FakePivotValue(this, null, 'CUSTOM', formula, String(name));
    this.values.push(value);
    return value as unknown as PivotValue;
  }
  addFilter(sourceDataColumn: number, filterCriteria: GoogleAppsScript.Spreadsheet.FilterCriteria) {
    const filter = new FakePivotFilter(this, this.checkColumn(sourceDataColumn), this.criteriaOf(filterCriteria));
    this.filters.push(filter);
    return filter as unknown as GoogleAppsScript.Spreadsheet.PivotFilter;
  }
  getRowGroups(): PivotGroup[] {
    return this.rowGroups.map((g) => g as unknown as PivotGroup);
  }
  getColumnGroups(): PivotGroup[] {
    return this.columnGroups.map((g) => g as unknown as PivotGroup);
  }
  getPivotValues(): PivotValue[] {
    return this.values.map((v) => v as unknown as PivotValue);
  }
  getFilters(): GoogleAppsScript.Spreadsheet.PivotFilter[] {
    return this.filters.map((f) => f as unknown as GoogleAppsScript.Spreadsheet.PivotFilter);
  }
  getAnchorCell(): GoogleAppsScript.Spreadsheet.Range {
    return this.sheet.rangeAt({ row: this.anchor.row, col: this.anchor.col, numRows: 1, numCols: 1 });
  }
  getSourceDataRange(): GoogleAppsScript.Spreadsheet.Range {
    return this.sourceSheet.rangeAt({ ...this.source });
  }
  getValuesDisplayOrientation(): GoogleAppsScript.Spreadsheet.Dimension {
    return Dimension[this.valuesOrientation] as unknown as GoogleAppsScript.Spreadsheet.Dimension;
  }
  setValuesDisplayOrientation(dimension: GoogleAppsScript.Spreadsheet.Dimension): PivotTable {
    const name = String(dimension);
    if (name !== 'ROWS' && name !== 'COLUMNS') throw this.realm.error('Invalid argument: dimension');
    this.valuesOrientation = name;
    return this.asPivotTable();
  }
  remove(): void {
    this.sheet.pivotTables = this.sheet.pivotTables.filter((p) => p !== this);
  }
}

export { DateTimeGroupingRuleType, Dimension, PivotTableSummarizeFunction };
