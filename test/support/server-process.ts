import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ServerConfig } from '../../sync-server/config';
import { cleanUpLater, tempDir } from './cleanup';

export const SERVER_BUNDLE = path.resolve(__dirname, '..', '..', 'dist', 'server', 'main.cjs');
/** What `npm start` runs: the build check, then the bundle in the same process. */
export const START_SCRIPT = path.resolve(__dirname, '..', '..', 'scripts', 'start.cjs');
const EXIT_WITH_PARENT = path.resolve(__dirname, 'exit-with-parent.cjs');

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
    ? { DATABASE_URL: config.url, CROSSDOCK_DATA_DIR: tempDir('crossdock-files-') }
    : { CROSSDOCK_DATA_DIR: config.dataDir };
}

/** Node arguments and environment of a test server; its stdin must be a pipe from its starter. */
export function serverCommand(
  env: Record<string, string>,
  entry = SERVER_BUNDLE,
): { args: string[]; env: Record<string, string> } {
  return {
    args: ['--require', EXIT_WITH_PARENT, entry],
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
  };
}

/**
 * Runs the built server (`dist/server/main.cjs`, what `npm start` runs) as its own process on a free port.
 * Resolves once it prints that it listens, rejects (with its output) if it exits first: no time budget,
 * a slow machine only makes it take longer. It is killed after the test (or file) that started it, and
 * with this process (exit-with-parent.cjs), so no server outlives a failed or stopped run.
 */
export function startServerProcess(env: Record<string, string>, entry = SERVER_BUNDLE): Promise<ServerProcess> {
  const command = serverCommand(env, entry);
  const child = spawn(process.execPath, command.args, { env: command.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (out += chunk));
  // 'close', not 'exit': by then all of its output has been read.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const running = () => child.exitCode === null && child.signalCode === null;
  cleanUpLater(async () => {
    if (running()) child.kill('SIGKILL');
    await exited;
  });
  return new Promise((resolve, reject) => {
    const check = () => {
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (!url) return;
      child.stdout!.off('data', check);
      child.off('close', early);
      resolve({
        url,
        adminKey: firstKey(out),
        process: child,
        output: () => out,
        stop: async (signal = 'SIGTERM') => {
          if (running()) child.kill(signal);
          return exited;
        },
      });
    };
    const early = (code: number | null, signal: NodeJS.Signals | null) => {
      const how = signal ? `was killed by ${signal}` : `exited with ${code}`;
      reject(Object.assign(new Error(`server ${how} before listening:\n${out}`), { exitCode: code, output: out }));
    };
    child.stdout!.on('data', check);
    child.once('close', early);
    child.once('error', reject); // could not be started at all
  });
}
