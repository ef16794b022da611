import pg from 'pg';
import { copyOut } from './copy-out-stream';
import { joinBytes } from './join-bytes';
import type { SqlQuery } from './sql-query';

/** A control character COPY would write around a value that needs quoting; JSON text never needs it. */
const QUOTE = 0x01;
/** What COPY writes for a NULL row (never JSON text either). */
const NULL = 0x03;
const NEWLINE = 0x0a;
const COMMA = 0x2c;
const COLON = 0x3a;

/**
 * The rows of a query of one text column, each a JSON value, as the bytes PostgreSQL sends (COPY … TO STDOUT),
 * joined by commas: the elements of a JSON array, without its brackets. A SELECT through pg makes a row object
 * and a JavaScript string per row; at 1,000,000 report lines that, and writing the strings out again, was most
 * of the server's time (BENCHMARKS.md, issue 15). PostgreSQL only (PGlite's adapter speaks no COPY protocol).
 *
 * CSV with control characters as delimiter and quote writes a value unchanged, ended by a newline, unless it
 * holds one of them, CR or LF; JSON text holds none (they are escaped inside its strings), so each newline is
 * a row's end. A quote or NULL byte in the output means a value was not JSON text: refused rather than sent.
 * COPY takes no parameters: each $n is written into the statement as a literal (pg's escapeLiteral); only
 * text, finite numbers and NULL are taken, and the statement's text must hold no quoted `$n` of its own.
 */
export async function copyJsonElements(pool: pg.Pool, q: SqlQuery): Promise<Buffer[]> {
  const client = await pool.connect();
  let chunks: Buffer[];
  try {
    chunks = await copyRows(client, q);
  } finally {
    client.release();
  }
  for (const chunk of chunks)
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) chunk[at] = COMMA;
  // The last row's comma ends the list: dropped (an empty result stays empty).
  const last = chunks.pop();
  if (last && last.length > 1) chunks.push(last.subarray(0, last.length - 1));
  return chunks;
}

/**
 * Rows of one text column `<number>:<JSON text>` (a pulled change: its change number and its wire JSON), as
 * the number and the JSON's bytes, in the query's order; on `client`, so it can run beside its other reads.
 */
export async function copyNumberedJson(client: pg.ClientBase, q: SqlQuery): Promise<{ n: number; json: Buffer }[]> {
  const all = joinBytes(await copyRows(client, q));
  const rows: { n: number; json: Buffer }[] = [];
  for (let start = 0; start < all.length;) {
    const end = all.indexOf(NEWLINE, start);
    const colon = all.indexOf(COLON, start);
    const n = colon === -1 ? NaN : Number(all.toString('latin1', start, colon));
    if (end === -1 || colon === -1 || colon > end || !Number.isSafeInteger(n))
      throw new Error('copyNumberedJson: a row is not a number, a colon and JSON text');
    rows.push({ n, json: all.subarray(colon + 1, end) });
    start = end + 1;
  }
  return rows;
}

/** The rows of a query of one text column as COPY sends them: each row's text, then a newline. */
async function copyRows(client: pg.ClientBase, q: SqlQuery): Promise<Buffer[]> {
  const statement = q.text.replace(/\$(\d+)\b/g, (_, n: string) => {
    if (Number(n) < 1 || Number(n) > q.values.length) throw new Error(`copy: no value for $${n}`);
    return literal(q.values[Number(n) - 1]);
  });
  const chunks: Buffer[] = [];
  const stream = client.query(
    copyOut(`COPY (${statement}) TO STDOUT WITH (FORMAT csv, DELIMITER E'\\x02', QUOTE E'\\x01', NULL E'\\x03')`),
  );
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  for (const chunk of chunks)
    if (chunk.includes(QUOTE) || chunk.includes(NULL)) throw new Error('copy: a row is not one line of JSON text');
  return chunks;
}

function literal(value: unknown): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return pg.escapeLiteral(value);
  if (typeof value === 'number' && Number.isFinite(value)) return `(${value})`; // `x-$1` must not become a comment
  throw new Error(`copy: a parameter must be text, a finite number or null, not ${typeof value}`);
}
