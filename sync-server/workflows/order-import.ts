import { reviewOrder, type ReviewCandidate, type ReviewSettings } from '../../domain/orders/auto-review';
import { groupOrderEntries, groupOrderFile, type ImportFormat } from '../../domain/orders/channel-formats';
import { assembleGroups } from '../../domain/orders/order-import';
import type { OrderGroups } from '../../domain/orders/order-groups';
import { lookbackStart } from '../../domain/orders/duplicate-lookback';
import type { OrderEntry } from '../../domain/orders/order-entry';
import type { ImportRowError, OrderChannel, OrderDraft, ParsedImport } from '../../domain/orders/order-draft';
import { DuplicateIndex } from '../../domain/orders/duplicate-match';
import { cachedPhoneCheck } from '../../domain/orders/phone-check';
import { mapSku, orderNoFor } from '../../domain/orders/order-number';
import type { ImportSkipReason } from '../../domain/orders/import-skips';
import type { ImportResponse } from '../../domain/contracts/orders';
import { importMessage } from '../../domain/orders/import-messages';
import { DomainError } from '../../domain/domain-error';
import type { Lang } from '../../domain/i18n/lang';
import type { Principal } from '../access/principal';
import { inTransaction, type Database } from '../db/database';
import {
  insertImportedEvents,
  insertOrderLines,
  insertOrders,
  selectExistingExternalIds,
  selectTakenOrderNos,
  selectProductSkus,
  selectReviewCandidates,
  selectSkuMappings,
  type NewOrder,
} from '../orders/order-sql';
import { cachePhonePatterns } from '../orders/phone-patterns';
import { loadSettings } from '../settings/settings-service';
import { REVIEW_SETTINGS_BLOCK } from '../../domain/orders/review-settings-form';
import { allocateOrders } from '../inventory/allocation-service';
import { warehousesFrom, type WarehouseRow } from '../inventory/warehouse-network';
import { selectWarehouses } from '../inventory/stock-sql';
import { recordedJob } from '../dispatch/job-runs';
import { runInWorkspace } from './command-runner';
import { StatementPipeline } from '../db/statement-pipeline';

/** What an import answers (the contract's reply). */
export type ImportResult = ImportResponse;

/**
 * Imports one export file: whole orders or nothing of an order, once per (channel, external id), each
 * auto-reviewed against the workspace's open orders and the orders earlier in the same file.
 * One transaction: a failure leaves nothing of the file behind.
 */
export async function importOrderFile(
  db: Database,
  principal: Principal,
  format: ImportFormat,
  text: string,
  lang: Lang,
  now: () => Date,
): Promise<ImportResult> {
  return asJobRun(db, principal, now, () => {
    const file = groupOrderFile(format, text, lang);
    if ('error' in file) throw new DomainError('unreadable_file', file.error);
    return importGroups(db, principal, file, now);
  });
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
  return asJobRun(db, principal, now, () => importGroups(db, principal, groupOrderEntries(entries, lang), now));
}

