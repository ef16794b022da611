import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, PGLITE_SHARED_BUFFERS } from '../sync-server/db/database';
import { migrate } from '../sync-server/db/migrations';

/**
 * The floors of issue 18's start measures: the same database work done the plainest way, each in its own
 * node process as the product is (so node's own start-up is in both). `node start-bench.cjs --floor KIND ...`
 * runs one and exits; the parent times the whole process.
 */
export async function runFloor(kind: string, args: string[]): Promise<void> {
  if (kind === 'pglite-fresh') {
    // A new folder from the template, opened: what `npm start` on a new folder cannot do with less.
    const [template, dataDir] = args as [string, string];
    fs.mkdirSync(dataDir, { recursive: true });
    fs.cpSync(path.join(template, 'pgdata'), path.join(dataDir, 'pgdata'), { recursive: true });
    await openAndQuery(path.join(dataDir, 'pgdata'));
  } else if (kind === 'pglite-existing') {
    await openAndQuery(path.join(args[0]!, 'pgdata'));
  } else if (kind === 'postgres-empty') {
    // An empty database migrated through the product's driver: the first start's database work.
    const db = await openDatabase({ kind: 'postgres', url: args[0]! });
    await migrate(db);
    await db.close();
  } else if (kind === 'postgres-query') {
    const db = await openDatabase({ kind: 'postgres', url: args[0]! });
    await db.query({ text: 'SELECT id FROM workspaces', values: [] });
    await db.close();
  } else if (kind !== 'node') {
    throw new Error(`unknown floor ${kind}`);
  }
}

/** CROSSDOCK_PGLITE_SHARED_BUFFERS reaches the product's processes and the floors alike. */
const SHARED_BUFFERS: Record<string, string> = process.env.CROSSDOCK_PGLITE_SHARED_BUFFERS
  ? { CROSSDOCK_PGLITE_SHARED_BUFFERS: process.env.CROSSDOCK_PGLITE_SHARED_BUFFERS }
  : {};

async function openAndQuery(folder: string): Promise<void> {
  const { PGlite } = await import('@electric-sql/pglite');
  // The product's memory setting, so the floor opens the same database the same way.
  const size = process.env.CROSSDOCK_PGLITE_SHARED_BUFFERS ?? PGLITE_SHARED_BUFFERS;
  const pglite = await PGlite.create(folder, {
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${size}`],
  });
  await pglite.query('SELECT 1');
  await pglite.close();
}

/** Milliseconds until the process exits (it must exit 0). */
export function timedProcess(args: string[], env: Record<string, string> = {}, cwd?: string): Promise<number> {
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', ...SHARED_BUFFERS, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    cwd,
  });
  let err = '';
  child.stderr!.on('data', (chunk) => (err += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) reject(new Error(`${args.join(' ')} exited with ${code}: ${err}`));
      else resolve(Number(process.hrtime.bigint() - start) / 1e6);
    });
  });
}

/**
 * Milliseconds from spawning `node main.cjs` until GET /healthz answers 200 (polled every 10 ms); then it is
 * stopped (SIGTERM, not timed) and its exit awaited, so its folder is free again. With `buildScript`, what
 * `npm start` does: `node scripts/build.mjs server` first, inside the timed span.
 */
export async function timedHealthy(
  mainCjs: string,
  env: Record<string, string>,
  buildScript?: string,
): Promise<number> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const start = process.hrtime.bigint();
  if (buildScript) await timedProcess([buildScript, 'server'], {}, path.dirname(path.dirname(buildScript)));
  const child = spawn(process.execPath, [mainCjs], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...SHARED_BUFFERS,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (chunk) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${err}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return Number(process.hrtime.bigint() - start) / 1e6;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}
