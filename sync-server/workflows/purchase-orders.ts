import type { z } from 'zod';
import type { CreatePosBody, PoReceiptBody, PoView, ShortCloseBody } from '../../domain/contracts/purchasing';
import { DomainError, type FieldError } from '../../domain/domain-error';
import type { Lang } from '../../domain/i18n/lang';
import { inventoryMessage } from '../../domain/inventory/inventory-messages';
import { stockKey } from '../../domain/inventory/stock-key';
import { leadTimeTo } from '../../domain/purchasing/lead-time';
import { addDays } from '../../domain/purchasing/purchase-suggestion';
import {
  openQty,
  poStatusOf,
  validateReceipt,
  validateShortClose,
  type PoLine,
  type PoStatus,
} from '../../domain/purchasing/purchase-order';
import type { Principal } from '../access/principal';
import { run, type Database, type Queryable } from '../db/database';
import { lockStock, writeStockLines, type InventoryContext } from '../inventory/allocation-service';
import { runCommand } from './command-runner';
import { receiveIntoStock } from './stock-receipts';
import { emptyStockLine, selectWarehouses } from '../inventory/stock-sql';
import {
  countPurchaseOrders,
  insertPurchaseOrderLines,
  insertPurchaseOrders,
  insertPurchaseReceipts,
  selectPurchaseOrders,
  selectSuppliersOfSkus,
  updatePoLine,
  updatePoStatus,
  type NewPo,
  type PoRow,
} from '../purchasing/purchase-order-sql';

export type PurchaseOrderView = z.infer<typeof PoView>;

