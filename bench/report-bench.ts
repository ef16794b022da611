import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freshBenchDatabase, startBenchServer } from './bench-server';
import { printTable, runBench } from './bench-report';
import { interleavedPairs, median as middle, peakRssMiB, RATIO_HEADERS, ratioRow, timed } from './floor-pairs';
import { seedReportOrders, type Query } from './report-seed';

/**
 * DESIGN 3.8 / issue 15: report data for 1,000,000 order lines in ≤ 2 s on PostgreSQL. 500,000 orders of 2 lines
 * over 90 days in EUR and USD (an FX rate per month), channel fees, every line reserved with its cost in CNY
 * (1,000,000 reservations), half the orders shipped in parcels of one order with an estimated freight, one in
 * a hundred refunded. The report data is kept (report_lines) and recomputed for what changed at the next read.
 * Timed through the server: every line delivered (50 pages of 10,000 orders, JSON; the target, and against a plain
 * SELECT), the same read by a client that parses each page, the read after 1,000 orders changed, the read after a
 * change that recomputes everything or a month; on PostgreSQL also the lines summed in SQL.
 * Median of 3. The interleaved reads run after VACUUM (ANALYZE) of the kept lines; one read times the state before.
 */
const ORDERS = Number(process.env.BENCH_REPORT_ORDERS ?? 500_000);

