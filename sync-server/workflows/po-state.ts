import type { z } from 'zod';
import type { PoView } from '../../domain/contracts/purchasing';
import { DomainError } from '../../domain/domain-error';
import type { Lang } from '../../domain/i18n/lang';
import { inventoryMessage } from '../../domain/inventory/inventory-messages';
import { stockKey } from '../../domain/inventory/stock-key';
import { poStatusOf, type PoLine, type PoStatus } from '../../domain/purchasing/purchase-order';
import { run, type Queryable } from '../db/database';
import { lockStock, writeStockLines, type InventoryContext } from '../inventory/allocation-service';
import { emptyStockLine } from '../inventory/stock-sql';
import { selectPurchaseOrders, updatePoStatus, type PoRow } from '../purchasing/purchase-order-sql';

/** What the purchase-order commands share: reading a PO, its answer, its status and the incoming it holds. */

export type PurchaseOrderView = z.infer<typeof PoView>;

export function poView(po: PoRow, today: string): PurchaseOrderView {
  const lines = po.lines.map((l) => ({
    lineNo: l.line_no,
    sku: l.sku,
    ordered: l.ordered_qty,
    received: l.received_qty,
    shortClosed: l.short_closed_qty,
    shortReason: l.short_reason,
    cancelled: l.cancelled_qty,
    cancelReason: l.cancel_reason,
    unitCost: l.unit_cost,
    costCurrency: l.cost_currency,
  }));
  const open = po.status === 'ordered' || po.status === 'partially_received';
  return {
    poNo: po.po_no,
    supplier: po.supplier,
    warehouse: po.warehouse,
    status: po.status as PoStatus,
    expectedOn: po.expected_on,
    overdue: open && po.expected_on !== null && po.expected_on < today,
    lines,
  };
}

export async function posOf(
  client: Queryable,
  workspaceId: string,
  poNos: string[] | null,
  lock: boolean,
): Promise<PoRow[]> {
  return (await run<PoRow>(client, selectPurchaseOrders(workspaceId, poNos, lock))).rows;
}

/** The PO as the command leaves it, in its answer. */
export async function poAnswer(ctx: InventoryContext, poNo: string): Promise<PurchaseOrderView> {
  return poView((await posOf(ctx.client, ctx.workspaceId, [poNo], false))[0]!, ctx.at.toISOString().slice(0, 10));
}

/** The PO, locked for the command; an unknown one is refused by field, as a sheet names the cell. */
export async function lockedPo(ctx: InventoryContext, poNo: string, lang: Lang): Promise<PoRow> {
  const po = (await posOf(ctx.client, ctx.workspaceId, [poNo], true))[0];
  if (!po) {
    const message = inventoryMessage(lang, 'no_purchase_order', { po: poNo });
    throw new DomainError('not_found', message, [{ field: 'poNo', code: 'not_found', message }]);
  }
  return po;
}

export function toLine(l: PoRow['lines'][number]): PoLine {
  return {
    lineNo: l.line_no,
    sku: l.sku,
    ordered: l.ordered_qty,
    received: l.received_qty,
    shortClosed: l.short_closed_qty,
    cancelled: Number(l.cancelled_qty ?? 0),
  };
}

/** Stores the status the lines now give, and logs what the command did (`what` is the event's detail). */
export async function setStatus(
  ctx: InventoryContext,
  po: PoRow,
  lines: PoLine[],
  action: 'received' | 'closed_short' | 'cancelled',
  what: Record<string, unknown>,
): Promise<void> {
  const status = poStatusOf(lines, po.status as PoStatus);
  ctx.changeNo += 1;
  await run(ctx.client, updatePoStatus(ctx.workspaceId, po.po_no, status, ctx.changeNo, ctx.at, ctx.actor));
  ctx.events.push({
    actor: ctx.actor,
    entity: 'purchase_orders',
    entityKey: po.po_no,
    action,
    before: { status: po.status },
    after: { status, ...what },
    correlationId: ctx.correlationId,
  });
}

/** Incoming per stock line follows what is on order; a line new to a warehouse starts at 0 on hand. */
export async function changeIncoming(
  ctx: InventoryContext,
  changes: { sku: string; warehouse: string; delta: number }[],
): Promise<void> {
  const stock = await lockStock(ctx, [...new Set(changes.map((c) => c.sku))]);
  const touched = new Set<string>();
  for (const change of changes) {
    const key = stockKey(change.sku, change.warehouse);
    const row = stock.get(key) ?? emptyStockLine(key, change.sku, change.warehouse);
    row.incoming = Math.max(0, (row.incoming ?? 0) + change.delta);
    stock.set(key, row);
    touched.add(key);
  }
  await writeStockLines(
    ctx,
    [...touched].map((key) => stock.get(key)!),
  );
}
