/**
 * A file's rows, each kept as its line until its cells are asked for (a row the reader had to take apart field by
 * field is kept as its cells). Splitting every row up front made ~1,000,000 small strings for a 20,000-row export,
 * all kept until the import's end: the garbage collector copied each of them twice before the first order was written.
 * An import now reads two cells of each row to group it, and splits a row only when its order is assembled.
 */
export class TableRows {
  constructor(
    private readonly rows: readonly (string | readonly string[])[],
    private readonly delimiter: string,
  ) {}

  get length(): number {
    return this.rows.length;
  }

  /** Every cell of row `index`. */
  cells(index: number): readonly string[] {
    const row = this.rows[index]!;
    return typeof row === 'string' ? row.split(this.delimiter) : row;
  }

  /** Cell `position` of row `index` (as `cells(index)[position]`), or undefined where the row is shorter. */
  cell(index: number, position: number): string | undefined {
    const row = this.rows[index]!;
    if (typeof row !== 'string') return row[position];
    let start = 0;
    for (let k = 0; k < position; k++) {
      const at = row.indexOf(this.delimiter, start);
      if (at === -1) return undefined;
      start = at + 1;
    }
    const end = row.indexOf(this.delimiter, start);
    return end === -1 ? row.slice(start) : row.slice(start, end);
  }

  /** Every row's cells (tests and small files). */
  all(): string[][] {
    return this.rows.map((_, i) => [...this.cells(i)]);
  }
}
