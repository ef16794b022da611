import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type Queryable } from '../sync-server/db/database';
import { countInserted } from '../sync-server/db/planner-growth';
import { migrate } from '../sync-server/db/migrations';
import type { ServerConfig } from '../sync-server/config';
import { freshBenchDatabase } from './bench-server';

/**
 * Issue 18's measure: a product path against its "floor", the cheapest plain way to do the same database work
 * through the same driver. Both run in one process run, in interleaved pairs (the order flips every pair, so
 * neither always gets the warmer cache), and the ratio is taken per pair: a noisy machine slows both halves of a
 * pair alike, so it can neither hide nor fake a change the way milliseconds from different hours can.
 */
export type Timed = () => Promise<number>;

export type PairResult = {
  product: number[];
  floor: number[];
  /** Median of the per-pair ratios product / floor. */
  ratio: number;
  load: { before: number[]; after: number[] };
};

export async function interleavedPairs(opts: {
  product: Timed;
  floor: Timed;
  pairs?: number;
  /** Unmeasured rounds first (JIT, caches); each runs both sides once. */
  warmup?: number;
}): Promise<PairResult> {
  const pairs = opts.pairs ?? Number(process.env.BENCH_PAIRS ?? 5);
  for (let i = 0; i < (opts.warmup ?? 1); i++) {
    await opts.product();
    await opts.floor();
  }
  const before = os.loadavg();
  const product: number[] = [];
  const floor: number[] = [];
  const quiet = await autovacuumBarrier();
  try {
    const run = async (side: Timed) => (await quiet.wait(), side());
    for (let i = 0; i < pairs; i++) {
      if (i % 2 === 0) {
        product.push(await run(opts.product));
        floor.push(await run(opts.floor));
      } else {
        floor.push(await run(opts.floor));
        product.push(await run(opts.product));
      }
    }
  } finally {
    await quiet.close();
  }
  const ratio = median(product.map((p, i) => p / floor[i]!));
  return { product, floor, ratio, load: { before, after: os.loadavg() } };
}

/**
 * Before each measured run, waits until the benchmark's PostgreSQL cluster runs no autovacuum worker (polled every
 * 50 ms, at most a minute). Each round's 10,000-row writes set off autovacuum of the tables written; on 2 cores it
 * took up to a second of CPU and landed on whichever side ran next, doubling that run's time now and then. Both
 * sides wait alike. Without BENCH_DATABASE_URL (PGlite only) there is nothing to wait for.
 */
async function autovacuumBarrier(): Promise<{ wait(): Promise<void>; close(): Promise<void> }> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return { wait: async () => {}, close: async () => {} };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const busy = async () =>
    (
      await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'`,
      )
    ).rows[0]!.n > 0;
  return {
    wait: async () => {
      for (let polls = 0; polls < 1_200 && (await busy()); polls++) await new Promise((r) => setTimeout(r, 50));
    },
    close: () => client.end(),
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The columns every ratio table in BENCHMARKS.md uses. */
export const RATIO_HEADERS = [
  'database',
  'path',
  'product median ms',
  'floor median ms',
  'ratio (median of pairs)',
  'target',
  'met',
  'pairs product/floor (ms)',
  'load 1 min before → after',
] as const;

export function ratioRow(database: string, measure: string, result: PairResult, target = 1.5): string {
  const pairs = result.product.map((p, i) => `${p.toFixed(0)}/${result.floor[i]!.toFixed(0)}`).join(', ');
  return [
    '',
    database,
    measure,
    median(result.product).toFixed(0),
    median(result.floor).toFixed(0),
    `${result.ratio.toFixed(2)}×`,
    `≤ ${target}×`,
    result.ratio <= target ? 'yes' : 'NO',
    pairs,
    `${result.load.before[0]!.toFixed(2)} → ${result.load.after[0]!.toFixed(2)}`,
    '',
  ]
    .join(' | ')
    .trim();
}

/**
 * A floor's transaction: BEGIN, its statements, COMMIT on one connection, and nothing else sent (inTransaction's
 * growth check is the product's own work, not the floor's). PGlite's statistics upkeep still hears of the rows
 * inserted, after the commit, as it does for the product, so both sides keep planner statistics alike.
 */
export async function floorTransaction(db: Database, work: (client: Queryable) => Promise<void>): Promise<void> {
  const client = await db.pool.connect();
  const inserted = new Map<string, number>();
  const counting = {
    query: async (text: string, values?: unknown[]) => {
      const result = await client.query(text, values);
      countInserted(inserted, text, result);
      return result;
    },
  } as Queryable;
  try {
    await client.query('BEGIN');
    await work(counting);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  db.upkeep?.committed(inserted);
}

/** Milliseconds taken by `work`. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * A database for a floor: the product's schema (its migrations: same tables, indexes and triggers) opened with the
 * product's driver, in this process, with one workspace. PGlite gets its own folder (the server holds its own),
 * PostgreSQL a fresh database on the benchmark cluster. `close` removes what it made.
 */
export async function floorDatabase(kind: 'pglite' | 'postgres'): Promise<{
  db: Database;
  workspaceId: string;
  /** How to open it again (another process: PGlite's folder only once this one's `closeDatabase` is done). */
  config: ServerConfig['database'];
  closeDatabase(): Promise<void>;
  close(): Promise<void>;
}> {
  let dataDir: string | null = null;
  let config: ServerConfig['database'];
  if (kind === 'pglite') {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossdock-floor-'));
    config = { kind: 'pglite', dataDir };
  } else {
    const admin = process.env.BENCH_DATABASE_URL;
    if (!admin) throw new Error('floorDatabase(postgres) needs BENCH_DATABASE_URL');
    config = { kind: 'postgres', url: await freshBenchDatabase(admin, 'crossdock_floor') };
  }
  const db = await openDatabase(config);
  let open = true;
  const closeDatabase = async () => {
    if (open) await db.close();
    open = false;
  };
  try {
    await migrate(db);
    const workspaceId = 'ws_floor';
    await db.query({ text: `INSERT INTO workspaces (id, name) VALUES ($1, 'Floor')`, values: [workspaceId] });
    return {
      db,
      workspaceId,
      config,
      closeDatabase,
      close: async () => {
        await closeDatabase();
        if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await closeDatabase();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Starts a new peak-RSS window for a process (Linux: writing 5 to clear_refs resets VmHWM). */
export function resetPeakRss(pid: number): void {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Not Linux, or not allowed: the peak then counts from the process start.
  }
}

/** Peak resident memory of a process so far, from /proc (Linux): VmHWM, in MiB. Null where /proc is missing. */
export function peakRssMiB(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}
