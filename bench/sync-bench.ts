import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshBenchDatabase, startBenchServer } from './bench-server';
import { runBench } from './bench-report';

/**
 * DESIGN section 7: push of 10,000 changed rows applied (≤ 2 s PGlite, ≤ 1 s PostgreSQL) and pull of
 * 10,000 changes (≤ 300 ms), measured end to end over HTTP against the real app and database.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

type Result = { database: string; measure: string; runs: number[]; target: number };

function productRows(prefix: string, count: number, baseVersion: number | null, round: number) {
  return Array.from({ length: count }, (_, i) => ({
    key: `${prefix}-${String(i).padStart(6, '0')}`,
    baseVersion,
    values: {
      name_en: `Product ${i} round ${round}`,
      name_zh: `产品 ${i}`,
      attributes: i % 7 === 0 ? ['battery'] : ['general'],
      weight_g: 100 + (i % 900),
      length_cm: '12.5',
      width_cm: '8',
      height_cm: '3.2',
      unit_cost: `${Math.floor((i % 5000) / 100) + round}.${String(i % 100).padStart(2, '0')}`,
      cost_currency: 'USD',
      supplier: `Supplier ${i % 40}`,
      sales_owner: `owner${i % 5}@shop.test`,
      active: true,
    },
  }));
}

async function benchDatabase(label: string, env: Record<string, string>): Promise<Result[]> {
  const server = await startBenchServer(env);
  const url = server.url;
  const key = server.key;
  // The client (the add-on, in production) is another machine: its work (building and serializing the
  // body, parsing the answer) stays outside the timed part. Timed: request sent → answer fully received.
  const call = async (method: string, route: string, body?: string) => {
    const start = process.hrtime.bigint();
    const response = await fetch(url + route, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body,
    });
    const text = await response.text();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (response.status !== 200) throw new Error(`${route}: ${response.status} ${text.slice(0, 300)}`);
    return [ms, JSON.parse(text) as Record<string, unknown>] as const;
  };

  const inserts: number[] = [];
  const updates: number[] = [];
  const pulls: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const prefix = `R${run}`;
    const insertBody = JSON.stringify({
      clientId: `bench-client-${run}`,
      mutationId: 1,
      tables: { products: productRows(prefix, ROWS, null, 0) },
    });
    const updateBody = JSON.stringify({
      clientId: `bench-client-${run}`,
      mutationId: 2,
      tables: { products: productRows(prefix, ROWS, 1, 1) },
    });
    const [insertMs, inserted] = await call('POST', '/v1/sync/push', insertBody);
    const before = Number((inserted as { cursor: number }).cursor) - ROWS;
    const [updateMs, updated] = await call('POST', '/v1/sync/push', updateBody);
    const results = (updated as { results: { products: { status: string; version: number }[] } }).results.products;
    if (results.some((r) => r.status !== 'applied' || r.version !== 2))
      throw new Error('update push did not apply every row');
    const [pullMs, pulled] = await call('GET', `/v1/sync/pull?since=${before + ROWS}&limit=${ROWS}`);
    const changes = (pulled as { changes: { products: unknown[] } }).changes.products.length;
    if (changes !== ROWS) throw new Error(`pull returned ${changes} rows, expected ${ROWS}`);
    inserts.push(insertMs);
    updates.push(updateMs);
    pulls.push(pullMs);
  }
  await server.stop();
  const target = label === 'PGlite' ? 2000 : 1000;
  return [
    { database: label, measure: `push ${ROWS} new rows (HTTP, applied)`, runs: inserts, target },
    { database: label, measure: `push ${ROWS} changed rows (HTTP, applied)`, runs: updates, target },
    { database: label, measure: `pull ${ROWS} changes (HTTP)`, runs: pulls, target: 300 },
  ];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const results: Result[] = [];
  const only = process.env.BENCH_ONLY; // 'pglite' or 'postgres', to profile one
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossdock-bench-'));
  try {
    if (only !== 'postgres') results.push(...(await benchDatabase('PGlite', { CROSSDOCK_DATA_DIR: dataDir })));
    if (process.env.BENCH_DATABASE_URL && only !== 'pglite') {
      results.push(
        ...(await benchDatabase('PostgreSQL', {
          DATABASE_URL: await freshBenchDatabase(process.env.BENCH_DATABASE_URL, 'crossdock_bench'),
          CROSSDOCK_DATA_DIR: path.join(dataDir, 'pg-files'),
        })),
      );
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(
    `\nCrossdock sync benchmarks — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  console.log('\n| database | measure | median ms | runs (ms) | target ms | met |');
  console.log('|---|---|---|---|---|---|');
  for (const r of results) {
    const m = median(r.runs);
    console.log(
      `| ${r.database} | ${r.measure} | ${m.toFixed(0)} | ${r.runs.map((x) => x.toFixed(0)).join(', ')} | ${r.target} | ${m <= r.target ? 'yes' : 'NO'} |`,
    );
  }
}

runBench(main);
