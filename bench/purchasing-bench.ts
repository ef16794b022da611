import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freshBenchDatabase, startBenchServer } from './bench-server';
import { printTable, runBench } from './bench-report';
import { floorDatabase, interleavedPairs, peakRssMiB, RATIO_HEADERS, ratioRow, timed } from './floor-pairs';
import { floorRead, ORDERS, seed, SKUS, TODAY, type Query } from './purchasing-seed';

/**
 * DESIGN 7 and issue 18: purchase suggestions over 1,000,000 order lines (bench/purchasing-seed.ts), in ≤ 2 s on
 * PostgreSQL and within 1.5× of their floor on both databases. Product: GET /v1/purchasing/suggestions over HTTP
 * from a server in its own process, from request to the whole answer received (reading its JSON is the client's
 * work, the add-on on another machine, and stays outside the timed part, as in bench/sync-bench.ts). Floor: the same sums as plain GROUP BYs
 * (`floorRead`) through the same driver on the same data: on PostgreSQL the server's own database; on PGlite,
 * whose folder the server holds, a copy made by the same seed in this process (`floorDatabase`). Interleaved
 * pairs (BENCH_PAIRS, default 5), ratio = median of the per-pair ratios. BENCH_PURCHASE_ORDERS shrinks the data
 * for trial runs; BENCH_SKIP_PGLITE=1 runs PostgreSQL only.
 */
async function suggestions(url: string, key: string): Promise<{ ms: number; count: number }> {
  let text = '';
  let status = 0;
  const ms = await timed(async () => {
    const response = await fetch(`${url}/v1/purchasing/suggestions?today=${TODAY}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    text = await response.text();
    status = response.status;
  });
  if (status !== 200) throw new Error(`${status} ${text.slice(0, 300)}`);
  return { ms, count: (JSON.parse(text) as { suggestions: unknown[] }).suggestions.length };
}

async function workspaceOf(url: string, key: string): Promise<string> {
  const me = (await (await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${key}` } })).json()) as {
    workspace: { id: string };
  };
  return me.workspace.id;
}

type Server = { url: string; key: string; pid: number };

async function pairs(label: string, server: Server, floor: () => Promise<unknown>): Promise<string> {
  const { count } = await suggestions(server.url, server.key);
  const result = await interleavedPairs({
    product: async () => (await suggestions(server.url, server.key)).ms,
    floor: () => timed(floor),
  });
  const rss = peakRssMiB(server.pid);
  console.error(`bench: ${label}: ${count} suggestion rows; server peak RSS ${rss?.toFixed(0) ?? '?'} MiB`);
  return ratioRow(label, `suggestions: ${count} rows, ${SKUS} SKUs, ${ORDERS * 2} order lines (HTTP)`, result);
}

async function pglite(dataDir: string): Promise<string> {
  // One process may open a folder: the server starts once to make its workspace and key, stops, the data
  // is seeded through PGlite directly, and it starts again.
  const first = await startBenchServer({ CROSSDOCK_DATA_DIR: dataDir });
  const workspaceId = await workspaceOf(first.url, first.key);
  await first.stop();
  const { PGlite } = await import('@electric-sql/pglite');
  const lite = await PGlite.create(path.join(dataDir, 'pgdata'));
  await seed((text, values) => lite.query(text, values as unknown[]), workspaceId);
  await lite.close();
  const floor = await floorDatabase('pglite');
  try {
    const query: Query = (text, values) => floor.db.pool.query(text, values as unknown[]);
    await seed(query, floor.workspaceId);
    const server = await startBenchServer({ CROSSDOCK_DATA_DIR: dataDir }, false);
    try {
      return await pairs('PGlite', { ...server, key: first.key }, () => floorRead(query, floor.workspaceId));
    } finally {
      await server.stop();
    }
  } finally {
    await floor.close();
  }
}

async function postgres(admin: string, dataDir: string): Promise<string> {
  const url = await freshBenchDatabase(admin, 'crossdock_purchasing');
  const server = await startBenchServer({ DATABASE_URL: url, CROSSDOCK_DATA_DIR: path.join(dataDir, 'pg') });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const query: Query = (text, values) => client.query(text, values as unknown[]);
    const workspaceId = await workspaceOf(server.url, server.key);
    await seed(query, workspaceId);
    return await pairs('PostgreSQL', server, () => floorRead(query, workspaceId));
  } finally {
    await client.end();
    await server.stop();
  }
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossdock-purchasing-bench-'));
  const rows: string[] = [];
  try {
    if (!process.env.BENCH_SKIP_PGLITE) rows.push(await pglite(dataDir));
    if (process.env.BENCH_DATABASE_URL) rows.push(await postgres(process.env.BENCH_DATABASE_URL, dataDir));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  printTable('Crossdock purchase suggestions against their floor', RATIO_HEADERS, rows);
}

runBench(main);
