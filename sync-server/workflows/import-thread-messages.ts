import { DomainError } from '../../domain/domain-error';
import type { ErrorCode } from '../../domain/errors/error-codes';
import type { ImportFormat } from '../../domain/orders/channel-formats';
import type { Lang } from '../../domain/i18n/lang';
import type { FromReader, KnownIds, ReviewLookups } from './import-reading';

/**
 * The messages between the main thread (import-reader.ts) and the import worker (import-worker.ts), each for one
 * reading by its id. Only plain data crosses: structured cloning drops prototypes, so an error goes as `SentError`.
 */
export type ToWorker =
  | { kind: 'read'; id: number; format: ImportFormat; text: string; lang: Lang; at: Date }
  | { kind: 'lookups'; id: number; lookups: ReviewLookups }
  | { kind: 'rest'; id: number; known: KnownIds }
  /** A chunk's statements are written: the reading may hand over another. */
  | { kind: 'written'; id: number }
  | { kind: 'stop'; id: number }
  /** How many readings the worker holds (answered with the same id): a barrier for tests. */
  | { kind: 'holds'; id: number };

export type FromWorker =
  | (Exclude<FromReader, { kind: 'failed' }> & { id: number })
  | { kind: 'failed'; id: number; error: SentError }
  | { kind: 'holds'; id: number; count: number };

/**
 * Chunks a reading in the worker may hand over before the first of them is written: it reviews the next while the
 * database writes one, and a slow database never has the whole file's statements queued in front of it.
 */
export const CHUNKS_AHEAD = 3;

/** An error as a message between threads can carry it (a DomainError keeps its code, details and params). */
export type SentError = {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  details?: DomainError['details'];
  params?: DomainError['params'];
};

export function sentError(error: unknown): SentError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { name, message, stack } = error;
  return error instanceof DomainError
    ? { name, message, stack, code: error.code, details: error.details, params: error.params }
    : { name, message, stack, code: (error as { code?: string }).code };
}

export function receivedError(sent: SentError): Error {
  const error: Error & { code?: string } =
    sent.name === 'DomainError' && sent.code
      ? new DomainError(sent.code as ErrorCode, (sent.params ?? sent.message) as string, sent.details)
      : Object.assign(new Error(sent.message), sent.code === undefined ? {} : { code: sent.code });
  if (sent.name !== 'DomainError') error.name = sent.name;
  // The reading's stack, not the receiver's: that is where it went wrong.
  if (sent.stack) error.stack = sent.stack;
  return error;
}

/**
 * How far a reading in the worker may go ahead of the writing: `handedOver` for each chunk handed over waits (its
 * promise) while `ahead` chunks are unwritten; `written` and `stop` let it go on.
 */
export class ChunkCredit {
  private unwritten = 0;
  private room: (() => void) | null = null;
  private stopped = false;

  constructor(private readonly ahead: number) {}

  handedOver(): Promise<void> | undefined {
    this.unwritten += 1;
    if (this.stopped || this.unwritten < this.ahead) return undefined;
    return new Promise<void>((resolve) => (this.room = resolve));
  }

  written(): void {
    this.unwritten -= 1;
    if (this.unwritten < this.ahead) this.letGo();
  }

  stop(): void {
    this.stopped = true;
    this.letGo();
  }

  private letGo(): void {
    const room = this.room;
    this.room = null;
    room?.();
  }
}
