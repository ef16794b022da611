import { stockKey } from '../../domain/inventory/stock-key';
import { run } from '../db/database';
import { activeReservations, lockStock, writeStockLines, type InventoryContext } from './allocation-service';
import { insertAdjustments, insertReservations, releaseReservations, type ActiveReservation } from './stock-sql';

/** Units of one order line leaving one warehouse in a parcel. */
export type ShippedUnits = { orderNo: string; lineNo: number; sku: string; warehouse: string; qty: number };

export type HeldShortfall = ShippedUnits & { held: number };

/**
 * Validate: what each take finds reserved for its order line in its warehouse (every shortfall at once).
 * The caller refuses the parcels that fall short before anything is written.
 */
export async function heldForShipping(
  ctx: InventoryContext,
  takes: readonly ShippedUnits[],
): Promise<{ held: Map<string, ActiveReservation[]>; short: HeldShortfall[] }> {
  const held = await activeReservations(ctx, [...new Set(takes.map((t) => t.orderNo))]);
  const need = new Map<string, number>();
  for (const t of takes) need.set(takeId(t), (need.get(takeId(t)) ?? 0) + t.qty);
  const short: HeldShortfall[] = [];
  for (const t of takes) {
    const have = heldRows(held, t).reduce((sum, r) => sum + r.qty, 0);
    if (have < need.get(takeId(t))!) short.push({ ...t, held: have });
  }
  return { held, short };
}

/**
 * Apply: the parcel's units leave on hand and their reservations are consumed, in the caller's
 * transaction. Reservation rows are consumed oldest first; a row consumed in part is released and its
 * rest reserved again in a new row, so reserved stays the sum of active rows. Each stock line's change of
 * on hand is one adjustment (kind `shipment`), so the ledger still adds up.
 */
export async function consumeForShipping(
  ctx: InventoryContext,
  takes: readonly ShippedUnits[],
  held: Map<string, ActiveReservation[]>,
): Promise<void> {
  if (!takes.length) return;
  const stock = await lockStock(ctx, [...new Set(takes.map((t) => t.sku))]);
  const before = new Map([...stock].map(([key, row]) => [key, row.on_hand]));
  const released: number[] = [];
  const rests: Parameters<typeof insertReservations>[1] = [];
  for (const t of takes) {
    let left = t.qty;
    for (const r of heldRows(held, t)) {
      if (left === 0) break;
      const used = Math.min(left, r.qty);
      left -= used;
      released.push(r.id);
      if (used < r.qty) rests.push({ ...r, qty: r.qty - used });
      r.qty -= used;
    }
    const line = stock.get(stockKey(t.sku, t.warehouse))!;
    line.on_hand -= t.qty;
    line.reserved -= t.qty;
  }
  await run(ctx.client, releaseReservations(ctx.workspaceId, released, ctx.at, 'shipped'));
  if (rests.length) await run(ctx.client, insertReservations(ctx.workspaceId, rests, ctx.at));
  const touched = [...new Set(takes.map((t) => stockKey(t.sku, t.warehouse)))].sort();
  await writeStockLines(
    ctx,
    touched.map((key) => stock.get(key)!),
  );
  const adjustments = touched.map((key) => ({
    stock_key: key,
    kind: 'shipment' as const,
    on_hand_before: before.get(key)!,
    on_hand_after: stock.get(key)!.on_hand,
    reason: null,
  }));
  await run(ctx.client, insertAdjustments(ctx.workspaceId, adjustments, ctx.at, ctx.actor, ctx.correlationId));
  ctx.events.push(
    ...adjustments.map((a) => ({
      actor: ctx.actor,
      entity: 'stock',
      entityKey: a.stock_key,
      action: 'shipped',
      before: { on_hand: a.on_hand_before },
      after: { on_hand: a.on_hand_after },
      correlationId: ctx.correlationId,
    })),
    ...[...new Set(takes.map((t) => t.orderNo))].map((orderNo) => ({
      actor: ctx.actor,
      entity: 'orders',
      entityKey: orderNo,
      action: 'reservations_consumed',
      before: null,
      after: {
        lines: takes
          .filter((t) => t.orderNo === orderNo)
          .map((t) => ({ line: t.lineNo, sku: t.sku, warehouse: t.warehouse, qty: t.qty })),
      },
      correlationId: ctx.correlationId,
    })),
  );
}

function takeId(t: ShippedUnits): string {
  return `${t.orderNo}\u0000${t.lineNo}\u0000${t.warehouse}`;
}

function heldRows(held: Map<string, ActiveReservation[]>, t: ShippedUnits): ActiveReservation[] {
  return (held.get(t.orderNo) ?? [])
    .filter((r) => Number(r.line_no) === t.lineNo && r.warehouse === t.warehouse && r.qty > 0)
    .sort((a, b) => a.id - b.id);
}
