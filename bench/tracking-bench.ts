import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startTrackingSandbox, type TrackingSandbox } from '../sync-server/tracking/sandbox/tracking-sandbox';
import { freshBenchDatabase, startBenchServer } from './bench-server';
import { printTable, runBench } from './bench-report';

/**
 * DESIGN 7: tracking. (1) A poll cycle over 10,000 active 17TRACK parcels within 1.1× the floor 17TRACK's
 * limits allow (40 numbers a request, 3 requests a second), with no 429. The tracking sandbox enforces those
 * limits; the server process polls it (CROSSDOCK_17TRACK_URL) with its own job runner. Data is written straight
 * into the database: 10,000 shipped orders, each with one shipped parcel and its poll job, due now. Timed:
 * the first cycle (register + fetch: 2 requests per 40 parcels) from the server's start until every job is
 * rescheduled, then a second one (fetch only) after every job is made due again. (2) Webhook ingest: one new
 * checkpoint for each of the 10,000 parcels, signed by the sandbox as 17TRACK does and POSTed to
 * /webhooks/17track, 8 at a time; target ≤ 5 s on PostgreSQL.
 *
 * A cycle ends when no job is due within the hour (a 429 or a failure makes a job due again in seconds or
 * minutes, a polled parcel in hours). On PostgreSQL the benchmark reads the jobs table while the server runs;
 * PGlite lets one process open its folder, so there the end is the cycle's last successful request at the
 * sandbox, and the jobs are checked once the server has stopped (it finishes the batch in hand first).
 */
const SHIPMENTS = Number(process.env.BENCH_TRACKING_SHIPMENTS ?? 10_000);
const BATCH = 40; // 17TRACK numbers per request
const PER_SECOND = 3; // 17TRACK requests per second
const IDLE_MS = 1000; // CROSSDOCK_TRACKING_IDLE_MS: how soon an idle poller sees jobs made due again
const WEBHOOK_CONCURRENCY = 8;
const QUEUE = 'tracking:17track';
const BATCHES = Math.ceil(SHIPMENTS / BATCH);
const HOUR = 3_600_000;
/** The parcels' first scan (polled) and a later one (the webhook's), fixed so the poll's is stored once. */
const FIRST_SCAN = new Date(Date.now() - 24 * HOUR).toISOString();
const SECOND_SCAN = new Date(Date.now() - HOUR).toISOString();

type Query = (text: string, values?: unknown[]) => Promise<{ rows: any[] }>;
const log = (msg: string) => console.error(`bench tracking: ${msg}`);
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const trackingNo = (prefix: string, g: number) => `${prefix}${String(g).padStart(9, '0')}`;

