import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { SqlQuery } from './sql-query';

/** A control character COPY would write around a value that needs quoting; JSON text never needs it. */
const QUOTE = 0x01;
const NEWLINE = 0x0a;
const COMMA = 0x2c;

/**
 * The rows of a query of one text column, each a JSON value, as the bytes PostgreSQL sends (COPY … TO STDOUT),
 * joined by commas: the elements of a JSON array, without its brackets. A SELECT through pg makes a row object
 * and a JavaScript string per row; at 1,000,000 report lines that, and writing the strings out again, was most
 * of the server's time (BENCHMARKS.md, issue 15). PostgreSQL only (PGlite's adapter speaks no COPY protocol).
 *
 * CSV with control characters as delimiter and quote writes a value unchanged, ended by a newline, unless it
 * holds one of them, CR or LF; JSON text holds none (they are escaped inside its strings), so each newline is
 * a row's end. A quote byte in the output means a value was not JSON text: refused rather than sent.
 * COPY takes no parameters: each $n is written into the statement as a literal (pg's escapeLiteral).
 */
export async function copyJsonElements(pool: pg.Pool, q: SqlQuery): Promise<Buffer[]> {
  const statement = q.text.replace(/\$(\d+)\b/g, (_, n: string) => literal(q.values[Number(n) - 1]));
  const client = await pool.connect();
  const chunks: Buffer[] = [];
  try {
    const stream = client.query(
      copyTo(`COPY (${statement}) TO STDOUT WITH (FORMAT csv, DELIMITER E'\\x02', QUOTE E'\\x01')`),
    );
    for await (const chunk of stream) chunks.push(chunk as Buffer);
  } finally {
    client.release();
  }
  for (const chunk of chunks) {
    if (chunk.includes(QUOTE)) throw new Error('copyJsonElements: a row is not one line of JSON text');
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) chunk[at] = COMMA;
  }
  // The last row's comma ends the list: dropped (an empty result stays empty).
  const last = chunks.pop();
  if (last && last.length > 1) chunks.push(last.subarray(0, last.length - 1));
  return chunks;
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  return pg.escapeLiteral(typeof value === 'string' ? value : JSON.stringify(value));
}
