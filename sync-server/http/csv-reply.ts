import { stringify } from 'csv-stringify/sync';
import type { JsonPiece } from '../tables/json-pieces';

/** A route's answer sent as a CSV file rather than JSON (the handler wrapper recognises it). */
export class CsvReply {
  constructor(
    readonly filename: string,
    readonly text: string,
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
 * Rows as CSV with a header row. Text that a spreadsheet would take for a formula gets a leading
 * apostrophe (OWASP's advice for CSV injection); numbers, also negative ones, stay numbers.
 */
export function toCsv(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cell = (value: unknown): string => {
    if (value === null || value === undefined) return '';
    const text = Array.isArray(value) ? value.join(', ') : String(value);
    return typeof value === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
  };
  return stringify([headers.map(cell), ...rows.map((row) => row.map(cell))], { record_delimiter: '\r\n' });
}
