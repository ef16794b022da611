import type { z } from 'zod';
import type {
  AfterSaleCaseView,
  AfterSaleQuery,
  CloseAfterSaleBody,
  OpenAfterSaleBody,
  ReceiveAfterSaleBody,
} from '../../domain/contracts/after-sale';
import type {
  AfterSaleKind,
  AfterSaleReason,
  AfterSaleStatus,
  CaseOrder,
} from '../../domain/after-sale/after-sale-case';
import {
  expectedBack,
  validateCaseReceipt,
  validateClose,
  validateOpenCase,
  type CaseState,
} from '../../domain/after-sale/after-sale-validation';
import { DomainError } from '../../domain/domain-error';
import type { Principal } from '../access/principal';
import { run, type Database, type Queryable } from '../db/database';
import type { InventoryContext, ServedOrder } from '../inventory/allocation-service';
import { selectWarehouses } from '../inventory/stock-sql';
import {
  insertCase,
  insertCaseLines,
  selectCaseForUpdate,
  selectCaseOrderForUpdate,
  selectCases,
  selectLastCaseNo,
  updateCaseLines,
  updateCaseStatus,
  type CaseOrderRow,
  type CaseRow,
  type NewCase,
} from '../orders/after-sale-sql';
import { createReplacementOrder } from './after-sale-replacement';
import { runCommand } from './command-runner';
import { receiveIntoStock } from './stock-receipts';

type CaseView = z.infer<typeof AfterSaleCaseView>;
export type CaseAnswer = { case: CaseView; served: ServedOrder[] };

/**
 * Opens a case on a shipped or delivered order (docs/after-sale.md): every limit checked against the
 * order's earlier cases at once; an exchange makes its replacement order in the same transaction.
 */
export async function openAfterSaleCase(
  db: Database,
  principal: Principal,
  cmd: OpenAfterSaleBody,
  now: () => Date,
): Promise<CaseAnswer> {
  return runCommand(db, principal, cmd.idempotencyKey, cmd, now, async (ctx) => {
    const orderNo = cmd.orderNo.trim();
    const row = (await run<CaseOrderRow>(ctx.client, selectCaseOrderForUpdate(ctx.workspaceId, orderNo))).rows[0];
    if (!row) throw new DomainError('after_sale_order_not_found', { order: orderNo });
    ctx.correlationId = `order:${orderNo}`;
    const earlier = await casesOf(ctx.client, ctx.workspaceId, { orderNo });
    const order = toCaseOrder(row);
    const draft = {
      kinds: cmd.kinds,
      reason: cmd.reason,
      note: cmd.note ?? '',
      lines: cmd.lines,
      refund: cmd.refund ?? null,
    };
    const refusal = validateOpenCase(
      order,
      earlier.map((c) => ({
        lines: c.lines.map((l) => ({ lineNo: l.order_line_no, qty: l.qty })),
        refund: c.refund_amount,
      })),
      draft,
      cmd.lang,
    );
    if (refusal) throw refusal;
    const last = Number((await run<{ n: number }>(ctx.client, selectLastCaseNo(ctx.workspaceId))).rows[0]!.n);
    const caseNo = `AS-${String(last + 1).padStart(5, '0')}`;
    const exchange = cmd.kinds.includes('exchange')
      ? await createReplacementOrder(
          ctx,
          orderNo,
          caseNo,
          cmd.lines.map((l) => ({ orderLineNo: l.lineNo, qty: l.qty })),
        )
      : null;
    ctx.changeNo += 1;
    const created: NewCase = {
      case_no: caseNo,
      order_no: orderNo,
      kinds: [...cmd.kinds],
      reason: cmd.reason,
      note: cmd.note?.trim() || null,
      refund_amount: cmd.refund?.amount ?? null,
      refund_currency: cmd.refund ? order.currency!.trim().toUpperCase() : null,
      replacement_order_no: exchange?.orderNo ?? null,
      change_no: ctx.changeNo,
      lines: cmd.lines.map((l, i) => ({
        line_no: i + 1,
        order_line_no: l.lineNo,
        sku: order.lines.find((o) => o.lineNo === l.lineNo)!.sku,
        qty: l.qty,
      })),
    };
    await run(ctx.client, insertCase(ctx.workspaceId, created, ctx.at, ctx.actor));
    await run(ctx.client, insertCaseLines(ctx.workspaceId, created));
    const { change_no: _, ...after } = created;
    pushEvent(ctx, caseNo, 'opened', null, after);
    return { case: await answer(ctx, caseNo), served: exchange?.served ?? [] };
  });
}

/**
 * Units of a return came back: restocked ones go on hand in the chosen warehouse (a `return` adjustment)
 * and to the orders waiting for them first; written-off ones (damaged) are only recorded on the case.
 */
