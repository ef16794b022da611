import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/**
 * The server under test in its own process (`dist/server/main.cjs`, what `npm start` runs), so the
 * benchmark's client work never shares its thread. BENCH_NODE_FLAGS passes flags to that node; BENCH_SERVER_STDOUT
 * names a file its output is appended to (what `--trace-gc` prints, say).
 */
export async function startBenchServer(
  env: Record<string, string>,
  firstStart = true,
): Promise<{ url: string; key: string; pid: number; stop(): Promise<void> }> {
  const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  // The server dies with the benchmark, even one stopped with SIGKILL (its stdin pipe ends: exit-with-parent).
  const exitWithParent = path.resolve(__dirname, '..', '..', 'test', 'support', 'exit-with-parent.cjs');
  const child = spawn(
    process.execPath,
    ['--require', exitWithParent, ...flags, path.resolve(__dirname, '..', 'server', 'main.cjs')],
    {
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        CROSSDOCK_BODY_LIMIT: '100mb',
        CROSSDOCK_RATE_LIMIT_PER_MINUTE: '1000000',
        ...(process.env.CROSSDOCK_PGLITE_SHARED_BUFFERS
          ? { CROSSDOCK_PGLITE_SHARED_BUFFERS: process.env.CROSSDOCK_PGLITE_SHARED_BUFFERS }
          : {}),
        ...env,
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let out = '';
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      if (process.env.BENCH_SERVER_STDOUT) fs.appendFileSync(process.env.BENCH_SERVER_STDOUT, chunk);
      const url = /listening on (\S+)/.exec(out)?.[1];
      const keyFile = /Admin API key written to (\S+)/.exec(out)?.[1];
      // A second server on a database already set up prints no key: the caller uses the first one's.
      if (url && (keyFile || !firstStart))
        resolve({
          url,
          key: keyFile ? fs.readFileSync(keyFile, 'utf8').trim() : '',
          pid: child.pid!,
          stop: () => (child.kill('SIGTERM'), exited),
        });
    });
  });
}

/** A new, empty database on the benchmark PostgreSQL, so the server's first start makes its workspace and key. */
export async function freshBenchDatabase(adminUrl: string, prefix: string): Promise<string> {
  const name = `${prefix}_${Date.now()}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
