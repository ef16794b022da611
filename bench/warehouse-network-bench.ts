import { BENCH_OVERRIDE } from './bench-report';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshBenchDatabase, startBenchServer } from './bench-server';
import { printTable, runBench } from './bench-report';

/**
 * The warehouse-network issue's measure, on PGlite and PostgreSQL: 10,000 approved orders to a country no
 * warehouse ships to (they wait, out of purchasing), then one sync push that adds the country to the
 * warehouse holding their stock — timed from the push to its answer, which allocates every one of them in
 * its transaction (target ≤ 2 s on PostgreSQL).
 */
const WAITING = Number(process.env.BENCH_WAITING ?? 10_000);

type Server = { url: string; key: string; stop(): Promise<void> };

async function call(server: Server, method: string, route: string, body?: unknown): Promise<Record<string, any>> {
  const response = await fetch(server.url + route, {
    method,
    headers: { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${route}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, any>;
}

async function benchDatabase(label: string, server: Server): Promise<string> {
  const push = (mutationId: number, tables: Record<string, unknown[]>) =>
    call(server, 'POST', '/v1/sync/push', { clientId: 'network-bench', mutationId, tables });
  await push(1, {
    products: [{ key: 'NET', baseVersion: null, values: { name_en: 'Network case' } }],
    warehouses: [
      { key: 'DE1', baseVersion: null, values: { name: 'Berlin', countries: ['DE', 'FR'], rank: 1 } },
      { key: 'UK1', baseVersion: null, values: { name: 'London', countries: ['GB'], rank: 2 } },
    ],
  });
  await push(2, { stock: [{ key: 'NET@UK1', baseVersion: null, values: { on_hand: WAITING } }] });
  const numbers = Array.from({ length: WAITING }, (_, i) => `N${String(i).padStart(6, '0')}`);
  const text = ['Order no.,SKU,Qty,Country', ...numbers.map((no) => `${no},NET,1,SA`)].join('\n');
  await call(server, 'POST', '/v1/orders/import', { format: 'template', text });
  for (let i = 0; i < WAITING; i += 5000) {
    const moved = await call(server, 'POST', '/v1/orders/moves', {
      idempotencyKey: `network-approve-${i}`,
      action: 'approve',
      ...BENCH_OVERRIDE,
      orderNos: numbers.slice(i, i + 5000),
    });
    if (moved.results.some((r: { to?: string }) => r.to !== 'approved')) throw new Error('an order left approved');
  }
  const warehouses = await call(server, 'GET', '/v1/sync/pull?since=0&tables=warehouses');
  const uk = warehouses.changes.warehouses.find((r: { key: string }) => r.key === 'UK1');
  const start = process.hrtime.bigint();
  const answer = await push(3, {
    warehouses: [{ key: 'UK1', baseVersion: uk.version, values: { name: 'London', countries: ['GB', 'SA'], rank: 2 } }],
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (answer.results.warehouses[0].status !== 'applied') throw new Error(JSON.stringify(answer.results));
  const stock = await call(server, 'GET', '/v1/sync/pull?since=0&tables=stock');
  const reserved = stock.changes.stock.find((r: { key: string }) => r.key === 'NET@UK1').values.reserved;
  if (reserved !== WAITING) throw new Error(`${reserved} reserved of ${WAITING}`);
  const target = label === 'PostgreSQL' ? 'target 2000 ms: ' + (ms <= 2000 ? 'met' : 'NOT met') : 'no target';
  return `| ${label} | one Warehouses push (UK1 ships to SA) allocating ${WAITING} waiting orders | ${ms.toFixed(0)} | ${((WAITING / ms) * 1000).toFixed(0)} orders/s, all ${WAITING} reserved; ${target} |`;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossdock-network-bench-'));
  const lines: string[] = [];
  try {
    const lite = await startBenchServer({ CROSSDOCK_DATA_DIR: dataDir });
    try {
      lines.push(await benchDatabase('PGlite', lite));
    } finally {
      await lite.stop();
    }
    if (process.env.BENCH_DATABASE_URL) {
      const url = await freshBenchDatabase(process.env.BENCH_DATABASE_URL, 'crossdock_network');
      const pg = await startBenchServer({ DATABASE_URL: url, CROSSDOCK_DATA_DIR: path.join(dataDir, 'pg') });
      try {
        lines.push(await benchDatabase('PostgreSQL', pg));
      } finally {
        await pg.stop();
      }
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  printTable('Crossdock warehouse network benchmarks', ['database', 'measure', 'ms', 'notes'], lines);
}

runBench(main);
