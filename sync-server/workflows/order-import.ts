import { reviewOrder, type ReviewCandidate, type ReviewSettings } from '../../domain/orders/auto-review';
import { parseOrderEntries, parseOrderFile, type ImportFormat } from '../../domain/orders/channel-formats';
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
import { inTransaction, run, type Database } from '../db/database';
import type { Queryable } from '../db/database';
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
import { loadWarehouses } from '../inventory/warehouse-network';
import { recordedJob } from '../dispatch/job-runs';
import { runInWorkspace } from './command-runner';

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
    const parsed = parseOrderFile(format, text, lang);
    if ('error' in parsed) throw new DomainError('unreadable_file', parsed.error);
    return importParsed(db, principal, format === 'template' ? 'template' : format, parsed, lang, now);
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
  return asJobRun(db, principal, now, () =>
    importParsed(db, principal, 'manual', parseOrderEntries(entries, lang), lang, now),
  );
}

async function importParsed(
  db: Database,
  principal: Principal,
  channel: OrderChannel,
  parsed: ParsedImport,
  lang: Lang,
  now: () => Date,
): Promise<ImportResult> {
  const at = now();
  cachePhonePatterns();
  return inTransaction(db, (client) =>
    runInWorkspace(client, principal, at, `import:${channel}`, async (ctx) => {
      const existing = new Set(
        (
          await run<{ external_id: string }>(
            client,
            selectExistingExternalIds(
              principal.workspaceId,
              channel,
              parsed.orders.map((o) => o.externalId),
            ),
          )
        ).rows.map((r) => r.external_id),
      );
      const settings = await loadSettings(client, principal.workspaceId, REVIEW_SETTINGS_BLOCK);
      const skippedBecause: Partial<Record<ImportSkipReason, number>> = {};
      const skip = (reason: ImportSkipReason) => (skippedBecause[reason] = (skippedBecause[reason] ?? 0) + 1);
      const skipped: string[] = [];
      // Skipped first (already imported, or closed by the shop when the workspace skips those); of the rest, an
      // order numbered like another order ("SH-1001" typed in a template) would take its number: refused by row.
      const skipReason = (o: OrderDraft): ImportSkipReason | null =>
        existing.has(o.externalId)
          ? 'already_imported'
          : !settings.importClosedOrders && o.closedBy
            ? o.closedBy
            : null;
      const importable: OrderDraft[] = [];
      for (const o of parsed.orders) {
        const reason = skipReason(o);
        if (!reason) importable.push(o);
        else {
          skip(reason);
          skipped.push(orderNoFor(channel, o.externalId));
        }
      }
      const numbers = importable.map((o) => orderNoFor(channel, o.externalId));
      const taken = new Set(
        (await run<{ order_no: string }>(client, selectTakenOrderNos(principal.workspaceId, numbers))).rows.map(
          (r) => r.order_no,
        ),
      );
      const collisions = importable.filter((o) => taken.has(orderNoFor(channel, o.externalId)));
      const fresh = importable.filter((o) => !taken.has(orderNoFor(channel, o.externalId)));
      const knownSkus = new Set(
        (await run<{ sku: string }>(client, selectProductSkus(principal.workspaceId))).rows.map((r) => r.sku),
      );
      const mappings = new Map(
        (await run<{ channel_sku: string; sku: string }>(client, selectSkuMappings(principal.workspaceId))).rows.map(
          (r) => [r.channel_sku, r.sku],
        ),
      );
      const warehouses = await loadWarehouses(client, principal.workspaceId);
      const candidates = new DuplicateIndex<ReviewCandidate>();
      for (const candidate of await reviewCandidates(client, principal.workspaceId, fresh, settings, at))
        candidates.add(candidate);

      const created: NewOrder[] = [];
      const phoneCheck = cachedPhoneCheck();
      for (const draft of fresh) {
        const orderNo = orderNoFor(channel, draft.externalId);
        const mapped: OrderDraft = {
          ...draft,
          lines: draft.lines.map((l) => ({ ...l, sku: mapSku(mappings, l.sku) })),
        };
        const review = reviewOrder(
          {
            draft: mapped,
            knownSkus,
            others: candidates,
            receivedAt: at.toISOString(),
            channelSkus: draft.lines.map((l) => l.sku),
            warehouses,
            phoneCheck,
          },
          settings,
          lang,
        );
        ctx.changeNo += 1;
        created.push({
          orderNo,
          draft: mapped,
          status: review.status,
          reviewNotes: review.summary,
          reviewFlags: review.flags.map(({ code, contact, params }) => ({ code, contact, params })),
          lang,
          changeNo: ctx.changeNo,
          lines: mapped.lines.map(({ sourceRow: _row, ...line }, i) => ({ ...line, channelSku: draft.lines[i]!.sku })),
        });
        // Later orders in the same file are compared with this one too, while it is open: a paid order is
        // never the duplicate of its own cancelled checkout.
        if (!draft.closedBy) candidates.add(candidateOf(orderNo, mapped, at));
      }
      if (created.length) {
        await run(client, insertOrders(principal.workspaceId, created, at, principal.actor));
        await run(client, insertOrderLines(principal.workspaceId, created));
        // Its own unnest insert of the "imported" events (the same rows the event log writes), before anything
        // the allocation logs, as when they went through ctx.events.
        await run(
          client,
          insertImportedEvents(
            principal.workspaceId,
            at,
            principal.actor,
            created.map((o) => ({
              orderNo: o.orderNo,
              after: {
                status: o.status,
                review: o.reviewNotes,
                channel,
                externalId: o.draft.externalId,
                lines: o.lines.length,
                closedBy: o.draft.closedBy,
              },
            })),
          ),
        );
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
        rejected:
          parsed.rejectedOrders.length + parsed.rejected.filter((e) => e.orderId === null).length + collisions.length,
        rejectedRows: [
          ...parsed.rejected,
          ...collisions.flatMap((o) => numberTaken(o, orderNoFor(channel, o.externalId), lang)),
        ].sort((a, b) => a.row - b.row),
        orders: created.map((o) => ({
          orderNo: o.orderNo,
          externalId: o.draft.externalId,
          status: o.status,
          review: o.reviewNotes,
        })),
        skippedOrders: skipped,
        skippedBecause,
      };
    }),
  );
}