async function seed(query: Query, workspaceId: string, prefix: string): Promise<void> {
  const at = `now(), 'bench'`;
  const sn = `'SH' || lpad(g::text, 6, '0')`;
  const tn = `$3::text || lpad(g::text, 9, '0')`;
  await query(
    `INSERT INTO products (workspace_id, sku, name_en, attributes, weight_g, active, version, change_no, updated_at, updated_by)
     VALUES ($1, 'CASE', 'Phone case', ARRAY['general'], 120, true, 1, 1, ${at})`,
    [workspaceId],
  );
  await query(
    `INSERT INTO warehouses (workspace_id, code, name, countries, rank, active, version, change_no, updated_at, updated_by)
     VALUES ($1, 'DE1', 'Berlin', '{DE,FR}', 1, true, 1, 1, ${at})`,
    [workspaceId],
  );
  await query(
    `INSERT INTO carriers (workspace_id, code, name, adapter, carrier_product, countries, attributes, max_weight_g, priority,
                           volumetric_divisor, fuel_surcharge_pct, tracking_provider, tracking_carrier, active, version, change_no,
                           updated_at, updated_by)
     VALUES ($1, 'T17', 'Tracked at 17TRACK', 'sandbox', 'P-T17', '{FR,DE}', '{general}', 30000, 10, 6000, 0, '17track', NULL, true,
             1, 1, ${at})`,
    [workspaceId],
  );
  await query(
    `INSERT INTO orders (workspace_id, order_no, channel, external_id, status, payment_method, recipient_name, address1, postal_code,
                         country, ordered_at, approved_at, imported_at, parcels, version, change_no, updated_at, updated_by)
     SELECT $1, 'T' || g, 'template', 'T' || g, 'shipped', 'prepaid', 'Client ' || g, g || ' rue de la Paix', '75002', 'FR',
            now() - interval '3 days', now() - interval '3 days', now() - interval '3 days',
            jsonb_build_object('parcels', 1, 'shipped', 1, 'tracking', jsonb_build_array(${tn}), 'statuses', jsonb_build_array('pending')),
            1, 1, ${at}
       FROM generate_series(1, $2::int) g`,
    [workspaceId, SHIPMENTS, prefix],
  );
  await query(
    `INSERT INTO order_lines (workspace_id, order_no, line_no, sku, channel_sku, qty, shipped_qty)
     SELECT $1, 'T' || g, 1, 'CASE', 'x', 1, 1 FROM generate_series(1, $2::int) g`,
    [workspaceId, SHIPMENTS],
  );
  await query(
    `INSERT INTO shipments (workspace_id, shipment_no, status, warehouse, country, attributes, actual_g, service, chargeable_g, freight,
                            freight_currency, tracking_no, carrier_reference, booked_on, created_at, created_by, shipped_at,
                            tracking_provider, tracking_status, version, change_no, updated_at, updated_by)
     SELECT $1, ${sn}, 'shipped', 'DE1', 'FR', '{general}', 120, 'T17', 200, 25, 'CNY', ${tn}, 'R' || g, current_date - 2,
            now() - interval '2 days', 'bench', now() - interval '2 days', '17track', 'pending', 1, 1, ${at}
       FROM generate_series(1, $2::int) g`,
    [workspaceId, SHIPMENTS, prefix],
  );
  await query(
    `INSERT INTO shipment_lines (workspace_id, shipment_no, order_no, line_no, sku, qty)
     SELECT $1, ${sn}, 'T' || g, 1, 'CASE', 1 FROM generate_series(1, $2::int) g`,
    [workspaceId, SHIPMENTS],
  );
  // What startTracking writes when a parcel ships (sync-server/tracking/tracking-jobs.ts): one job each, due now.
  await query(
    `INSERT INTO jobs (queue, key, payload, run_at, created_at)
     SELECT '${QUEUE}', $1::text || '/' || ${sn},
            jsonb_build_object('workspaceId', $1::text, 'shipmentNo', ${sn}, 'trackingNo', ${tn}, 'carrierCode', NULL,
                               'param', NULL, 'reference', ${sn}),
            now(), now()
       FROM generate_series(1, $2::int) g`,
    [workspaceId, SHIPMENTS, prefix],
  );
  await query('ANALYZE');
}

/** The sandbox's parcels: the first scan only, or (for the webhooks) with a second, newer one. */
async function addParcels(sandbox: TrackingSandbox, prefix: string, withSecondScan: boolean): Promise<void> {
  for (let from = 1; from <= SHIPMENTS; from += 1000) {
    const parcels = [];
    for (let g = from; g < Math.min(from + 1000, SHIPMENTS + 1); g++)
      parcels.push({
        trackingNo: trackingNo(prefix, g),
        events: [
          { status: 'in_transit', description: 'Departed sorting center', location: 'Shenzhen, CN', time: FIRST_SCAN },
          ...(withSecondScan
            ? [
                {
                  status: 'in_transit',
                  description: 'Arrived at destination hub',
                  location: 'Paris, FR',
                  time: SECOND_SCAN,
                },
              ]
            : []),
        ],
      });
    const answer = await fetch(`${sandbox.url}/_sandbox/parcels`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ parcels }),
    });
    if (answer.status !== 201) throw new Error(`sandbox parcels: ${answer.status} ${await answer.text()}`);
  }
}