function view(po: PoRow, today: string): PurchaseOrderView {
  const lines = po.lines.map((l) => ({
    lineNo: l.line_no,
    sku: l.sku,
    ordered: l.ordered_qty,
    received: l.received_qty,
    shortClosed: l.short_closed_qty,
    shortReason: l.short_reason,
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

export type CreatePosCommand = CreatePosBody;

/**
 * The buyer's final quantities become purchase orders, one per supplier, expected after the supplier's
 * lead time; what they order shows as incoming at once. Unknown SKUs, SKUs without a known supplier and
 * an unknown warehouse are all named at once, and nothing is created then.
 */
export async function createPurchaseOrders(
  db: Database,
  principal: Principal,
  cmd: CreatePosCommand,
  now: () => Date,
): Promise<{ orders: PurchaseOrderView[] }> {
  return runCommand(db, principal, cmd.idempotencyKey, cmd, now, async (ctx) => {
    const today = ctx.at.toISOString().slice(0, 10);
    const skus = [...new Set(cmd.lines.map((l) => l.sku.trim()))];
    type Product = {
      sku: string;
      supplier: string | null;
      known: boolean;
      lead_days: number;
      qc_days: number;
      transit_days: number;
      transit_by_warehouse: string | null;
    };
    const known = new Map(
      (await run<Product>(ctx.client, selectSuppliersOfSkus(ctx.workspaceId, skus))).rows.map((r) => [r.sku, r]),
    );
    const leadTime = (p: Product, warehouse: string) =>
      leadTimeTo(
        {
          leadDays: Number(p.lead_days),
          qcDays: Number(p.qc_days),
          transitDays: Number(p.transit_days),
          transitByWarehouse: p.transit_by_warehouse,
        },
        warehouse,
      );
    const all = (
      await run<{ code: string; rank: number; active: boolean }>(ctx.client, selectWarehouses(ctx.workspaceId))
    ).rows;
    const warehouses = new Set(all.map((r) => r.code));
    const fallback =
      cmd.warehouse ??
      all
        .filter((w) => w.active !== false)
        .sort((a, b) => Number(a.rank) - Number(b.rank) || (a.code < b.code ? -1 : 1))[0]?.code ??
      '';
    const lines = cmd.lines.map((l) => ({
      sku: l.sku.trim(),
      qty: l.qty,
      own: l.warehouse?.trim(),
      warehouse: l.warehouse?.trim() || fallback,
    }));
    const errors: FieldError[] = [];
    // Suggestions leave inactive warehouses out, so what is ordered to one would never show as incoming.
    const active = new Set(all.filter((w) => w.active !== false).map((w) => w.code));
    const refusal = (field: string, warehouse: string): FieldError => {
      const code = warehouses.has(warehouse) ? 'inactive_warehouse' : 'unknown_warehouse';
      return { field, code, message: inventoryMessage(cmd.lang, code, { warehouse: warehouse || '-' }) };
    };
    if (!active.has(fallback) && (cmd.warehouse !== undefined || lines.some((l) => !l.own)))
      errors.push(refusal('warehouse', fallback));
    lines.forEach((line, i) => {
      const product = known.get(line.sku);
      if (!product)
        errors.push({
          field: `lines.${i}.sku`,
          code: 'unknown_sku',
          message: inventoryMessage(cmd.lang, 'unknown_sku', { sku: line.sku }),
        });
      else if (!product.known)
        errors.push({
          field: `lines.${i}.sku`,
          code: 'unknown_supplier',
          message: inventoryMessage(cmd.lang, 'unknown_supplier', { sku: line.sku, supplier: product.supplier ?? '' }),
        });
      if (line.own && !active.has(line.own)) errors.push(refusal(`lines.${i}.warehouse`, line.own));
    });
    if (errors.length) throw new DomainError('invalid_purchase_order', errors.map((e) => e.message).join('; '), errors);

    let count = Number((await run<{ n: number }>(ctx.client, countPurchaseOrders(ctx.workspaceId))).rows[0]!.n);
    // One PO per supplier and destination warehouse, in the order they first appear.
    const groups = new Map<string, { supplier: string; warehouse: string; lines: { sku: string; qty: number }[] }>();
    for (const line of lines) {
      const supplier = known.get(line.sku)!.supplier!;
      const group = groups.get(JSON.stringify([supplier, line.warehouse])) ?? {
        supplier,
        warehouse: line.warehouse,
        lines: [],
      };
      group.lines.push({ sku: line.sku, qty: line.qty });
      groups.set(JSON.stringify([supplier, line.warehouse]), group);
    }
    const pos: NewPo[] = [...groups.values()].map(({ supplier, warehouse, lines }) => {
      ctx.changeNo += 1;
      count += 1;
      const lead = Math.max(...lines.map((l) => leadTime(known.get(l.sku)!, warehouse)));
      return {
        po_no: `PO-${String(count).padStart(5, '0')}`,
        supplier,
        warehouse,
        expected_on: addDays(today, lead),
        change_no: ctx.changeNo,
        lines: lines.map((l, i) => ({ line_no: i + 1, sku: l.sku, ordered_qty: l.qty })),
      };
    });
    await run(ctx.client, insertPurchaseOrders(ctx.workspaceId, pos, ctx.at, ctx.actor));
    await run(ctx.client, insertPurchaseOrderLines(ctx.workspaceId, pos));
    await changeIncoming(
      ctx,
      pos.flatMap((po) => po.lines.map((l) => ({ sku: l.sku, warehouse: po.warehouse, delta: l.ordered_qty }))),
    );
    ctx.events.push(
      ...pos.map((po) => ({
        actor: ctx.actor,
        entity: 'purchase_orders',
        entityKey: po.po_no,
        action: 'ordered',
        before: null,
        after: { supplier: po.supplier, warehouse: po.warehouse, lines: po.lines },
        correlationId: ctx.correlationId,
      })),
    );
    return {
      orders: (
        await posOf(
          ctx.client,
          ctx.workspaceId,
          pos.map((p) => p.po_no),
          false,
        )
      ).map((po) => view(po, today)),
    };
  });
}

export type PoReceiptCommand = PoReceiptBody;

/** Receives against a PO: never more than is still on order (all over-receipts named, nothing applied); stock goes to waiting orders first. */
export async function receivePurchaseOrder(
  db: Database,
  principal: Principal,
  cmd: PoReceiptCommand,
  now: () => Date,
): Promise<{ order: PurchaseOrderView }> {
  return runCommand(db, principal, cmd.idempotencyKey, cmd, now, async (ctx) => {
    const po = await lockedPo(ctx, cmd.poNo, cmd.lang);
    const lines = po.lines.map(toLine);
    const refusal = validateReceipt({ poNo: po.po_no, status: po.status as PoStatus, lines }, cmd.lines, cmd.lang);
    if (refusal) throw refusal;
    for (const r of cmd.lines) {
      const line = lines.find((l) => l.lineNo === r.lineNo)!;
      line.received += r.qty;
      await run(
        ctx.client,
        updatePoLine(ctx.workspaceId, po.po_no, line.lineNo, line.received, line.shortClosed, null),
      );
    }
    await run(
      ctx.client,
      insertPurchaseReceipts(
        ctx.workspaceId,
        po.po_no,
        cmd.lines.map((r) => ({ line_no: r.lineNo, qty: r.qty, note: r.note?.trim() || null })),
        ctx.at,
        ctx.actor,
      ),
    );
    await setStatus(ctx, po, lines, { received: cmd.lines });
    await receiveIntoStock(
      ctx,
      cmd.lines.map((r) => ({
        sku: lines.find((l) => l.lineNo === r.lineNo)!.sku,
        warehouse: po.warehouse,
        qty: r.qty,
        note: [po.po_no, r.note?.trim()].filter(Boolean).join(': '),
        fromIncoming: r.qty,
      })),
    );
    return {
      order: view((await posOf(ctx.client, ctx.workspaceId, [po.po_no], false))[0]!, ctx.at.toISOString().slice(0, 10)),
    };
  });
}

export type ShortCloseCommand = ShortCloseBody;

/** Gives up what is still on order for one line, with the reason; it leaves incoming. */
export async function shortClosePurchaseOrderLine(
  db: Database,
  principal: Principal,
  cmd: ShortCloseCommand,
  now: () => Date,
): Promise<{ order: PurchaseOrderView }> {
  return runCommand(db, principal, cmd.idempotencyKey, cmd, now, async (ctx) => {
    const po = await lockedPo(ctx, cmd.poNo, cmd.lang);
    const lines = po.lines.map(toLine);
    const refusal = validateShortClose(
      { poNo: po.po_no, status: po.status as PoStatus, lines },
      cmd.lineNo,
      cmd.reason,
      cmd.lang,
    );
    if (refusal) throw refusal;
    const line = lines.find((l) => l.lineNo === cmd.lineNo)!;
    const open = openQty(line);
    line.shortClosed += open;
    await run(
      ctx.client,
      updatePoLine(ctx.workspaceId, po.po_no, line.lineNo, line.received, line.shortClosed, cmd.reason.trim()),
    );
    await changeIncoming(ctx, [{ sku: line.sku, warehouse: po.warehouse, delta: -open }]);
    await setStatus(ctx, po, lines, { shortClosed: { lineNo: line.lineNo, qty: open, reason: cmd.reason.trim() } });
    return {
      order: view((await posOf(ctx.client, ctx.workspaceId, [po.po_no], false))[0]!, ctx.at.toISOString().slice(0, 10)),
    };
  });
}

export async function listPurchaseOrders(
  db: Database,
  principal: Principal,
  today: string,
): Promise<{ orders: PurchaseOrderView[] }> {
  return { orders: (await posOf(db.pool, principal.workspaceId, null, false)).map((po) => view(po, today)) };
}

async function posOf(client: Queryable, workspaceId: string, poNos: string[] | null, lock: boolean): Promise<PoRow[]> {
  return (await run<PoRow>(client, selectPurchaseOrders(workspaceId, poNos, lock))).rows;
}

async function lockedPo(ctx: InventoryContext, poNo: string, lang: Lang): Promise<PoRow> {
  const po = (await posOf(ctx.client, ctx.workspaceId, [poNo], true))[0];
  if (!po) throw new DomainError('not_found', inventoryMessage(lang, 'no_purchase_order', { po: poNo }));
  return po;
}

function toLine(l: PoRow['lines'][number]): PoLine {
  return {
    lineNo: l.line_no,
    sku: l.sku,
    ordered: l.ordered_qty,
    received: l.received_qty,
    shortClosed: l.short_closed_qty,
  };
}

async function setStatus(
  ctx: InventoryContext,
  po: PoRow,
  lines: PoLine[],
  what: Record<string, unknown>,
): Promise<void> {
  const status = poStatusOf(lines, po.status as PoStatus);
  ctx.changeNo += 1;
  await run(ctx.client, updatePoStatus(ctx.workspaceId, po.po_no, status, ctx.changeNo, ctx.at, ctx.actor));
  ctx.events.push({
    actor: ctx.actor,
    entity: 'purchase_orders',
    entityKey: po.po_no,
    action: 'received' in what ? 'received' : 'closed_short',
    before: { status: po.status },
    after: { status, ...what },
    correlationId: ctx.correlationId,
  });
}

/** Incoming per stock line follows what is on order; a line new to a warehouse starts at 0 on hand. */
async function changeIncoming(
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
