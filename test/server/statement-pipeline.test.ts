import { inTransaction, type Database, type Queryable } from '../../sync-server/db/database';
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

  test('the failure thrown is the statement that failed, not an earlier one refused because of it', async () => {
    const failure = inTransaction(db, async (client) => {
      const pipeline = new StatementPipeline(client);
      // 1,101 rows: the transaction's growth check for this INSERT is written when its answer comes, behind the
      // duplicate below, and fails as "current transaction is aborted"; the INSERT's answer waits for that check.
      pipeline.send(sql('INSERT INTO pipeline_rows SELECT generate_series(1000, 2100)', []));
      pipeline.send(insert(1));
      pipeline.send(insert(1)); // duplicate key
      for (;;) await pipeline.turn();
    });
    await expect(failure).rejects.toMatchObject({ code: '23505' });
    expect(await stored()).toEqual([]);
  });

  test('a caller that throws a statement refused after an earlier failure: the earlier failure is reported', async () => {
    const failure = inTransaction(db, async (client) => {
      const pipeline = new StatementPipeline(client);
      pipeline.send(insert(1));
      pipeline.send(insert(1)); // duplicate key
      // Written before the duplicate's answer on PostgreSQL (pipeline mode): refused as "current transaction is
      // aborted". On PGlite it never starts and fails with the duplicate's own error.
      await pipeline.ask(sql('SELECT 1 AS one', []));
    });
    await expect(failure).rejects.toMatchObject({ code: '23505' });
    expect(await stored()).toEqual([]);
  });

  test('the caller fails while statements are queued: none of them runs after the rollback', async () => {
    const failure = inTransaction(db, async (client) => {
      const pipeline = new StatementPipeline(client);
      pipeline.send(insert(1));
      pipeline.send(insert(2));
      pipeline.send(insert(3));
      throw new Error('a review that throws');
    });
    await expect(failure).rejects.toThrow('a review that throws');
    await db.query(sql('SELECT 1', [])); // whatever was left on the connection has run by now
    expect(await stored()).toEqual([]);
  });

  test('a statement failed and its error was dropped: the transaction is not taken for committed', async () => {
    const ending = inTransaction(db, async (client) => {
      await client.query('INSERT INTO pipeline_rows (n) VALUES (7)');
      await client.query('SELECT 1 / 0').catch(() => undefined); // aborts the transaction; COMMIT answers ROLLBACK
      return 'done';
    });
    await expect(ending).rejects.toThrow('the transaction ended with ROLLBACK, not COMMIT');
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

/** A connection in pg's pipeline mode, as far as the statement pipeline sees it: answers come when the test says. */
function pipelinedConnection() {
  const written: string[] = [];
  const answers: (() => void)[] = [];
  const client = {
    pipeline: true,
    query: (text: string) => {
      written.push(text);
      return new Promise((resolve) => answers.push(() => resolve({ rows: [{ text }], rowCount: 1 })));
    },
  };
  const answerAll = async () => {
    while (answers.length) {
      answers.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { client: client as unknown as Queryable, written, answerAll };
}

describe('statements on a connection in pipeline mode (PostgreSQL transactions)', () => {
  test('the failure thrown is the first statement’s that failed, whichever answer settles first', async () => {
    const duplicate = Object.assign(new Error('duplicate key'), { code: '23505' });
    const aborted = Object.assign(new Error('current transaction is aborted'), { code: '25P02' });
    const client = {
      pipeline: true,
      query: (text: string) =>
        text.startsWith('DO')
          ? Promise.reject(aborted) // the check behind the INSERT: its answer settles first here
          : new Promise((_, reject) => setImmediate(() => reject(duplicate))),
    } as unknown as Queryable;
    const pipeline = new StatementPipeline(client);
    pipeline.send(sql('INSERT INTO orders SELECT 1', []));
    await expect(pipeline.drained()).rejects.toBe(duplicate);
  });

  test('an INSERT is followed at once by its growth check, whose failure (a cancelled ANALYZE) is the pipeline’s', async () => {
    const written: string[] = [];
    const cancelled = new Error('canceling statement due to user request');
    const client = {
      pipeline: true,
      query: (text: string) => {
        written.push(text.startsWith('DO') ? 'check' : text);
        return text.startsWith('DO') ? Promise.reject(cancelled) : Promise.resolve({ rows: [], rowCount: 10 });
      },
    } as unknown as Queryable;
    const pipeline = new StatementPipeline(client);
    pipeline.send(sql('INSERT INTO orders SELECT 1', []));
    pipeline.send(sql('INSERT INTO order_lines SELECT 1', []));
    expect(written).toEqual(['INSERT INTO orders SELECT 1', 'check', 'INSERT INTO order_lines SELECT 1', 'check']);
    await expect(pipeline.drained()).rejects.toBe(cancelled);
  });

  test('are written at once, in order, without waiting for answers', async () => {
    const { client, written, answerAll } = pipelinedConnection();
    const pipeline = new StatementPipeline(client);
    pipeline.send(sql('one', []));
    const two = pipeline.ask(sql('two', []));
    pipeline.send(sql('three', []));
    // Before the caller's next line: its own work (an import assembling orders) runs while the database answers.
    expect(written).toEqual(['one', 'two', 'three']);
    await pipeline.turn();
    await answerAll();
    await pipeline.drained();
    expect(await two).toEqual([{ text: 'two' }]);
  });

  test('work of several statements keeps its place: what comes after it waits for it to end', async () => {
    const { client, written, answerAll } = pipelinedConnection();
    const pipeline = new StatementPipeline(client);
    pipeline.send(sql('before', []));
    const work = pipeline.enqueue(async (c) => {
      await c.query('first of work');
      await c.query('second of work');
      return 'done';
    });
    pipeline.send(sql('after', []));
    await pipeline.turn();
    expect(written).toEqual(['before', 'first of work']);
    pipeline.send(sql('later', [])); // behind 'after', though the work may end first
    await answerAll();
    await pipeline.drained();
    expect(written).toEqual(['before', 'first of work', 'second of work', 'after', 'later']);
    expect(await work).toBe('done');
  });
});

describe.each(DATABASE_KINDS)('a transaction’s connection on %s', (kind) => {
  test(kind === 'postgres' ? 'is in pg’s pipeline mode' : 'sends one statement at a time', async () => {
    const { db, dispose } = await openTestDatabase(kind);
    try {
      const mode = await inTransaction(db, async (client) => (client as unknown as { pipeline: boolean }).pipeline);
      expect(mode).toBe(kind === 'postgres');
      // The pool for reads is not: COPY and cursors need it so.
      const reader = await db.pool.connect();
      expect((reader as unknown as { pipeline: boolean }).pipeline).toBe(false);
      reader.release();
    } finally {
      await dispose();
    }
  });
});
