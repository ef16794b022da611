import { recheckUnknownSkus, renderReview, type ReviewFlag, type SkuCheckLine } from '../../domain/orders/auto-review';
import type { Lang } from '../../domain/i18n/lang';
import { run, type Queryable } from '../db/database';
import { insertEvents } from '../events/event-log';
import { remapHeldLines, selectHeldOrders, selectProductSkus, updateReviews } from './order-sql';

/**
 * A new SKU mapping or product can release orders held in review for an unknown SKU: their lines take the
 * mapped SKU and the review column drops what is now known. Runs in the push's transaction; returns the
 * next change number.
 */
export async function releaseHeldOrders(
  client: Queryable,
  workspaceId: string,
  change: { channelSkus: string[]; skus: string[] },
  at: Date,
  actor: string,
  changeNo: number,
): Promise<number> {
  // Orders whose lines took a mapped SKU change even when their review text does not: the sheet must see it.
  const remapped = new Set(
    change.channelSkus.length
      ? (await run<{ order_no: string }>(client, remapHeldLines(workspaceId, change.channelSkus))).rows.map(
          (r) => r.order_no,
        )
      : [],
  );
  const touched = [...change.channelSkus, ...change.skus];
  if (!touched.length) return changeNo;
  const held = (
    await run<{ order_no: string; review_flags: ReviewFlag[]; review_lang: Lang; lines: SkuCheckLine[] }>(
      client,
      selectHeldOrders(workspaceId, touched),
    )
  ).rows;
  if (!held.length) return changeNo;
  const known = new Set((await run<{ sku: string }>(client, selectProductSkus(workspaceId))).rows.map((r) => r.sku));
  const updates = [];
  const events = [];
  for (const order of held) {
    const flags = recheckUnknownSkus(order.review_flags, order.lines, known, order.review_lang);
    const notes = renderReview(flags, order.review_lang);
    if (notes === renderReview(order.review_flags, order.review_lang) && !remapped.has(order.order_no)) continue;
    changeNo += 1;
    updates.push({
      order_no: order.order_no,
      review_flags: flags.map(({ code, contact, params }) => ({ code, contact, params })),
      review_notes: notes,
      change_no: changeNo,
    });
    events.push({
      actor,
      entity: 'orders',
      entityKey: order.order_no,
      action: 'review_updated',
      before: { review: renderReview(order.review_flags, order.review_lang) },
      after: { review: notes, skus: order.lines.map((l) => l.sku) },
      correlationId: `order:${order.order_no}`,
    });
  }
  if (updates.length) {
    await run(client, updateReviews(workspaceId, updates, at, actor));
    await run(client, insertEvents(workspaceId, at, events));
  }
  return changeNo;
}
