import { z } from 'zod';
import { TRANSFER_STATUSES } from '../inventory/transfer';
import { IdempotencyKey, IsoDate, Lang, safeText } from './common';
import { ServedOrders } from './inventory';
import { ArrivalLines } from './purchasing';

/** Transfers between warehouses (docs/inventory.md): create, dispatch, receive, close short, cancel. */

export const TransferView = z.object({
  transferNo: z.string(),
  from: z.string(),
  to: z.string(),
  status: z.enum(TRANSFER_STATUSES),
  carrier: z.string().nullable(),
  reference: z.string().nullable(),
  expectedOn: z.string().nullable(),
  note: z.string().nullable(),
  cancelReason: z.string().nullable(),
  lines: z.array(
    z.object({
      lineNo: z.number().int(),
      sku: z.string(),
      qty: z.number().int(),
      received: z.number().int(),
      shortClosed: z.number().int(),
      inTransit: z.number().int(),
      shortReason: z.string().nullable(),
    }),
  ),
});
export const TransferResponse = z.object({ transfer: TransferView });
export const TransferArrivalResponse = z.object({ transfer: TransferView, served: ServedOrders });
export const TransferListResponse = z.object({ transfers: z.array(TransferView) });

const TransferNo = safeText('orderNo', 1);

export const CreateTransferBody = z
  .object({
    idempotencyKey: IdempotencyKey,
    lang: Lang,
    from: safeText('code', 1).meta({ description: 'The warehouse the goods leave' }),
    to: safeText('code', 1).meta({ description: 'The warehouse they go to' }),
    lines: z
      .array(z.object({ sku: safeText('code', 1), qty: z.number().int().min(1).max(100_000_000) }).strict())
      .min(1)
      .max(5000),
    carrier: safeText('code').optional(),
    reference: safeText('note').optional().meta({ description: 'The carrier’s or forwarder’s reference (头程单号)' }),
    expectedOn: IsoDate.optional(),
    note: safeText('note').optional(),
    dispatch: z
      .boolean()
      .optional()
      .meta({ description: 'Dispatch at once (the goods have left), instead of a draft' }),
  })
  .strict();
export type CreateTransferBody = z.infer<typeof CreateTransferBody>;

export const DispatchTransferBody = z
  .object({ idempotencyKey: IdempotencyKey, lang: Lang, transferNo: TransferNo })
  .strict();
export type DispatchTransferBody = z.infer<typeof DispatchTransferBody>;

export const CancelTransferBody = z
  .object({ idempotencyKey: IdempotencyKey, lang: Lang, transferNo: TransferNo, reason: safeText('note') })
  .strict();
export type CancelTransferBody = z.infer<typeof CancelTransferBody>;

export const TransferArrivalBody = z
  .object({ idempotencyKey: IdempotencyKey, lang: Lang, transferNo: TransferNo, lines: ArrivalLines })
  .strict();
export type TransferArrivalBody = z.infer<typeof TransferArrivalBody>;

export const TransferShortCloseBody = z
  .object({
    idempotencyKey: IdempotencyKey,
    lang: Lang,
    transferNo: TransferNo,
    lineNo: z.number().int().min(1),
    reason: safeText('note'),
  })
  .strict();
export type TransferShortCloseBody = z.infer<typeof TransferShortCloseBody>;
