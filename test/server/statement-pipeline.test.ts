import { inTransaction, type Database } from '../../sync-server/db/database';
import { sql } from '../../sync-server/db/sql-query';
import { StatementPipeline } from '../../sync-server/db/statement-pipeline';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases';

describe.each(DATABASE_KINDS)('statements queued on one connection, on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await openTestDatabase(kind));
    await db.query(sql('CREATE TABLE pipeline_rows (n int PRIMARY KEY)', []));
  });
  afterAll(async () => {
    await dispose();
  });
  beforeEach(async () => {
    await db.query(sql('DELETE FROM pipeline_rows', []));
  });
  const insert = (n: number) => sql('INSERT INTO pipeline_rows (n) VALUES ($1)', [n]);
  const stored = async () =>
    (await db.query<{ n: number }>(sql('SELECT n FROM pipeline_rows ORDER BY n', []))).rows.map((r) => r.n);

  test('run in the order sent, answers awaited later, all in the caller’s transaction', async () => {
    const seen = await inTransaction(db, async (client) => {
      const pipeline = new StatementPipeline(client);
      pipeline.send(insert(2));
      pipeline.send(insert(1));
      const count = pipeline.ask<{ c: number }>(sql('SELECT count(*)::int AS c FROM pipeline_rows', []));
      pipeline.send(insert(3));
      await pipeline.turn();
      await pipeline.drained();
      return (await count)[0]!.c;
    });
    expect(seen).toBe(2); // the count ran after the two inserts sent before it, before the third
    expect(await stored()).toEqual([1, 2, 3]);
  });

  test('a failed statement: its failure is thrown, the statements after it fail too, the transaction rolls back', async () => {
    let turnsAfterFailure = 0;
    const failure = inTransaction(db, async (client) => {
      const pipeline = new StatementPipeline(client);
      pipeline.send(insert(1));
      pipeline.send(insert(1)); // duplicate key
      const late = pipeline.ask(sql('SELECT 1 AS one', [])); // fails too: the transaction is aborted
      pipeline.send(insert(2));
      await late.catch(() => undefined);
      for (let i = 0; i < 10; i++) {
        await pipeline.turn(); // throws once the failure is known
        turnsAfterFailure += 1;
      }
      await pipeline.drained();
    });
    await expect(failure).rejects.toMatchObject({ code: '23505' });
    expect(turnsAfterFailure).toBe(0);
    expect(await stored()).toEqual([]);
  });

  // An unhandled rejection fails the test that is running (Jest's own handler), or ends the server's process.
  test('an answer never awaited does not become an unhandled rejection', async () => {
    await expect(
      inTransaction(db, async (client) => {
        const pipeline = new StatementPipeline(client);
        pipeline.ask(sql('SELECT * FROM no_such_table', []));
        await pipeline.drained();
      }),
    ).rejects.toMatchObject({ code: '42P01' });
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  });
});
