import type { z } from 'zod';
import type { TransferView } from '../../domain/contracts/transfers';
import { DomainError, type FieldError } from '../../domain/domain-error';
import type { Lang } from '../../domain/i18n/lang';
import { inventoryMessage } from '../../domain/inventory/inventory-messages';
import { inTransitQty, type Transfer, type TransferStatus } from '../../domain/inventory/transfer';
import { run, type Queryable } from '../db/database';
import type { InventoryContext } from './allocation-service';
import { selectKnownSkus, selectWarehouses } from './stock-sql';
import { selectTransfers, type TransferRow } from './transfer-sql';

/** Reading transfers (locked or not) as the domain and the answers see them; the checks a new one needs. */

export type TransferAnswer = { transfer: z.infer<typeof TransferView> };

export async function transfersOf(
  client: Queryable,
  workspaceId: string,
  transferNos: string[] | null,
  lock: boolean,
): Promise<TransferRow[]> {
  return (await run<TransferRow>(client, selectTransfers(workspaceId, transferNos, lock))).rows;
}

export async function locked(ctx: InventoryContext, transferNo: string, lang: Lang): Promise<TransferRow> {
  const row = (await transfersOf(ctx.client, ctx.workspaceId, [transferNo.trim()], true))[0];
  if (!row) throw new DomainError('not_found', inventoryMessage(lang, 'no_transfer', { transfer: transferNo }));
  return row;
}

export async function answer(ctx: InventoryContext, transferNo: string): Promise<TransferAnswer> {
  return { transfer: view((await transfersOf(ctx.client, ctx.workspaceId, [transferNo.trim()], false))[0]!) };
}

export function toTransfer(row: TransferRow): Transfer {
  return {
    transferNo: row.transfer_no,
    from: row.from_warehouse,
    to: row.to_warehouse,
    status: row.status as TransferStatus,
    lines: row.lines.map((l) => ({
      lineNo: l.line_no,
      sku: l.sku,
      qty: l.qty,
      received: l.received_qty,
      shortClosed: l.short_closed_qty,
    })),
  };
}

export function view(row: TransferRow): TransferAnswer['transfer'] {
  const transfer = toTransfer(row);
  return {
    transferNo: row.transfer_no,
    from: row.from_warehouse,
    to: row.to_warehouse,
    status: transfer.status,
    carrier: row.carrier,
    reference: row.reference,
    expectedOn: row.expected_on,
    note: row.note,
    cancelReason: row.cancel_reason,
    lines: transfer.lines.map((l, i) => ({
      ...l,
      inTransit: inTransitQty(l, transfer.status),
      shortReason: row.lines[i]!.short_reason,
    })),
  };
}

export async function warehouseErrors(
  client: Queryable,
  workspaceId: string,
  ends: { from: string; to: string },
  lang: Lang,
): Promise<FieldError[]> {
  const all = (await run<{ code: string; active: boolean }>(client, selectWarehouses(workspaceId))).rows;
  const errors: FieldError[] = [];
  for (const field of ['from', 'to'] as const) {
    const warehouse = all.find((w) => w.code === ends[field]);
    // Goods may leave a warehouse being closed down; they are not sent to one.
    const code = !warehouse
      ? 'unknown_warehouse'
      : field === 'to' && warehouse.active === false
        ? 'inactive_warehouse'
        : null;
    if (code) errors.push({ field, code, message: inventoryMessage(lang, code, { warehouse: ends[field] }) });
  }
  return errors;
}

export async function skuErrors(
  client: Queryable,
  workspaceId: string,
  lines: { sku: string }[],
  lang: Lang,
): Promise<FieldError[]> {
  const known = new Set(
    (
      await run<{ sku: string }>(
        client,
        selectKnownSkus(
          workspaceId,
          lines.map((l) => l.sku),
        ),
      )
    ).rows.map((r) => r.sku),
  );
  return lines.flatMap((line, i) =>
    known.has(line.sku)
      ? []
      : [
          {
            field: `lines.${i}.sku`,
            code: 'unknown_sku',
            message: inventoryMessage(lang, 'unknown_sku', { sku: line.sku }),
          },
        ],
  );
}
