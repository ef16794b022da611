import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBench } from './bench-report';
import { freshBenchDatabase } from './bench-server';
import { interleavedPairs, median, RATIO_HEADERS, ratioRow, type PairResult } from './floor-pairs';
import { runFloor, timedHealthy, timedProcess } from './start-floors';

/**
 * Issue 18: how fast the server is healthy and the CLI answers. Each product path (the built server or CLI in
 * its own process) is paired with its floor (the same database work the plainest way, also its own process).
 * START_BENCH_PRODUCT_ROOT=/other/checkout measures another checkout's dist and bin (the "before"); the floors
 * and the template always come from this one. BENCH_ONLY=pglite|postgres, BENCH_PAIRS=n.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const PRODUCT_ROOT = path.resolve(process.env.START_BENCH_PRODUCT_ROOT ?? ROOT);
const MAIN = path.join(PRODUCT_ROOT, 'dist', 'server', 'main.cjs');
const BIN = path.join(PRODUCT_ROOT, 'bin', 'crossdock.cjs');
const START = path.join(PRODUCT_ROOT, 'scripts', 'start.cjs');
const TEMPLATE = path.join(ROOT, 'dist', 'pglite-template');
const SELF = __filename;
const PAIRS = Number(process.env.BENCH_PAIRS ?? 3);

type Row = { database: string; measure: string; result: PairResult; target: number; absolute?: number };

async function benchPglite(work: string): Promise<Row[]> {
  let n = 0;
  const newFolder = () => path.join(work, `fresh-${n++}`);
  const fresh = async (run: (dir: string) => Promise<number>) => {
    const dir = newFolder();
    try {
      return await run(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  const floorFresh = () => fresh((dir) => timedProcess([SELF, '--floor', 'pglite-fresh', TEMPLATE, dir]));
  const rows: Row[] = [];
  rows.push({
    database: 'PGlite',
    measure: 'new data folder → /healthz answers (`node dist/server/main.cjs`)',
    result: await interleavedPairs({
      product: () => fresh((dir) => timedHealthy(MAIN, { CROSSDOCK_DATA_DIR: dir })),
      floor: floorFresh,
      pairs: PAIRS,
    }),
    target: 1.5,
    absolute: 2000,
  });
  rows.push({
    database: 'PGlite',
    measure: 'new data folder → /healthz answers (`npm start`: build check, then the server)',
    result: await interleavedPairs({
      // scripts/start.cjs (what `npm start` runs now: the build check in the server's own process); a checkout
      // from before it ran scripts/build.mjs, then the server.
      product: () =>
        fresh((dir) =>
          fs.existsSync(START)
            ? timedHealthy(START, { CROSSDOCK_DATA_DIR: dir })
            : timedHealthy(MAIN, { CROSSDOCK_DATA_DIR: dir }, path.join(PRODUCT_ROOT, 'scripts', 'build.mjs')),
        ),
      floor: floorFresh,
      pairs: PAIRS,
    }),
    target: 1.5,
    absolute: 2000,
  });
  const existing = path.join(work, 'existing');
  await timedHealthy(MAIN, { CROSSDOCK_DATA_DIR: existing }); // its first start
  const floorExisting = () => timedProcess([SELF, '--floor', 'pglite-existing', existing]);
  rows.push({
    database: 'PGlite',
    measure: 'existing data folder → /healthz answers',
    result: await interleavedPairs({
      product: () => timedHealthy(MAIN, { CROSSDOCK_DATA_DIR: existing }),
      floor: floorExisting,
      pairs: PAIRS,
    }),
    target: 1.5,
  });
  rows.push({
    database: 'PGlite',
    measure: '`npx crossdock workspace list` (existing folder)',
    result: await interleavedPairs({
      product: () => timedProcess([BIN, 'workspace', 'list'], { CROSSDOCK_DATA_DIR: existing }),
      floor: floorExisting,
      pairs: PAIRS,
    }),
    target: 1.5,
  });
  return rows;
}

async function benchPostgres(admin: string, work: string): Promise<Row[]> {
  const files = path.join(work, 'pg-files');
  const rows: Row[] = [];
  rows.push({
    database: 'PostgreSQL',
    measure: 'empty database → /healthz answers (migrations, first workspace)',
    result: await interleavedPairs({
      product: async () =>
        timedHealthy(MAIN, {
          DATABASE_URL: await freshBenchDatabase(admin, 'crossdock_start'),
          CROSSDOCK_DATA_DIR: files,
        }),
      floor: async () =>
        timedProcess([SELF, '--floor', 'postgres-empty', await freshBenchDatabase(admin, 'crossdock_start_floor')]),
      pairs: PAIRS,
    }),
    target: 1.5,
  });
  const url = await freshBenchDatabase(admin, 'crossdock_start_cli');
  await timedHealthy(MAIN, { DATABASE_URL: url, CROSSDOCK_DATA_DIR: files });
  rows.push({
    database: 'PostgreSQL',
    measure: '`npx crossdock workspace list`',
    result: await interleavedPairs({
      product: () => timedProcess([BIN, 'workspace', 'list'], { DATABASE_URL: url, CROSSDOCK_DATA_DIR: files }),
      floor: () => timedProcess([SELF, '--floor', 'postgres-query', url]),
      pairs: PAIRS,
    }),
    target: 1.5,
  });
  return rows;
}

async function main(): Promise<void> {
  if (process.argv[2] === '--floor') return runFloor(process.argv[3]!, process.argv.slice(4));
  if (!fs.existsSync(path.join(TEMPLATE, 'template.json'))) throw new Error(`no ${TEMPLATE}: run npm run build first`);
  const only = process.env.BENCH_ONLY;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'crossdock-start-bench-'));
  const rows: Row[] = [];
  try {
    rows.push({
      database: '-',
      measure: '`npx crossdock --help` (floor: `node -e 0`)',
      result: await interleavedPairs({
        product: () => timedProcess([BIN, '--help']),
        floor: () => timedProcess(['-e', '0']),
        pairs: PAIRS,
      }),
      target: 4,
      absolute: 1000,
    });
    if (only !== 'postgres') rows.push(...(await benchPglite(work)));
    const admin = process.env.BENCH_DATABASE_URL;
    if (admin && only !== 'pglite') rows.push(...(await benchPostgres(admin, work)));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(
    `\nStart and CLI — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}, product: ${PRODUCT_ROOT}`,
  );
  console.log(`\n| ${RATIO_HEADERS.join(' | ')} |\n|${RATIO_HEADERS.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(ratioRow(row.database, row.measure, row.result, row.target));
  console.log('\n| database | measure | product median ms | absolute target ms | met |\n|---|---|---|---|---|');
  for (const row of rows.filter((r) => r.absolute)) {
    const m = median(row.result.product);
    console.log(
      `| ${row.database} | ${row.measure} | ${m.toFixed(0)} | ${row.absolute} | ${m <= row.absolute! ? 'yes' : 'NO'} |`,
    );
  }
}

runBench(main);
