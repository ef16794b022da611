import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startSandboxCarrier } from '../sync-server/logistics/carriers/sandbox/sandbox-server';
import { freshBenchDatabase, startBenchServer } from './bench-server';
import { printTable, runBench } from './bench-report';

/**
 * DESIGN 7: shipment planning with carrier choice for 10,000 orders ≤ 2 s on PostgreSQL. 10,000 orders
 * pending shipment (one in three with 2 lines; one customer in five with two orders, which merge), their
 * units reserved in two warehouses, 2,000 SKUs (one in ten a battery, one in twenty a liquid), 6 carrier
 * services with rate cards of 5 bands each to FR and DE, two of them capped. Data is written straight into
 * the database. Timed over HTTP: the dry run (plan + carrier choice, nothing written; median of 3), then
 * the confirmed plan (10,000 orders into draft shipments, written, once). Then booking throughput: 500
 * parcels booked in requests of 50 against the sandbox carrier (a local HTTP server).
 */
const ORDERS = Number(process.env.BENCH_SHIPPING_ORDERS ?? 10_000);
const SKUS = 2000;

type Query = (text: string, values?: unknown[]) => Promise<unknown>;

async function seed(query: Query, workspaceId: string): Promise<void> {
  const at = `now(), 'bench'`;
  await query(
    `INSERT INTO products (workspace_id, sku, name_en, attributes, weight_g, length_cm, width_cm, height_cm, declared_name_en,
                           hs_code, declared_value, declared_currency, active, version, change_no, updated_at, updated_by)
     SELECT $1, 'S' || g, 'Product ' || g,
            CASE WHEN g % 10 = 0 THEN ARRAY['battery', 'general'] WHEN g % 20 = 5 THEN ARRAY['general', 'liquid'] ELSE ARRAY['general'] END,
            50 + g % 900, 10 + g % 30, 10 + g % 20, 2 + g % 10, 'Item ' || g, '392690', 5, 'USD', true, 1, 1, ${at}
       FROM generate_series(1, $2::int) g`,
    [workspaceId, SKUS],
  );
  await query(
    `INSERT INTO warehouses (workspace_id, code, name, countries, rank, active, version, change_no, updated_at, updated_by)
     VALUES ($1, 'DE1', 'Berlin', '{DE,FR}', 1, true, 1, 1, ${at}), ($1, 'FR1', 'Paris', '{FR}', 2, true, 1, 1, ${at})`,
    [workspaceId],
  );
  const services = [
    ['ECO', 'manual', '{general}', 30, null],
    ['STD', 'sandbox', '{general}', 20, 3000],
    ['BAT', 'sandbox', '{general,battery}', 20, null],
    ['LIQ', 'manual', '{general,liquid}', 25, null],
    ['EXP', 'sandbox', '{general,battery}', 40, 500],
    ['OFF', 'manual', '{general}', 1, null],
  ] as const;
  for (const [code, adapter, attributes, priority, capacity] of services)
    await query(
      `INSERT INTO carriers (workspace_id, code, name, adapter, carrier_product, countries, attributes, max_weight_g, daily_capacity,
                             priority, volumetric_divisor, fuel_surcharge_pct, active, version, change_no, updated_at, updated_by)
       VALUES ($1, $2, $2, $3, 'P-' || $2, '{FR,DE}', $4::text[], 30000, $5, $6, 6000, 8.5, $2 <> 'OFF', 1, 1, ${at})`,
      [workspaceId, code, adapter, attributes, capacity, priority],
    );
  await query(
    `INSERT INTO rates (workspace_id, rate_key, service, zone, countries, from_g, to_g, first_g, first_price, step_g, step_price, currency,
                        version, change_no, updated_at, updated_by)
     SELECT $1, c.code || '@' || z || '@' || b.f, c.code, z, '{}', b.f, b.t, 100, 20 + length(c.code), 100, 4.5, 'CNY', 1, 1, ${at}
       FROM carriers c CROSS JOIN unnest(ARRAY['FR', 'DE']) z
       CROSS JOIN (VALUES (0, 500), (500, 1000), (1000, 2000), (2000, 5000), (5000, 30000)) b(f, t)
      WHERE c.workspace_id = $1`,
    [workspaceId],
  );
  // One customer in five orders twice (orders g and g + 1 for g % 5 = 0 share recipient).
  await query(
    `INSERT INTO orders (workspace_id, order_no, channel, external_id, status, payment_method, recipient_name, phone, address1,
                         postal_code, country, ordered_at, approved_at, imported_at, version, change_no, updated_at, updated_by)
     SELECT $1, 'P' || g, 'template', 'P' || g, 'pending_shipment', 'prepaid', 'Client ' || (g - g % 5 + CASE WHEN g % 5 = 1 THEN 0 ELSE g % 5 END),
            '+3361234' || lpad((g - CASE WHEN g % 5 = 1 THEN 1 ELSE 0 END)::text, 6, '0'),
            (g - CASE WHEN g % 5 = 1 THEN 1 ELSE 0 END) || ' rue de la Paix', '75002', CASE WHEN g % 4 = 0 THEN 'DE' ELSE 'FR' END,
            now(), now(), now(), 1, 1, ${at}
       FROM generate_series(1, $2::int) g`,
    [workspaceId, ORDERS],
  );
  await query(
    `INSERT INTO order_lines (workspace_id, order_no, line_no, sku, channel_sku, qty)
     SELECT $1, 'P' || g, l, 'S' || (1 + (g * 7 + l * 13) % $3::int), 'x', 1 + (g + l) % 2
       FROM generate_series(1, $2::int) g CROSS JOIN generate_series(1, 2) l WHERE l = 1 OR g % 3 = 0`,
    [workspaceId, ORDERS, SKUS],
  );
  await query(
    `INSERT INTO stock (workspace_id, stock_key, sku, warehouse, on_hand, reserved, version, change_no, updated_at, updated_by)
     SELECT $1, p.sku || '@' || w, p.sku, w, 1000, 0, 1, 1, ${at} FROM products p CROSS JOIN unnest(ARRAY['DE1', 'FR1']) w
      WHERE p.workspace_id = $1`,
    [workspaceId],
  );
  // Lines of French orders divisible by 7 sit in Paris, the rest in Berlin.
  await query(
    `INSERT INTO reservations (workspace_id, order_no, line_no, stock_key, sku, warehouse, qty, created_at)
     SELECT l.workspace_id, l.order_no, l.line_no, l.sku || '@' || w.code, l.sku, w.code, l.qty, now()
       FROM order_lines l JOIN orders o ON o.workspace_id = l.workspace_id AND o.order_no = l.order_no
      CROSS JOIN LATERAL (SELECT CASE WHEN o.country = 'FR' AND substr(o.order_no, 2)::int % 7 = 0 THEN 'FR1' ELSE 'DE1' END AS code) w
      WHERE l.workspace_id = $1`,
    [workspaceId],
  );
  await query(
    `UPDATE stock s SET reserved = r.qty FROM (SELECT stock_key, sum(qty) AS qty FROM reservations WHERE workspace_id = $1 GROUP BY stock_key) r
      WHERE s.workspace_id = $1 AND s.stock_key = r.stock_key`,
    [workspaceId],
  );
  await query('ANALYZE');
}

