import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshBenchDatabase, startBenchServer } from './bench-server';
import { printTable, runBench } from './bench-report';
import { PRODUCT_TABLE } from '../domain/catalog/product';
import { validateRow } from '../domain/sheets/row-validation';
import {
  floorDatabase,
  interleavedPairs,
  peakRssMiB,
  RATIO_HEADERS,
  ratioRow,
  resetPeakRss,
  timed,
} from './floor-pairs';
import { floorInsert, floorPull, floorPush, type FloorRow } from './sync-floor';
import { PULL_FLOOR_ENV, servePullFloor, startPullFloor } from './pull-floor-server';

/**
 * DESIGN section 7 and issue 18: push of 10,000 new and 10,000 changed rows and pull of 10,000 changes,
 * end to end over HTTP against the real server in its own process, each against its floor (bench/sync-floor.ts)
 * in interleaved pairs. DESIGN's absolute targets (push ≤ 2 s PGlite, ≤ 1 s PostgreSQL; pull ≤ 300 ms) are
 * printed beside the ratios. The server's peak RSS is read after the pushes.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const BIG_ROWS = Number(process.env.BENCH_BIG_ROWS ?? 100_000);
const CHUNK = 5_000;

function productValues(i: number, round: number) {
  return {
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
  };
}

const keyOf = (prefix: string, i: number) => `${prefix}-${String(i).padStart(6, '0')}`;

function wireRows(prefix: string, baseVersion: number | null, round: number) {
  return Array.from({ length: ROWS }, (_, i) => ({
    key: keyOf(prefix, i),
    baseVersion,
    values: productValues(i, round),
  }));
}

/** The floor writes what the product stores: the values as validated (columns left out get their empty value). */
function floorRows(prefix: string, round: number): FloorRow[] {
  return Array.from({ length: ROWS }, (_, i) => {
    const checked = validateRow(PRODUCT_TABLE, { sku: keyOf(prefix, i), ...productValues(i, round) }, 'en');
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    return checked.values as FloorRow;
  });
}

type Measured = { rows: string[]; plain: string[] };

