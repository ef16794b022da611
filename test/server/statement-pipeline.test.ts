import { inTransaction, type Database } from '../../sync-server/db/database';
import { sql } from '../../sync-server/db/sql-query';
import { StatementPipeline } from '../../sync-server/db/statement-pipeline';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases';

describe.each(DATABASE_KINDS)('statements queued on one connection, on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(async () => {
    ({ db, dispose } = await openTestDatabase(kind));
    await db.query(sql('CREATE TABLE pipeline_rows (n int PRIMARY KEY)', []));
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await dispose();
  });
  beforeEach(async () => {
    await db.query(sql('DELETE FROM pipeline_rows', []));
    unhandled.length = 0;
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

  test('a failed statement: the first failure is thrown, nothing after it is sent, the transaction rolls back', async () => {
    let turnsAfterFailure = 0;
    const failure = inTransaction(db, async (client) => {
      const pipeline = new StatementPipeline(client);
      pipeline.send(insert(1));
      pipeline.send(insert(1)); // duplicate key
      const late = pipeline.ask(sql('SELECT 1 AS one', [])); // fails too: the transaction is aborted
      pipeline.send(insert(2));
      await late.catch(() => undefined);
      for (;;) {
        await pipeline.turn(); // throws once the failure is known
        turnsAfterFailure += 1;
      }
    });
    await expect(failure).rejects.toMatchObject({ code: '23505' });
    expect(turnsAfterFailure).toBe(0);
    expect(await stored()).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
  });

  test('an answer never awaited does not become an unhandled rejection', async () => {
    await expect(
      inTransaction(db, async (client) => {
        const pipeline = new StatementPipeline(client);
        pipeline.ask(sql('SELECT * FROM no_such_table', []));
        await pipeline.drained();
      }),
    ).rejects.toMatchObject({ code: '42P01' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
  });
});
