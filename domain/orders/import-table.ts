import { parse } from 'csv-parse/sync';
import type { Lang } from '../i18n/lang';
import { importMessage } from './import-messages';
import { quotedRows } from './quoted-rows';
import { TableRows } from './table-rows';

/**
 * An order file read as rows of cells, with its header row apart. Cells are found by header position: one
 * array per row, no object per row (20,000 rows with 48 columns made ~1,000,000 properties to throw away), and a
 * row is split into its cells only when they are read (TableRows).
 */
export type ImportTable = { header: readonly string[]; rows: TableRows };

/** Reads CSV or TSV text (UTF-8 BOM, CRLF, quoted commas and newlines) into a header row and data rows. */
export function readTable(text: string, delimiter: ',' | '\t', lang: Lang): ImportTable | { error: string } {
  const plain = plainRows(text, delimiter);
  if (plain) {
    const first = plain[0] ?? [];
    const header = typeof first === 'string' ? first.split(delimiter) : first;
    return { header, rows: new TableRows(plain.slice(1), delimiter) };
  }
  try {
    const rows = parse(text, {
      bom: true,
      delimiter,
      // Amazon's tab-separated reports are never quoted: a buyer's stray `"` is text, not the start of a
      // field that would swallow the next order's tabs and lines.
      quote: delimiter === '\t' ? false : '"',
      relax_column_count: true,
      skip_empty_lines: true,
      relax_quotes: true,
      trim: false,
    }) as string[][];
    return { header: rows[0] ?? [], rows: new TableRows(rows.slice(1), delimiter) };
  } catch (error) {
    return { error: importMessage(lang, 'unreadable', { reason: (error as Error).message }) };
  }
}

/**
 * Text is read by splitting (into lines; a line's cells when they are read), ~4× faster than the parser, with the
 * parser's rules (its BOM, its line ending found at the first line break, empty lines skipped, short and long rows
 * kept): text without quotes (Amazon's reports are never quoted) line by line, text with quotes by quotedRows. Text
 * with a lone surrogate (which the parser reads as U+FFFD) goes to the parser, as does quoted text quotedRows leaves
 * to it. test/domain/import-table.test.ts holds the readings equal on random text.
 */
function plainRows(text: string, delimiter: ',' | '\t'): (string | string[])[] | null {
  if (SURROGATE.test(text) && LONE_SURROGATE.test(text)) return null; // the first test is the quick one
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (delimiter === ',' && body.includes('"')) return quotedRows(body);
  const ending = /\r\n|\n|\r/.exec(body)?.[0];
  const lines = ending ? body.split(ending) : [body];
  return lines.includes('') ? lines.filter((line) => line !== '') : lines;
}
const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A cell reader: the cells of one row by column name ('' where the row has none). */
export type Cells = { get(column: string): string };

/**
 * Where each column name is read from, found once per file. It reads as records keyed by header did: when a
 * header is repeated, its last copy the row reaches wins; when `rename` gives two headers one name (a template
 * column headed in English and in Chinese), the header met later in the header row wins, where the row has it.
 */
export class ColumnIndex implements Cells {
  private readonly at = new Map<string, number[]>();
  private row: readonly string[] = [];

  constructor(header: readonly string[], rename: (header: string) => string = (h) => h) {
    const byHeader = new Map<string, number[]>();
    header.forEach((h, i) => {
      const list = byHeader.get(h);
      if (list) list.push(i);
      else byHeader.set(h, [i]);
    });
    for (const [h, positions] of byHeader) {
      const name = rename(h);
      this.at.set(name, [...positions.reverse(), ...(this.at.get(name) ?? [])]);
    }
  }

  /** Points the reader at a row; returns itself, so one reader serves every row. */
  of(row: readonly string[]): this {
    this.row = row;
    return this;
  }

  get(column: string): string {
    const positions = this.at.get(column);
    if (positions) for (const i of positions) if (i < this.row.length) return this.row[i]!;
    return '';
  }

  /** One cell of row `index` by column name, as `of(rows.cells(index)).get(column)` reads it, without the split. */
  read(rows: TableRows, index: number, column: string): string {
    const positions = this.at.get(column);
    if (positions)
      for (const i of positions) {
        const cell = rows.cell(index, i);
        if (cell !== undefined) return cell;
      }
    return '';
  }

  /** Of `required`, the columns the first data row has no cell for (none when the file has no data rows). */
  missing(rows: TableRows, required: readonly string[]): string[] {
    if (!rows.length) return [];
    const first = rows.cells(0);
    return required.filter((column) => !(this.at.get(column) ?? []).some((i) => i < first.length));
  }
}
