import {
  allocateOrder,
  remainingNeeds,
  servingWarehouses,
  unservedWaiting,
  waitingBySku,
  type AllocationWarehouse,
  type WaitingItem,
} from '../../domain/inventory/allocation';
import { stockMoveFor } from '../../domain/inventory/order-stock-status';
import { stockKey } from '../../domain/inventory/stock-key';
import { applyMove } from '../../domain/orders/order-moves';
import { isOrderStatus, type OrderStatus } from '../../domain/orders/order-status';
import { run, type Queryable } from '../db/database';
import { insertEvents, type EventEntry } from '../events/event-log';
import { loadWarehouses } from './warehouse-network';
import {
  insertReservations,
  releaseReservations,
  selectActiveReservationsOfOrders,
  selectOrdersWithLinesForUpdate,
  selectStockOfSkusForUpdate,
  selectWaitingOrderNos,
  updateOrderAllocations,
  writeStock,
  type ActiveReservation,
  type AllocatableOrder,
  type AllocationUpdate,
  type NewReservation,
  type StockRow,
} from './stock-sql';

/**
 * One command's view of stock inside its transaction. Every writer first takes the workspace counter
 * lock (so commands of a workspace run one at a time, on one server or several); within that, stock
 * lines are locked in key order and orders in number order. `changeNo` grows with each row written.
 */
export type InventoryContext = {
  client: Queryable;
  workspaceId: string;
  actor: string;
  at: Date;
  correlationId: string;
  changeNo: number;
  /** Events to log, written once by the command at its end (one statement instead of one per step). */
  events: EventEntry[];
  /** Orders whose status allocation changed, with the new status. */
  statuses: Map<string, string>;
  /** What each order allocation looked at still misses (empty when complete). */
  waiting: Map<string, WaitingItem[]>;
  /**
   * New review flags decided earlier in the command, not yet written: allocation writes them with its own
   * update of the order (one row write instead of two), the command writes what is left (`writeReviews`).
   */
  reviews: Map<string, PendingReview>;
};

/** A review change decided but not yet written, with the event that says so (merged into a move's event). */
export type PendingReview = { review_flags: unknown[]; review_notes: string; was: string; event: EventEntry };

export function inventoryContext(
  client: Queryable,
  workspaceId: string,
  actor: string,
  at: Date,
  correlationId: string,
  changeNo: number,
): InventoryContext {
  return {
    client,
    workspaceId,
    actor,
    at,
    correlationId,
    changeNo,
    events: [],
    statuses: new Map(),
    waiting: new Map(),
    reviews: new Map(),
  };
}

/** Writes the events the command collected. */
export async function writeInventoryEvents(ctx: InventoryContext): Promise<void> {
  if (ctx.events.length) await run(ctx.client, insertEvents(ctx.workspaceId, ctx.at, ctx.events.splice(0)));
}

/** An order that got stock in an allocation: its status after it, and what it still misses (empty: ready). */
export type ServedOrder = { orderNo: string; status: OrderStatus; waiting: { sku: string; missing: number }[] };

/**
 * Reserves what it can for orders that are approved or waiting, oldest approval first, and moves each to
 * pending_shipment (fully reserved) or pending_purchase (holding what it got, with what it misses).
 * Answers the orders that got stock, in the order they got it (from what it computed: no query more).
 */
