// A throwaway PostgreSQL cluster for tests and benchmarks: initdb in a temp folder, started on a free
// loopback port, stopped and removed by stopThrowawayPostgres() (call it on exit and on signals).
// As root, the tools run as the `postgres` user (PostgreSQL refuses to run as root).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

let log = (msg) => console.error(msg);

let cluster = null; // { dir, data, bin, asRoot }

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const shq = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

function versionKey(name) {
  return name
    .split(/[^0-9]+/)
    .filter(Boolean)
    .map(Number);
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

export async function startThrowawayPostgres(logger = log) {
  log = logger;
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
  const init = pgTool('initdb', [
    '-D',
    cluster.data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-locale',
    '--no-sync',
  ]);
  if (init.status !== 0) throw new Error(`initdb failed:\n${describeFailure(init)}`);

  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const serverOpts = `-p ${port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    const start = pgTool('pg_ctl', [
      '-D',
      cluster.data,
      '-l',
      cluster.logFile,
      '-w',
      '-t',
      '60',
      '-o',
      serverOpts,
      'start',
    ]);
    if (start.status === 0) {
      cluster.port = port;
      const version = path.basename(path.dirname(bin));
      log(
        `PostgreSQL ${/^\d/.test(version) ? version + ' ' : ''}started on 127.0.0.1:${port} in ${Date.now() - started} ms (${dir})`,
      );
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

export function stopThrowawayPostgres() {
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
