import { BENCH_OVERRIDE } from './bench-report';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshBenchDatabase, startBenchServer } from './bench-server';
import { printTable, runBench } from './bench-report';

/**
 * Issue 3's measures: import of 20,000 Shopify order rows, from file text to committed (HTTP, auto-review
 * included), and one bulk approve of 5,000 orders; on PGlite and PostgreSQL. The server runs as its own process.
 */
const ROWS = Number(process.env.BENCH_ORDER_ROWS ?? 20_000);
const APPROVE = Math.min(5_000, ROWS / 2);

const HEADER =
  'Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,Payment Method';

/** Two line rows per order; every tenth customer orders twice (so duplicate checks have work to do). */
function shopifyFile(rows: number): string {
  const lines = [HEADER];
  for (let i = 0; i < rows / 2; i++) {
    const customer = i % 10 === 0 ? i - 1 : i;
    const day = String(1 + (i % 28)).padStart(2, '0');
    const created = `2026-10-${day} 09:12:40 +0100`;
    const phone = `+44 20 7946 ${String(customer % 10000).padStart(4, '0')}`;
    const address = `${customer % 500} Abbey Road`;
    lines.push(
      `#${10000 + i},c${customer}@example.com,paid,,unfulfilled,,no,GBP,30.00,4.99,5.00,39.99,,0.00,Standard,${created},1,Phone Case,15.00,,PC-BLK-01,true,true,pending,Customer ${customer},${address},${address},,,London,NW8 9AY,ENG,GB,${phone},Customer ${customer},${address},${address},,,London,NW8 9AY,ENG,GB,${phone},,,,Shopify Payments`,
    );
    lines.push(
      `#${10000 + i},c${customer}@example.com,,,,,,,,,,,,,,${created},1,USB-C Cable,15.00,,CB-USBC-1M,true,true,pending,,,,,,,,,,,,,,,,,,,,,,,,`,
    );
  }
  return lines.join('\n');
}

async function timedPost(url: string, key: string, body: string): Promise<[number, Record<string, unknown>]> {
  const start = process.hrtime.bigint();
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body,
  });
  const text = await response.text();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${text.slice(0, 300)}`);
  return [ms, JSON.parse(text) as Record<string, unknown>];
}

async function benchDatabase(label: string, env: Record<string, string>, file: string): Promise<string[]> {
  const server = await startBenchServer(env);
  try {
    const [importMs, imported] = await timedPost(
      `${server.url}/v1/orders/import`,
      server.key,
      JSON.stringify({ format: 'shopify', text: file }),
    );
    if (imported.imported !== ROWS / 2) throw new Error(`imported ${String(imported.imported)}`);
    const orderNos = Array.from({ length: APPROVE }, (_, i) => `SH-${10000 + i}`);
    const [approveMs, approved] = await timedPost(
      `${server.url}/v1/orders/moves`,
      server.key,
      JSON.stringify({
        idempotencyKey: `bench-${label}-${Date.now()}`,
        action: 'approve',
        ...BENCH_OVERRIDE,
        orderNos,
      }),
    );
    if (approved.moved !== APPROVE) throw new Error(`approved ${String(approved.moved)}`);
    return [
      `| ${label} | import ${ROWS} Shopify rows (${ROWS / 2} orders, auto-review, committed) | ${importMs.toFixed(0)} | ${((ROWS / importMs) * 1000).toFixed(0)} rows/s |`,
      `| ${label} | approve ${APPROVE} selected orders in one command | ${approveMs.toFixed(0)} | ${((APPROVE / approveMs) * 1000).toFixed(0)} orders/s |`,
    ];
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const file = shopifyFile(ROWS);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossdock-order-bench-'));
  const lines: string[] = [];
  try {
    lines.push(...(await benchDatabase('PGlite', { CROSSDOCK_DATA_DIR: dataDir }, file)));
    if (process.env.BENCH_DATABASE_URL) {
      lines.push(
        ...(await benchDatabase(
          'PostgreSQL',
          {
            DATABASE_URL: await freshBenchDatabase(process.env.BENCH_DATABASE_URL, 'crossdock_bench'),
            CROSSDOCK_DATA_DIR: path.join(dataDir, 'pg-files'),
          },
          file,
        )),
      );
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  printTable('Crossdock order benchmarks', ['database', 'measure', 'ms', 'rate'], lines);
}

runBench(main);