export async function allocateOrders(ctx: InventoryContext, orderNos: readonly string[]): Promise<ServedOrder[]> {
  if (!orderNos.length) return [];
  const orders = (
    await run<AllocatableOrder>(ctx.client, selectOrdersWithLinesForUpdate(ctx.workspaceId, [...orderNos]))
  ).rows.filter((o) => o.status === 'approved' || o.status === 'pending_purchase');
  if (!orders.length) return [];
  const held = await activeReservations(
    ctx,
    orders.map((o) => o.order_no),
  );
  const stock = await lockStock(ctx, [...new Set(orders.flatMap((o) => o.lines.map((l) => l.sku)))]);
  const available = new Map([...stock].map(([key, row]) => [key, row.on_hand - row.reserved]));
  const warehouses = await loadWarehouses(ctx.client, ctx.workspaceId);
  const created: NewReservation[] = [];
  for (const order of orders) {
    const needs = remainingNeeds(
      order.lines.map((l) => ({ lineNo: l.line_no, sku: l.sku, qty: l.qty })),
      lineHolds(held.get(order.order_no)),
    );
    const plan = allocateOrder(needs, servingWarehouses(warehouses, order.country), available);
    for (const r of plan.reservations) {
      const key = stockKey(r.sku, r.warehouse);
      created.push({
        order_no: order.order_no,
        line_no: r.lineNo,
        stock_key: key,
        sku: r.sku,
        warehouse: r.warehouse,
        qty: r.qty,
      });
      held.set(order.order_no, [
        ...(held.get(order.order_no) ?? []),
        {
          id: 0,
          order_no: order.order_no,
          line_no: r.lineNo,
          stock_key: key,
          sku: r.sku,
          warehouse: r.warehouse,
          qty: r.qty,
        },
      ]);
      stock.get(key)!.reserved += r.qty;
    }
  }
  if (created.length) {
    await run(ctx.client, insertReservations(ctx.workspaceId, created, ctx.at));
    await writeStockLines(
      ctx,
      [...new Set(created.map((r) => r.stock_key))].map((key) => stock.get(key)!),
    );
    ctx.events.push(...reservationEvents(ctx, created, 'reserved'));
  }
  const settled = await settleOrders(ctx, orders, held, warehouses);
  const got = new Set(created.map((r) => r.order_no));
  return orders
    .filter((o) => got.has(o.order_no) && settled.has(o.order_no))
    .map((o) => ({ orderNo: o.order_no, ...settled.get(o.order_no)! }));
}

/**
 * Orders waiting for these SKUs (every waiting order when null: the warehouses changed) get the stock that
 * came in or was freed, or a warehouse that now serves them, first approved first.
 */
export async function allocateWaiting(ctx: InventoryContext, skus: readonly string[] | null): Promise<ServedOrder[]> {
  if (skus && !skus.length) return [];
  // Statuses change by updates, which the planner's statistics learn late (PGlite: never): believing no
  // order waits, it would probe the lines once per waiting order (13 s for 10,000). A hash join reads
  // each side once, whatever the estimates, so nested loops are off for this one query.
  await ctx.client.query('SET LOCAL enable_nestloop = off');
  const waiting = (
    await run<{ order_no: string }>(ctx.client, selectWaitingOrderNos(ctx.workspaceId, skus && [...skus]))
  ).rows.map((r) => r.order_no);
  await ctx.client.query('SET LOCAL enable_nestloop = on');
  return allocateOrders(ctx, waiting);
}

/** Releases every active reservation of these orders (they left a reserving status) and gives the stock on. */
export async function releaseOrders(ctx: InventoryContext, orderNos: readonly string[], reason: string): Promise<void> {
  if (!orderNos.length) return;
  const held = [...(await activeReservations(ctx, [...orderNos])).values()].flat();
  if (!held.length) return;
  const stock = await lockStock(ctx, [...new Set(held.map((r) => r.sku))]);
  for (const r of held) stock.get(r.stock_key)!.reserved -= r.qty;
  await run(
    ctx.client,
    releaseReservations(
      ctx.workspaceId,
      held.map((r) => r.id),
      ctx.at,
      reason,
    ),
  );
  await writeStockLines(
    ctx,
    [...new Set(held.map((r) => r.stock_key))].map((key) => stock.get(key)!),
  );
  ctx.events.push(...reservationEvents(ctx, held, 'released', reason));
  await allocateWaiting(ctx, [...new Set(held.map((r) => r.sku))]);
}

/**
 * Brings each order's status and "waiting for" in line with what it holds, through the domain's system
 * moves (each logged once). Called after reservations changed; answers each order's status and shortages.
 */
