import type {
  CancelTransferBody,
  CreateTransferBody,
  DispatchTransferBody,
  TransferArrivalBody,
  TransferShortCloseBody,
} from '../../domain/contracts/transfers';
import { DomainError } from '../../domain/domain-error';
import type { Lang } from '../../domain/i18n/lang';
import { stockKey } from '../../domain/inventory/stock-key';
import {
  inTransitQty,
  transferStatusOf,
  validateArrival,
  validateCancel,
  validateDispatch,
  validateNewTransfer,
  validateShortClose,
  type Transfer,
  type TransferStatus,
} from '../../domain/inventory/transfer';
import type { Principal } from '../access/principal';
import { run, type Database } from '../db/database';
import { lockStock, writeStockLines, type InventoryContext, type ServedOrder } from '../inventory/allocation-service';
import { emptyStockLine, insertAdjustments, type Adjustment } from '../inventory/stock-sql';
import {
  insertTransfer,
  insertTransferLines,
  selectLastTransferNo,
  updateTransferLines,
  updateTransferStatus,
  type TransferRow,
} from '../inventory/transfer-sql';
import {
  answer,
  locked,
  skuErrors,
  toTransfer,
  transfersOf,
  view,
  warehouseErrors,
  type TransferAnswer,
} from '../inventory/transfer-reads';
import { runCommand } from './command-runner';
import { receiveIntoStock } from './stock-receipts';

/**
 * A transfer between two warehouses (docs/inventory.md): created as a draft, or dispatched at once. Unknown
 * or inactive warehouses, unknown SKUs, one warehouse on both ends and a SKU twice are named at once.
 */
export async function createTransfer(
  db: Database,
  principal: Principal,
  cmd: CreateTransferBody,
  now: () => Date,
): Promise<TransferAnswer> {
  return runCommand(db, principal, cmd.idempotencyKey, cmd, now, async (ctx) => {
    const from = cmd.from.trim();
    const to = cmd.to.trim();
    const lines = cmd.lines.map((l, i) => ({ line_no: i + 1, sku: l.sku.trim(), qty: l.qty }));
    const errors = [
      ...(await warehouseErrors(ctx.client, ctx.workspaceId, { from, to }, cmd.lang)),
      ...(await skuErrors(ctx.client, ctx.workspaceId, lines, cmd.lang)),
      ...validateNewTransfer({ from, to, lines }, cmd.lang),
    ];
    if (errors.length) throw new DomainError('invalid_transfer', errors.map((e) => e.message).join('; '), errors);
    const last = Number((await run<{ n: number }>(ctx.client, selectLastTransferNo(ctx.workspaceId))).rows[0]!.n);
    ctx.changeNo += 1;
    const transfer = {
      transfer_no: `TR-${String(last + 1).padStart(5, '0')}`,
      from_warehouse: from,
      to_warehouse: to,
      carrier: cmd.carrier?.trim() || null,
      reference: cmd.reference?.trim() || null,
      expected_on: cmd.expectedOn ?? null,
      note: cmd.note?.trim() || null,
      change_no: ctx.changeNo,
      lines,
    };
    await run(ctx.client, insertTransfer(ctx.workspaceId, transfer, ctx.at, ctx.actor));
    await run(ctx.client, insertTransferLines(ctx.workspaceId, transfer));
    ctx.events.push({
      actor: ctx.actor,
      entity: 'transfers',
      entityKey: transfer.transfer_no,
      action: 'created',
      before: null,
      after: { from, to, lines, carrier: transfer.carrier, reference: transfer.reference },
      correlationId: ctx.correlationId,
    });
    if (cmd.dispatch) await dispatch(ctx, (await locked(ctx, transfer.transfer_no, cmd.lang)) as TransferRow, cmd.lang);
    return answer(ctx, transfer.transfer_no);
  });
}

/** The goods leave: each line comes off the source's on hand (never below what orders hold) and shows in transit. */
export async function dispatchTransfer(
  db: Database,
  principal: Principal,
  cmd: DispatchTransferBody,
  now: () => Date,
): Promise<TransferAnswer> {
  return runCommand(db, principal, cmd.idempotencyKey, cmd, now, async (ctx) => {
    await dispatch(ctx, await locked(ctx, cmd.transferNo, cmd.lang), cmd.lang);
    return answer(ctx, cmd.transferNo);
  });
}

async function dispatch(ctx: InventoryContext, row: TransferRow, lang: Lang): Promise<void> {
  const transfer = toTransfer(row);
  // Stock lines locked (key order) before reading what is available: approvals racing on the source wait.
  const stock = await lockStock(ctx, [...new Set(transfer.lines.map((l) => l.sku))]);
  const available = new Map(
    transfer.lines.map((l) => {
      const source = stock.get(stockKey(l.sku, transfer.from));
      return [l.sku, source ? source.on_hand - source.reserved : 0];
    }),
  );
  const refusal = validateDispatch(transfer, available, lang);
  if (refusal) throw refusal;
  const adjustments: Adjustment[] = [];
  for (const line of transfer.lines) {
    const source = stock.get(stockKey(line.sku, transfer.from))!;
    adjustments.push({
      stock_key: source.stock_key,
      kind: 'transfer_out',
      on_hand_before: source.on_hand,
      on_hand_after: source.on_hand - line.qty,
      reason: transfer.transferNo,
    });
    source.on_hand -= line.qty;
    const key = stockKey(line.sku, transfer.to);
    const destination = stock.get(key) ?? emptyStockLine(key, line.sku, transfer.to);
    destination.in_transit += line.qty;
    stock.set(key, destination);
  }
  const touched = transfer.lines.flatMap((l) => [stockKey(l.sku, transfer.from), stockKey(l.sku, transfer.to)]);
  await writeStockLines(
    ctx,
    [...new Set(touched)].map((key) => stock.get(key)!),
  );
  await run(ctx.client, insertAdjustments(ctx.workspaceId, adjustments, ctx.at, ctx.actor, ctx.correlationId));
  await setStatus(ctx, row, 'in_transit', 'dispatched', { lines: transfer.lines.map((l) => [l.sku, l.qty]) });
}