async function post(url: string, key: string, path: string, body: unknown): Promise<{ ms: number; body: any }> {
  const start = process.hrtime.bigint();
  const response = await fetch(url + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (response.status !== 200) throw new Error(`${path}: ${JSON.stringify(answer).slice(0, 300)}`);
  return { ms, body: answer };
}

async function measure(label: string, url: string, key: string): Promise<string[]> {
  const dry: number[] = [];
  let parcels = 0;
  for (let i = 0; i < 3; i++) {
    const run = await post(url, key, '/v1/shipments/plan', { idempotencyKey: `bench-dry-${i}-${label}`, dryRun: true });
    dry.push(run.ms);
    parcels = run.body.shipments.length;
  }
  const median = [...dry].sort((a, b) => a - b)[1]!;
  const confirmed = await post(url, key, '/v1/shipments/plan', { idempotencyKey: `bench-plan-${label}` });
  const sandboxDrafts = confirmed.body.shipments
    .filter((s: { service: string | null }) => s.service === 'STD' || s.service === 'BAT')
    .map((s: { shipmentNo: string }) => s.shipmentNo)
    .slice(0, 500);
  const bookStart = process.hrtime.bigint();
  let booked = 0;
  for (let i = 0; i < sandboxDrafts.length; i += 50) {
    const run = await post(url, key, '/v1/shipments/book', {
      idempotencyKey: `bench-book-${label}-${i}`,
      shipmentNos: sandboxDrafts.slice(i, i + 50),
    });
    booked += run.body.done;
  }
  const bookMs = Number(process.hrtime.bigint() - bookStart) / 1e6;
  const target = label === 'PostgreSQL' ? 2000 : null;
  const met = (ms: number) => (target === null ? '—' : ms <= target ? 'yes' : 'NO');
  return [
    `| ${label} | plan + carrier choice, dry run: ${ORDERS} orders → ${parcels} parcels (HTTP) | ${median.toFixed(0)} | ${dry.map((r) => r.toFixed(0)).join(', ')} | ${target ?? '—'} | ${met(median)} |`,
    `| ${label} | plan confirmed: ${confirmed.body.shipments.length} draft shipments written (HTTP) | ${confirmed.ms.toFixed(0)} | ${confirmed.ms.toFixed(0)} | ${target ?? '—'} | ${met(confirmed.ms)} |`,
    `| ${label} | book labels on the sandbox carrier: ${booked} labels in requests of 50 | ${bookMs.toFixed(0)} | ${((booked / bookMs) * 1000).toFixed(0)} labels/s | — | — |`,
  ];
}

async function workspaceOf(url: string, key: string): Promise<string> {
  const me = (await (await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${key}` } })).json()) as {
    workspace: { id: string };
  };
  return me.workspace.id;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossdock-logistics-bench-'));
  const carrier = await startSandboxCarrier({ port: 0 });
  const lines: string[] = [];
  const carrierEnv = { CROSSDOCK_SANDBOX_CARRIER_URL: carrier.url };
  try {
    const first = await startBenchServer({ CROSSDOCK_DATA_DIR: dataDir, ...carrierEnv });
    const workspaceId = await workspaceOf(first.url, first.key);
    await first.stop();
    const { PGlite } = await import('@electric-sql/pglite');
    const lite = await PGlite.create(path.join(dataDir, 'pgdata'));
    await seed((text, values) => lite.query(text, values as unknown[]), workspaceId);
    await lite.close();
    const again = await startBenchServer({ CROSSDOCK_DATA_DIR: dataDir, ...carrierEnv }, false);
    try {
      lines.push(...(await measure('PGlite', again.url, first.key)));
    } finally {
      await again.stop();
    }
    if (process.env.BENCH_DATABASE_URL) {
      const url = await freshBenchDatabase(process.env.BENCH_DATABASE_URL, 'crossdock_logistics');
      const server = await startBenchServer({
        DATABASE_URL: url,
        CROSSDOCK_DATA_DIR: path.join(dataDir, 'pg'),
        ...carrierEnv,
      });
      try {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await seed(
          (text, values) => client.query(text, values as unknown[]),
          await workspaceOf(server.url, server.key),
        );
        await client.end();
        lines.push(...(await measure('PostgreSQL', server.url, server.key)));
      } finally {
        await server.stop();
      }
    }
  } finally {
    await carrier.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  printTable(
    'Crossdock logistics benchmarks',
    ['database', 'measure', 'median ms', 'runs (ms)', 'target ms', 'met'],
    lines,
  );
}

runBench(main);
