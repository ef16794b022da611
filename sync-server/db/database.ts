import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { ServerConfig } from '../config';
import { startPgliteOpen, type HeadStartOptions, type PgliteHeadStart } from './pglite-head-start';
import type { SqlQuery } from './sql-query';
import { countInserted, growthCheck } from './planner-growth';
import { forgetPipelines, stopPipelines } from './pipeline-registry';
import { statisticsUpkeep, type StatisticsUpkeep } from './statistics-upkeep';

/** One `pg` code path for both databases: PGlite is reached through its node-postgres adapter. */
export type Database = {
  kind: 'pglite' | 'postgres';
  pool: pg.Pool;
  /**
   * The connections `inTransaction` takes. PostgreSQL: a pool of its own in pg's pipeline mode, where a statement
   * queued without waiting for the last (statement-pipeline.ts) is written at once and runs right after it, not a
   * turn of Node's busy event loop later; COPY and cursors, which that mode refuses, use `pool`. PGlite: `pool`.
   */
  transactions: pg.Pool;
  /** PGlite only: keeps planner statistics fresh as tables grow (it has no autovacuum). */
  upkeep?: StatisticsUpkeep;
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(q: SqlQuery): Promise<pg.QueryResult<R>>;
  close(): Promise<void>;
};

/**
 * PGlite's PostgreSQL memory for cached pages, unless CROSSDOCK_PGLITE_SHARED_BUFFERS says otherwise. The folder's
 * own (initdb's 128MB) cost ~0.4 s at every open, a new folder's and each CLI command's, and ~100 MiB of memory;
 * with 32MB the PGlite benchmarks (sync push and pull, 200,000 report lines computed and read) ran as fast or
 * faster (BENCHMARKS.md, issue 18, eighth session): PostgreSQL's pages stay in the operating system's cache.
 */
export const PGLITE_SHARED_BUFFERS = '32MB';

export type Queryable = Pick<pg.PoolClient, 'query'>;

export type OpenOptions = HeadStartOptions & {
  /**
   * PGlite: the head start taken at the very beginning of the process (startPgliteOpen), which this open
   * owns from now on (its lock is released if opening fails). Without it, opening takes one itself.
   */
  headStart?: PgliteHeadStart;
};

/**
 * `migrations` (in the options): a PGlite template (config.template) is used only when it holds none that
 * these lack. Without them the template is left alone.
 */
export async function openDatabase(config: ServerConfig['database'], options: OpenOptions = {}): Promise<Database> {
  if (config.kind === 'postgres') {
    // Connections are kept a minute when idle: each new one is a PostgreSQL process to start.
    const options = { connectionString: config.url, max: 10, idleTimeoutMillis: 60_000 };
    const pool = new pg.Pool(options);
    const transactions = new pg.Pool({ ...options, pipeline: true });
    for (const p of [pool, transactions]) p.on('error', () => undefined); // idle-client errors surface on the next query
    return wrap('postgres', pool, transactions, async () => {
      await Promise.all([pool.end(), transactions.end()]);
    });
  }
  const start = options.headStart ?? startPgliteOpen(config, options);
  try {
    return await openPglite(start);
  } catch (error) {
    // The worker's copy is placed (or given up) under the lock, never after it is released.
    await start.seeded.catch(() => undefined);
    start.lock.release();
    throw error;
  }
}

async function openPglite(start: PgliteHeadStart): Promise<Database> {
  const { config, lock, log } = start;
  const folder = path.join(config.dataDir, 'pgdata');
  // PGlite ships as ESM with a CJS build; load lazily so PostgreSQL deployments never pay for the wasm. Loaded
  // while the head start's worker still copies and compiles.
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const seeded = await start.seeded;
  fs.mkdirSync(folder, { recursive: true });
  const wasm = await start.wasm;
  const options = {
    startParams: [
      ...PGlite.defaultStartParams,
      '-c',
      `shared_buffers=${config.sharedBuffers ?? PGLITE_SHARED_BUFFERS}`,
    ],
    ...(wasm ? { pgliteWasmModule: wasm } : {}),
  };
  let pglite;
  try {
    pglite = await PGlite.create(folder, options);
  } catch (error) {
    if (!seeded) throw error;
    // A damaged template must not stop a first start: today's path (initdb) on an emptied folder.
    log.warn(
      { template: config.template, problem: (error as Error).message },
      'the copy of the PGlite template did not open: making the database with initdb (slower)',
    );
    fs.rmSync(folder, { recursive: true, force: true });
    fs.mkdirSync(folder);
    pglite = await PGlite.create(folder, options);
  }
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  const upkeep = statisticsUpkeep(pool);
  const db = wrap('pglite', pool, pool, async () => {
    await upkeep.idle();
    await pool.end();
    await pglite.close();
    lock.release();
  });
  return { ...db, upkeep };
}

function wrap(kind: Database['kind'], pool: pg.Pool, transactions: pg.Pool, close: () => Promise<void>): Database {
  let closed: Promise<void> | null = null;
  return {
    kind,
    pool,
    transactions,
    query: (q) => pool.query(q.text, q.values),
    close: () => (closed ??= close()),
  };
}

/**
 * Runs `work` in one transaction; anything thrown rolls everything back (nothing half-applied). Rows inserted are
 * counted per table: a table that grows past GROWTH_CHECK_ROWS is shown to the planner before the next statement
 * (planner-growth.ts), and PGlite's statistics upkeep hears of the counts after the commit.
 */
export async function inTransaction<T>(db: Database, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.transactions.connect();
  const original = client.query;
  const inserted = new Map<string, number>();
  const query = original as unknown as (...args: unknown[]) => unknown;
  // The answer reaches the caller after the growth check, so a caller that waits for each statement plans its
  // next one with the table's new size (statements written without waiting: statement-pipeline.ts). Queries
  // themselves are unchanged; a stream (COPY) or a query given as an object passes as it is.
  client.query = ((...args: unknown[]) => {
    const answer = query.apply(client, args);
    const text = args[0];
    if (typeof text !== 'string' || !(answer instanceof Promise)) return answer;
    return (answer as Promise<pg.QueryResult>).then((result) => {
      const counted = countInserted(inserted, text, result);
      const check = counted && growthCheck(counted.table, counted.before, counted.after);
      return check ? (query.call(client, check) as Promise<unknown>).then(() => result) : result;
    });
  }) as typeof client.query;
  let result: T;
  try {
    await client.query('BEGIN');
    result = await work(client);
    // PostgreSQL answers COMMIT of a transaction a failed statement aborted with ROLLBACK, not with an error.
    const end = await client.query('COMMIT');
    if (end.command !== 'COMMIT') throw new Error(`the transaction ended with ${end.command}, not COMMIT`);
  } catch (error) {
    const reported = await stopPipelines(client, error);
    await client.query('ROLLBACK').catch(() => undefined);
    throw reported;
  } finally {
    forgetPipelines(client);
    client.query = original;
    client.release();
  }
  db.upkeep?.committed(inserted);
  return result;
}

export function run<R extends pg.QueryResultRow = pg.QueryResultRow>(
  client: Queryable,
  q: SqlQuery,
): Promise<pg.QueryResult<R>> {
  return client.query<R>(q.text, q.values);
}