async function median(run: () => Promise<unknown>, before?: () => Promise<unknown>, times = 3) {
  const runs: number[] = [];
  for (let i = 0; i < times; i++) {
    await before?.();
    const start = process.hrtime.bigint();
    await run();
    runs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { median: [...runs].sort((a, b) => a - b)[Math.floor(times / 2)]!, runs };
}

function row(label: string, measure: string, result: { median: number; runs: number[] }, target: number | null) {
  const met = target === null ? '—' : result.median <= target ? 'yes' : 'NO';
  return `| ${label} | ${measure} | ${result.median.toFixed(0)} | ${result.runs.map((r) => r.toFixed(0)).join(', ')} | ${target ?? '—'} | ${met} |`;
}

/**
 * Every page of the report over HTTP, 10,000 orders a page, each next page asked for as soon as the Link header
 * names it. `parse`: the client parses each page's JSON (while the server writes the next) and the lines are
 * counted; otherwise the pages are only received (what the server delivers): the bytes are counted as they come.
 */
async function readAll(url: string, key: string, parse: boolean): Promise<number> {
  const get = (after: string | null) =>
    fetch(`${url}/v1/reports/order-lines?limit=10000${after ? `&after=${encodeURIComponent(after)}` : ''}`, {
      headers: { authorization: `Bearer ${key}` },
    });
  let count = 0;
  let response = await get(null);
  for (;;) {
    if (response.status !== 200) throw new Error(`${response.status}: ${(await response.text()).slice(0, 300)}`);
    const link = /[?&]after=([^&>]+)[^>]*>; rel="next"/.exec(response.headers.get('link') ?? '');
    const next = link ? get(decodeURIComponent(link[1]!)) : null;
    if (parse) count += ((await response.json()) as { rows: unknown[] }).rows.length;
    else for await (const chunk of response.body!) count += (chunk as Uint8Array).byteLength;
    if (!next) return count;
    response = await next;
  }
}

/**
 * The floor of reading every line: the kept lines' columns by a plain SELECT through the same driver (pg), in
 * pages of 20,000 lines by the primary key, rows as pg gives them (no JSON, no HTTP).
 */
async function floorRead(query: Query, workspaceId: string): Promise<number> {
  let after: [string, number] = ['', 0];
  let lines = 0;
  for (;;) {
    const page = await query(
      `SELECT order_no, line_no, order_date, month, channel, country, sku, product, sales_owner, status, qty, currency,
              revenue, shipping, discounts, platform_fee, payment_fee, cogs, freight, refunds, profit, missing
         FROM report_lines WHERE workspace_id = $1 AND (order_no, line_no) > ($2, $3)
        ORDER BY order_no, line_no LIMIT 20000`,
      [workspaceId, ...after],
    );
    lines += page.rows.length;
    if (page.rows.length < 20000) return lines;
    const last = page.rows[page.rows.length - 1]!;
    after = [String(last.order_no), Number(last.line_no)];
  }
}

const ratios: string[] = [];
const mb = (bytes: number) => (bytes / 1e6).toFixed(0);

/** Times, through the server: a full recomputation, one after 1,000 orders changed, and reading every line. */
async function measure(
  label: string,
  query: Query,
  workspaceId: string,
  url: string,
  key: string,
  pid: number,
): Promise<string[]> {
  const page = () => fetch(`${url}/v1/reports/order-lines?limit=1`, { headers: { authorization: `Bearer ${key}` } });
  const markAll = () => query(`INSERT INTO report_dirty (workspace_id, order_no) VALUES ($1, NULL)`, [workspaceId]);
  let round = 0;
  const touch = () =>
    query(
      `UPDATE orders SET updated_at = now() WHERE workspace_id = $1
          AND order_no IN (SELECT 'B' || lpad((g * 499 + $2::int)::text, 7, '0') FROM generate_series(1, 1000) g)`,
      [workspaceId, ++round],
    );
  // BENCH_REPORT_SKIP_FULL=1: leave out the three full recomputations (~2 minutes at 500,000 orders).
  const full = process.env.BENCH_REPORT_SKIP_FULL ? null : await median(page, markAll);
  if (!full) await page(); // the seed's first computation, untimed
  // A rate of one month typed (the seed's orders span 90 days ending 2026-11-27: October is a whole month).
  const markMonth = () => query(`INSERT INTO report_dirty (workspace_id, month) VALUES ($1, '2026-10')`, [workspaceId]);
  const monthOrders = await query(
    `SELECT count(DISTINCT order_no)::int AS n FROM report_lines WHERE workspace_id = $1 AND month = '2026-10'`,
    [workspaceId],
  );
  const month = process.env.BENCH_REPORT_SKIP_FULL ? null : await median(page, markMonth);
  const some = await median(page, touch);
  let bytes = 0;
  // The recomputes above rewrote every line up to four times: until (auto)vacuum has run, an index scan also
  // visits each dead version. Timed once in that state, then vacuumed as autovacuum would within its naptime.
  const beforeVacuum = await median(async () => (bytes = await readAll(url, key, false)), undefined, 1);
  await query(`VACUUM (ANALYZE) report_lines, report_order_json`);
  // Every line delivered over HTTP against its floor, in interleaved pairs (bench/floor-pairs.ts).
  const pairs = await interleavedPairs({
    product: () => timed(async () => (bytes = await readAll(url, key, false))),
    floor: () => timed(() => floorRead(query, workspaceId)),
    pairs: Number(process.env.BENCH_PAIRS ?? 3),
  });
  const all = { median: middle(pairs.product), runs: pairs.product };
  const rss = peakRssMiB(pid);
  ratios.push(
    ratioRow(
      label,
      `all ${ORDERS * 2} order lines: HTTP JSON pages delivered vs plain SELECT (server peak RSS ${rss?.toFixed(0)} MiB)`,
      pairs,
      1.5,
    ),
  );
  let lines = 0;
  const parsed = await median(async () => (lines = await readAll(url, key, true)));
  const target = label === 'PostgreSQL' ? 2000 : null;
  const out = [
    row(
      label,
      `report data: all ${lines} order lines delivered (HTTP, 10,000 orders a page, ${mb(bytes)} MB)`,
      all,
      target,
    ),
    row(
      label,
      'report data: the same read by a client that parses every page (JSON.parse, next page asked first)',
      parsed,
      null,
    ),
    row(label, 'report data: all lines delivered right after the recomputes, before vacuum (once)', beforeVacuum, null),
    row(label, 'kept up to date: 1,000 orders changed, computed again at the next read', some, null),
  ];
  if (full) out.push(row(label, `computed from scratch (the base currency changed): ${ORDERS * 2} lines`, full, null));
  if (month)
    out.push(row(label, `a month's rate changed: its ${monthOrders.rows[0]!.n} orders computed again`, month, null));
  if (label === 'PostgreSQL') {
    const sqlRead = await median(() =>
      query(`SELECT count(*), sum(profit), count(missing) FROM report_lines WHERE workspace_id = $1`, [workspaceId]),
    );
    out.push(row(label, 'report data: all lines summed where they are kept (SQL)', sqlRead, null));
  }
  return out;
}

async function workspaceOf(url: string, key: string): Promise<string> {
  const me = (await (await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${key}` } })).json()) as {
    workspace: { id: string };
  };
  return me.workspace.id;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossdock-report-bench-'));
  const lines: string[] = [];
  try {
    if (!process.env.BENCH_SKIP_PGLITE) {
      // PGlite: one process may open the folder: seed with the server stopped, then time through the server
      // (marking changes through a second PGlite is not possible while the server holds the folder: the
      // PGlite rows time the first read, which computes everything, and reading every line).
      const first = await startBenchServer({ CROSSDOCK_DATA_DIR: dataDir });
      const workspaceId = await workspaceOf(first.url, first.key);
      await first.stop();
      const { PGlite } = await import('@electric-sql/pglite');
      const lite = await PGlite.create(path.join(dataDir, 'pgdata'));
      await seedReportOrders(
        ORDERS,
        (text, values) => lite.query(text, values as unknown[]) as ReturnType<Query>,
        workspaceId,
      );
      await lite.close();
      const again = await startBenchServer({ CROSSDOCK_DATA_DIR: dataDir }, false);
      try {
        const start = process.hrtime.bigint();
        await fetch(`${again.url}/v1/reports/order-lines?limit=1`, {
          headers: { authorization: `Bearer ${first.key}` },
        });
        const firstRead = Number(process.hrtime.bigint() - start) / 1e6;
        lines.push(
          row(
            'PGlite',
            `computed from scratch at the first read: ${ORDERS * 2} lines`,
            { median: firstRead, runs: [firstRead] },
            null,
          ),
        );
        let count = 0;
        const all = await median(async () => (count = await readAll(again.url, first.key, true)));
        lines.push(row('PGlite', `report data: all ${count} order lines read (HTTP, 10,000 orders a page)`, all, null));
      } finally {
        await again.stop();
      }
    }
    if (process.env.BENCH_DATABASE_URL && !process.env.BENCH_SKIP_POSTGRES) {
      const url = await freshBenchDatabase(process.env.BENCH_DATABASE_URL, 'crossdock_report');
      const server = await startBenchServer({ DATABASE_URL: url, CROSSDOCK_DATA_DIR: path.join(dataDir, 'pg') });
      try {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        const pgQuery: Query = (text, values) => client.query(text, values as unknown[]);
        const workspaceId = await workspaceOf(server.url, server.key);
        await seedReportOrders(ORDERS, pgQuery, workspaceId);
        lines.push(...(await measure('PostgreSQL', pgQuery, workspaceId, server.url, server.key, server.pid)));
        await client.end();
      } finally {
        await server.stop();
      }
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  printTable(
    'Crossdock report benchmarks',
    ['database', 'measure', 'median ms', 'runs (ms)', 'target ms', 'met'],
    lines,
  );
  if (ratios.length) printTable('Report data read against its floor', RATIO_HEADERS, ratios);
}

runBench(main);
