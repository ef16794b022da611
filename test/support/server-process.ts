import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServerConfig } from '../../sync-server/config';

export const SERVER_BUNDLE = path.resolve(__dirname, '..', '..', 'dist', 'server', 'main.cjs');

export type ServerProcess = {
  url: string;
  adminKey: string | null;
  process: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

/** The first-start key: printed on a terminal, written to a file (whose path is printed) otherwise. */
function firstKey(out: string): string | null {
  const printed = /Admin API key \(shown once[^:]*: (cdk_\S+)/.exec(out)?.[1];
  if (printed) return printed;
  const file = /Admin API key written to (\S+)/.exec(out)?.[1];
  return file ? fs.readFileSync(file, 'utf8').trim() : null;
}

/** Environment for a server on this database; on PostgreSQL its own folder still gets operator files. */
export function databaseEnv(config: ServerConfig['database']): Record<string, string> {
  return config.kind === 'postgres'
    ? { DATABASE_URL: config.url, CROSSDOCK_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'crossdock-files-')) }
    : { CROSSDOCK_DATA_DIR: config.dataDir };
}

/** Runs the built server (`dist/server/main.cjs`, what `npm start` runs) as its own process on a free port. */
export function startServerProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, [SERVER_BUNDLE], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (out += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const check = () => {
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      resolve({
        url,
        adminKey: firstKey(out),
        process: child,
        output: () => out,
        stop: async (signal = 'SIGTERM') => {
          if (child.exitCode === null) child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`server exited with ${code} before listening:\n${out}`), { exitCode: code, output: out }));
    });
  });
}
