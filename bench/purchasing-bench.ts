import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freshBenchDatabase, startBenchServer } from './bench-server';
import { printTable, runBench } from './bench-report';

/**
 * DESIGN 7: purchase suggestions over 1,000,000 order lines in ≤ 2 s on PostgreSQL. 20,000 SKUs,
 * 500,000 orders of 2 lines spread over the last 90 days (one in twenty cancelled; a quarter to Germany),
 * stock for every SKU in the main warehouse and for one SKU in ten also in a German one (rows per
 * warehouse, demand routed by country), a stock-out of 3 days for one line in three, the workspace
 * leaving stock-out days out, 50 suppliers. Data is written straight into the database (this measures the suggestions, not imports);
 * timed: GET /v1/purchasing/suggestions, from request to the full answer. Median of 3.
 */
const SKUS = Number(process.env.BENCH_SKUS ?? 20_000);
const ORDERS = Number(process.env.BENCH_PURCHASE_ORDERS ?? 500_000);
const TODAY = '2026-11-27';

async function seed(query: (text: string, values?: unknown[]) => Promise<unknown>, workspaceId: string): Promise<void> {
  await query(
    `INSERT INTO suppliers (workspace_id, code, name, lead_days, qc_days, transit_days, moq, pack, version, change_no, updated_at, updated_by)
               SELECT $1, 'SUP' || g, 'Supplier ' || g, 5 + g % 20, 2, 10, 100, 10, 1, 1, now(), 'bench' FROM generate_series(1, 50) g`,
    [workspaceId],
  );
  await query(
    `INSERT INTO products (workspace_id, sku, name_en, attributes, supplier, safety_stock, coverage_days, active, version, change_no, updated_at, updated_by)
               SELECT $1, 'S' || lpad(g::text, 6, '0'), 'Product ' || g, ARRAY['general'], 'SUP' || (1 + g % 50), 5, 30, true, 1, 1, now(), 'bench'
                 FROM generate_series(1, $2::int) g`,
    [workspaceId, SKUS],
  );
  await query(
    `INSERT INTO warehouses (workspace_id, code, name, countries, rank, active, version, change_no, updated_at, updated_by)
               VALUES ($1, 'W1', 'Main', '{}', 2, true, 1, 1, now(), 'bench'), ($1, 'DE1', 'Germany', '{DE}', 1, true, 1, 1, now(), 'bench')`,
    [workspaceId],
  );
  await query(
    `INSERT INTO stock (workspace_id, stock_key, sku, warehouse, on_hand, reserved, version, change_no, updated_at, updated_by)
               SELECT $1, 'S' || lpad(g::text, 6, '0') || '@' || w, 'S' || lpad(g::text, 6, '0'), w, g % 200, 0, 1, 1, now(), 'bench'
                 FROM generate_series(1, $2::int) g CROSS JOIN unnest(ARRAY['W1', 'DE1']) w WHERE w = 'W1' OR g % 10 = 0`,
    [workspaceId, SKUS],
  );
  // Every line existed 90 days ago; one in three was out of stock for 3 days in the last 30.
  await query(
    `INSERT INTO stock_outs (workspace_id, stock_key, started_at, ended_at)
               SELECT workspace_id, stock_key, '-infinity', $2::timestamptz - interval '90 days' FROM stock WHERE workspace_id = $1
               UNION ALL
               SELECT workspace_id, stock_key, $2::timestamptz - ((2 + abs(hashtext(stock_key)) % 25) || ' days')::interval, $2::timestamptz - ((abs(hashtext(stock_key)) % 25 - 1) || ' days')::interval
                 FROM stock WHERE workspace_id = $1 AND abs(hashtext(stock_key)) % 3 = 0`,
    [workspaceId, `${TODAY}T00:00:00Z`],
  );
  await query(
    `INSERT INTO workspace_settings (workspace_id, purchasing) VALUES ($1, '{"leaveOutStockOutDays": true}')
               ON CONFLICT (workspace_id) DO UPDATE SET purchasing = excluded.purchasing`,
    [workspaceId],
  );
  await query(
    `INSERT INTO orders (workspace_id, order_no, channel, external_id, status, payment_method, country, ordered_at, imported_at, version, change_no, updated_at, updated_by)
               SELECT $1, 'B' || g, 'template', 'B' || g, CASE WHEN g % 20 = 0 THEN 'cancelled' ELSE 'delivered' END, 'prepaid', CASE WHEN g % 4 = 0 THEN 'DE' ELSE 'FR' END,
                      $3::timestamptz - ((g % 90) || ' days')::interval - ((g % 24) || ' hours')::interval, now(), 1, 1, now(), 'bench'
                 FROM generate_series(1, $2::int) g`,
    [workspaceId, ORDERS, `${TODAY}T00:00:00Z`],
  );
  await query(
    `INSERT INTO order_lines (workspace_id, order_no, line_no, sku, channel_sku, qty)
               SELECT $1, 'B' || g, l, 'S' || lpad((1 + (g * 7 + l * 13) % $3::int)::text, 6, '0'), 'x', 1 + (g + l) % 3
                 FROM generate_series(1, $2::int) g CROSS JOIN generate_series(1, 2) l`,
    [workspaceId, ORDERS, SKUS],
  );
  await query('ANALYZE');
}