function numberTaken(draft: OrderDraft, orderNo: string, lang: Lang): ImportRowError[] {
  return draft.lines.map((line) => ({
    row: line.sourceRow,
    orderId: draft.externalId,
    field: 'order_no',
    code: 'order_no_taken',
    message: importMessage(lang, 'order_no_taken', { row: line.sourceRow, order: orderNo }),
  }));
}

/** Undated drafts are compared as of `at`, when they came in. */
async function reviewCandidates(
  client: Queryable,
  workspaceId: string,
  drafts: OrderDraft[],
  settings: ReviewSettings,
  at: Date,
): Promise<ReviewCandidate[]> {
  const times = drafts.map((d) => d.orderedAt?.utc ?? at.toISOString()).sort();
  const since = new Date(
    Date.parse(times[0] ?? at.toISOString()) - settings.duplicateWindowDays * 86_400_000,
  ).toISOString();
  const rows = (await run<Record<string, unknown>>(client, selectReviewCandidates(workspaceId, since))).rows;
  return rows.map((r) => ({
    orderNo: String(r.order_no),
    orderedAtUtc: r.ordered_at ? new Date(r.ordered_at as string).toISOString() : null,
    phone: (r.phone as string | null) ?? null,
    email: (r.email as string | null) ?? null,
    name: (r.recipient_name as string | null) ?? null,
    address1: (r.address1 as string | null) ?? null,
    postalCode: (r.postal_code as string | null) ?? null,
    country: (r.country as string | null) ?? null,
  }));
}

function candidateOf(orderNo: string, draft: OrderDraft, at: Date): ReviewCandidate {
  const r = draft.recipient;
  return {
    orderNo,
    orderedAtUtc: draft.orderedAt?.utc ?? at.toISOString(),
    phone: draft.phone,
    email: draft.email,
    name: r.name,
    address1: r.address1,
    postalCode: r.postalCode,
    country: r.country,
  };
}
