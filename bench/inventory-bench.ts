import { BENCH_OVERRIDE } from './bench-report';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshBenchDatabase, startBenchServer } from './bench-server';
import { printTable, runBench } from './bench-report';

/**
 * Issue 4's measures, on PGlite and PostgreSQL (two server processes sharing it):
 * - approvals per second under contention: 1,000 single-order approvals sent at once for 500 units;
 * - one receipt that allocates to 10,000 waiting orders, first approved first.
 */
const RACERS = Number(process.env.BENCH_RACERS ?? 1_000);
const WAITING = Number(process.env.BENCH_WAITING ?? 10_000);

type Server = { url: string; key: string; stop(): Promise<void> };

async function post(server: Server, key: string, route: string, body: unknown): Promise<Record<string, any>> {
  const response = await fetch(server.url + route, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${route}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, any>;
}

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const result = await work();
  return [Number(process.hrtime.bigint() - start) / 1e6, result];
}

function template(prefix: string, count: number, sku: string): string {
  return [
    'Order no.,SKU,Qty,Country',
    ...Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(6, '0')},${sku},1,FR`),
  ].join('\n');
}

async function benchDatabase(label: string, servers: Server[]): Promise<string[]> {
  const [first] = servers;
  const key = first!.key;
  await post(first!, key, '/v1/sync/push', {
    clientId: 'inventory-bench',
    mutationId: 1,
    tables: {
      products: [
        { key: 'RACE', baseVersion: null, values: { name_en: 'Race' } },
        { key: 'WAIT', baseVersion: null, values: { name_en: 'Wait' } },
      ],
      warehouses: [{ key: 'W1', baseVersion: null, values: { name: 'Main' } }],
    },
  });
  await post(first!, key, '/v1/sync/push', {
    clientId: 'inventory-bench',
    mutationId: 2,
    tables: { stock: [{ key: 'RACE@W1', baseVersion: null, values: { on_hand: RACERS / 2 } }] },
  });
  await post(first!, key, '/v1/orders/import', { format: 'template', text: template('R', RACERS, 'RACE') });
  const raceNos = Array.from({ length: RACERS }, (_, i) => `R${String(i).padStart(6, '0')}`);
  const [raceMs, answers] = await timed(() =>
    Promise.all(
      raceNos.map((no, i) =>
        post(servers[i % servers.length]!, key, '/v1/orders/moves', {
          idempotencyKey: `race-${no}`,
          action: 'approve',
          ...BENCH_OVERRIDE,
          orderNos: [no],
        }),
      ),
    ),
  );
  const ready = answers.filter((a) => a.results[0].to === 'pending_shipment').length;
  if (ready !== RACERS / 2) throw new Error(`${ready} orders reserved for ${RACERS / 2} units`);

  await post(first!, key, '/v1/orders/import', { format: 'template', text: template('Q', WAITING, 'WAIT') });
  const waitNos = Array.from({ length: WAITING }, (_, i) => `Q${String(i).padStart(6, '0')}`);
  for (let i = 0; i < WAITING; i += 5000)
    await post(first!, key, '/v1/orders/moves', {
      idempotencyKey: `bench-wait-${i}`,
      action: 'approve',
      ...BENCH_OVERRIDE,
      orderNos: waitNos.slice(i, i + 5000),
    });
  const [receiptMs, receipt] = await timed(() =>
    post(first!, key, '/v1/stock/receipts', {
      idempotencyKey: 'bench-receipt',
      lines: [{ sku: 'WAIT', warehouse: 'W1', qty: WAITING }],
    }),
  );
  if (receipt.received[0].reserved !== WAITING) throw new Error(`receipt reserved ${receipt.received[0].reserved}`);
  return [
    `| ${label} | ${RACERS} single-order approvals sent at once for ${RACERS / 2} units (${servers.length} server process${servers.length > 1 ? 'es' : ''}) | ${raceMs.toFixed(0)} | ${((RACERS / raceMs) * 1000).toFixed(0)} approvals/s, exactly ${ready} reserved |`,
    `| ${label} | one receipt allocating to ${WAITING} waiting orders (FIFO, all to pending shipment) | ${receiptMs.toFixed(0)} | ${((WAITING / receiptMs) * 1000).toFixed(0)} orders/s |`,
  ];
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossdock-inventory-bench-'));
  const lines: string[] = [];
  try {
    const lite = await startBenchServer({ CROSSDOCK_DATA_DIR: dataDir });
    try {
      lines.push(...(await benchDatabase('PGlite', [lite])));
    } finally {
      await lite.stop();
    }
    if (process.env.BENCH_DATABASE_URL) {
      const url = await freshBenchDatabase(process.env.BENCH_DATABASE_URL, 'crossdock_inventory');
      const a = await startBenchServer({ DATABASE_URL: url, CROSSDOCK_DATA_DIR: path.join(dataDir, 'a') });
      const b = await startBenchServer({ DATABASE_URL: url, CROSSDOCK_DATA_DIR: path.join(dataDir, 'b') }, false);
      try {
        lines.push(...(await benchDatabase('PostgreSQL', [a, b])));
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  printTable('Crossdock inventory benchmarks', ['database', 'measure', 'ms', 'rate'], lines);
}

runBench(main);
