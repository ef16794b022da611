import type { z } from 'zod';
import type { ReceiptBody, ReceiptResponse as ReceiptAnswer } from '../../domain/contracts/inventory';
import { DomainError, type FieldError } from '../../domain/domain-error';
import type { Lang } from '../../domain/i18n/lang';
import { inventoryMessage } from '../../domain/inventory/inventory-messages';
import { stockKey } from '../../domain/inventory/stock-key';
import type { Principal } from '../access/principal';
import { run, type Database } from '../db/database';
import {
  allocateWaiting,
  lockStock,
  writeStockLines,
  type InventoryContext,
  type ServedOrder,
} from '../inventory/allocation-service';
import { runCommand } from './command-runner';
import { recordReceiptCosts } from '../reports/receipt-costs';
import {
  emptyStockLine,
  insertAdjustments,
  selectKnownSkus,
  selectWarehouses,
  type Adjustment,
  type StockRow,
} from '../inventory/stock-sql';

/** What an arrival did: the stock lines it changed, and the orders it served (first served first). */
export type Arrival = { touched: StockRow[]; served: ServedOrder[] };

/**
 * Stock arriving: on hand goes up by each line (an adjustment each; `fromIncoming` of it was on order and
 * leaves incoming), then the orders waiting for these SKUs get it, first approved first. Any arrival
 * (a receipt, a PO's goods, a transfer) answers the orders it served from this.
 */
export async function receiveIntoStock(
  ctx: InventoryContext,
  lines: {
    sku: string;
    warehouse: string;
    qty: number;
    note?: string;
    fromIncoming: number;
    fromInTransit?: number;
    kind?: 'transfer_in' | 'return';
    /** What one unit cost (a PO's goods): moves the SKU's average cost (docs/reports.md). */
    cost?: { unitCost: string; currency: string };
  }[],
): Promise<Arrival> {
  const stock = await lockStock(ctx, [...new Set(lines.map((l) => l.sku.trim()))]);
  const costed = lines.flatMap((l) => (l.cost ? [{ sku: l.sku.trim(), qty: l.qty, ...l.cost }] : []));
  if (costed.length) {
    const onHand = new Map<string, number>();
    for (const row of stock.values()) onHand.set(row.sku, (onHand.get(row.sku) ?? 0) + row.on_hand);
    await recordReceiptCosts(ctx.client, ctx.workspaceId, ctx.at, onHand, costed);
  }
  const adjustments: Adjustment[] = [];
  for (const line of lines) {
    const key = stockKey(line.sku, line.warehouse);
    const row = stock.get(key) ?? emptyStockLine(key, line.sku.trim(), line.warehouse.trim());
    adjustments.push({
      stock_key: key,
      kind: line.kind ?? 'receipt',
      on_hand_before: row.on_hand,
      on_hand_after: row.on_hand + line.qty,
      reason: line.note?.trim() || null,
    });
    row.on_hand += line.qty;
    row.incoming = Math.max(0, (row.incoming ?? 0) - line.fromIncoming);
    // A transfer's arrival: the checks (arrival ≤ in transit) ran before, so this never goes below zero.
    row.in_transit -= line.fromInTransit ?? 0;
    stock.set(key, row);
  }
  const touched = [...new Set(adjustments.map((a) => a.stock_key))].map((key) => stock.get(key)!);
  await writeStockLines(ctx, touched);
  await run(ctx.client, insertAdjustments(ctx.workspaceId, adjustments, ctx.at, ctx.actor, ctx.correlationId));
  ctx.events.push(
    ...adjustments.map((a) => ({
      actor: ctx.actor,
      entity: 'stock',
      entityKey: a.stock_key,
      action: 'received',
      before: { on_hand: a.on_hand_before },
      after: { on_hand: a.on_hand_after, note: a.reason },
      correlationId: ctx.correlationId,
    })),
  );
  const served = await allocateWaiting(ctx, [...new Set(touched.map((row) => row.sku))]);
  return { touched, served };
}

export type ReceiptCommand = ReceiptBody;
export type ReceiptResponse = z.infer<typeof ReceiptAnswer>;

/**
 * Stock received into warehouses: on hand goes up (an adjustment each), then the orders waiting for it
 * get it first-in-first-out. All lines or none: every unknown SKU or warehouse is named at once.
 */
export async function receiveStock(
  db: Database,
  principal: Principal,
  command: ReceiptCommand,
  now: () => Date,
): Promise<ReceiptResponse> {
  return runCommand(db, principal, command.idempotencyKey, command, now, async (ctx) => {
    const client = ctx.client;
    const skus = new Set(
      (
        await run<{ sku: string }>(
          client,
          selectKnownSkus(
            principal.workspaceId,
            command.lines.map((l) => l.sku.trim()),
          ),
        )
      ).rows.map((r) => r.sku),
    );
    const warehouses = new Set(
      (await run<{ code: string }>(client, selectWarehouses(principal.workspaceId))).rows.map((r) => r.code),
    );
    const errors: FieldError[] = [];
    command.lines.forEach((line, i) => {
      if (!skus.has(line.sku.trim()))
        errors.push({
          field: `lines.${i}.sku`,
          code: 'unknown_sku',
          message: inventoryMessage(command.lang, 'unknown_sku', { sku: line.sku }),
        });
      if (!warehouses.has(line.warehouse.trim()))
        errors.push({
          field: `lines.${i}.warehouse`,
          code: 'unknown_warehouse',
          message: inventoryMessage(command.lang, 'unknown_warehouse', { warehouse: line.warehouse }),
        });
    });
    if (errors.length) throw new DomainError('invalid_receipt', errors.map((e) => e.message).join('; '), errors);

    const { touched, served } = await receiveIntoStock(
      ctx,
      command.lines.map((l) => ({ ...l, fromIncoming: 0 })),
    );
    const after = await lockStock(ctx, [...new Set(touched.map((row) => row.sku))]);
    return {
      received: touched.map(({ stock_key }) => {
        const row = after.get(stock_key)!;
        return {
          stockKey: stock_key,
          onHand: row.on_hand,
          reserved: row.reserved,
          available: row.on_hand - row.reserved,
        };
      }),
      served,
    };
  });
}
