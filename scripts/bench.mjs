#!/usr/bin/env node
// `npm run bench`: bundles bench/*.ts, starts a throwaway PostgreSQL (unless BENCH_DATABASE_URL is set),
// and runs each benchmark on PGlite and PostgreSQL. Results are printed as Markdown rows for BENCHMARKS.md.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { startThrowawayPostgres, stopThrowawayPostgres } from './throwaway-postgres.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (msg) => console.error(`bench: ${msg}`);

const entries = fs.readdirSync(path.join(ROOT, 'bench')).filter((f) => f.endsWith('-bench.ts'));
const only = process.argv[2];
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));
process.on('exit', () => stopThrowawayPostgres());

let url = process.env.BENCH_DATABASE_URL;
if (!url) {
  url = await startThrowawayPostgres(log);
  if (!url) log('no PostgreSQL found: benchmarking PGlite only');
}
let failed = false;
for (const entry of entries.filter((e) => !only || e.startsWith(only))) {
  const outfile = path.join(ROOT, 'dist', 'bench', entry.replace(/\.ts$/, '.cjs'));
  await build({
    entryPoints: [path.join(ROOT, 'bench', entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
  // The Apps Script fakes' synchronous UrlFetch runs this helper next to the bundle.
  fs.copyFileSync(
    path.join(ROOT, 'test', 'fakes', 'fetch-child.cjs'),
    path.join(path.dirname(outfile), 'fetch-child.cjs'),
  );
  log(`running ${entry}`);
  const run = spawnSync(process.execPath, [outfile], {
    stdio: 'inherit',
    env: { ...process.env, ...(url ? { BENCH_DATABASE_URL: url } : {}) },
  });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
