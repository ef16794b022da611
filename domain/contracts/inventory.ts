import { z } from 'zod';
import { ORDER_STATUSES } from '../orders/order-status';
import { IdempotencyKey, Lang, safeText } from './common';

/** The warehouse center: receipts without a PO, and the ledger check (docs/inventory.md). */

export const ReceiptBody = z
  .object({
    idempotencyKey: IdempotencyKey.meta({ description: 'One per receipt; a replay gets the first answer' }),
    lang: Lang,
    lines: z
      .array(
        z
          .object({
            sku: safeText('code', 1),
            warehouse: safeText('code', 1),
            qty: z.number().int().min(1).max(100_000_000),
            note: safeText('note').optional(),
          })
          .strict(),
      )
      .min(1)
      .max(5000),
  })
  .strict();
export type ReceiptBody = z.infer<typeof ReceiptBody>;
/** The orders an arrival gave stock to, first served first, with their new status and what they still miss. */
export const ServedOrders = z
  .array(
    z.object({
      orderNo: z.string(),
      status: z.enum(ORDER_STATUSES),
      waiting: z
        .array(z.object({ sku: z.string(), missing: z.number().int() }))
        .meta({ description: 'What it still waits for, per SKU; empty when it is ready to ship' }),
    }),
  )
  .meta({ description: 'Only orders that got stock from this arrival, oldest approval first' });
export const ReceiptResponse = z.object({
  served: ServedOrders,
  received: z.array(
    z.object({
      stockKey: z.string(),
      onHand: z.number().int(),
      reserved: z.number().int(),
      available: z.number().int(),
    }),
  ),
});

export const CheckQuery = z.object({ lang: Lang }).strict();
export const CheckResponse = z.object({
  ok: z.boolean(),
  stockLines: z.number().int(),
  reservations: z.number().int(),
  mismatches: z.array(z.object({ code: z.string(), key: z.string(), message: z.string() })),
});
