import fc from 'fast-check';
import pg from 'pg';
import { copyJsonElements, copyNumberedJson } from '../../sync-server/db/copy-lines';
import { sql } from '../../sync-server/db/sql-query';
import { piecesText } from '../../sync-server/tables/json-pieces';
import { postgresAdminUrl } from '../support/databases';

/**
 * COPY's bytes as the elements of a JSON array (db/copy-lines.ts; PostgreSQL only: PGlite's adapter has no COPY,
 * and its readers take the SELECT path, which report-line-page.test.ts checks on both databases).
 */
describe('JSON elements copied out of PostgreSQL', () => {
  let pool: pg.Pool;
  beforeAll(() => {
    pool = new pg.Pool({ connectionString: postgresAdminUrl(), max: 2 });
  });
  afterAll(async () => pool?.end());

  const array = async (text: string, values: unknown[]) =>
    JSON.parse(`[${piecesText(await copyJsonElements(pool, sql(text, values)))}]`) as unknown[];

  test('any text, as JSON, comes back as it went in, whatever the parameters hold', async () => {
    // No NUL: PostgreSQL text cannot hold it.
    const text = fc.string({ unit: 'binary', maxLength: 12 }).filter((s) => !s.includes('\u0000'));
    await fc.assert(
      fc.asyncProperty(fc.array(text, { maxLength: 8 }), text, async (texts, parameter) => {
        const got = await array(
          `SELECT json_build_array(t, $2::text, n)::text
             FROM json_array_elements_text($1::json) WITH ORDINALITY AS u(t, n) ORDER BY n`,
          [JSON.stringify(texts), parameter],
        );
        expect(got).toEqual(texts.map((t, i) => [t, parameter, i + 1]));
      }),
      { numRuns: 60 },
    );
  });

  test('many rows arrive in several chunks, whole and in order, characters split between chunks joined', async () => {
    const pieces = await copyJsonElements(
      pool,
      sql(
        `SELECT json_build_array(n, repeat('商品é😀', n % 7))::text FROM generate_series(1, $1::int) n ORDER BY n`,
        [20_000],
      ),
    );
    expect(pieces.length).toBeGreaterThan(1);
    const rows = JSON.parse(`[${piecesText(pieces)}]`) as [number, string][];
    expect(rows).toHaveLength(20_000);
    expect(rows.every(([n, s], i) => n === i + 1 && s === '商品é😀'.repeat(n % 7))).toBe(true);
  });

  test('no rows: no elements', async () => {
    expect(await array(`SELECT 'x'::text WHERE false`, [])).toEqual([]);
  });

  test('a row that is not one line of JSON text is refused, not sent; the connection goes back', async () => {
    await expect(copyJsonElements(pool, sql(`SELECT $1::text`, ['two\nlines']))).rejects.toThrow(/not one line/);
    await expect(copyJsonElements(pool, sql(`SELECT 'x' || chr(1)`))).rejects.toThrow(/not one line/);
    await expect(copyJsonElements(pool, sql(`SELECT NULL::text`))).rejects.toThrow(/not one line/);
    expect(pool.totalCount - pool.idleCount).toBe(0);
    expect(await array(`SELECT '1'::text UNION ALL SELECT '2'`, [])).toEqual([1, 2]);
  });

  test('parameters: text, numbers and null are written as literals; anything else, or a missing one, is refused', async () => {
    expect(
      await array(`SELECT json_build_array($1::text, 2-$2, $3::int)::text`, ['it\'s \\ "x" $1', -5, null]),
    ).toEqual([['it\'s \\ "x" $1', 7, null]]);
    await expect(copyJsonElements(pool, sql(`SELECT $1::text`, [['a']]))).rejects.toThrow(/must be text/);
    await expect(copyJsonElements(pool, sql(`SELECT $2::text`, ['a']))).rejects.toThrow(/no value for \$2/);
    expect(pool.totalCount - pool.idleCount).toBe(0);
  });

  test('numbered rows (a pull): each number and its JSON bytes, in order, over many chunks; anything else refused', async () => {
    const client = await pool.connect();
    try {
      const rows = await copyNumberedJson(
        client,
        sql(
          // Rows cut between chunks everywhere, and one of 300 KB that spans several.
          `SELECT n || ':' || json_build_object('k', n, 'v', repeat('商', CASE n WHEN 15000 THEN 100000 ELSE n % 5 END))::text
               FROM generate_series(1, $1::int) n ORDER BY n`,
          [30_000],
        ),
      );
      expect(rows).toHaveLength(30_000);
      expect(rows.every((row, i) => row.n === i + 1)).toBe(true);
      const value = (n: number) => '商'.repeat(n === 15_000 ? 100_000 : n % 5);
      const whole = (row: { json: Buffer }, i: number) => {
        const parsed = JSON.parse(row.json.toString()) as { k: number; v: string };
        return parsed.k === i + 1 && parsed.v === value(i + 1);
      };
      expect(rows.every(whole)).toBe(true);
      expect(await copyNumberedJson(client, sql(`SELECT 'x'::text WHERE false`))).toEqual([]);
      await expect(copyNumberedJson(client, sql(`SELECT '{"no":"number"}'::text`))).rejects.toThrow(/not a number/);
      await expect(copyNumberedJson(client, sql(`SELECT 'x:1'::text`))).rejects.toThrow(/not a number/);
    } finally {
      client.release();
    }
  });

  test('a failing statement rejects and leaves the pool usable', async () => {
    await expect(
      copyJsonElements(pool, sql(`SELECT (1 / (n - 3))::text FROM generate_series(1, 5) n`)),
    ).rejects.toThrow(/division by zero/);
    expect(await array(`SELECT $1::text`, ['"ok"'])).toEqual(['ok']);
  });
});