async function importGroups(
  db: Database,
  principal: Principal,
  file: OrderGroups,
  now: () => Date,
): Promise<ImportResult> {
  const { channel, lang } = file;
  const at = now();
  cachePhonePatterns();
  return inTransaction(db, (client) =>
    runInWorkspace(client, principal, at, `import:${channel}`, async (ctx) => {
      const ws = principal.workspaceId;
      // One connection, statements queued: the file is assembled, looked up, reviewed and written a chunk of
      // orders at a time, so PostgreSQL answers and writes one chunk while Node works on the next.
      const pipeline = new StatementPipeline(client);
      const settings = await loadSettings(client, ws, REVIEW_SETTINGS_BLOCK);
      const knownSkus = pipeline.ask<{ sku: string }>(selectProductSkus(ws));
      const mappings = pipeline.ask<{ channel_sku: string; sku: string }>(selectSkuMappings(ws));
      const warehouseRows = pipeline.ask<WarehouseRow>(selectWarehouses(ws));
      // A group's key is its order's id: whether each is imported already, or its number taken, is asked for the
      // first chunk's orders, then (after the duplicate candidates, so the first chunk need not wait) for the rest.
      const ids = file.groups.map(([orderId]) => orderId);
      const firstEnd = chunkEnd(file, 0);
      const firstKnown = askKnown(pipeline, ws, channel, ids.slice(0, firstEnd));
      // The duplicate check looks back from no later than the file's earliest order (an undated one counts as of
      // now): a superset of what each order needs (the window is checked per pair), read before any of the file's
      // orders is added, in one lookup before the first chunk, while the database answers the lookups above.
      const start = Date.parse(lookbackStart(file, at.toISOString()) ?? at.toISOString());
      const since = new Date(start - settings.duplicateWindowDays * DAY);
      const candidateRows = pipeline.ask<CandidateRow>(selectReviewCandidates(ws, since.toISOString()));
      let restKnown = firstEnd < ids.length ? askKnown(pipeline, ws, channel, ids.slice(firstEnd)) : null;
      let next: ParsedImport | null = file.groups.length ? assembleGroups(file, 0, firstEnd) : null;
      const existing = new Set<string>();
      const taken = new Set<string>();
      await learnKnown(firstKnown, existing, taken);
      const candidates = new DuplicateIndex<ReviewCandidate>();
      const review: ReviewContext = {
        channel,
        at,
        receivedAt: at.toISOString(),
        lang,
        settings,
        knownSkus: new Set((await knownSkus).map((r) => r.sku)),
        mappings: new Map((await mappings).map((r) => [r.channel_sku, r.sku])),
        warehouses: warehousesFrom(await warehouseRows),
        candidates,
        phoneCheck: cachedPhoneCheck(),
      };
      for (const row of await candidateRows) candidates.add(candidateFromRow(row));

      const skippedBecause: Partial<Record<ImportSkipReason, number>> = {};
      const skipped: string[] = [];
      const rejected: ImportRowError[] = [...file.rejected];
      const rejectedOrders: string[] = [];
      const collisions: OrderDraft[] = [];
      // What the answer needs of each new order, not the order: drafts are garbage once their chunk is written, so
      // the collector does not copy 10,000 of them to its old space.
      const created: ImportResult['orders'] = [];
      // The numbers this file's orders take so far.
      const fileNumbers = new Set<string>();
      for (let from = 0; next; from = chunkEnd(file, from)) {
        const chunk = next;
        if (from > 0 && restKnown) {
          await learnKnown(restKnown, existing, taken);
          restKnown = null;
        }
        for (const error of chunk.rejected) rejected.push(error); // no spread: a chunk may refuse many rows
        for (const orderId of chunk.rejectedOrders) rejectedOrders.push(orderId);
        const fresh: OrderDraft[] = [];
        for (const o of chunk.orders) {
          const orderNo = orderNoFor(channel, o.externalId);
          // Skipped first (already imported, or closed by the shop when the workspace skips those); of the rest,
          // an order numbered like another order ("SH-1001" typed in a template, or "#1001" and "1001" in one
          // file) would take its number: refused by row.
          const reason: ImportSkipReason | null = existing.has(o.externalId)
            ? 'already_imported'
            : !settings.importClosedOrders && o.closedBy
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
          if (reviewed.length > 0 && reviewed.length % REVIEW_SLICE === 0) await pipeline.turn();
          const order = reviewDraft(draft, review);
          ctx.changeNo += 1;
          order.changeNo = ctx.changeNo;
          reviewed.push(order);
        }
        if (reviewed.length) {
          for (const o of reviewed)
            created.push({
              orderNo: o.orderNo,
              externalId: o.draft.externalId,
              status: o.status,
              review: o.reviewNotes,
            });
          pipeline.send(insertOrders(ws, reviewed, at, principal.actor));
          pipeline.send(insertOrderLines(ws, reviewed));
          // The "imported" events by their own insert (the same rows the event log writes), before anything the
          // allocation logs, as when they went through ctx.events.
          pipeline.send(insertImportedEvents(ws, at, principal.actor, reviewed.map(importedEvent(channel))));
        }
        // The next chunk is assembled now, while the database writes this one.
        const to = chunkEnd(file, from);
        next = to < file.groups.length ? assembleGroups(file, to, chunkEnd(file, to)) : null;
        await pipeline.turn();
      }
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
        skipped: skipped.length,
        // Orders counted; a row with no order number is an order of its own that could not be named.
        rejected: rejectedOrders.length + file.rejected.length + collisions.length,
        rejectedRows: [
          ...rejected,
          ...collisions.flatMap((o) => numberTaken(o, orderNoFor(channel, o.externalId), lang)),
        ].sort((a, b) => a.row - b.row),
        orders: created,
        skippedOrders: skipped,
        skippedBecause,
      };
    }),
  );
}

type ReviewContext = {
  channel: OrderChannel;
  at: Date;
  /** `at` as ISO text, made once for the file rather than once per order. */
  receivedAt: string;
  lang: Lang;
  settings: ReviewSettings;
  knownSkus: ReadonlySet<string>;
  mappings: ReadonlyMap<string, string>;
  warehouses: ReturnType<typeof warehousesFrom>;
  candidates: DuplicateIndex<ReviewCandidate>;
  phoneCheck: ReturnType<typeof cachedPhoneCheck>;
};

