import type { ReviewSettings } from '../../domain/orders/auto-review';
import { assembleGroups } from '../../domain/orders/order-import';
import type { OrderGroups } from '../../domain/orders/order-groups';
import { lookbackStart } from '../../domain/orders/duplicate-lookback';
import type { ImportRowError, OrderChannel, OrderDraft, ParsedImport } from '../../domain/orders/order-draft';
import { DuplicateIndex } from '../../domain/orders/duplicate-match';
import { cachedPhoneCheck } from '../../domain/orders/phone-check';
import { orderNoFor } from '../../domain/orders/order-number';
import type { ImportSkipReason } from '../../domain/orders/import-skips';
import type { ImportResponse } from '../../domain/contracts/orders';
import { insertImportedEvents, insertOrderLines, insertOrders, type NewOrder } from '../orders/order-sql';
import { cachePhonePatterns } from '../orders/phone-patterns';
import type { SqlQuery } from '../db/sql-query';
import type { AllocationWarehouse } from '../../domain/inventory/allocation';
import {
  candidateFromRow,
  importedEvent,
  numberTaken,
  reviewDraft,
  type CandidateRow,
  type ReviewContext,
} from './import-review';

/**
 * Reading an order file: grouped, assembled and reviewed a chunk of orders at a time, each chunk handed over as the
 * statements that write it. It does no I/O: the database's answers come in and the statements go out through a
 * `ReaderLink`, so it runs in a worker thread (import-worker.ts) while the main thread writes, or in the main thread
 * itself (import-reader.ts). On PGlite the database runs in the main thread: reading there kept it waiting.
 */

/** What the main thread learns of a file once it is grouped: what to look up before its orders are reviewed. */
export type FileOutline = {
  channel: OrderChannel;
  /** Every order's id, in the file's order. */
  ids: string[];
  /** Where the first chunk ends: its ids are looked up apart, so it need not wait for the rest's. */
  firstEnd: number;
  /** From when the duplicate check reads the workspace's orders, before the window is taken off. */
  lookbackStart: string;
};

/** Which of some ids are imported already, and which of their order numbers are taken. */
export type KnownIds = { existing: string[]; taken: string[] };

/** What the database tells the review, read in the import's transaction. */
export type ReviewLookups = {
  workspaceId: string;
  actor: string;
  settings: ReviewSettings;
  knownSkus: string[];
  mappings: [channelSku: string, sku: string][];
  warehouses: AllocationWarehouse[];
  candidates: CandidateRow[];
  /** The first chunk's ids. */
  first: KnownIds;
  /** The workspace's change number before the import: its orders take the next ones. */
  changeNo: number;
};

/** A chunk of reviewed orders: the statements that write them, and what the answer lists of each. */
export type ReviewedChunk = { statements: SqlQuery[]; created: ImportResponse['orders'] };

/** The file's end: what was not written. */
export type ReadingSummary = {
  reviewed: number;
  skipped: string[];
  skippedBecause: Partial<Record<ImportSkipReason, number>>;
  /** Orders refused (a row without an order id counts as one). */
  rejected: number;
  rejectedRows: ImportRowError[];
};

export type FromReader =
  | { kind: 'outline'; outline: FileOutline }
  | { kind: 'refused'; message: string }
  | { kind: 'chunk'; chunk: ReviewedChunk }
  | { kind: 'done'; summary: ReadingSummary }
  | { kind: 'failed'; error: unknown };

/**
 * How a reading talks to the thread that writes. `post` throws `ReadingStopped` once that thread gave up; for a
 * chunk it may wait until the writer is ready for more.
 */
export type ReaderLink = {
  post(message: FromReader): void | Promise<void>;
  lookups: Promise<ReviewLookups>;
  /** The ids after the first chunk's. */
  rest: Promise<KnownIds>;
  /**
   * Called every few orders reviewed: a turn for the thread's other work (the driver's answers, another reading's
   * messages); throws `ReadingStopped` once the writer gave up.
   */
  breathe: () => Promise<void>;
};

export class ReadingStopped extends Error {}

/** A promise and its settling, for answers that come by message. */
export type Waiting<T> = { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void };

export function waiting<T>(): Waiting<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => {}); // a stopped reading's waits are never read
  return { promise, resolve, reject };
}

/** Reads a file to its end, or to its first failure, reported through the link. */
export async function readImport(group: () => OrderGroups | { error: string }, at: Date, link: ReaderLink) {
  try {
    await read(group, at, link);
  } catch (error) {
    if (error instanceof ReadingStopped) return;
    try {
      await link.post({ kind: 'failed', error });
    } catch {
      // stopped meanwhile: nobody is waiting
    }
  }
}

