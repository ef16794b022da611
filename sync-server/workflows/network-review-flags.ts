import type { Lang } from '../../domain/i18n/lang';
import { renderReview, type ReviewFlag } from '../../domain/orders/auto-review';
import { recheckNoWarehouse } from '../../domain/orders/network-review';
import { run } from '../db/database';
import { sql, type SqlQuery } from '../db/sql-query';
import type { InventoryContext } from '../inventory/allocation-service';
import { loadWarehouses } from '../inventory/warehouse-network';
import { updateReviews } from '../orders/order-sql';

type StoredFlag = Omit<ReviewFlag, 'message'>;
type Checked = {
  order_no: string;
  status: string;
  review_flags: StoredFlag[];
  review_lang: Lang;
  review_notes: string | null;
  country: string | null;
};

/** Statuses in which a person still reviews the order: the network flag may be raised there. */
const IN_REVIEW = ['pending_review', 'pending_contact'];

/**
 * After a push wrote warehouses: the "no warehouse serves" review flag of every order not yet shipped is
 * recomputed from the network as it now is, in the push's transaction (docs/orders.md). It goes where a
 * warehouse now serves the country; orders still in review also get it where none does any more.
 * Decided here, written by the allocation that follows (with its own update of the order) or by
 * `writeReviews`: 10,000 orders served at once are each written once, not twice.
 */
export async function recheckNetworkFlags(ctx: InventoryContext): Promise<void> {
  const orders = (await run<Checked>(ctx.client, selectNetworkChecked(ctx.workspaceId))).rows;
  if (!orders.length) return;
  const warehouses = await loadWarehouses(ctx.client, ctx.workspaceId);
  for (const order of orders) {
    const before = order.review_flags ?? [];
    const mayAdd = IN_REVIEW.includes(order.status);
    const after = recheckNoWarehouse(
      before,
      { country: order.country, ships: true },
      warehouses,
      order.review_lang,
      mayAdd,
    );
    // The same flags (recheckNoWarehouse keeps each one it does not change): nothing to render or write.
    if (after.length === before.length && after.every((f, i) => f === before[i])) continue;
    const notes = renderReview(after, order.review_lang);
    const was = order.review_notes ?? renderReview(before, order.review_lang);
    if (notes === was) continue;
    ctx.reviews.set(order.order_no, {
      review_flags: after.map(({ code, contact, params }) => ({ code, contact, params })),
      review_notes: notes,
      was,
      // Logged by allocation inside the order's move event when it moves the order, else as its own.
      event: {
        actor: ctx.actor,
        entity: 'orders',
        entityKey: order.order_no,
        action: 'review_updated',
        before: { review: was },
        after: { review: notes, country: order.country },
        correlationId: ctx.correlationId,
      },
    });
  }
}

/** Writes the review changes no allocation wrote with its own update of the order (see `ctx.reviews`). */
export async function writeReviews(ctx: InventoryContext): Promise<void> {
  if (!ctx.reviews.size) return;
  const updates = [...ctx.reviews].map(([order_no, r]) => ({
    order_no,
    review_flags: r.review_flags,
    review_notes: r.review_notes,
    change_no: ++ctx.changeNo,
  }));
  ctx.events.push(...[...ctx.reviews.values()].map((r) => r.event));
  ctx.reviews.clear();
  await run(ctx.client, updateReviews(ctx.workspaceId, updates, ctx.at, ctx.actor));
}

/** Orders a network change may concern: not yet shipped, with a line we ship, flagged already or in review. */
function selectNetworkChecked(workspaceId: string): SqlQuery {
  return sql(
    `SELECT o.order_no, o.status, o.review_flags, o.review_lang, o.review_notes, o.country
       FROM orders o
      WHERE o.workspace_id = $1
        AND o.status IN ('pending_review', 'pending_contact', 'approved', 'pending_purchase', 'pending_shipment')
        AND (o.status = ANY($2::text[]) OR o.review_flags @> '[{"code": "no_warehouse_serves"}]'::jsonb)
        AND EXISTS (SELECT 1 FROM order_lines l
                     WHERE l.workspace_id = o.workspace_id AND l.order_no = o.order_no AND l.fulfilment = 'crossdock')
      ORDER BY o.order_no`,
    [workspaceId, IN_REVIEW],
  );
}
