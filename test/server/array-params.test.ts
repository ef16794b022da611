import fc from 'fast-check';
import { hasBadCharacters } from '../../domain/contracts/text-limits';
import { arrayLiteral } from '../../sync-server/db/array-params';
import type { Database } from '../../sync-server/db/database';
import { insertEvents, type EventEntry } from '../../sync-server/events/event-log';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases';

/**
 * Bulk writes send one array per column (db/array-params.ts): whatever text a row holds — quotes,
 * backslashes, braces, commas, the word NULL, emoji, empty strings — must come back exactly.
 */
describe.each(DATABASE_KINDS)('array parameters, on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await openTestDatabase(kind));
    await db.pool.query(`INSERT INTO workspaces (id, name) VALUES ('ws_arrays', 'Arrays')`);
  });
  afterAll(async () => {
    await dispose();
  });

  // PostgreSQL text holds no NUL character nor half a surrogate pair (refused before any statement).
  const text = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !hasBadCharacters(s));
  const tricky = fc.oneof(
    text,
    fc.constantFrom('', 'NULL', 'null', '"', '\\', '{a,b}', ' x ', ',', '"\\"', '\n', 'a\tb', '\u0001', '\\n', '😀'),
  );

  test('a list column round-trips through its array literal', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(tricky, { maxLength: 5 }), { minLength: 1, maxLength: 8 }), async (lists) => {
        const back = await db.pool.query<{ v: string[] }>('SELECT r.v::text[] AS v FROM unnest($1::text[]) AS r(v)', [
          arrayLiteral(lists),
        ]);
        expect(back.rows.map((row) => row.v)).toEqual(lists);
      }),
      { numRuns: 60 },
    );
  });

  test('typed columns keep their values and nulls', async () => {
    const row = fc.record({
      n: fc.option(fc.integer()),
      b: fc.option(fc.boolean()),
      d: fc.option(fc.stringMatching(/^-?[1-9]\d{0,5}(\.\d{1,4})?$/)),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 8 }), async (rows) => {
        const back = await db.pool.query<{ n: number | null; b: boolean | null; d: string | null }>(
          'SELECT r.n, r.b, r.d::text AS d FROM unnest($1::integer[], $2::boolean[], $3::numeric[]) AS r(n, b, d)',
          [arrayLiteral(rows.map((r) => r.n)), arrayLiteral(rows.map((r) => r.b)), arrayLiteral(rows.map((r) => r.d))],
        );
        expect(back.rows).toEqual(rows.map((r) => ({ n: r.n, b: r.b, d: r.d === null ? null : String(r.d) })));
      }),
      { numRuns: 40 },
    );
  });

  test('events keep their before and after values exactly, nulls included', async () => {
    const json = fc.jsonValue({ maxDepth: 2 }).filter((v) => !JSON.stringify(v).includes('\\u0000'));
    // A column shared by every entry goes as one value, one that differs as an array (actors, actions here).
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ key: tricky, before: fc.option(json), after: json }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.constantFrom('amy@shop.test', 'bo@shop.test'), { minLength: 6, maxLength: 6 }),
        fc.array(fc.constantFrom('updated', 'created'), { minLength: 6, maxLength: 6 }),
        fc.boolean(),
        async (rows, actors, actions, oneActor) => {
          const correlationId = `prop-${Math.random()}`;
          const entries: EventEntry[] = rows.map((r, i) => ({
            actor: oneActor ? actors[0]! : actors[i]!,
            entity: 'products',
            entityKey: r.key,
            action: actions[i]!,
            before: r.before,
            after: r.after,
            correlationId,
          }));
          const q = insertEvents('ws_arrays', new Date('2026-11-30T10:00:00Z'), entries);
          await db.pool.query(q.text, q.values);
          const back = await db.pool.query(
            `SELECT actor, entity, entity_key, action, before, after FROM events WHERE correlation_id = $1 ORDER BY id`,
            [correlationId],
          );
          // jsonb normalises -0 to 0 and drops duplicate keys; JSON.parse(JSON.stringify()) is what was meant.
          const meant = (v: unknown) => (v === null || v === undefined ? null : JSON.parse(JSON.stringify(v)));
          expect(back.rows).toEqual(
            entries.map((e) => ({
              actor: e.actor,
              entity: 'products',
              entity_key: e.entityKey,
              action: e.action,
              before: meant(e.before),
              after: meant(e.after),
            })),
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});
