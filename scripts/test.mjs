#!/usr/bin/env node
// The project's test command: `npm test [-- jest args...]` runs `node scripts/test.mjs [jest args...]`.
// Every tier (jest project: unit, database, e2e; docs/testing.md) unless told, e.g. `--selectProjects unit`.
//
// 1. Builds dist/ (node scripts/build.mjs) so tests of the add-on bundle and the server process see
//    fresh output.
// 2. Makes PostgreSQL available: TEST_DATABASE_URL if set, else a throwaway cluster in a temp dir on a
//    free port (stopped and removed at the end, also on SIGINT/SIGTERM).
// 3. Sets CHROMIUM_PATH (default /usr/bin/chromium) and warns if it is missing.
// 4. Runs jest (NODE_OPTIONS += --experimental-vm-modules) with --json --outputFile=.test-results/jest.json
//    and, unless told otherwise, --maxWorkers=2. CROSSDOCK_TEST_TIME_LIMIT=<seconds> stops jest (SIGTERM)
//    when exceeded and still ends with the summary line (CI uses it: `timeout npm test` would kill npm
//    first, and npm exits without waiting for this script's cleanup and summary).
// 5. Prints as its very last line `N passed, N failed` (jest's --json totals, over all projects run) and
//    exits non-zero if jest failed, any test or suite failed, or no test ran.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startThrowawayPostgres, stopThrowawayPostgres } from './throwaway-postgres.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_DIR = path.join(ROOT, '.test-results');
const RESULTS_FILE = path.join(RESULTS_DIR, 'jest.json');
const JEST_BIN = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

const log = (msg) => console.error(`test: ${msg}`);

let finalPrinted = false;
function finish(passed, failed, code) {
  stopThrowawayPostgres();
  if (!finalPrinted) {
    finalPrinted = true;
    process.stdout.write(`${passed} passed, ${failed} failed\n`);
  }
  process.exit(code);
}

// ---------------------------------------------------------------------------------------------
// Signals: jest gets the terminal's SIGINT itself; SIGTERM/SIGHUP sent only to us are forwarded.

let child = null;
let signalled = null;
for (const sig of Object.keys(SIGNAL_EXIT)) {
  process.on(sig, () => {
    if (signalled) return;
    signalled = sig;
    log(`${sig} received; stopping`);
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill(sig);
      setTimeout(() => child && child.kill('SIGKILL'), 15000).unref();
      // The main flow cleans up and prints the final line once jest has exited.
    } else {
      finish(0, 1, SIGNAL_EXIT[sig]);
    }
  });
}
process.on('exit', () => stopThrowawayPostgres());

// ---------------------------------------------------------------------------------------------

function hasArg(args, ...names) {
  return args.some((a) => names.some((n) => a === n || a.startsWith(`${n}=`)));
}

function readResults() {
  try {
    return JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8'));
  } catch {
    return null;
  }
}

async function main() {
  const jestArgs = process.argv.slice(2);

  // Chromium for the browser tests: warn only; those tests fail with their own message.
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  process.env.CHROMIUM_PATH = chromium;
  if (!fs.existsSync(chromium)) {
    log(
      `warning: Chromium not found at ${chromium} (install it: apt-get install -y chromium, or set CHROMIUM_PATH); browser tests will fail`,
    );
  }

  // Build first so tests see a fresh dist/.
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (signalled) finish(0, 1, SIGNAL_EXIT[signalled]);
  if (build.status !== 0) {
    log('build failed (see above); not running tests');
    finish(0, 1, 1);
  }

  // PostgreSQL.
  if (process.env.TEST_DATABASE_URL) {
    log(`using TEST_DATABASE_URL from the environment`);
  } else {
    let url;
    try {
      url = await startThrowawayPostgres(log);
    } catch (err) {
      log(`could not start a throwaway PostgreSQL cluster: ${err.message || err}`);
      log('Set TEST_DATABASE_URL to use an existing server instead.');
      finish(0, 1, 1);
    }
    if (!url) finish(0, 1, 1);
    process.env.TEST_DATABASE_URL = url;
  }
  if (signalled) finish(0, 1, SIGNAL_EXIT[signalled]);

  if (!fs.existsSync(JEST_BIN)) {
    log(`${path.relative(ROOT, JEST_BIN)} not found: run npm ci first`);
    finish(0, 1, 1);
  }

  // jest
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.rmSync(RESULTS_FILE, { force: true });
  const nodeOptions = (process.env.NODE_OPTIONS || '').split(/\s+/).filter(Boolean);
  if (!nodeOptions.includes('--experimental-vm-modules')) nodeOptions.push('--experimental-vm-modules');
  // Otherwise every worker prints "ExperimentalWarning: VM Modules is an experimental feature".
  // (--disable-warning exists from Node 20.11; older Node refuses unknown NODE_OPTIONS.)
  const [major, minor] = process.versions.node.split('.').map(Number);
  const canDisable = major > 20 || (major === 20 && minor >= 11);
  if (canDisable && !nodeOptions.some((o) => o.startsWith('--disable-warning') || o === '--no-warnings')) {
    nodeOptions.push('--disable-warning=ExperimentalWarning');
  }
  const args = [JEST_BIN, ...jestArgs];
  if (!hasArg(jestArgs, '--maxWorkers', '-w', '--runInBand', '-i')) args.push('--maxWorkers=2');
  args.push('--json', `--outputFile=${path.relative(ROOT, RESULTS_FILE)}`);

  const started = Date.now();
  const limit = Number(process.env.CROSSDOCK_TEST_TIME_LIMIT || 0);
  let timedOut = false;
  const code = await new Promise((resolve) => {
    child = spawn(process.execPath, args, {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_OPTIONS: nodeOptions.join(' ') },
    });
    child.on('error', (err) => {
      log(`could not run jest: ${err}`);
      resolve(1);
    });
    child.on('exit', (c, sig) => resolve(c ?? (sig ? 128 + (os.constants.signals[sig] || 0) : 1)));
    if (limit > 0) {
      setTimeout(() => {
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        timedOut = true;
        log(`time limit of ${limit} s (CROSSDOCK_TEST_TIME_LIMIT) exceeded; stopping jest`);
        child.kill('SIGTERM');
        setTimeout(() => child && child.kill('SIGKILL'), 15000).unref();
      }, limit * 1000).unref();
    }
  });
  child = null;
  log(`jest exited with ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const results = readResults();
  if (!results) {
    log(`no results in ${path.relative(ROOT, RESULTS_FILE)} (jest crashed or was interrupted)`);
    finish(0, 1, signalled ? SIGNAL_EXIT[signalled] : timedOut ? 124 : code || 1);
  }
  const passed = results.numPassedTests || 0;
  const failed = (results.numFailedTests || 0) + (results.numRuntimeErrorTestSuites || 0);
  const total = results.numTotalTests || 0;
  if (total === 0 && failed === 0) log('no tests ran: that counts as a failure');
  let exit = 0;
  if (signalled) exit = SIGNAL_EXIT[signalled];
  else if (timedOut) exit = 124;
  else if (code !== 0) exit = code;
  else if (failed > 0 || total === 0) exit = 1;
  finish(passed, failed, exit);
}

main().catch((err) => {
  console.error(err);
  finish(0, 1, 1);
});