export async function settleOrders(
  ctx: InventoryContext,
  orders: readonly AllocatableOrder[],
  held: Map<string, ActiveReservation[]>,
  network?: AllocationWarehouse[],
): Promise<Map<string, Omit<ServedOrder, 'orderNo'>>> {
  const warehouses = network ?? (await loadWarehouses(ctx.client, ctx.workspaceId));
  const settled = new Map<string, Omit<ServedOrder, 'orderNo'>>();
  const updates: AllocationUpdate[] = [];
  const events = ctx.events;
  for (const order of orders) {
    if (!isOrderStatus(order.status)) continue;
    const needs = remainingNeeds(
      order.lines.map((l) => ({ lineNo: l.line_no, sku: l.sku, qty: l.qty })),
      lineHolds(held.get(order.order_no)),
    );
    const shortages = waitingBySku(needs);
    // No purchase helps an order no warehouse ships to: it says so, and stays out of pending purchase.
    const served = servingWarehouses(warehouses, order.country).length > 0;
    const waiting = shortages.length && !served ? unservedWaiting(order.country) : shortages;
    ctx.waiting.set(order.order_no, waiting);
    const action = stockMoveFor(order.status, shortages.length === 0, served);
    settled.set(order.order_no, { status: order.status, waiting: shortages });
    const pending = ctx.reviews.get(order.order_no);
    if (!action && !pending && JSON.stringify(waiting) === JSON.stringify(order.waiting ?? [])) continue;
    let status = order.status;
    let told = false;
    if (action) {
      const moved = applyMove(
        { orderNo: order.order_no, status, callAttempts: order.call_attempts },
        { action, actor: { kind: 'system', why: 'allocation' }, at: ctx.at.toISOString() },
      );
      status = moved.order.status;
      for (const e of moved.events) {
        // A review changed by the same command is told in the move's event (one event per order, not two).
        const review = pending ? { review: pending.review_notes } : {};
        told ||= Boolean(pending);
        events.push({
          actor: e.actor,
          entity: 'orders',
          entityKey: order.order_no,
          action: e.action,
          before: pending ? { ...e.before, review: pending.was } : e.before,
          after: { ...e.after, waiting, by: ctx.actor, ...review },
          correlationId: ctx.correlationId,
        });
      }
    }
    if (pending && !told) events.push(pending.event);
    ctx.reviews.delete(order.order_no);
    ctx.changeNo += 1;
    const review = pending ? { review_flags: pending.review_flags, review_notes: pending.review_notes } : {};
    updates.push({ order_no: order.order_no, status, waiting, change_no: ctx.changeNo, ...review });
    settled.set(order.order_no, { status, waiting: shortages });
    if (status !== order.status) ctx.statuses.set(order.order_no, status);
  }
  if (updates.length) await run(ctx.client, updateOrderAllocations(ctx.workspaceId, updates, ctx.at, ctx.actor));
  return settled;
}

export async function activeReservations(
  ctx: InventoryContext,
  orderNos: string[],
): Promise<Map<string, ActiveReservation[]>> {
  const byOrder = new Map<string, ActiveReservation[]>();
  for (const r of (
    await run<ActiveReservation>(ctx.client, selectActiveReservationsOfOrders(ctx.workspaceId, orderNos))
  ).rows) {
    const row = { ...r, id: Number(r.id), qty: Number(r.qty), line_no: Number(r.line_no) };
    byOrder.set(r.order_no, [...(byOrder.get(r.order_no) ?? []), row]);
  }
  return byOrder;
}

export type LockedStock = Map<string, StockRow>;

export async function lockStock(ctx: InventoryContext, skus: string[]): Promise<LockedStock> {
  const rows = (await run<StockRow>(ctx.client, selectStockOfSkusForUpdate(ctx.workspaceId, skus))).rows;
  return new Map(
    rows.map((r) => [
      r.stock_key,
      {
        ...r,
        on_hand: Number(r.on_hand),
        reserved: Number(r.reserved),
        incoming: Number(r.incoming ?? 0),
        in_transit: Number(r.in_transit),
        version: Number(r.version),
      },
    ]),
  );
}

/** Writes changed stock lines: each gets a new version and change number, so every sheet shows it. */
export async function writeStockLines(ctx: InventoryContext, rows: StockRow[]): Promise<void> {
  if (!rows.length) return;
  const writes = rows.map((row) => {
    ctx.changeNo += 1;
    row.version += 1;
    return { ...row, change_no: ctx.changeNo };
  });
  await run(ctx.client, writeStock(ctx.workspaceId, writes, ctx.at, ctx.actor));
}

function lineHolds(held: ActiveReservation[] | undefined): { lineNo: number; qty: number }[] {
  return (held ?? []).map((r) => ({ lineNo: r.line_no, qty: r.qty }));
}

function reservationEvents(
  ctx: InventoryContext,
  rows: readonly { order_no: string; line_no: number; sku: string; warehouse: string; qty: number }[],
  action: 'reserved' | 'released',
  reason?: string,
): EventEntry[] {
  const byOrder = new Map<string, { line: number; sku: string; warehouse: string; qty: number }[]>();
  for (const r of rows)
    byOrder.set(r.order_no, [
      ...(byOrder.get(r.order_no) ?? []),
      { line: r.line_no, sku: r.sku, warehouse: r.warehouse, qty: r.qty },
    ]);
  return [...byOrder].map(([orderNo, lines]) => ({
    actor: ctx.actor,
    entity: 'orders',
    entityKey: orderNo,
    action,
    before: null,
    after: { lines, ...(reason ? { reason } : {}) },
    correlationId: ctx.correlationId,
  }));
}
