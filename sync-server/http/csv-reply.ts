import { stringify } from 'csv-stringify/sync';
import type { JsonPiece } from '../tables/json-pieces';

/** A route's answer sent as a CSV file rather than JSON (the handler wrapper recognises it). */
export class CsvReply {
  constructor(
    readonly filename: string,
    readonly text: string,
  ) {}
}

/**
 * A CSV file written page by page as the pages are read: `first` (the header row and the first page) before
 * anything leaves, so a bad request still gets its error answer, then `rest` as it comes. Held whole, the report
 * of 1,000,000 order lines (~150 MB of CSV) took 2.5 GB and 25 s with the server unable to answer anyone else
 * while it wrote the file (BENCHMARKS.md, issue 15). A failure after the first page cuts the transfer: the
 * client sees it incomplete, never a file that looks whole.
 */
export class CsvPages {
  constructor(
    readonly filename: string,
    readonly first: string,
    readonly rest: AsyncIterable<string>,
  ) {}
}

/** A route's answer sent as plain text with its own content type (the Prometheus metrics). */
export class TextReply {
  constructor(
    readonly contentType: string,
    readonly text: string,
  ) {}
}

/**
 * A JSON answer the server already holds as text (a pulled page, a page of report lines), in pieces that joined
 * are that text: sent one after another without parsing or joining them (tables/json-pieces.ts). `headers` go
 * with it (a page's Link to the next one).
 */
export class JsonText {
  constructor(
    readonly pieces: readonly JsonPiece[],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {}
}

// A cell a spreadsheet would run as a formula: = + - @, or a tab/CR that some programs strip first.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Rows as CSV with a header row (`headers` null: the rows only, a later page of the same file). Text that a
 * spreadsheet would take for a formula gets a leading apostrophe (OWASP's advice for CSV injection); numbers,
 * also negative ones, stay numbers.
 */
export function toCsv(headers: readonly string[] | null, rows: readonly (readonly unknown[])[]): string {
  const cell = (value: unknown): string => {
    if (value === null || value === undefined) return '';
    const text = Array.isArray(value) ? value.join(', ') : String(value);
    return typeof value === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
  };
  const records = rows.map((row) => row.map(cell));
  return stringify(headers ? [headers.map(cell), ...records] : records, { record_delimiter: '\r\n' });
}
