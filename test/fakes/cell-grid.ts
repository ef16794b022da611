// Sparse cell storage of one sheet (1-based rows and columns), with the row and column moves
// that inserting, deleting and sorting make.
import { compareCells, type CellValue } from './cell-values';
import type { FakeDataValidation } from './data-validation';

export interface CellStyle {
  background?: string | null;
  fontWeight?: string | null;
  fontColor?: string | null;
  horizontalAlignment?: string | null;
  wrap?: boolean;
}

export interface Cell {
  value: CellValue;
  formula: string | null;
  note: string;
  numberFormat: string | null;
  /** Format Sheets chose when parsing input ("50%", "2024-01-15"); an explicit format wins. */
  autoFormat: string | null;
  validation: FakeDataValidation | null;
  style: CellStyle;
}

type Row = Array<Cell | undefined>;

export function hasContent(cell: Cell | undefined): boolean {
  return cell !== undefined && (cell.value !== '' || cell.formula !== null);
}

export class CellGrid {
  private rows: Array<Row | undefined> = [];

  get(row: number, col: number): Cell | undefined {
    return this.rows[row - 1]?.[col - 1];
  }

  ensure(row: number, col: number): Cell {
    const cells = (this.rows[row - 1] ??= []);
    return (cells[col - 1] ??= {
      value: '',
      formula: null,
      note: '',
      numberFormat: null,
      autoFormat: null,
      validation: null,
      style: {},
    });
  }

  /** Inserts `count` empty rows so that the first new one is row `at`. */
  insertRows(at: number, count: number): void {
    if (at - 1 >= this.rows.length) return;
    this.rows = this.rows
      .slice(0, at - 1)
      .concat(new Array<Row | undefined>(count).fill(undefined), this.rows.slice(at - 1));
  }

  deleteRows(at: number, count: number): void {
    this.rows.splice(at - 1, count);
  }

  insertColumns(at: number, count: number): void {
    for (const row of this.rows) {
      if (row && row.length >= at) row.splice(at - 1, 0, ...new Array<Cell | undefined>(count).fill(undefined));
    }
  }

  deleteColumns(at: number, count: number): void {
    for (const row of this.rows) row?.splice(at - 1, count);
  }

  lastRow(): number {
    for (let r = this.rows.length; r > 0; r--) if (this.rows[r - 1]?.some(hasContent)) return r;
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const row of this.rows) {
      if (!row) continue;
      for (let c = row.length; c > last; c--) {
        if (hasContent(row[c - 1])) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  /** Sorts rows firstRow..lastRow (whole rows move) by one column; stable, blanks last. */
  sortRows(firstRow: number, lastRow: number, col: number, ascending: boolean): void {
    const block = this.rows.slice(firstRow - 1, lastRow);
    while (block.length < lastRow - firstRow + 1) block.push(undefined);
    const keyed = block.map((row, index) => ({ row, index, cell: row?.[col - 1] }));
    keyed.sort((a, b) => {
      const order = compareCells(
        a.cell?.value ?? '',
        (a.cell?.formula ?? null) !== null,
        b.cell?.value ?? '',
        (b.cell?.formula ?? null) !== null,
        ascending,
      );
      return order || a.index - b.index;
    });
    keyed.forEach((entry, i) => {
      this.rows[firstRow - 1 + i] = entry.row;
    });
  }

  forEachCell(visit: (cell: Cell) => void): void {
    for (const row of this.rows) row?.forEach((cell) => cell && visit(cell));
  }
}
