import { BENCH_OVERRIDE } from './bench-report';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshBenchDatabase, startBenchServer } from './bench-server';
import { printTable, runBench } from './bench-report';
import { floorDatabase, interleavedPairs, peakRssMiB, RATIO_HEADERS, ratioRow, timed } from './floor-pairs';
import { floorColumns, insertFloor, type FloorOrder } from './order-import-floor';

/**
 * Issue 3's measures, held to issue 18's floor: import of 20,000 Shopify order rows, from file text to committed
 * (HTTP, auto-review included), against the same rows inserted with plain unnest() SQL, in interleaved pairs;
 * then one bulk approve of 5,000 orders. On PGlite and PostgreSQL; the server runs as its own process.
 */
const ROWS = Number(process.env.BENCH_ORDER_ROWS ?? 20_000);
const ORDERS = ROWS / 2;
const APPROVE = Math.min(5_000, ORDERS / 2);

const HEADER =
  'Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,Payment Method';

/**
 * Round `round`'s orders: new order numbers, and dates a year after the round before, so each round's duplicate
 * check sees only its own file (as the first import into a workspace does). Every tenth customer orders twice.
 */
function roundOrders(round: number): FloorOrder[] {
  const year = 2026 + round;
  return Array.from({ length: ORDERS }, (_, i) => {
    const n = 10000 + round * ORDERS + i;
    const customer = i % 10 === 0 ? i - 1 : i;
    const day = String(1 + (i % 28)).padStart(2, '0');
    return {
      orderNo: `SH-${n}`,
      externalId: `#${n}`,
      orderedAt: new Date(`${year}-10-${day}T08:12:40Z`).toISOString(),
      local: `${year}-10-${day}T09:12:40`,
      offset: '+01:00',
      email: `c${customer}@example.com`,
      phone: `+44 20 7946 ${String(customer % 10000).padStart(4, '0')}`,
      name: `Customer ${customer}`,
      // A third of the addresses hold a comma, so the file has quoted fields, as a real shop's export does.
      address1: customer % 3 === 0 ? `Flat 2, ${customer % 500} Abbey Road` : `${customer % 500} Abbey Road`,
      postalCode: 'NW8 9AY',
      lines: [
        { sku: 'PC-BLK-01', name: 'Phone Case' },
        { sku: 'CB-USBC-1M', name: 'USB-C Cable' },
      ],
    };
  });
}

/**
 * The Shopify export of a round's orders: two line rows per order, later rows leave order columns blank, a field with
 * a comma quoted.
 */
function shopifyFile(orders: readonly FloorOrder[]): string {
  const lines = [HEADER];
  for (const o of orders) {
    const created = `${o.local.replace('T', ' ')} +0100`;
    const a = o.address1.includes(',') ? `"${o.address1}"` : o.address1;
    lines.push(
      `${o.externalId},${o.email},paid,,unfulfilled,,no,GBP,30.00,4.99,5.00,39.99,,0.00,Standard,${created},1,Phone Case,15.00,,PC-BLK-01,true,true,pending,${o.name},${a},${a},,,London,NW8 9AY,ENG,GB,${o.phone},${o.name},${a},${a},,,London,NW8 9AY,ENG,GB,${o.phone},,,,Shopify Payments`,
      `${o.externalId},${o.email},,,,,,,,,,,,,,${created},1,USB-C Cable,15.00,,CB-USBC-1M,true,true,pending,,,,,,,,,,,,,,,,,,,,,,,,`,
    );
  }
  return lines.join('\n');
}

/**
 * One request, timed from sending the body to the answer fully received; reading the answer's JSON is the client's
 * work and is not counted (as in sync-bench).
 */
async function post(url: string, key: string, body: string): Promise<{ ms: number; answer: Record<string, unknown> }> {
  let status = 0;
  let text = '';
  const ms = await timed(async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body,
    });
    status = response.status;
    text = await response.text();
  });
  if (status !== 200) throw new Error(`${url}: ${status} ${text.slice(0, 300)}`);
  return { ms, answer: JSON.parse(text) as Record<string, unknown> };
}

