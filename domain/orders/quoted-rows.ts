/**
 * Comma-separated text with quoted fields, read the way csv-parse reads it with the import's options (BOM skipped, the
 * line ending found at the first line break outside quotes, `""` inside quotes a quote, a quote inside an unquoted
 * field kept as text, empty lines skipped, rows of any length), ~4× faster: real exports quote every address or name
 * that holds a comma, so most files of a real shop have quotes. A line without a quote is kept as its text, to be split
 * at its commas; only lines with one are read field by field.
 *
 * Anything the parser reads in a way of its own (a closing quote followed by text, a quote never closed, a line of
 * one quoted empty field) makes this return null, and the parser reads the file. test/domain/import-table.test.ts
 * holds the two readings equal on random text.
 */
export function quotedRows(body: string): (string | string[])[] | null {
  const rows: (string | string[])[] = [];
  const end = body.length;
  const first = firstRecord(body);
  if (!first) return null;
  if (first.cells) rows.push(first.cells);
  const ending = first.ending;
  let pos = first.next;
  let quote = body.indexOf('"', pos);
  // The next comma, looked for again only once passed: a search per field to the next comma could run to the end of
  // the file on every line (a file of `5" screen` lines without commas), and the reading would grow with its square.
  const comma = { at: -2 };
  while (ending !== null && pos < end) {
    let lineEnd = body.indexOf(ending, pos);
    if (lineEnd === -1) lineEnd = end;
    if (quote !== -1 && quote < pos) quote = body.indexOf('"', pos);
    if (quote === -1 || quote >= lineEnd) {
      if (lineEnd > pos) rows.push(body.slice(pos, lineEnd)); // split when its cells are read (TableRows)
      pos = lineEnd + ending.length;
      continue;
    }
    const record = fieldsOf(body, pos, ending, comma);
    if (!record) return null;
    rows.push(record.cells);
    pos = record.next;
  }
  return rows;
}

type Record = { cells: string[]; next: number };

/**
 * The first record, read until its line ending (which becomes the file's); null cells for an empty first line.
 * `ending` is null when the text has no line break outside quotes (one record, read to its end).
 */
function firstRecord(body: string): { cells: string[] | null; ending: string | null; next: number } | null {
  const cells: string[] = [];
  let pos = 0;
  for (;;) {
    const quoted = body[pos] === '"';
    if (quoted) {
      const field = quotedField(body, pos);
      if (!field) return null;
      cells.push(field.value);
      pos = field.next;
    } else {
      let stop = pos;
      while (stop < body.length && !BREAKS.has(body[stop]!)) stop++;
      cells.push(body.slice(pos, stop));
      pos = stop;
    }
    const c = body[pos];
    if (c === ',') {
      pos++;
      continue;
    }
    if (c !== undefined && c !== '\r' && c !== '\n') return null; // text right after a closing quote
    if (lonelyEmpty(cells, quoted)) return null;
    const ending = c === undefined ? null : c === '\r' && body[pos + 1] === '\n' ? '\r\n' : c;
    return { cells: emptyLine(cells) ? null : cells, ending, next: pos + (ending?.length ?? 0) };
  }
}

const BREAKS = new Set([',', '\r', '\n']);

function emptyLine(cells: string[]): boolean {
  return cells.length === 1 && cells[0] === '';
}

/** The record at `pos` (its line holds a quote), fields read one by one; null where the parser has its own reading. */
function fieldsOf(body: string, start: number, ending: string, comma: { at: number }): Record | null {
  const cells: string[] = [];
  let pos = start;
  let lineEnd = -2; // not looked for yet
  for (;;) {
    let quoted = false;
    if (body[pos] === '"') {
      const field = quotedField(body, pos);
      if (!field) return null;
      cells.push(field.value);
      pos = field.next;
      quoted = true;
    } else {
      if (lineEnd < pos && lineEnd !== -1) lineEnd = body.indexOf(ending, pos);
      if (comma.at < pos && comma.at !== -1) comma.at = body.indexOf(',', pos);
      const stop = minFound(comma.at, lineEnd, body.length);
      cells.push(body.slice(pos, stop));
      pos = stop;
    }
    if (pos === body.length) return lonelyEmpty(cells, quoted) ? null : { cells, next: pos };
    if (body[pos] === ',') {
      pos++;
      continue;
    }
    if (!body.startsWith(ending, pos)) return null; // text right after a closing quote
    return lonelyEmpty(cells, quoted) ? null : { cells, next: pos + ending.length };
  }
}

/** A line of one quoted empty field: the parser keeps it as a record, not as an empty line; left to the parser. */
function lonelyEmpty(cells: string[], quoted: boolean): boolean {
  return quoted && cells.length === 1 && cells[0] === '';
}

/** The nearest of two indexOf results (-1: not found), or `fallback` when neither was found. */
function minFound(a: number, b: number, fallback: number): number {
  if (a === -1) return b === -1 ? fallback : b;
  return b === -1 ? a : Math.min(a, b);
}

/** The quoted field opening at `pos`: its text (`""` read as `"`) and where it ends; null if never closed. */
function quotedField(body: string, pos: number): { value: string; next: number } | null {
  let value = '';
  let from = pos + 1;
  for (;;) {
    const q = body.indexOf('"', from);
    if (q === -1) return null;
    if (body[q + 1] === '"') {
      value += body.slice(from, q + 1);
      from = q + 2;
      continue;
    }
    return { value: value + body.slice(from, q), next: q + 1 };
  }
}
