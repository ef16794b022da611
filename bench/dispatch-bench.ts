import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../sync-server/db/database';
import { migrate } from '../sync-server/db/migrations';
import { createApiKey, createWorkspace } from '../sync-server/workflows/workspace-admin';
import { ROLES } from '../domain/access/roles';
import { freshBenchDatabase, startBenchServer } from './bench-server';
import { printTable, runBench } from './bench-report';

/**
 * Issue 16's measure: the dispatch center's Flow (GET /v1/dispatch/overview: counts per status, stuck items,
 * health with the stock-line ledger check, failed runs), the health check as the doctor runs it (ledger since
 * its last clean run, and --full), /metrics and one order's journey, over 1,000,000 orders and
 * 10,000,000 events on PostgreSQL (PGlite: BENCH_DISPATCH_PGLITE_ORDERS, default a tenth). Data is made with
 * generate_series, then VACUUM ANALYZE (the steady state autovacuum keeps); the server runs as its own process.
 */
const ORDERS = Number(process.env.BENCH_DISPATCH_ORDERS ?? 1_000_000);
const PGLITE_ORDERS = Number(process.env.BENCH_DISPATCH_PGLITE_ORDERS ?? ORDERS / 10);
const EVENTS_PER_ORDER = 10;
const RUNS = 5;

/** Status by order number: mostly at rest, a few percent in each waiting status (a busy shop's spread). */
const STATUS = `CASE WHEN i % 100 < 78 THEN 'delivered' WHEN i % 100 < 86 THEN 'shipped'
  WHEN i % 100 < 89 THEN 'pending_shipment' WHEN i % 100 < 91 THEN 'pending_review' WHEN i % 100 < 92 THEN 'pending_contact'
  WHEN i % 100 < 94 THEN 'pending_purchase' WHEN i % 100 < 95 THEN 'approved' ELSE 'cancelled' END`;

function generate(ws: string, orders: number): string[] {
  const at = `(timestamptz '2026-11-30 12:00:00+00' - make_interval(mins => ((i::bigint * 7919) % 129600)::int))`;
  return [
    `INSERT INTO products (workspace_id, sku, name_en, attributes, active, supplier, version, change_no, updated_at, updated_by)
     SELECT '${ws}', 'SKU-' || i, 'Product ' || i, '{}', true, 'SUP' || (i % 20), 1, i, now(), 'bench' FROM generate_series(0, 999) i`,
    `INSERT INTO suppliers (workspace_id, code, lead_days, qc_days, transit_days, moq, pack, version, change_no, updated_at, updated_by)
     SELECT '${ws}', 'SUP' || i, 7 + i, 1, 10, 1, 1, 1, i, now(), 'bench' FROM generate_series(0, 19) i`,
    `INSERT INTO orders (workspace_id, order_no, channel, external_id, status, payment_method, imported_at, version, change_no,
                         updated_at, updated_by, call_attempts)
     SELECT '${ws}', 'SH-' || i, 'shopify', 'x' || i, ${STATUS}, 'prepaid', ${at}, 1, i, ${at}, 'bench', i % 4
       FROM generate_series(1, ${orders}) i`,
    `INSERT INTO order_lines (workspace_id, order_no, line_no, sku, channel_sku, qty, shipped_qty)
     SELECT '${ws}', 'SH-' || i, 1, 'SKU-' || (i % 1000), 'SKU-' || (i % 1000), 1,
            CASE WHEN i % 100 < 86 THEN 1 ELSE 0 END FROM generate_series(1, ${orders}) i`,
    // Stock that agrees with its ledger: each pending-shipment order holds its one unit.
    `INSERT INTO stock (workspace_id, stock_key, sku, warehouse, on_hand, reserved, version, change_no, updated_at, updated_by)
     SELECT '${ws}', 'SKU-' || k || '@W1', 'SKU-' || k, 'W1', 0, 0, 1, k, now(), 'bench' FROM generate_series(0, 999) k`,
    `INSERT INTO reservations (workspace_id, order_no, line_no, stock_key, sku, warehouse, qty, created_at)
     SELECT '${ws}', 'SH-' || i, 1, 'SKU-' || (i % 1000) || '@W1', 'SKU-' || (i % 1000), 'W1', 1, now()
       FROM generate_series(1, ${orders}) i WHERE i % 100 >= 86 AND i % 100 < 89`,
    `UPDATE stock s SET reserved = r.n, on_hand = r.n + 100
       FROM (SELECT stock_key, count(*)::int AS n FROM reservations WHERE workspace_id = '${ws}' GROUP BY stock_key) r
      WHERE s.workspace_id = '${ws}' AND s.stock_key = r.stock_key`,
    `UPDATE stock SET on_hand = 100 WHERE workspace_id = '${ws}' AND reserved = 0`,
    `INSERT INTO stock_adjustments (workspace_id, stock_key, kind, actor, at, on_hand_before, on_hand_after, correlation_id)
     SELECT '${ws}', stock_key, 'created', 'bench', now(), 0, on_hand, 'bench' FROM stock WHERE workspace_id = '${ws}'`,
    // A parcel for every third order that left; most delivered, some on their way, a few in trouble.
    `INSERT INTO shipments (workspace_id, shipment_no, status, warehouse, country, attributes, created_at, created_by,
                            shipped_at, last_event_at, version, change_no, updated_at, updated_by)
     SELECT '${ws}', 'P-' || i,
            CASE WHEN i % 100 < 78 THEN 'delivered' WHEN i % 100 < 84 THEN 'in_transit' WHEN i % 100 < 85 THEN 'exception'
                 ELSE 'shipped' END,
            'W1', 'FR', '{}', ${at}, 'bench', ${at}, CASE WHEN i % 100 < 85 THEN ${at} END, 1, i, ${at}, 'bench'
       FROM generate_series(1, ${orders}) i WHERE i % 100 < 86 AND i % 3 = 0`,
    `INSERT INTO purchase_orders (workspace_id, po_no, supplier, warehouse, status, expected_on, created_at, created_by,
                                  version, change_no, updated_at, updated_by)
     SELECT '${ws}', 'PO-' || i, 'SUP' || (i % 20), 'W1', CASE WHEN i % 10 < 8 THEN 'received' ELSE 'ordered' END,
            date '2026-11-30' - (i % 60) + 20, now(), 'bench', 1, i, now(), 'bench' FROM generate_series(1, ${orders / 100}) i`,
    // The log: ten events an order (import, review, reservations, parcel, carrier updates...), each its correlation.
    `INSERT INTO events (workspace_id, occurred_at, actor, entity, entity_key, action, before, after, correlation_id)
     SELECT '${ws}', ${at.replace(/\bi\b/g, '(i / 10)')}, 'bench',
            CASE WHEN i % 10 < 6 THEN 'orders' ELSE 'shipments' END,
            CASE WHEN i % 10 < 6 THEN 'SH-' || (i / 10) ELSE 'P-' || (i / 10) END,
            (ARRAY['imported', 'approve', 'reserved', 'ship', 'deliver', 'review_updated', 'planned', 'label_booked',
                   'shipped', 'tracking'])[i % 10 + 1],
            NULL, '{"status": "x"}'::jsonb, 'order:SH-' || (i / 10)
       FROM generate_series(10, ${orders * EVENTS_PER_ORDER + 9}) i`,
  ];
}

