import { groupOrderEntries, type ImportFormat } from '../../domain/orders/channel-formats';
import type { OrderEntry } from '../../domain/orders/order-entry';
import type { OrderChannel } from '../../domain/orders/order-draft';
import { orderNoFor } from '../../domain/orders/order-number';
import type { ImportResponse } from '../../domain/contracts/orders';
import type { Lang } from '../../domain/i18n/lang';
import type { Principal } from '../access/principal';
import { inTransaction, type Database } from '../db/database';
import {
  selectExistingExternalIds,
  selectTakenOrderNos,
  selectProductSkus,
  selectReviewCandidates,
  selectSkuMappings,
} from '../orders/order-sql';
import { loadSettings } from '../settings/settings-service';
import { REVIEW_SETTINGS_BLOCK } from '../../domain/orders/review-settings-form';
import { allocateOrders } from '../inventory/allocation-service';
import { warehousesFrom, type WarehouseRow } from '../inventory/warehouse-network';
import { selectWarehouses } from '../inventory/stock-sql';
import { recordedJob } from '../dispatch/job-runs';
import { runInWorkspace } from './command-runner';
import { StatementPipeline } from '../db/statement-pipeline';
import type { CandidateRow } from './import-review';
import type { KnownIds } from './import-reading';
import { readFile, readGroups, type ImportReading, type ReadingMode } from './import-reader';

/** What an import answers (the contract's reply). */
export type ImportResult = ImportResponse;

/**
 * Imports one export file: whole orders or nothing of an order, once per (channel, external id), each
 * auto-reviewed against the workspace's open orders and the orders earlier in the same file.
 * One transaction: a failure leaves nothing of the file behind. The file is read and reviewed a chunk at a time
 * (import-reading.ts) while the database writes the chunk before: in the import worker or in this thread (`mode`).
 */
export async function importOrderFile(
  db: Database,
  principal: Principal,
  format: ImportFormat,
  text: string,
  lang: Lang,
  now: () => Date,
  mode: ReadingMode = readingModeFor(db),
): Promise<ImportResult> {
  return asJobRun(db, principal, now, () => {
    const at = now();
    return importReading(db, principal, readFile({ format, text, lang, at }, mode), at);
  });
}

/**
 * PGlite runs the database in this thread: reading the file here kept it waiting, so the import worker reads it.
 * PostgreSQL writes in its own process while this thread reads, as fast as with the worker and without the worker's
 * memory (BENCHMARKS.md, issue 18, sixteenth session).
 */
function readingModeFor(db: Database): ReadingMode {
  return db.kind === 'pglite' ? 'worker' : 'main';
}

/** Each import is a job run of the dispatch center (docs/dispatch.md), failed or not. */
function asJobRun(
  db: Database,
  principal: Principal,
  now: () => Date,
  work: () => Promise<ImportResult>,
): Promise<ImportResult> {
  return recordedJob(
    db.pool,
    { workspaceId: principal.workspaceId, kind: 'import', actor: principal.actor, now },
    work,
    (r) => ({
      counts: { imported: r.imported, skipped: r.skipped, rejected: r.rejected },
      errors: r.rejected,
    }),
  );
}

/** Rows typed into the Orders sheet, imported like a template file (channel "manual"). */
export function importOrderEntries(
  db: Database,
  principal: Principal,
  entries: readonly OrderEntry[],
  lang: Lang,
  now: () => Date,
): Promise<ImportResult> {
  return asJobRun(db, principal, now, () => {
    const at = now();
    return importReading(
      db,
      principal,
      readGroups(() => groupOrderEntries(entries, lang), at),
      at,
    );
  });
}

