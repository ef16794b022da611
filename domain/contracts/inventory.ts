import { z } from 'zod';
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
export const ReceiptResponse = z.object({
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