async function seed(db: Database, orders: number): Promise<{ ws: string; key: string; seconds: number }> {
  const start = Date.now();
  await migrate(db);
  const ws = (await createWorkspace(db, 'Bench shop')).id;
  const key = (await createApiKey(db, { workspaceId: ws, name: 'bench', roles: [...ROLES] })).secret;
  for (const statement of generate(ws, orders)) await db.pool.query(statement);
  await db.pool.query('VACUUM ANALYZE');
  return { ws, key, seconds: (Date.now() - start) / 1000 };
}

async function timedGet(url: string, key: string): Promise<number> {
  const start = process.hrtime.bigint();
  const response = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${text.slice(0, 300)}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function benchDatabase(label: string, env: Record<string, string>, orders: number): Promise<string[]> {
  const config = env.DATABASE_URL
    ? { kind: 'postgres' as const, url: env.DATABASE_URL }
    : { kind: 'pglite' as const, dataDir: env.CROSSDOCK_DATA_DIR! };
  const db = await openDatabase(config);
  let seeded;
  try {
    seeded = await seed(db, orders);
  } finally {
    await db.close();
  }
  const server = await startBenchServer(env, false);
  try {
    const size = `${orders.toLocaleString('en')} orders, ${(orders * EVENTS_PER_ORDER).toLocaleString('en')} events`;
    const rows: string[] = [
      `| ${label} | seed ${size} (generate_series + VACUUM ANALYZE) | ${seeded.seconds * 1000} | - |`,
    ];
    for (const [what, route] of [
      [
        'Flow sheet: GET /v1/dispatch/overview (flow, stuck, health with the stock-line ledger check, failed runs)',
        '/v1/dispatch/overview',
      ],
      ['GET /v1/dispatch/flow (counts per status, oldest age)', '/v1/dispatch/flow'],
      // The warm-up run finds no clean mark and reads every order; the timed runs read what changed since.
      [
        'GET /v1/dispatch/health (ledger: orders changed since the last clean check, as the doctor)',
        '/v1/dispatch/health',
      ],
      ['GET /v1/dispatch/health?full=true (ledger: every order, as doctor --full)', '/v1/dispatch/health?full=true'],
      ['GET /metrics (flow, stuck, jobs, health)', '/metrics'],
      ['one order journey (GET /v1/orders/:orderNo/journey)', `/v1/orders/SH-${Math.floor(orders / 2) + 1}/journey`],
    ] as const) {
      await timedGet(server.url + route, seeded.key); // warm caches and plans
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) times.push(await timedGet(server.url + route, seeded.key));
      rows.push(
        `| ${label} | ${what}, ${size} | ${median(times).toFixed(0)} | median of ${RUNS}, max ${Math.max(...times).toFixed(0)} |`,
      );
    }
    return rows;
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossdock-dispatch-bench-'));
  const lines: string[] = [];
  try {
    if (process.env.BENCH_DATABASE_URL) {
      lines.push(
        ...(await benchDatabase(
          'PostgreSQL',
          {
            DATABASE_URL: await freshBenchDatabase(process.env.BENCH_DATABASE_URL, 'crossdock_bench'),
            CROSSDOCK_DATA_DIR: path.join(dataDir, 'pg-files'),
          },
          ORDERS,
        )),
      );
    }
    if (PGLITE_ORDERS > 0)
      lines.push(
        ...(await benchDatabase('PGlite', { CROSSDOCK_DATA_DIR: path.join(dataDir, 'pglite') }, PGLITE_ORDERS)),
      );
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  printTable('Crossdock dispatch center benchmarks', ['database', 'measure', 'ms', 'note'], lines);
}

runBench(main);