export async function receiveAfterSaleReturn(
  db: Database,
  principal: Principal,
  cmd: ReceiveAfterSaleBody,
  now: () => Date,
): Promise<CaseAnswer> {
  return runCommand(db, principal, cmd.idempotencyKey, cmd, now, async (ctx) => {
    const row = await lockedCase(ctx, cmd.caseNo);
    const state = toState(row);
    const warehouse = cmd.warehouse?.trim() || null;
    const active = (
      await run<{ code: string; active: boolean }>(ctx.client, selectWarehouses(ctx.workspaceId))
    ).rows.filter((w) => w.active);
    const receipt = { warehouse, lines: cmd.lines };
    const refusal = validateCaseReceipt(
      state,
      receipt,
      active.some((w) => w.code === warehouse),
      cmd.lang,
    );
    if (refusal) throw refusal;
    const lines = state.lines.map((l) => ({ ...l }));
    for (const r of cmd.lines) {
      const line = lines.find((l) => l.lineNo === r.lineNo)!;
      line.restocked += r.restock;
      line.writtenOff += r.writeOff;
    }
    const restocked = new Set(cmd.lines.filter((r) => r.restock > 0).map((r) => r.lineNo));
    await run(
      ctx.client,
      updateCaseLines(
        ctx.workspaceId,
        state.caseNo,
        lines.map((l) => ({
          line_no: l.lineNo,
          restocked_qty: l.restocked,
          written_off_qty: l.writtenOff,
          warehouse: restocked.has(l.lineNo) ? warehouse : null,
        })),
      ),
    );
    await setStatus(ctx, row, 'received', null);
    pushEvent(ctx, state.caseNo, 'received', null, {
      warehouse,
      lines: cmd.lines.map((r) => ({ line: r.lineNo, restock: r.restock, writeOff: r.writeOff })),
    });
    const back = cmd.lines
      .filter((r) => r.restock > 0)
      .map((r) => ({
        sku: lines.find((l) => l.lineNo === r.lineNo)!.sku,
        warehouse: warehouse!,
        qty: r.restock,
        note: state.caseNo,
        fromIncoming: 0,
        kind: 'return' as const,
      }));
    const { served } = back.length ? await receiveIntoStock(ctx, back) : { served: [] };
    return { case: await answer(ctx, state.caseNo), served };
  });
}

/** The case is done: once, and with a note when part of a return never came back. */
export async function closeAfterSaleCase(
  db: Database,
  principal: Principal,
  cmd: CloseAfterSaleBody,
  now: () => Date,
): Promise<{ case: CaseView }> {
  return runCommand(db, principal, cmd.idempotencyKey, cmd, now, async (ctx) => {
    const row = await lockedCase(ctx, cmd.caseNo);
    const note = cmd.note?.trim() ?? '';
    const refusal = validateClose(toState(row), note, cmd.lang);
    if (refusal) throw refusal;
    await setStatus(ctx, row, 'closed', note || null);
    pushEvent(ctx, row.case_no, 'closed', { status: row.status }, { status: 'closed', note: note || null });
    return { case: await answer(ctx, row.case_no) };
  });
}

export async function listAfterSaleCases(
  db: Database,
  principal: Principal,
  query: AfterSaleQuery,
): Promise<{ cases: CaseView[] }> {
  const filter = { orderNo: query.orderNo?.trim(), status: query.status };
  return { cases: (await casesOf(db.pool, principal.workspaceId, filter)).map(view) };
}

async function casesOf(client: Queryable, workspaceId: string, filter: { orderNo?: string; status?: string }) {
  return (await run<CaseRow>(client, selectCases(workspaceId, filter))).rows;
}

async function lockedCase(ctx: InventoryContext, caseNo: string): Promise<CaseRow> {
  const row = (await run<CaseRow>(ctx.client, selectCaseForUpdate(ctx.workspaceId, caseNo.trim()))).rows[0];
  if (!row) throw new DomainError('after_sale_case_not_found', { case: caseNo.trim() });
  // The case's steps follow its order's journey in the log (GET /v1/orders/:no/journey).
  ctx.correlationId = `order:${row.order_no}`;
  return row;
}

async function answer(ctx: InventoryContext, caseNo: string): Promise<CaseView> {
  return view((await run<CaseRow>(ctx.client, selectCaseForUpdate(ctx.workspaceId, caseNo))).rows[0]!);
}

async function setStatus(ctx: InventoryContext, row: CaseRow, status: AfterSaleStatus, closeNote: string | null) {
  ctx.changeNo += 1;
  const change = { status, changeNo: ctx.changeNo, closeNote };
  await run(ctx.client, updateCaseStatus(ctx.workspaceId, row.case_no, change, ctx.at, ctx.actor));
}

function pushEvent(ctx: InventoryContext, caseNo: string, action: string, before: unknown, after: unknown): void {
  ctx.events.push({
    actor: ctx.actor,
    entity: 'after_sale',
    entityKey: caseNo,
    action,
    before,
    after,
    correlationId: ctx.correlationId,
  });
}

function toCaseOrder(row: CaseOrderRow): CaseOrder {
  return {
    orderNo: row.order_no,
    status: row.status,
    currency: row.currency,
    shipping: row.shipping,
    lines: row.lines.map((l) => ({
      lineNo: l.line_no,
      sku: l.sku,
      qty: l.qty,
      shippedQty: l.shipped_qty,
      unitPrice: l.unit_price,
    })),
  };
}

function toState(row: CaseRow): CaseState {
  return {
    caseNo: row.case_no,
    status: row.status as AfterSaleStatus,
    kinds: row.kinds as AfterSaleKind[],
    lines: row.lines.map((l) => ({
      lineNo: l.line_no,
      sku: l.sku,
      qty: l.qty,
      restocked: l.restocked_qty,
      writtenOff: l.written_off_qty,
    })),
  };
}

function view(row: CaseRow): CaseView {
  const state = toState(row);
  const awaiting = state.kinds.includes('return') && state.status !== 'closed';
  return {
    caseNo: row.case_no,
    orderNo: row.order_no,
    kinds: state.kinds as CaseView['kinds'],
    status: state.status,
    reason: row.reason as AfterSaleReason,
    note: row.note,
    refund: row.refund_amount ? { amount: row.refund_amount, currency: row.refund_currency! } : null,
    replacementOrderNo: row.replacement_order_no,
    closeNote: row.close_note,
    lines: state.lines.map((l, i) => ({
      lineNo: l.lineNo,
      orderLineNo: row.lines[i]!.order_line_no,
      sku: l.sku,
      qty: l.qty,
      restocked: l.restocked,
      writtenOff: l.writtenOff,
      expectedBack: awaiting ? expectedBack(l) : 0,
    })),
  };
}
