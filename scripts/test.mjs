#!/usr/bin/env node
// The project's test command: `npm test [-- jest args...]` runs `node scripts/test.mjs [jest args...]`.
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
// 5. Prints as its very last line `N passed, N failed` and exits non-zero if jest failed, any test or
//    suite failed, or no test ran.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_DIR = path.join(ROOT, '.test-results');
const RESULTS_FILE = path.join(RESULTS_DIR, 'jest.json');
const JEST_BIN = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

const log = (msg) => console.error(`test: ${msg}`);

let finalPrinted = false;
function finish(passed, failed, code) {
  cleanup();
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
process.on('exit', () => cleanup());

// ---------------------------------------------------------------------------------------------
// PostgreSQL

let cluster = null; // { dir, data, bin, asRoot }

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const shq = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

function versionKey(name) {
  return name.split(/[^0-9]+/).filter(Boolean).map(Number);
}
function compareVersions(a, b) {
  const x = versionKey(a);
  const y = versionKey(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d) return d;
  }
  return a.localeCompare(b);
}

function findPgBin() {
  const hasTools = (dir) => dir && fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'));
  // Debian/Ubuntu: /usr/lib/postgresql/<version>/bin, newest first.
  try {
    const versions = fs.readdirSync('/usr/lib/postgresql').sort(compareVersions).reverse();
    for (const v of versions) {
      const dir = path.join('/usr/lib/postgresql', v, 'bin');
      if (hasTools(dir)) return dir;
    }
  } catch {
    /* not Debian-like */
  }
  const r = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (r.status === 0 && hasTools(r.stdout.trim())) return r.stdout.trim();
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (hasTools(dir)) return dir;
  }
  return null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Runs a PostgreSQL tool, as the postgres user when we are root (PostgreSQL refuses to run as root).
function pgTool(tool, args, { capture = true } = {}) {
  const exe = path.join(cluster.bin, tool);
  const opts = { cwd: cluster.dir, encoding: 'utf8', stdio: capture ? 'pipe' : 'inherit', timeout: 120000 };
  if (cluster.asRoot) {
    const cmd = [exe, ...args].map(shq).join(' ');
    return spawnSync('su', ['-s', '/bin/sh', 'postgres', '-c', cmd], opts);
  }
  return spawnSync(exe, args, opts);
}

function describeFailure(r) {
  return [r.error ? String(r.error) : '', r.stdout || '', r.stderr || ''].join('\n').trim();
}

async function startCluster() {
  const bin = findPgBin();
  if (!bin) {
    log('PostgreSQL was not found (no /usr/lib/postgresql/*/bin, no pg_config, no initdb on PATH).');
    log('Install it (Debian/Ubuntu: `apt-get install -y postgresql`; it need not be running),');
    log('or point the tests at a server: TEST_DATABASE_URL=postgres://user@host:port/db npm test');
    return null;
  }
  if (isRoot && spawnSync('id', ['-u', 'postgres'], { stdio: 'ignore' }).status !== 0) {
    log('running as root, but there is no `postgres` user to run PostgreSQL as (it refuses to run as root).');
    log('Create one, run the tests as a normal user, or set TEST_DATABASE_URL.');
    return null;
  }
  const started = Date.now();
  // As root the cluster directory must be reachable by the postgres user: use /tmp.
  const base = isRoot ? '/tmp' : os.tmpdir();
  const dir = fs.mkdtempSync(path.join(base, 'crossdock-pg-'));
  cluster = { dir, data: path.join(dir, 'data'), logFile: path.join(dir, 'postgres.log'), bin, asRoot: isRoot };
  if (isRoot) {
    const r = spawnSync('chown', ['-R', 'postgres:postgres', dir], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`chown postgres ${dir} failed: ${describeFailure(r)}`);
  }

  // --no-locale: C collation whatever the machine's LANG (deterministic ORDER BY, no missing locales).
  // --no-sync: nothing here needs to survive a power cut.
  const init = pgTool('initdb', ['-D', cluster.data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  if (init.status !== 0) throw new Error(`initdb failed:\n${describeFailure(init)}`);

  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const serverOpts = `-p ${port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    const start = pgTool('pg_ctl', ['-D', cluster.data, '-l', cluster.logFile, '-w', '-t', '60', '-o', serverOpts, 'start']);
    if (start.status === 0) {
      cluster.port = port;
      const version = path.basename(path.dirname(bin));
      log(`PostgreSQL ${/^\d/.test(version) ? version + ' ' : ''}started on 127.0.0.1:${port} in ${Date.now() - started} ms (${dir})`);
      return `postgres://postgres@127.0.0.1:${port}/postgres`;
    }
    let serverLog = '';
    try {
      serverLog = fs.readFileSync(cluster.logFile, 'utf8').split('\n').slice(-20).join('\n');
    } catch {
      /* no log */
    }
    if (attempt >= 3) throw new Error(`pg_ctl start failed:\n${describeFailure(start)}\n${serverLog}`);
    log(`pg_ctl start on port ${port} failed (attempt ${attempt}); retrying on another port`);
  }
}

function cleanup() {
  if (!cluster) return;
  const c = cluster;
  cluster = null;
  try {
    if (fs.existsSync(path.join(c.data, 'postmaster.pid'))) {
      cluster = c; // pgTool reads the current cluster
      const r = pgTool('pg_ctl', ['-D', c.data, '-m', 'immediate', '-w', '-t', '30', 'stop']);
      cluster = null;
      if (r.status !== 0) log(`pg_ctl stop failed: ${describeFailure(r)}`);
    }
  } catch (err) {
    cluster = null;
    log(`stopping PostgreSQL failed: ${err}`);
  }
  try {
    fs.rmSync(c.dir, { recursive: true, force: true });
  } catch (err) {
    log(`could not remove ${c.dir}: ${err}`);
  }
}

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
    log(`warning: Chromium not found at ${chromium} (install it: apt-get install -y chromium, or set CHROMIUM_PATH); browser tests will fail`);
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
      url = await startCluster();
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
