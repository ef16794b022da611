import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DomainError } from '../../domain/domain-error';
import type { OrderGroups } from '../../domain/orders/order-groups';
import { groupOrderFile, type ImportFormat } from '../../domain/orders/channel-formats';
import type { Lang } from '../../domain/i18n/lang';
import {
  readImport,
  ReadingStopped,
  waiting,
  type Waiting,
  type FileOutline,
  type FromReader,
  type KnownIds,
  type ReadingSummary,
  type ReviewedChunk,
  type ReviewLookups,
} from './import-reading';

/**
 * The main thread's side of reading an order file (import-reading.ts): in the import worker when its bundle is there
 * (dist/server/import-worker.cjs, beside the server's bundle, or the repository's dist/ when the sources run under the
 * tests), else in the main thread. The worker is started at the first import and kept, unreferenced while idle.
 */
export type ImportReading = {
  /** Where the file is read. */
  thread: ReadingMode;
  /** The file grouped; a file that cannot be read is a DomainError `unreadable_file`. */
  outline: Promise<FileOutline>;
  review(lookups: ReviewLookups): void;
  /** The ids after the first chunk's; a failure to read them fails the reading. */
  learnRest(known: Promise<KnownIds>): void;
  /** The next chunk, or the summary after the last. */
  next(): Promise<{ chunk: ReviewedChunk } | { summary: ReadingSummary }>;
  /** The writer is done (or gave up): the reading stops where it is. */
  stop(): void;
};

/** Where a file is read: `worker` falls back to `main` when the worker's bundle is not built. */
export type ReadingMode = 'worker' | 'main';

export type FileToRead = { format: ImportFormat; text: string; lang: Lang; at: Date };

export function readFile(file: FileToRead, mode: ReadingMode = 'worker'): ImportReading {
  const worker = mode === 'worker' ? importWorker() : null;
  if (!worker) return readInThread(() => groupFile(file), file.at);
  const inbox = new Inbox();
  const id = worker.start(inbox);
  worker.post(id, { kind: 'read', format: file.format, text: file.text, lang: file.lang, at: file.at });
  return inbox.reading('worker', {
    review: (lookups) => worker.post(id, { kind: 'lookups', lookups }),
    rest: (known) => worker.post(id, { kind: 'rest', known }),
    stop: () => worker.finish(id),
  });
}

/** Rows already grouped (typed into the sheet): read in the main thread. */
export function readGroups(group: () => OrderGroups | { error: string }, at: Date): ImportReading {
  return readInThread(group, at);
}

function groupFile(file: FileToRead): OrderGroups | { error: string } {
  return groupOrderFile(file.format, file.text, file.lang);
}

function readInThread(group: () => OrderGroups | { error: string }, at: Date): ImportReading {
  const inbox = new Inbox();
  const lookups = waiting<ReviewLookups>();
  const rest = waiting<KnownIds>();
  let stopped = false;
  void readImport(group, at, {
    post: (message) => {
      if (stopped) throw new ReadingStopped();
      inbox.receive(message);
      // No chunk ahead of the writer: in this thread, reading on would only delay the writing.
      return message.kind === 'chunk' ? inbox.emptied() : undefined;
    },
    lookups: lookups.promise,
    rest: rest.promise,
    breathe: () => new Promise((resolve) => setImmediate(resolve)),
  });
  return inbox.reading('main', {
    review: (l) => lookups.resolve(l),
    rest: (known) => rest.resolve(known),
    stop: () => {
      stopped = true;
      lookups.reject(new ReadingStopped());
      rest.reject(new ReadingStopped());
      inbox.release();
    },
  });
}

/** The messages of one reading, as they arrive, for the writer to take in turn. */
class Inbox {
  private readonly outline = waiting<FileOutline>();
  private readonly queue: ({ chunk: ReviewedChunk } | { summary: ReadingSummary })[] = [];
  private taker: Waiting<{ chunk: ReviewedChunk } | { summary: ReadingSummary }> | null = null;
  private failure: unknown = null;
  private onEmpty: (() => void) | null = null;

  receive(message: FromReader): void {
    switch (message.kind) {
      case 'outline':
        return this.outline.resolve(message.outline);
      case 'refused':
        return this.fail(new DomainError('unreadable_file', message.message));
      case 'failed':
        return this.fail(Object.assign(new Error(message.message), { stack: message.stack }));
      case 'chunk':
        return this.deliver({ chunk: message.chunk });
      case 'done':
        return this.deliver({ summary: message.summary });
    }
  }

