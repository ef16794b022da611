import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ServerConfig } from '../config';
import { lockDataDir, type DataDirLock } from './data-dir-lock';
import { isNewDataFolder, SILENT_LOG, templateProblem, type DatabaseLog, type MigrationSource } from './pglite-seed';

export type PgliteConfig = Extract<ServerConfig['database'], { kind: 'pglite' }>;

/**
 * The slow parts of opening a PGlite data folder that need none of the server's code: the folder's lock, a
 * new folder's copy of the template (1,200 small files: a few hundred ms of file creation) and compiling
 * PGlite's 9 MB of WebAssembly. Started first thing, they run on other threads while the main thread loads
 * the server's modules (~0.5 s), instead of one after the other (issue 18: a fresh start within 2 s).
 */
export type PgliteHeadStart = {
  readonly kind: 'pglite';
  readonly config: PgliteConfig;
  readonly lock: DataDirLock;
  readonly log: DatabaseLog;
  /** True once the new folder is a copy of the template; false when initdb will make it (or it existed). */
  readonly seeded: Promise<boolean>;
  /** PGlite's wasm compiled, or undefined (PGlite then compiles it itself). */
  readonly wasm: Promise<WebAssembly.Module | undefined>;
};

export type HeadStartOptions = {
  log?: DatabaseLog;
  /** The code's migrations: without them the template is left alone (see openDatabase). */
  migrations?: readonly MigrationSource[];
};

/** Takes the data folder's lock (throws DataDirLockedError when another process holds it) and starts the rest. */
export function startPgliteOpen(config: PgliteConfig, options: HeadStartOptions = {}): PgliteHeadStart {
  const log = options.log ?? SILENT_LOG;
  const lock = lockDataDir(config.dataDir);
  try {
    const folder = path.join(config.dataDir, 'pgdata');
    const { template } = config;
    const staging =
      template !== undefined && options.migrations !== undefined && isNewDataFolder(folder)
        ? stagingFolder(folder, template, options.migrations, log)
        : null;
    const work = runWorker(staging ? { from: path.join(template!, 'pgdata'), to: staging } : null);
    const seeded = staging
      ? work.then((answer) => placeCopy(answer.copied, staging, folder, template!, log))
      : Promise.resolve(false);
    // PGlite's loader (emscripten's getDylinkMetadata) tells a compiled module from bytes with instanceof: one
    // made in another realm (a test runner's vm context gets the worker's messages in Node's own) would be read
    // as bytes and fail, so it is not passed (PGlite compiles the wasm itself then).
    const wasm = work.then((answer) => (answer.wasm instanceof WebAssembly.Module ? answer.wasm : undefined));
    return { kind: 'pglite', config, lock, log, seeded, wasm };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/**
 * Where the template is copied to, beside the folder, or null (after a log line) when the template cannot be
 * used: today's path (initdb) then. Renamed into place only when whole (placeCopy), so a start stopped
 * half-way never leaves a half folder that looks like a database.
 */
function stagingFolder(
  folder: string,
  template: string,
  known: readonly MigrationSource[],
  log: DatabaseLog,
): string | null {
  const problem = templateProblem(template, known);
  if (problem) {
    log.warn({ template, problem }, 'not using the PGlite template: making the database with initdb (slower)');
    return null;
  }
  const parent = path.dirname(folder);
  // Only the lock holder gets here: a staging folder left beside it is from a start that was stopped.
  for (const name of fs.readdirSync(parent))
    if (name.startsWith(`${path.basename(folder)}.seeding-`)) fs.rmSync(path.join(parent, name), { recursive: true });
  return `${folder}.seeding-${process.pid}`;
}

function placeCopy(
  copied: WorkerAnswer['copied'],
  staging: string,
  folder: string,
  template: string,
  log: DatabaseLog,
): boolean {
  try {
    if (!copied?.ok) throw new Error(copied?.message ?? 'not copied');
    if (fs.existsSync(folder)) fs.rmdirSync(folder); // empty (isNewDataFolder)
    fs.renameSync(staging, folder);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    log.warn(
      { template, problem: (error as Error).message },
      'could not copy the PGlite template: making the database with initdb (slower)',
    );
    return false;
  }
  log.info({ template }, 'new data folder made from the PGlite template');
  return true;
}

// Runs in a worker thread, so the main thread only starts it: the wasm's read and compile (the module is
// shared with the main thread when posted), then the copy, which blocks only this thread. postmaster.pid
// belongs to the template's maker.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
let compiled;
try {
  compiled = WebAssembly.compile(fs.readFileSync(workerData.wasm)).catch(() => undefined);
} catch {
  compiled = Promise.resolve(undefined); // PGlite reads and compiles it itself then
}
let copied = null;
if (workerData.copy) {
  try {
    fs.cpSync(workerData.copy.from, workerData.copy.to, {
      recursive: true,
      filter: (source) => path.basename(source) !== 'postmaster.pid',
    });
    copied = { ok: true };
  } catch (error) {
    copied = { ok: false, message: String(error && error.message) };
  }
}
compiled.then((wasm) => parentPort.postMessage({ wasm, copied }));
`;

type WorkerAnswer = {
  wasm: WebAssembly.Module | undefined;
  copied: { ok: true } | { ok: false; message: string } | null;
};

/** The worker's answer; a worker that fails to start or dies answers "nothing done" (PGlite then does it all). */
function runWorker(copy: { from: string; to: string } | null): Promise<WorkerAnswer> {
  let wasm: string;
  try {
    wasm = path.join(path.dirname(require.resolve('@electric-sql/pglite')), 'pglite.wasm');
  } catch {
    wasm = '';
  }
  return new Promise((resolve) => {
    const nothingDone = (message: string) => ({
      wasm: undefined,
      copied: copy ? { ok: false as const, message } : null,
    });
    let worker: Worker;
    try {
      // execArgv []: none of the process's flags (a preload, a profiler) is the worker's business.
      worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { wasm, copy } });
    } catch (error) {
      resolve(nothingDone(`no worker thread: ${(error as Error).message}`)); // e.g. not allowed by --permission
      return;
    }
    let failure = 'the worker stopped';
    // The answer is used as soon as it arrives: the worker's exit waits for V8 to wind down its compile.
    worker.once('message', (answer: WorkerAnswer) => resolve(answer));
    worker.on('error', (error) => (failure = error.message));
    worker.on('exit', () => resolve(nothingDone(failure)));
  });
}