async function waitFor(
  what: string,
  done: () => Promise<boolean> | boolean,
  limitMs: number,
  progress: () => string,
): Promise<number> {
  const start = Date.now();
  let shown = start;
  for (;;) {
    if (await done()) return performance.now();
    if (Date.now() - start > limitMs) throw new Error(`${what}: not done within ${seconds(limitMs)} s (${progress()})`);
    if (Date.now() - shown >= 30_000) {
      shown = Date.now();
      log(`${what}: ${seconds(shown - start)} s, ${progress()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sent = (s: TrackingSandbox) => s.stats().requests['17track'];
const throttled = (s: TrackingSandbox) => s.stats().throttled['17track'];
const progressOf = (s: TrackingSandbox) => () => `the sandbox saw ${sent(s)} requests, ${throttled(s)} × 429`;

type Cycle = { label: string; ms: number; requests: number; throttled: number; maxPerSecond: number; note: string };

/**
 * Times one cycle from `start` (performance.now()) to `end()`; the floor is what the requests the sandbox
 * accepted need at 3 a second (a 429 takes no place in its window).
 */
async function cycle(
  label: string,
  sandbox: TrackingSandbox,
  start: number,
  before: { requests: number; throttled: number },
  end: () => Promise<number>,
  note: string,
): Promise<Cycle> {
  const at = await end();
  const stats = sandbox.stats();
  return {
    label,
    ms: at - start,
    requests: stats.requests['17track'] - before.requests,
    throttled: stats.throttled['17track'] - before.throttled,
    maxPerSecond: stats.maxPerSecond['17track'],
    note,
  };
}

function cycleRow(database: string, c: Cycle): string {
  const accepted = c.requests - c.throttled;
  const floorMs = (accepted / PER_SECOND) * 1000;
  const target = 1.1 * floorMs;
  const met = c.ms <= target && c.throttled === 0;
  return (
    `| ${database} | ${c.label}: ${SHIPMENTS} parcels, floor ${accepted} requests / ${PER_SECOND} per s = ${seconds(floorMs)} s${c.note} ` +
    `| ${seconds(c.ms)} s | ${seconds(target)} s (1.1 × floor) | ${met ? 'yes' : 'NO'} ` +
    `| ${c.requests} requests, ${c.throttled} × 429, max ${c.maxPerSecond} in 1 s (all so far), ${((accepted / c.ms) * 1000).toFixed(2)} req/s |`
  );
}

type Ingest = { ms: number; stored: number; repeated: number; failed: number };

/** One webhook per parcel, each carrying the parcel's new scan, sent by the sandbox WEBHOOK_CONCURRENCY at a time. */
async function sendWebhooks(sandbox: TrackingSandbox, serverUrl: string, prefix: string): Promise<Ingest> {
  await addParcels(sandbox, prefix, true);
  let next = 1;
  const result: Ingest = { ms: 0, stored: 0, repeated: 0, failed: 0 };
  const start = performance.now();
  await Promise.all(
    Array.from({ length: WEBHOOK_CONCURRENCY }, async () => {
      while (next <= SHIPMENTS) {
        const g = next++;
        if (g % 2000 === 0) log(`webhooks: ${g} sent, ${seconds(performance.now() - start)} s`);
        const answer = await fetch(`${sandbox.url}/_sandbox/webhooks`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            provider: '17track',
            url: `${serverUrl}/webhooks/17track`,
            trackingNo: trackingNo(prefix, g),
          }),
        });
        const body = (await answer.json()) as { status?: number; body?: string; error?: string };
        if (answer.status !== 200 || body.status !== 200) {
          if (result.failed++ < 3) log(`webhook ${g}: ${answer.status} ${JSON.stringify(body).slice(0, 300)}`);
          continue;
        }
        const outcome = JSON.parse(body.body!) as { stored: number; repeated: number };
        result.stored += outcome.stored;
        result.repeated += outcome.repeated;
      }
    }),
  );
  result.ms = performance.now() - start;
  return result;
}

function ingestRow(database: string, w: Ingest): string {
  const target = database === 'PostgreSQL' ? 5000 : null;
  const met = target === null ? '—' : w.ms <= target && !w.failed ? 'yes' : 'NO';
  return (
    `| ${database} | webhook ingest: ${SHIPMENTS} signed 17TRACK webhooks, each 1 new event (+ the polled one again), ${WEBHOOK_CONCURRENCY} at a time (HTTP) ` +
    `| ${seconds(w.ms)} s | ${target === null ? '—' : `${seconds(target)} s`} | ${met} ` +
    `| ${w.stored} stored, ${w.repeated} repeated, ${w.failed} failed, ${((SHIPMENTS / w.ms) * 1000).toFixed(0)} webhooks/s |`
  );
}

/** Every job rescheduled past the hour, and how many events each source stored. */
async function checkJobs(query: Query, cycleStart: Date, label: string): Promise<void> {
  const jobs = (
    await query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE run_at < $1::timestamptz)::int AS due,
              count(*) FILTER (WHERE last_error IS NOT NULL)::int AS failed, min(run_at) AS first
         FROM jobs WHERE queue = '${QUEUE}'`,
      [new Date(cycleStart.getTime() + HOUR).toISOString()],
    )
  ).rows[0];
  const events = (await query(`SELECT source, count(*)::int AS n FROM tracking_events GROUP BY source ORDER BY source`))
    .rows;
  log(`${label}: jobs ${JSON.stringify(jobs)}, events ${JSON.stringify(events)}`);
  if (jobs.total !== SHIPMENTS || jobs.due !== 0)
    throw new Error(`${label}: ${jobs.due} of ${jobs.total} jobs are not rescheduled (${jobs.failed} with an error)`);
}

const dueWithinTheHour = async (query: Query, cycleStart: Date) =>
  (
    await query(`SELECT count(*)::int AS due FROM jobs WHERE queue = '${QUEUE}' AND run_at < $1::timestamptz`, [
      new Date(cycleStart.getTime() + HOUR).toISOString(),
    ])
  ).rows[0].due as number;

function registrationsOk(sandbox: TrackingSandbox): string {
  const counts = Object.values(sandbox.stats().registrations['17track']);
  const twice = counts.filter((n) => n > 1).length;
  return `${counts.length} numbers registered, ${twice} more than once`;
}

async function workspaceOf(url: string, key: string): Promise<string> {
  const me = (await (await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${key}` } })).json()) as {
    workspace: { id: string };
  };
  return me.workspace.id;
}

const trackingEnv = (sandbox: TrackingSandbox) => ({
  CROSSDOCK_17TRACK_URL: sandbox.url,
  CROSSDOCK_17TRACK_TOKEN: 'bench-17track-token',
  CROSSDOCK_17TRACK_WEBHOOK_KEY: sandbox.webhookKeys['17track'],
  CROSSDOCK_TRACKING_IDLE_MS: String(IDLE_MS),
});
const cycleLimitMs = (requests: number) => Math.max(60_000, 3 * (requests / PER_SECOND) * 1000);

async function measurePglite(dataDir: string): Promise<string[]> {
  const prefix = 'LT';
  const { PGlite } = await import('@electric-sql/pglite');
  const first = await startBenchServer({ CROSSDOCK_DATA_DIR: dataDir });
  const workspaceId = await workspaceOf(first.url, first.key);
  await first.stop();
  const openLite = async () => {
    const lite = await PGlite.create(path.join(dataDir, 'pgdata'));
    return { lite, query: ((text, values) => lite.query(text, values as unknown[])) as Query };
  };
  let db = await openLite();
  await seed(db.query, workspaceId, prefix);
  await db.lite.close();

  const sandbox = await startTrackingSandbox({ port: 0, limits: true });
  const rows: string[] = [];
  try {
    await addParcels(sandbox, prefix, false);
    const env = { CROSSDOCK_DATA_DIR: dataDir, ...trackingEnv(sandbox) };
    // Cycle 1: from the server's start (its poller starts with it) to the cycle's last accepted request.
    let before = { requests: sent(sandbox), throttled: throttled(sandbox) };
    let server = await startBenchServer(env, false);
    let start = performance.now();
    let startedAt = new Date();
    log(`PGlite: first cycle (register + fetch), ${2 * BATCHES} requests at least`);
    let cycle1: Cycle;
    try {
      cycle1 = await cycle(
        'poll cycle 1 (register + fetch)',
        sandbox,
        start,
        before,
        () =>
          waitFor(
            'PGlite cycle 1',
            () => sent(sandbox) - throttled(sandbox) - (before.requests - before.throttled) >= 2 * BATCHES,
            cycleLimitMs(2 * BATCHES),
            progressOf(sandbox),
          ),
        ', to its last request',
      );
    } finally {
      await server.stop();
    }
    db = await openLite();
    await checkJobs(db.query, startedAt, 'PGlite cycle 1');
    // Every parcel due again, as if its next poll time had come.
    await db.query(`UPDATE jobs SET run_at = now() WHERE queue = '${QUEUE}'`);
    await db.lite.close();
    before = { requests: sent(sandbox), throttled: throttled(sandbox) };
    server = await startBenchServer(env, false);
    start = performance.now();
    startedAt = new Date();
    log(`PGlite: second cycle (fetch only), ${BATCHES} requests at least`);
    try {
      const second = await cycle(
        'poll cycle 2 (fetch only)',
        sandbox,
        start,
        before,
        () =>
          waitFor(
            'PGlite cycle 2',
            () => sent(sandbox) - throttled(sandbox) - (before.requests - before.throttled) >= BATCHES,
            cycleLimitMs(BATCHES),
            progressOf(sandbox),
          ),
        ', to its last request',
      );
      log(`PGlite: ${registrationsOk(sandbox)}`);
      log('PGlite: webhooks');
      const ingest = await sendWebhooks(sandbox, server.url, prefix);
      rows.push(cycleRow('PGlite', cycle1), cycleRow('PGlite', second), ingestRow('PGlite', ingest));
    } finally {
      await server.stop();
    }
    db = await openLite();
    await checkJobs(db.query, startedAt, 'PGlite cycle 2 and webhooks');
    await db.lite.close();
  } finally {
    await sandbox.close();
  }
  return rows;
}

async function measurePostgres(adminUrl: string, dataDir: string): Promise<string[]> {
  const prefix = 'PG';
  const url = await freshBenchDatabase(adminUrl, 'crossdock_tracking');
  const first = await startBenchServer({ DATABASE_URL: url, CROSSDOCK_DATA_DIR: dataDir });
  let workspaceId: string;
  try {
    workspaceId = await workspaceOf(first.url, first.key);
  } finally {
    await first.stop();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const query: Query = (text, values) => client.query(text, values as unknown[]);
  const sandbox = await startTrackingSandbox({ port: 0, limits: true });
  const rows: string[] = [];
  try {
    await seed(query, workspaceId, prefix);
    await addParcels(sandbox, prefix, false);
    let before = { requests: sent(sandbox), throttled: throttled(sandbox) };
    const server = await startBenchServer(
      { DATABASE_URL: url, CROSSDOCK_DATA_DIR: dataDir, ...trackingEnv(sandbox) },
      false,
    );
    try {
      // Cycle 1: from the server's start to no job due within the hour, read in the database.
      let start = performance.now();
      let startedAt = new Date();
      log(`PostgreSQL: first cycle (register + fetch), ${2 * BATCHES} requests at least`);
      const cycle1 = await cycle(
        'poll cycle 1 (register + fetch)',
        sandbox,
        start,
        before,
        () =>
          waitFor(
            'PostgreSQL cycle 1',
            async () => (await dueWithinTheHour(query, startedAt)) === 0,
            cycleLimitMs(2 * BATCHES),
            progressOf(sandbox),
          ),
        ', to every job rescheduled',
      );
      await checkJobs(query, startedAt, 'PostgreSQL cycle 1');
      // Cycle 2: every parcel due again while the server runs; its idle poller looks every IDLE_MS.
      before = { requests: sent(sandbox), throttled: throttled(sandbox) };
      await query(`UPDATE jobs SET run_at = now() WHERE queue = '${QUEUE}'`);
      start = performance.now();
      startedAt = new Date();
      log(`PostgreSQL: second cycle (fetch only), ${BATCHES} requests at least`);
      const second = await cycle(
        'poll cycle 2 (fetch only)',
        sandbox,
        start,
        before,
        () =>
          waitFor(
            'PostgreSQL cycle 2',
            async () => (await dueWithinTheHour(query, startedAt)) === 0,
            cycleLimitMs(BATCHES),
            progressOf(sandbox),
          ),
        `, to every job rescheduled (idle poller: looks every ${IDLE_MS} ms)`,
      );
      await checkJobs(query, startedAt, 'PostgreSQL cycle 2');
      log(`PostgreSQL: ${registrationsOk(sandbox)}`);
      log('PostgreSQL: webhooks');
      const ingest = await sendWebhooks(sandbox, server.url, prefix);
      await checkJobs(query, startedAt, 'PostgreSQL webhooks');
      rows.push(cycleRow('PostgreSQL', cycle1), cycleRow('PostgreSQL', second), ingestRow('PostgreSQL', ingest));
    } finally {
      await server.stop();
    }
  } finally {
    await sandbox.close();
    await client.end();
  }
  return rows;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossdock-tracking-bench-'));
  const rows: string[] = [];
  try {
    rows.push(...(await measurePglite(dataDir)));
    if (process.env.BENCH_DATABASE_URL)
      rows.push(...(await measurePostgres(process.env.BENCH_DATABASE_URL, path.join(dataDir, 'pg'))));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  printTable(
    'Crossdock tracking benchmarks',
    ['database', 'measure', 'time', 'target', 'met', 'the sandbox saw'],
    rows,
  );
}

runBench(main);
