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
import { receivedError, type FromWorker, type ToWorker } from './import-thread-messages';

/**
 * The main thread's side of reading an order file (import-reading.ts): in the import worker when its bundle is there
 * (dist/server/import-worker.cjs, beside the server's bundle, or the checkout's dist/ when the sources run under the
 * tests, as the test command builds it), else in the main thread. The worker is started once per process and kept,
 * unreferenced while idle.
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
  /** A chunk taken by `next` is written: the reading may go further ahead. */
  written(): void;
  /** Writing failed: the reading stops, and `next` throws `error`. */
  fail(error: unknown): void;
  /** The writer is done (or gave up): the reading stops where it is. */
  stop(): void;
};

/** Where a file is read: `worker` falls back to `main` when the worker's bundle is not built. */
export type ReadingMode = 'worker' | 'main';

export type FileToRead = { format: ImportFormat; text: string; lang: Lang; at: Date };

export function readFile(file: FileToRead, mode: ReadingMode = 'worker'): ImportReading {
  const worker = mode === 'worker' ? importWorker() : null;
  if (!worker) return readGroups(() => groupOrderFile(file.format, file.text, file.lang), file.at);
  const inbox = new Inbox();
  const id = worker.start(inbox);
  worker.post({ kind: 'read', id, format: file.format, text: file.text, lang: file.lang, at: file.at });
  return inbox.reading('worker', {
    review: (lookups) => worker.post({ kind: 'lookups', id, lookups }),
    rest: (known) => worker.post({ kind: 'rest', id, known }),
    written: () => worker.post({ kind: 'written', id }),
    stop: () => worker.finish(id),
  });
}

/** A file grouped by `group` (or rows typed into the sheet), read in the main thread. */
export function readGroups(group: () => OrderGroups | { error: string }, at: Date): ImportReading {
  const inbox = new Inbox();
  const lookups = waiting<ReviewLookups>();
  const rest = waiting<KnownIds>();
  let stopped = false;
  const goOn = () => {
    if (stopped) throw new ReadingStopped();
  };
  void readImport(group, at, {
    post: (message) => {
      goOn();
      inbox.receive(message);
      // No chunk ahead of the writer: in this thread, reading on would only delay the writing.
      return message.kind === 'chunk' ? inbox.emptied() : undefined;
    },
    lookups: lookups.promise,
    rest: rest.promise,
    // A turn for the driver to read the database's answers.
    breathe: () => new Promise<void>((resolve) => setImmediate(resolve)).then(goOn),
  });
  return inbox.reading('main', {
    review: (l) => lookups.resolve(l),
    rest: (known) => rest.resolve(known),
    written: () => undefined,
    stop: () => {
      stopped = true;
      lookups.reject(new ReadingStopped());
      rest.reject(new ReadingStopped());
      inbox.release();
    },
  });
}

type Item = { chunk: ReviewedChunk } | { summary: ReadingSummary };

/** The messages of one reading, as they arrive, for the writer to take in turn. */
class Inbox {
  private readonly outline = waiting<FileOutline>();
  private readonly queue: Item[] = [];
  private taker: Waiting<Item> | null = null;
  private failure: unknown = null;
  private onEmpty: (() => void) | null = null;

  receive(message: FromReader): void {
    switch (message.kind) {
      case 'outline':
        return this.outline.resolve(message.outline);
      case 'refused':
        return this.fail(new DomainError('unreadable_file', message.message));
      case 'failed':
        return this.fail(message.error);
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
    to: { review(l: ReviewLookups): void; rest(known: KnownIds): void; written(): void; stop(): void },
  ): ImportReading {
    const failed = (error: unknown) => {
      this.fail(error);
      to.stop();
    };
    return {
      thread,
      outline: this.outline.promise,
      review: to.review,
      learnRest: (known) => void known.then(to.rest).catch(failed),
      next: () => this.next(),
      written: to.written,
      fail: failed,
      stop: to.stop,
    };
  }

  private deliver(item: Item): void {
    if (this.taker) {
      this.taker.resolve(item);
      this.taker = null;
    } else this.queue.push(item);
  }

  private next(): Promise<Item> {
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
// The worker, one per process

type ImportWorker = {
  start(inbox: Inbox): number;
  post(message: ToWorker): void;
  finish(id: number): void;
  holds(): Promise<number>;
  close(): Promise<void>;
};

let shared: ImportWorker | null = null;

function importWorker(): ImportWorker | null {
  if (shared) return shared;
  const file = workerBundle();
  if (!file) return null;
  const readings = new Map<number, Inbox>();
  const questions = new Map<number, (count: number) => void>();
  let lastId = 0;
  const worker = new Worker(file);
  // Referenced only while a reading waits on it: an idle worker keeps no process alive (the CLI, the tests).
  worker.unref();
  const gone = (error: Error) => {
    if (shared === self) shared = null;
    for (const inbox of readings.values()) inbox.fail(error);
    readings.clear();
    for (const answer of questions.values()) answer(0);
  };
  worker.on('message', (m: FromWorker) => {
    if (m.kind === 'holds') return questions.get(m.id)?.(m.count);
    const inbox = readings.get(m.id);
    if (m.kind === 'failed') inbox?.fail(receivedError(m.error));
    else inbox?.receive(m);
  });
  worker.on('error', gone);
  // An answer that cannot be read would leave its reading waiting for ever: every reading fails instead.
  worker.on('messageerror', gone);
  worker.on('exit', (code) => gone(new Error(`the import worker stopped (exit code ${code})`)));
  const self: ImportWorker = {
    start(inbox) {
      const id = ++lastId;
      if (readings.size === 0) worker.ref();
      readings.set(id, inbox);
      return id;
    },
    post(message) {
      if (readings.has(message.id)) worker.postMessage(message);
    },
    finish(id) {
      if (!readings.delete(id)) return;
      worker.postMessage({ kind: 'stop', id } satisfies ToWorker);
      if (readings.size === 0) worker.unref();
    },
    holds: () =>
      new Promise((resolve) => {
        const id = ++lastId;
        questions.set(id, (count) => {
          questions.delete(id);
          resolve(count);
        });
        worker.postMessage({ kind: 'holds', id } satisfies ToWorker);
      }),
    close: async () => {
      // A reading started from now on gets a new worker.
      if (shared === self) shared = null;
      await worker.terminate();
    },
  };
  shared = self;
  return self;
}

/**
 * Starts the import worker ahead of the first import, when the bundle is there: loading its modules (the phone and
 * country data among them) takes a few hundred milliseconds that the first import would otherwise wait for.
 */
export function startImportWorker(): void {
  importWorker();
}

/** How many readings the import worker holds (0 without one). */
export async function importWorkerHolds(): Promise<number> {
  return shared ? shared.holds() : 0;
}

/** Stops the import worker (its readings fail); the next import starts another. */
export async function closeImportWorker(): Promise<void> {
  await shared?.close();
}

const BUNDLE = 'import-worker.cjs';

/** The worker's bundle: beside this code once bundled, or in the checkout's dist/ for the sources. */
function workerBundle(): string | null {
  for (const file of [path.join(__dirname, BUNDLE), path.resolve(__dirname, '..', '..', 'dist', 'server', BUNDLE)])
    if (fs.existsSync(file)) return file;
  return null;
}