async function benchDatabase(label: string, kind: 'pglite' | 'postgres', env: Record<string, string>) {
  const server = await startBenchServer(env);
  const floor = await floorDatabase(kind);
  const out: Measured = { rows: [], plain: [] };
  try {
    // The client (the add-on, in production) is another machine: its work (building and serializing the body,
    // parsing the answer) stays outside the timed part. Timed: request sent → answer fully received.
    const call = async (method: string, route: string, body?: string, base = server.url) => {
      let text = '';
      let status = 0;
      const ms = await timed(async () => {
        const response = await fetch(base + route, {
          method,
          headers: { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' },
          body,
        });
        text = await response.text();
        status = response.status;
      });
      if (status !== 200) throw new Error(`${route}: ${status} ${text.slice(0, 300)}`);
      return [ms, JSON.parse(text) as Record<string, unknown>] as const;
    };
    let mutation = 0;
    let floorMutation = 0;
    let created = 0;
    let floorCreated = 0;
    const fresh = await interleavedPairs({
      product: async () => {
        const body = JSON.stringify({
          clientId: 'bench-client',
          mutationId: ++mutation,
          tables: { products: wireRows(`N${created++}`, null, 0) },
        });
        return (await call('POST', '/v1/sync/push', body))[0];
      },
      floor: () =>
        floorInsert(
          floor.db,
          floor.workspaceId,
          { clientId: 'bench-client', mutationId: ++floorMutation },
          floorRows(`N${floorCreated++}`, 0),
        ),
    });
    out.rows.push(ratioRow(label, `push ${ROWS} new rows (HTTP, applied)`, fresh));

    // Changed rows: the rows of the first new-row push, one version further each round.
    resetPeakRss(server.pid);
    let version = 1;
    let cursor = 0;
    let floorRound = 0;
    const changed = await interleavedPairs({
      product: async () => {
        const body = JSON.stringify({
          clientId: 'bench-client',
          mutationId: ++mutation,
          tables: { products: wireRows('N0', version, version) },
        });
        const [ms, answer] = await call('POST', '/v1/sync/push', body);
        const results = (answer as { results: { products: { status: string; version: number }[] } }).results.products;
        if (results.some((r) => r.status !== 'applied' || r.version !== version + 1))
          throw new Error('update push did not apply every row');
        version += 1;
        cursor = Number(answer.cursor);
        return ms;
      },
      floor: () => {
        floorRound += 1;
        return floorPush(
          floor.db,
          floor.workspaceId,
          { clientId: 'bench-client', mutationId: ++floorMutation },
          floorRows('N0', floorRound),
          (row) => ({
            before: { name_en: 'x', unit_cost: '1' },
            after: { name_en: row.name_en, unit_cost: row.unit_cost },
          }),
        );
      },
    });
    out.rows.push(ratioRow(label, `push ${ROWS} changed rows (HTTP, applied)`, changed));
    const rss = peakRssMiB(server.pid);

    // 100,000 rows as the add-on sends them: mutations of 5,000 rows (addon/sync-run.ts PUSH_CHUNK), one after
    // another. The server holds one chunk at a time, so its peak stays near a single push's.
    resetPeakRss(server.pid);
    const bigStart = performance.now();
    for (let chunk = 0; chunk < BIG_ROWS / CHUNK; chunk++) {
      const rows = Array.from({ length: CHUNK }, (_, i) => ({
        key: keyOf('BIG', chunk * CHUNK + i),
        baseVersion: null,
        values: productValues(chunk * CHUNK + i, 0),
      }));
      const body = JSON.stringify({ clientId: 'bench-client', mutationId: ++mutation, tables: { products: rows } });
      await call('POST', '/v1/sync/push', body);
    }
    const bigMs = performance.now() - bigStart;
    const bigRss = peakRssMiB(server.pid);

    const floorCursor = Number(
      (
        await floor.db.pool.query<{ change_no: string }>('SELECT change_no FROM workspaces WHERE id = $1', [
          floor.workspaceId,
        ])
      ).rows[0]!.change_no,
    );
    const productPull = async () => {
      const [ms, answer] = await call('GET', `/v1/sync/pull?since=${cursor - ROWS}&limit=${ROWS}`);
      const got = (answer as { changes: { products: unknown[] } }).changes.products.length;
      if (got !== ROWS) throw new Error(`pull returned ${got} rows, expected ${ROWS}`);
      return ms;
    };
    // The database's part alone (in this process, no HTTP, no JSON), then a plain server of the same page over
    // HTTP (bench/pull-floor-server.ts): the pull's target is the second; both ratios are printed.
    const pullRead = await interleavedPairs({
      product: productPull,
      floor: () => floorPull(floor.db, floor.workspaceId, floorCursor - ROWS, ROWS),
    });
    out.rows.push(ratioRow(label, `pull ${ROWS} changes (HTTP) against the read alone (no HTTP)`, pullRead));
    await floor.closeDatabase(); // PGlite's folder opens in one process at a time: now the floor server's
    const floorServer = await startPullFloor({ database: floor.config, workspaceId: floor.workspaceId });
    let pull: Awaited<ReturnType<typeof interleavedPairs>>;
    try {
      pull = await interleavedPairs({
        product: productPull,
        floor: async () => {
          const route = `/pull?since=${floorCursor - ROWS}&limit=${ROWS}`;
          const [ms, answer] = await call('GET', route, undefined, floorServer.url);
          const got = (answer as { changes: { products: unknown[] } }).changes.products.length;
          if (got !== ROWS) throw new Error(`floor pulled ${got} rows, expected ${ROWS}`);
          return ms;
        },
      });
    } finally {
      await floorServer.stop();
    }
    out.rows.push(ratioRow(label, `pull ${ROWS} changes (HTTP) against a plain server of the page`, pull));
    const target = label === 'PGlite' ? 2000 : 1000;
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const mib = (x: number | null) => (x === null ? '—' : x.toFixed(0));
    out.plain.push(
      `| ${label} | push ${ROWS} new / changed rows, pull ${ROWS} | ${median(fresh.product).toFixed(0)} / ${median(changed.product).toFixed(0)} / ${median(pull.product).toFixed(0)} | ${target} / ${target} / 300 | ${mib(rss)} (changed pushes) |`,
      `| ${label} | push ${BIG_ROWS} new rows in ${BIG_ROWS / CHUNK} chunks of ${CHUNK} | ${bigMs.toFixed(0)} | — | ${mib(bigRss)} |`,
    );
  } finally {
    await floor.close();
    await server.stop();
  }
  return out;
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY; // 'pglite' or 'postgres', to profile one
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossdock-bench-'));
  const all: Measured[] = [];
  try {
    if (only !== 'postgres') all.push(await benchDatabase('PGlite', 'pglite', { CROSSDOCK_DATA_DIR: dataDir }));
    if (process.env.BENCH_DATABASE_URL && only !== 'pglite') {
      all.push(
        await benchDatabase('PostgreSQL', 'postgres', {
          DATABASE_URL: await freshBenchDatabase(process.env.BENCH_DATABASE_URL, 'crossdock_bench'),
          CROSSDOCK_DATA_DIR: path.join(dataDir, 'pg-files'),
        }),
      );
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  printTable(
    'Crossdock sync against its floor',
    RATIO_HEADERS,
    all.flatMap((m) => m.rows),
  );
  printTable(
    'Crossdock sync, DESIGN 7 targets',
    ['database', 'measure', 'ms (medians)', 'target ms', 'server peak RSS MiB'],
    all.flatMap((m) => m.plain),
  );
}

// This bundle is also the pull's floor server, started again by startPullFloor.
const floorServer = process.env[PULL_FLOOR_ENV];
if (floorServer) void servePullFloor(JSON.parse(floorServer));
else runBench(main);