async function measure(label: string, url: string, key: string): Promise<string> {
  const runs: number[] = [];
  let count = 0;
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    const response = await fetch(`${url}/v1/purchasing/suggestions?today=${TODAY}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const body = (await response.json()) as { suggestions: unknown[] };
    runs.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (response.status !== 200) throw new Error(JSON.stringify(body).slice(0, 300));
    count = body.suggestions.length;
  }
  const median = [...runs].sort((a, b) => a - b)[1]!;
  const target = label === 'PostgreSQL' ? 2000 : null;
  return `| ${label} | suggestions: ${count} rows (${SKUS} SKUs) over ${ORDERS * 2} order lines (HTTP) | ${median.toFixed(0)} | ${runs.map((r) => r.toFixed(0)).join(', ')} | ${target ?? '—'} | ${target === null ? '—' : median <= target ? 'yes' : 'NO'} |`;
}

async function workspaceOf(url: string, key: string): Promise<string> {
  const me = (await (await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${key}` } })).json()) as {
    workspace: { id: string };
  };
  return me.workspace.id;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossdock-purchasing-bench-'));
  const lines: string[] = [];
  try {
    // PGlite: one process may open the folder, so the server seeds nothing itself: start, learn the
    // workspace, stop, seed through PGlite directly, start again.
    const first = await startBenchServer({ CROSSDOCK_DATA_DIR: dataDir });
    const workspaceId = await workspaceOf(first.url, first.key);
    await first.stop();
    const { PGlite } = await import('@electric-sql/pglite');
    const lite = await PGlite.create(path.join(dataDir, 'pgdata'));
    await seed((text, values) => lite.query(text, values as unknown[]), workspaceId);
    await lite.close();
    const again = await startBenchServer({ CROSSDOCK_DATA_DIR: dataDir }, false);
    try {
      lines.push(await measure('PGlite', again.url, first.key));
    } finally {
      await again.stop();
    }
    if (process.env.BENCH_DATABASE_URL) {
      const url = await freshBenchDatabase(process.env.BENCH_DATABASE_URL, 'crossdock_purchasing');
      const server = await startBenchServer({ DATABASE_URL: url, CROSSDOCK_DATA_DIR: path.join(dataDir, 'pg') });
      try {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await seed(
          (text, values) => client.query(text, values as unknown[]),
          await workspaceOf(server.url, server.key),
        );
        await client.end();
        lines.push(await measure('PostgreSQL', server.url, server.key));
      } finally {
        await server.stop();
      }
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  printTable(
    'Crossdock purchasing benchmarks',
    ['database', 'measure', 'median ms', 'runs (ms)', 'target ms', 'met'],
    lines,
  );
}

runBench(main);
