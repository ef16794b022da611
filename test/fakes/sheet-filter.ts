/// <reference types="google-apps-script" />
// A sheet's basic filter (Range.createFilter, Sheet.getFilter): one per sheet, over a range that moves
// with inserted and deleted lines; per-column criteria are kept as data (rows are not hidden by it).
import type { GridRect } from './a1-notation';
import { FakeFilterCriteria } from './filter-criteria';
import type { FakeSheet } from './sheet';

type Filter = GoogleAppsScript.Spreadsheet.Filter;
type Criteria = GoogleAppsScript.Spreadsheet.FilterCriteria;

export class FakeFilter implements Pick<
  Filter,
  'getColumnFilterCriteria' | 'getRange' | 'remove' | 'removeColumnFilterCriteria' | 'setColumnFilterCriteria' | 'sort'
> {
  readonly criteria = new Map<number, FakeFilterCriteria>();
  constructor(
    readonly sheet: FakeSheet,
    public rect: GridRect,
  ) {}
  asFilter(): Filter {
    return this as unknown as Filter;
  }
  private column(columnPosition: number): number {
    if (!(columnPosition >= this.rect.col && columnPosition < this.rect.col + this.rect.numCols))
      throw this.sheet.spreadsheet.realm.error('The column position is out of bounds of the filter range.');
    return columnPosition;
  }
  getRange(): GoogleAppsScript.Spreadsheet.Range {
    return this.sheet.rangeAt({ ...this.rect });
  }
  getColumnFilterCriteria(columnPosition: number): Criteria | null {
    return (this.criteria.get(this.column(columnPosition)) ?? null) as unknown as Criteria | null;
  }
  setColumnFilterCriteria(columnPosition: number, filterCriteria: Criteria | null): Filter {
    const column = this.column(columnPosition);
    if (filterCriteria === null) this.criteria.delete(column);
    else if (filterCriteria instanceof FakeFilterCriteria) this.criteria.set(column, filterCriteria);
    else throw this.sheet.spreadsheet.realm.error('Invalid argument: filterCriteria');
    return this.asFilter();
  }
  removeColumnFilterCriteria(columnPosition: number): Filter {
    this.criteria.delete(this.column(columnPosition));
    return this.asFilter();
  }
  /** Sorts the filter's rows below its header row. */
  sort(columnPosition: number, ascending: boolean): Filter {
    this.sheet.grid.sortRows(
      this.rect.row + 1,
      this.rect.row + this.rect.numRows - 1,
      this.column(columnPosition),
      ascending,
    );
    return this.asFilter();
  }
  remove(): void {
    if (this.sheet.filter === this) this.sheet.filter = null;
  }
}