  fail(error: unknown): void {
    if (this.failure) return;
    this.failure = error;
    this.outline.reject(error);
    this.taker?.reject(error);
    this.taker = null;
  }

  /** Resolves once the writer has taken every chunk received. */
  emptied(): Promise<void> {
    return this.queue.length === 0 ? Promise.resolve() : new Promise((resolve) => (this.onEmpty = resolve));
  }

  /** Lets a reading waiting for `emptied` go on. */
  release(): void {
    const emptied = this.onEmpty;
    this.onEmpty = null;
    emptied?.();
  }

  reading(
    thread: ReadingMode,
    to: { review(l: ReviewLookups): void; rest(known: KnownIds): void; stop(): void },
  ): ImportReading {
    return {
      thread,
      outline: this.outline.promise,
      review: to.review,
      learnRest: (known) =>
        known.then(to.rest, (error: unknown) => {
          this.fail(error);
          to.stop();
        }),
      next: () => this.next(),
      stop: to.stop,
    };
  }

  private deliver(item: { chunk: ReviewedChunk } | { summary: ReadingSummary }): void {
    if (this.taker) {
      this.taker.resolve(item);
      this.taker = null;
    } else this.queue.push(item);
  }

  private next(): Promise<{ chunk: ReviewedChunk } | { summary: ReadingSummary }> {
    if (this.failure) return Promise.reject(this.failure);
    const item = this.queue.shift();
    if (item) {
      if (this.queue.length === 0) this.release();
      return Promise.resolve(item);
    }
    this.taker = waiting();
    return this.taker.promise;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The worker

type ToWorker =
  | { kind: 'read'; format: ImportFormat; text: string; lang: Lang; at: Date }
  | { kind: 'lookups'; lookups: ReviewLookups }
  | { kind: 'rest'; known: KnownIds }
  | { kind: 'stop' };

/** A message between the threads: one reading's, by its id. */
export type WorkerMessage<M> = M & { id: number };
export type { ToWorker };

type ImportWorker = {
  start(inbox: Inbox): number;
  post(id: number, message: ToWorker): void;
  finish(id: number): void;
  close(): Promise<void>;
};

let shared: ImportWorker | null = null;

function importWorker(): ImportWorker | null {
  if (shared) return shared;
  const file = workerBundle();
  if (!file) return null;
  const readings = new Map<number, Inbox>();
  let lastId = 0;
  const worker = new Worker(file);
  // Referenced only while a reading waits on it: an idle worker keeps no process alive (the CLI, the tests).
  worker.unref();
  const gone = (error: Error) => {
    if (shared === self) shared = null;
    for (const inbox of readings.values()) inbox.fail(error);
    readings.clear();
  };
  worker.on('message', (m: WorkerMessage<FromReader>) => readings.get(m.id)?.receive(m));
  worker.on('error', gone);
  worker.on('exit', (code) => gone(new Error(`the import worker stopped (exit code ${code})`)));
  const self: ImportWorker = {
    start(inbox) {
      const id = ++lastId;
      if (readings.size === 0) worker.ref();
      readings.set(id, inbox);
      return id;
    },
    post(id, message) {
      if (readings.has(id)) worker.postMessage({ ...message, id } satisfies WorkerMessage<ToWorker>);
    },
    finish(id) {
      if (!readings.delete(id)) return;
      worker.postMessage({ kind: 'stop', id } satisfies WorkerMessage<ToWorker>);
      if (readings.size === 0) worker.unref();
    },
    close: async () => {
      await worker.terminate();
    },
  };
  shared = self;
  return self;
}

/** Stops the import worker (its readings fail); the next import starts another. */
export async function closeImportWorker(): Promise<void> {
  await shared?.close();
}

const BUNDLE = 'import-worker.cjs';

/** The worker's bundle: beside this code once bundled, or in the repository's dist/ for the sources. */
function workerBundle(): string | null {
  for (const file of [path.join(__dirname, BUNDLE), path.resolve(__dirname, '..', '..', 'dist', 'server', BUNDLE)])
    if (fs.existsSync(file)) return file;
  return null;
}