async function importReading(
  db: Database,
  principal: Principal,
  reading: ImportReading,
  at: Date,
): Promise<ImportResult> {
  try {
    const { channel, ids, firstEnd, lookbackStart } = await reading.outline;
    return await inTransaction(db, (client) =>
      runInWorkspace(client, principal, at, `import:${channel}`, async (ctx) => {
        const ws = principal.workspaceId;
        // One connection, statements queued: the database answers the lookups and writes one chunk while the
        // reading reviews the next.
        const pipeline = new StatementPipeline(client);
        const settings = await loadSettings(client, ws, REVIEW_SETTINGS_BLOCK);
        const knownSkus = pipeline.ask<{ sku: string }>(selectProductSkus(ws));
        const mappings = pipeline.ask<{ channel_sku: string; sku: string }>(selectSkuMappings(ws));
        const warehouses = pipeline.ask<WarehouseRow>(selectWarehouses(ws));
        // A group's key is its order's id: whether each is imported already, or its number taken, is asked for the
        // first chunk's orders, then (after the duplicate candidates, so the first chunk need not wait) the rest's.
        const first = askKnown(pipeline, ws, channel, ids.slice(0, firstEnd));
        // The duplicate check looks back from no later than the file's earliest order (an undated one counts as
        // of now): a superset of what each order needs (the window is checked per pair), read before any of the
        // file's orders is added.
        const since = new Date(Date.parse(lookbackStart) - settings.duplicateWindowDays * DAY);
        const candidates = pipeline.ask<CandidateRow>(selectReviewCandidates(ws, since.toISOString()));
        if (firstEnd < ids.length) reading.learnRest(askKnown(pipeline, ws, channel, ids.slice(firstEnd)));
        reading.review({
          workspaceId: ws,
          actor: principal.actor,
          settings,
          knownSkus: (await knownSkus).map((r) => r.sku),
          mappings: (await mappings).map((r) => [r.channel_sku, r.sku]),
          warehouses: warehousesFrom(await warehouses),
          // Awaited in the order they were queued: the first to fail is the one that failed, not one refused
          // because the transaction was aborted.
          first: await first,
          candidates: await candidates,
          changeNo: ctx.changeNo,
        });
        const created: ImportResult['orders'] = [];
        let item = await reading.next();
        for (; 'chunk' in item; item = await reading.next()) {
          // The reading may hand over another chunk once this one is written. A failure ends the reading, so
          // this thread never waits for a chunk the worker holds back until this one is written.
          void Promise.all(item.chunk.statements.map((statement) => pipeline.ask(statement))).then(
            () => reading.written(),
            (error: unknown) => reading.fail(error),
          );
          for (const order of item.chunk.created) created.push(order); // no spread: a chunk holds 1,000
          await pipeline.turn();
        }
        const { summary } = item;
        ctx.changeNo += summary.reviewed;
        await pipeline.drained();
        if (created.length) {
          // Orders the workspace approves by itself reserve stock like any approval (docs/inventory.md).
          await allocateOrders(
            ctx,
            created.filter((o) => o.status === 'approved').map((o) => o.orderNo),
          );
          for (const o of created) o.status = ctx.statuses.get(o.orderNo) ?? o.status;
        }
        return {
          imported: created.length,
          skipped: summary.skipped.length,
          rejected: summary.rejected,
          rejectedRows: summary.rejectedRows,
          orders: created,
          skippedOrders: summary.skipped,
          skippedBecause: summary.skippedBecause,
        };
      }),
    );
  } finally {
    reading.stop();
  }
}

/** Asks which of `ids` are imported already and which order numbers they would take are taken. */
function askKnown(pipeline: StatementPipeline, ws: string, channel: OrderChannel, ids: readonly string[]) {
  const existing = pipeline.ask<{ external_id: string }>(selectExistingExternalIds(ws, channel, ids));
  const taken = pipeline.ask<{ order_no: string }>(
    selectTakenOrderNos(
      ws,
      ids.map((id) => orderNoFor(channel, id)),
    ),
  );
  const known: Promise<KnownIds> = Promise.all([existing, taken]).then(([e, t]) => ({
    existing: e.map((r) => r.external_id),
    taken: t.map((r) => r.order_no),
  }));
  // Its failure is the pipeline's first (or one after it): thrown there, never an unhandled rejection here.
  known.catch(() => undefined);
  return known;
}

const DAY = 86_400_000;