/** Goods arrived (all or part): on hand at the destination, in transit down, waiting orders served first-in-first-out. */
export async function receiveTransfer(
  db: Database,
  principal: Principal,
  cmd: TransferArrivalBody,
  now: () => Date,
): Promise<TransferAnswer & { served: ServedOrder[] }> {
  return runCommand(db, principal, cmd.idempotencyKey, cmd, now, async (ctx) => {
    const row = await locked(ctx, cmd.transferNo, cmd.lang);
    const transfer = toTransfer(row);
    const refusal = validateArrival(transfer, cmd.lines, cmd.lang);
    if (refusal) throw refusal;
    for (const arrival of cmd.lines) transfer.lines.find((l) => l.lineNo === arrival.lineNo)!.received += arrival.qty;
    await writeLines(ctx, transfer, null);
    await setStatus(ctx, row, transferStatusOf(transfer.lines, transfer.status), 'received', {
      lines: cmd.lines.map((a) => [a.lineNo, a.qty]),
    });
    const { served } = await receiveIntoStock(
      ctx,
      cmd.lines.map((a) => ({
        sku: transfer.lines.find((l) => l.lineNo === a.lineNo)!.sku,
        warehouse: transfer.to,
        qty: a.qty,
        note: [transfer.transferNo, a.note?.trim()].filter(Boolean).join(': '),
        fromIncoming: 0,
        fromInTransit: a.qty,
        kind: 'transfer_in' as const,
      })),
    );
    return { ...(await answer(ctx, cmd.transferNo)), served };
  });
}

/** What of a line never arrived (lost, damaged on the way) is given up with a reason: it leaves in transit. */
export async function shortCloseTransferLine(
  db: Database,
  principal: Principal,
  cmd: TransferShortCloseBody,
  now: () => Date,
): Promise<TransferAnswer> {
  return runCommand(db, principal, cmd.idempotencyKey, cmd, now, async (ctx) => {
    const row = await locked(ctx, cmd.transferNo, cmd.lang);
    const transfer = toTransfer(row);
    const refusal = validateShortClose(transfer, cmd.lineNo, cmd.reason, cmd.lang);
    if (refusal) throw refusal;
    const line = transfer.lines.find((l) => l.lineNo === cmd.lineNo)!;
    const open = inTransitQty(line, transfer.status);
    line.shortClosed += open;
    await writeLines(ctx, transfer, { lineNo: line.lineNo, reason: cmd.reason.trim() });
    const stock = await lockStock(ctx, [line.sku]);
    const destination = stock.get(stockKey(line.sku, transfer.to))!;
    destination.in_transit -= open;
    await writeStockLines(ctx, [destination]);
    await setStatus(ctx, row, transferStatusOf(transfer.lines, transfer.status), 'closed_short', {
      line: line.lineNo,
      sku: line.sku,
      qty: open,
      reason: cmd.reason.trim(),
    });
    return answer(ctx, cmd.transferNo);
  });
}

/** A draft given up, with the reason: nothing had moved, so nothing moves back. */
export async function cancelTransfer(
  db: Database,
  principal: Principal,
  cmd: CancelTransferBody,
  now: () => Date,
): Promise<TransferAnswer> {
  return runCommand(db, principal, cmd.idempotencyKey, cmd, now, async (ctx) => {
    const row = await locked(ctx, cmd.transferNo, cmd.lang);
    const refusal = validateCancel(toTransfer(row), cmd.reason, cmd.lang);
    if (refusal) throw refusal;
    await setStatus(ctx, row, 'cancelled', 'cancelled', { reason: cmd.reason.trim() }, cmd.reason.trim());
    return answer(ctx, cmd.transferNo);
  });
}

export async function listTransfers(
  db: Database,
  principal: Principal,
): Promise<{ transfers: TransferAnswer['transfer'][] }> {
  return { transfers: (await transfersOf(db.pool, principal.workspaceId, null, false)).map(view) };
}

async function writeLines(
  ctx: InventoryContext,
  transfer: Transfer,
  short: { lineNo: number; reason: string } | null,
): Promise<void> {
  await run(
    ctx.client,
    updateTransferLines(
      ctx.workspaceId,
      transfer.transferNo,
      transfer.lines.map((l) => ({
        line_no: l.lineNo,
        received_qty: l.received,
        short_closed_qty: l.shortClosed,
        short_reason: short?.lineNo === l.lineNo ? short.reason : null,
      })),
    ),
  );
}

async function setStatus(
  ctx: InventoryContext,
  row: TransferRow,
  status: TransferStatus,
  action: string,
  what: Record<string, unknown>,
  cancelReason?: string,
): Promise<void> {
  ctx.changeNo += 1;
  await run(
    ctx.client,
    updateTransferStatus(
      ctx.workspaceId,
      row.transfer_no,
      { status, changeNo: ctx.changeNo, dispatchedAt: action === 'dispatched' ? ctx.at : undefined, cancelReason },
      ctx.at,
      ctx.actor,
    ),
  );
  ctx.events.push({
    actor: ctx.actor,
    entity: 'transfers',
    entityKey: row.transfer_no,
    action,
    before: { status: row.status },
    after: { status, ...what },
    correlationId: ctx.correlationId,
  });
  row.status = status;
}
