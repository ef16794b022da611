import type { CreatePosBody, PoReceiptBody, ShortCloseBody } from '../../domain/contracts/purchasing';
import { DomainError, type FieldError } from '../../domain/domain-error';
import { inventoryMessage } from '../../domain/inventory/inventory-messages';
import { leadTimeTo } from '../../domain/purchasing/lead-time';
import { addDays } from '../../domain/purchasing/purchase-suggestion';
import { openQty, validateReceipt, validateShortClose, type PoStatus } from '../../domain/purchasing/purchase-order';
import type { Principal } from '../access/principal';
import { run, type Database, type Queryable } from '../db/database';
import { coverWaitingOrders, type Coverage } from '../../domain/purchasing/po-coverage';
import type { ServedOrder } from '../inventory/allocation-service';
import { runCommand } from './command-runner';
import { receiveIntoStock } from './stock-receipts';
import { emptyStockLine, selectWarehouses } from '../inventory/stock-sql';
import {
  countPurchaseOrders,
  insertPurchaseOrderLines,
  insertPurchaseOrders,
  insertPurchaseReceipts,
  selectIncomingOfSkus,
  selectSuppliersOfSkus,
  selectWaitingNeeds,
  updatePoLine,
  type NewPo,
  type PoRow,
} from '../purchasing/purchase-order-sql';
import {
  changeIncoming,
  lockedPo,
  poAnswer,
  posOf,
  poView,
  setStatus,
  toLine,
  type PurchaseOrderView,
} from './po-state';

export type { PurchaseOrderView } from './po-state';

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
      cost: l.unitCost !== undefined && l.currency ? { unit_cost: l.unitCost, cost_currency: l.currency } : {},
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
    type GroupLine = { sku: string; qty: number; cost: { unit_cost?: string; cost_currency?: string } };
    const groups = new Map<string, { supplier: string; warehouse: string; lines: GroupLine[] }>();
    for (const line of lines) {
      const supplier = known.get(line.sku)!.supplier!;
      const group = groups.get(JSON.stringify([supplier, line.warehouse])) ?? {
        supplier,
        warehouse: line.warehouse,
        lines: [],
      };
      group.lines.push({ sku: line.sku, qty: line.qty, cost: line.cost });
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
        lines: lines.map((l, i) => ({ line_no: i + 1, sku: l.sku, ordered_qty: l.qty, ...l.cost })),
      };
    });
    await run(ctx.client, insertPurchaseOrders(ctx.workspaceId, pos, ctx.at, ctx.actor));
    await run(ctx.client, insertPurchaseOrderLines(ctx.workspaceId, pos));
    // Read before the new lines count as incoming: which waiting orders they are raised for.
    const coverage = await coverageOf(ctx, pos);
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
      // Each waiting order the new lines are raised for hears of it under the same command: its journey
      // shows the PO line from here on, before any receipt (docs/dispatch.md).
      ...coverage.map((c) => ({
        actor: ctx.actor,
        entity: 'orders',
        entityKey: c.orderNo,
        action: 'purchase_raised',
        before: null,
        after: { poNo: c.poNo, lineNo: c.lineNo, sku: c.sku, qty: c.qty },
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
      ).map((po) => poView(po, today)),
    };
  });
}

/** The waiting orders new PO lines cover, given what their SKUs already have incoming. */
async function coverageOf(ctx: { client: Queryable; workspaceId: string }, pos: NewPo[]): Promise<Coverage[]> {
  const lines = pos.flatMap((po) =>
    po.lines.map((l) => ({ poNo: po.po_no, lineNo: l.line_no, sku: l.sku, qty: l.ordered_qty })),
  );
  const skus = [...new Set(lines.map((l) => l.sku))];
  const waiting = (
    await run<{ order_no: string; sku: string; missing: number }>(ctx.client, selectWaitingNeeds(ctx.workspaceId, skus))
  ).rows.map((r) => ({ orderNo: r.order_no, sku: r.sku, missing: Number(r.missing) }));
  if (!waiting.length) return [];
  const incoming = Object.fromEntries(
    (await run<{ sku: string; incoming: number }>(ctx.client, selectIncomingOfSkus(ctx.workspaceId, skus))).rows.map(
      (r) => [r.sku, Number(r.incoming)],
    ),
  );
  return coverWaitingOrders(waiting, incoming, lines);
}

export type PoReceiptCommand = PoReceiptBody;

/**
 * Receives against a PO: never more than is still on order (all over-receipts named, nothing applied);
 * stock goes to waiting orders first, and the answer names the orders it served.
 */
export async function receivePurchaseOrder(
  db: Database,
  principal: Principal,
  cmd: PoReceiptCommand,
  now: () => Date,
): Promise<{ order: PurchaseOrderView; served: ServedOrder[] }> {
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
    await setStatus(ctx, po, lines, 'received', { received: cmd.lines });
    const { served } = await receiveIntoStock(
      ctx,
      cmd.lines.map((r) => ({
        sku: lines.find((l) => l.lineNo === r.lineNo)!.sku,
        warehouse: po.warehouse,
        qty: r.qty,
        note: [po.po_no, r.note?.trim()].filter(Boolean).join(': '),
        fromIncoming: r.qty,
        cost: costOf(po.lines.find((l) => l.line_no === r.lineNo)!),
      })),
    );
    return { order: await poAnswer(ctx, po.po_no), served };
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
    await setStatus(ctx, po, lines, 'closed_short', {
      shortClosed: { lineNo: line.lineNo, qty: open, reason: cmd.reason.trim() },
    });
    return { order: await poAnswer(ctx, po.po_no) };
  });
}

export async function listPurchaseOrders(
  db: Database,
  principal: Principal,
  today: string,
): Promise<{ orders: PurchaseOrderView[] }> {
  return { orders: (await posOf(db.pool, principal.workspaceId, null, false)).map((po) => poView(po, today)) };
}

/** A PO line's unit cost, when it has one: what its goods bring to the SKU's average cost. */
function costOf(line: PoRow['lines'][number]): { unitCost: string; currency: string } | undefined {
  return line.unit_cost !== null && line.cost_currency
    ? { unitCost: line.unit_cost, currency: line.cost_currency }
    : undefined;
}
