import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import type { ServerConfig } from '../sync-server/config';
import { openDatabase } from '../sync-server/db/database';
import { floorPullRows } from './sync-floor';

/**
 * A pull's floor with its transport (issue 18): the cheapest plain server of the same page. A pull's answer is
 * ~6 MB of JSON on an HTTP connection, so the floor read in the benchmark's own process (no HTTP, no JSON) leaves
 * out work no pull can skip. This one runs, like the product's server, in a process of its own (this bundle started
 * again with CROSSDOCK_PULL_FLOOR set), opens the database with the product's driver and settings, and answers
 * `GET /pull?since=&limit=` with the floor's plain read (`floorPullRows`) as one `JSON.stringify`: no access check,
 * no job record, no other tables. The benchmark's client times it exactly as it times the product.
 */
export const PULL_FLOOR_ENV = 'CROSSDOCK_PULL_FLOOR';

type FloorServerConfig = { database: ServerConfig['database']; workspaceId: string };

/** In the child: serve until the benchmark stops it (its stdin pipe ends: exit-with-parent). */
export async function servePullFloor(config: FloorServerConfig): Promise<void> {
  const db = await openDatabase(config.database);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://floor');
    const since = Number(url.searchParams.get('since'));
    const limit = Number(url.searchParams.get('limit'));
    floorPullRows(db, config.workspaceId, since, limit).then(
      ({ rows, cursor }) => {
        const body = JSON.stringify({ changes: { products: rows }, cursor, hasMore: false });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      },
      (error: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(error.message);
      },
    );
  });
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    console.log(`floor listening on http://127.0.0.1:${port}`);
  });
  process.once('SIGTERM', () => {
    server.close();
    void db.close().then(() => process.exit(0));
  });
}

/** In the benchmark: the floor's server in its own process, its address, and how to stop it. */
export async function startPullFloor(config: FloorServerConfig): Promise<{ url: string; stop(): Promise<void> }> {
  const exitWithParent = path.resolve(__dirname, '..', '..', 'test', 'support', 'exit-with-parent.cjs');
  const child = spawn(process.execPath, ['--require', exitWithParent, __filename], {
    env: { PATH: process.env.PATH ?? '', [PULL_FLOOR_ENV]: JSON.stringify(config) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let out = '';
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`pull floor exited with ${code}`)));
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const url = /floor listening on (\S+)/.exec(out)?.[1];
      if (url) resolve({ url, stop: () => (child.kill('SIGTERM'), exited) });
    });
  });
}