async function benchDatabase(
  label: string,
  kind: 'pglite' | 'postgres',
  env: Record<string, string>,
): Promise<{ ratio: string; rows: string[] }> {
  const server = await startBenchServer(env);
  const floor = await floorDatabase(kind);
  try {
    let productRound = 0;
    let floorRound = 0;
    const result = await interleavedPairs({
      product: async () => {
        const body = JSON.stringify({ format: 'shopify', text: shopifyFile(roundOrders(productRound++)) });
        const { ms, answer } = await post(`${server.url}/v1/orders/import`, server.key, body);
        if (answer.imported !== ORDERS) throw new Error(`imported ${String(answer.imported)}`);
        return ms;
      },
      floor: async () => {
        const columns = floorColumns(roundOrders(floorRound), 1 + floorRound++ * ORDERS);
        return timed(() => insertFloor(floor.db, floor.workspaceId, columns, new Date()));
      },
    });
    const rss = peakRssMiB(server.pid);
    const orderNos = Array.from({ length: APPROVE }, (_, i) => `SH-${10000 + i}`);
    const approveBody = JSON.stringify({
      idempotencyKey: `bench-${label}-${Date.now()}`,
      action: 'approve',
      ...BENCH_OVERRIDE,
      orderNos,
    });
    const { ms: approveMs, answer: approved } = await post(`${server.url}/v1/orders/moves`, server.key, approveBody);
    if (approved.moved !== APPROVE) throw new Error(`approved ${String(approved.moved)}`);
    return {
      ratio: ratioRow(label, `import ${ROWS} Shopify rows (${ORDERS} orders, auto-review, committed)`, result),
      rows: [
        `| ${label} | server peak RSS during ${productRound} imports | ${rss === null ? 'n/a' : `${rss.toFixed(0)} MiB`} | |`,
        `| ${label} | approve ${APPROVE} selected orders in one command | ${approveMs.toFixed(0)} ms | ${((APPROVE / approveMs) * 1000).toFixed(0)} orders/s |`,
      ],
    };
  } finally {
    await floor.close();
    await server.stop();
  }
}

/**
 * A new database's first import of 100 orders, then one of 10,000 (a new shop trying a small file first): the
 * second is timed. The foreign-key checks of its order lines once kept plans made for the tiny table
 * (db/planner-growth.ts).
 */
async function afterSmallFirst(label: string, env: Record<string, string>): Promise<string> {
  const server = await startBenchServer(env);
  try {
    const importFile = async (orders: readonly FloorOrder[]) => {
      const body = JSON.stringify({ format: 'shopify', text: shopifyFile(orders) });
      const { ms, answer } = await post(`${server.url}/v1/orders/import`, server.key, body);
      if (answer.imported !== orders.length) throw new Error(`imported ${String(answer.imported)}`);
      return ms;
    };
    await importFile(roundOrders(90).slice(0, 100));
    const ms = await importFile(roundOrders(91));
    const measure = `import ${ORDERS} orders right after a new database's first import of 100`;
    return `| ${label} | ${measure} | ${ms.toFixed(0)} ms | ${((ORDERS / ms) * 1000).toFixed(0)} orders/s |`;
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossdock-order-bench-'));
  const results: { ratio: string; rows: string[] }[] = [];
  try {
    if (!process.env.BENCH_SKIP_PGLITE) {
      results.push(await benchDatabase('PGlite', 'pglite', { CROSSDOCK_DATA_DIR: dataDir }));
      const fresh = path.join(dataDir, 'small-first');
      results.push({ ratio: '', rows: [await afterSmallFirst('PGlite', { CROSSDOCK_DATA_DIR: fresh })] });
    }
    if (process.env.BENCH_DATABASE_URL) {
      const url = await freshBenchDatabase(process.env.BENCH_DATABASE_URL, 'crossdock_bench');
      const files = path.join(dataDir, 'pg-files');
      results.push(await benchDatabase('PostgreSQL', 'postgres', { DATABASE_URL: url, CROSSDOCK_DATA_DIR: files }));
      const fresh = await freshBenchDatabase(process.env.BENCH_DATABASE_URL, 'crossdock_small_first');
      const env = { DATABASE_URL: fresh, CROSSDOCK_DATA_DIR: path.join(dataDir, 'pg-small-first') };
      results.push({ ratio: '', rows: [await afterSmallFirst('PostgreSQL', env)] });
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  printTable(
    'Order import against its floor (issue 18)',
    [...RATIO_HEADERS],
    results.map((r) => r.ratio).filter(Boolean),
  );
  printTable(
    'Crossdock order benchmarks',
    ['database', 'measure', 'result', 'rate'],
    results.flatMap((r) => r.rows),
  );
}

runBench(main);