async function read(group: () => OrderGroups | { error: string }, at: Date, link: ReaderLink): Promise<void> {
  const file = group();
  if ('error' in file) return link.post({ kind: 'refused', message: file.error });
  const { channel, lang } = file;
  const receivedAt = at.toISOString();
  const ids = file.groups.map(([orderId]) => orderId);
  const firstEnd = chunkEnd(file, 0);
  await link.post({
    kind: 'outline',
    outline: { channel, ids, firstEnd, lookbackStart: lookbackStart(file, receivedAt) ?? receivedAt },
  });
  // The first chunk is assembled while the database answers the lookups.
  let next: ParsedImport | null = file.groups.length ? assembleGroups(file, 0, firstEnd) : null;
  cachePhonePatterns();
  const l = await link.lookups;
  const existing = new Set(l.first.existing);
  const taken = new Set(l.first.taken);
  const candidates = new DuplicateIndex<ReturnType<typeof candidateFromRow>>();
  for (const row of l.candidates) candidates.add(candidateFromRow(row));
  const review: ReviewContext = {
    channel,
    at,
    receivedAt,
    lang,
    settings: l.settings,
    knownSkus: new Set(l.knownSkus),
    mappings: new Map(l.mappings),
    warehouses: l.warehouses,
    candidates,
    phoneCheck: cachedPhoneCheck(),
  };
  let changeNo = l.changeNo;
  const skippedBecause: Partial<Record<ImportSkipReason, number>> = {};
  const skipped: string[] = [];
  const rejected: ImportRowError[] = [...file.rejected];
  let rejectedOrders = 0;
  const collisions: OrderDraft[] = [];
  // The numbers this file's orders take so far.
  const fileNumbers = new Set<string>();
  for (let from = 0; next; from = chunkEnd(file, from)) {
    const chunk = next;
    if (from === firstEnd) {
      const rest = await link.rest;
      for (const id of rest.existing) existing.add(id);
      for (const no of rest.taken) taken.add(no);
    }
    for (const error of chunk.rejected) rejected.push(error); // no spread: a chunk may refuse many rows
    rejectedOrders += chunk.rejectedOrders.length;
    const fresh: OrderDraft[] = [];
    for (const o of chunk.orders) {
      const orderNo = orderNoFor(channel, o.externalId);
      // Skipped first (already imported, or closed by the shop when the workspace skips those); of the rest, an
      // order numbered like another order ("SH-1001" typed in a template, or "#1001" and "1001" in one file)
      // would take its number: refused by row.
      const reason: ImportSkipReason | null = existing.has(o.externalId)
        ? 'already_imported'
        : !l.settings.importClosedOrders && o.closedBy
          ? o.closedBy
          : null;
      if (reason) {
        skippedBecause[reason] = (skippedBecause[reason] ?? 0) + 1;
        skipped.push(orderNo);
      } else if (taken.has(orderNo) || fileNumbers.has(orderNo)) collisions.push(o);
      else {
        fresh.push(o);
        fileNumbers.add(orderNo);
      }
    }
    const reviewed: NewOrder[] = [];
    for (const draft of fresh) {
      if (reviewed.length > 0 && reviewed.length % REVIEW_SLICE === 0) await link.breathe();
      const order = reviewDraft(draft, review);
      order.changeNo = ++changeNo;
      reviewed.push(order);
    }
    if (reviewed.length) await link.post({ kind: 'chunk', chunk: writtenChunk(l, at, channel, reviewed) });
    // The next chunk is assembled now, while the database writes this one.
    const to = chunkEnd(file, from);
    next = to < file.groups.length ? assembleGroups(file, to, chunkEnd(file, to)) : null;
  }
  await link.post({
    kind: 'done',
    summary: {
      reviewed: changeNo - l.changeNo,
      skipped,
      skippedBecause,
      rejected: rejectedOrders + file.rejected.length + collisions.length,
      rejectedRows: [...rejected, ...collisions.flatMap((o) => numberTaken(o, orderNoFor(channel, o.externalId), lang))]
        // Rows in the file's order, whichever chunk refused them.
        .sort((a, b) => a.row - b.row),
    },
  });
}

function writtenChunk(l: ReviewLookups, at: Date, channel: OrderChannel, reviewed: NewOrder[]): ReviewedChunk {
  const ws = l.workspaceId;
  return {
    statements: [
      insertOrders(ws, reviewed, at, l.actor),
      insertOrderLines(ws, reviewed),
      // The "imported" events by their own insert (the same rows the event log writes), before anything the
      // allocation logs, as when they went through the workflow's event list.
      insertImportedEvents(ws, at, l.actor, reviewed.map(importedEvent(channel))),
    ],
    // What the answer needs of each new order, not the order: drafts are garbage once their chunk is built.
    created: reviewed.map((o) => ({
      orderNo: o.orderNo,
      externalId: o.draft.externalId,
      status: o.status,
      review: o.reviewNotes,
    })),
  };
}

/**
 * Orders reviewed before their chunk is handed over. The first chunk is smaller: the database has nothing to write
 * until it is reviewed.
 */
const IMPORT_CHUNK = 1_000;
const FIRST_IMPORT_CHUNK = 250;
const REVIEW_SLICE = 50;

/** Where the chunk of the file's orders that starts at group `from` ends. */
function chunkEnd(file: OrderGroups, from: number): number {
  return Math.min(file.groups.length, from + (from === 0 ? FIRST_IMPORT_CHUNK : IMPORT_CHUNK));
}