/** One order reviewed (its change number set by the caller); an open order becomes a candidate for later ones. */
function reviewDraft(draft: OrderDraft, c: ReviewContext): NewOrder {
  const orderNo = orderNoFor(c.channel, draft.externalId);
  // Most workspaces map no SKU: the draft is then used as read, not copied.
  const mapped: OrderDraft = draft.lines.some((l) => c.mappings.has(l.sku))
    ? { ...draft, lines: draft.lines.map((l) => ({ ...l, sku: mapSku(c.mappings, l.sku) })) }
    : draft;
  const review = reviewOrder(
    {
      draft: mapped,
      knownSkus: c.knownSkus,
      others: c.candidates,
      receivedAt: c.receivedAt,
      channelSkus: draft.lines.map((l) => l.sku),
      warehouses: c.warehouses,
      phoneCheck: c.phoneCheck,
    },
    c.settings,
    c.lang,
  );
  // Later orders in the same file are compared with this one too, while it is open: a paid order is never the
  // duplicate of its own cancelled checkout.
  if (!draft.closedBy) c.candidates.add(candidateOf(orderNo, mapped, c.receivedAt));
  return {
    orderNo,
    draft: mapped,
    status: review.status,
    reviewNotes: review.summary,
    reviewFlags: review.flags.map(({ code, contact, params }) => ({ code, contact, params })),
    lang: c.lang,
    changeNo: 0,
    lines: mapped.lines.map((l, i) => ({
      sku: l.sku,
      name: l.name,
      qty: l.qty,
      unitPrice: l.unitPrice,
      lineTotal: l.lineTotal,
      fulfilment: l.fulfilment,
      keyedByName: l.keyedByName,
      customization: l.customization,
      channelSku: draft.lines[i]!.sku,
    })),
  };
}

type Known = { existing: Promise<{ external_id: string }[]>; taken: Promise<{ order_no: string }[]> };

/** Asks which of `ids` are imported already and which order numbers they would take are taken. */
function askKnown(pipeline: StatementPipeline, ws: string, channel: OrderChannel, ids: readonly string[]): Known {
  return {
    existing: pipeline.ask(selectExistingExternalIds(ws, channel, ids)),
    taken: pipeline.ask(
      selectTakenOrderNos(
        ws,
        ids.map((id) => orderNoFor(channel, id)),
      ),
    ),
  };
}

async function learnKnown(known: Known, existing: Set<string>, taken: Set<string>): Promise<void> {
  for (const r of await known.existing) existing.add(r.external_id);
  for (const r of await known.taken) taken.add(r.order_no);
}

const DAY = 86_400_000;

/**
 * Orders reviewed before their chunk's statements are sent; the driver is given a turn every slice. The first chunk
 * is smaller: the database has nothing to write until it is reviewed.
 */
const IMPORT_CHUNK = 1_000;
const FIRST_IMPORT_CHUNK = 250;
const REVIEW_SLICE = 50;

/** Where the chunk of the file's orders that starts at group `from` ends. */
function chunkEnd(file: OrderGroups, from: number): number {
  return Math.min(file.groups.length, from + (from === 0 ? FIRST_IMPORT_CHUNK : IMPORT_CHUNK));
}

const importedEvent =
  (channel: OrderChannel) =>
  (o: NewOrder): { orderNo: string; after: unknown } => ({
    orderNo: o.orderNo,
    after: {
      status: o.status,
      review: o.reviewNotes,
      channel,
      externalId: o.draft.externalId,
      lines: o.lines.length,
      closedBy: o.draft.closedBy,
    },
  });

function numberTaken(draft: OrderDraft, orderNo: string, lang: Lang): ImportRowError[] {
  return draft.lines.map((line) => ({
    row: line.sourceRow,
    orderId: draft.externalId,
    field: 'order_no',
    code: 'order_no_taken',
    message: importMessage(lang, 'order_no_taken', { row: line.sourceRow, order: orderNo }),
  }));
}

type CandidateRow = {
  order_no: string;
  ordered_at: string | Date | null;
  phone: string | null;
  email: string | null;
  recipient_name: string | null;
  address1: string | null;
  postal_code: string | null;
  country: string | null;
};

function candidateFromRow(r: CandidateRow): ReviewCandidate {
  return {
    orderNo: String(r.order_no),
    orderedAtUtc: r.ordered_at ? new Date(r.ordered_at).toISOString() : null,
    phone: r.phone ?? null,
    email: r.email ?? null,
    name: r.recipient_name ?? null,
    address1: r.address1 ?? null,
    postalCode: r.postal_code ?? null,
    country: r.country ?? null,
  };
}

function candidateOf(orderNo: string, draft: OrderDraft, receivedAt: string): ReviewCandidate {
  const r = draft.recipient;
  return {
    orderNo,
    orderedAtUtc: draft.orderedAt?.utc ?? receivedAt,
    phone: draft.phone,
    email: draft.email,
    name: r.name,
    address1: r.address1,
    postalCode: r.postalCode,
    country: r.country,
  };
}
