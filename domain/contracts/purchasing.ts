import { z } from 'zod';
import { PO_STATUSES } from '../purchasing/purchase-order';
import { CurrencyCode, IdempotencyKey, IsoDate, Lang, MoneyAmount, safeText } from './common';
import { contractText } from './contract-messages';
import { ServedOrders } from './inventory';

/** The purchase center: suggestions, purchase orders, receipts, short closes and cancels (docs/purchasing.md). */

export const SuggestionsQuery = z
  .object({
    today: IsoDate.optional().meta({
      description: 'The day to suggest for (windows end the day before); default: today, UTC',
    }),
  })
  .strict();
export const SuggestionsResponse = z.object({
  today: z.string(),
  suggestions: z.array(
    z.object({
      sku: z.string(),
      warehouse: z
        .string()
        .nullable()
        .meta({
          description:
            'The warehouse the row plans for: one row per stock line and per warehouse that serves demand ' +
            'for the SKU; null when the SKU is neither kept nor wanted in any active warehouse',
        }),
      action: z.enum(['buy', 'transfer']).meta({
        description: 'buy: from the supplier; transfer: suggestedQty from the warehouse `from`, planned before any buy',
      }),
      from: z.string().nullable().meta({ description: 'The warehouse a transfer comes from; null for a buy' }),
      supplier: z.string().nullable(),
      supplierKnown: z.boolean(),
      available: z.number().int(),
      incoming: z.number().int(),
      waiting: z.number().int(),
      sold7: z.number().int(),
      sold14: z.number().int(),
      sold30: z.number().int(),
      inStock7: z.number().int(),
      inStock14: z.number().int(),
      inStock30: z.number().int(),
      r7: z.number(),
      r14: z.number(),
      r30: z.number(),
      velocity: z.number(),
      leadTime: z.number().int(),
      safetyStock: z.number().int().meta({
        description:
          "This row's part of the SKU's safety stock (split by demand where the SKU has a row per warehouse)",
      }),
      reorderPoint: z.number(),
      suggestedQty: z.number().int(),
      orderBy: z.string().nullable(),
    }),
  ),
});

export const PoView = z.object({
  poNo: z.string(),
  supplier: z.string(),
  warehouse: z.string(),
  status: z.enum(PO_STATUSES),
  expectedOn: z.string().nullable(),
  overdue: z.boolean(),
  lines: z.array(
    z.object({
      lineNo: z.number().int(),
      sku: z.string(),
      ordered: z.number().int(),
      received: z.number().int(),
      shortClosed: z.number().int(),
      shortReason: z.string().nullable(),
      cancelled: z.number().int().meta({ description: 'Units taken off the order before any arrived' }),
      cancelReason: z.string().nullable(),
      unitCost: z.string().nullable().meta({ description: 'What one unit costs (decimal string), in costCurrency' }),
      costCurrency: z.string().nullable(),
    }),
  ),
});
export const PoListResponse = z.object({ orders: z.array(PoView) });
export const PoResponse = z.object({ order: PoView });
export const PoReceiptResponse = z.object({ order: PoView, served: ServedOrders });

export const CreatePosBody = z
  .object({
    idempotencyKey: IdempotencyKey,
    lang: Lang,
    warehouse: safeText('code', 1).optional().meta({
      description:
        "Where the goods will arrive unless a line says; default: the workspace's first-ranked active warehouse",
    }),
    lines: z
      .array(
        z
          .object({
            sku: safeText('code', 1),
            qty: z.number().int().min(1).max(100_000_000),
            warehouse: safeText('code', 1).optional(),
            unitCost: MoneyAmount.optional().meta({
              description: "What one unit costs; default: the product's unit cost (Products sheet)",
            }),
            currency: CurrencyCode.optional().meta({ description: 'The currency of unitCost (required with it)' }),
          })
          .strict()
          .refine((line) => (line.unitCost === undefined) === (line.currency === undefined), {
            path: ['currency'],
            message: contractText('cost_needs_currency'),
          }),
      )
      .min(1)
      .max(20_000)
      .meta({ description: 'One PO per supplier and warehouse' }),
  })
  .strict();
export type CreatePosBody = z.infer<typeof CreatePosBody>;
/** What arrived against numbered lines (a PO's, a transfer's): several of one line add up. */
export const ArrivalLines = z
  .array(
    z
      .object({
        lineNo: z.number().int().min(1),
        qty: z.number().int().min(1).max(100_000_000),
        note: safeText('note').optional(),
      })
      .strict(),
  )
  .min(1)
  .max(5000);
export const PoReceiptBody = z
  .object({
    idempotencyKey: IdempotencyKey,
    lang: Lang,
    poNo: safeText('orderNo', 1),
    lines: ArrivalLines,
  })
  .strict();
export type PoReceiptBody = z.infer<typeof PoReceiptBody>;
export const ShortCloseBody = z
  .object({
    idempotencyKey: IdempotencyKey,
    lang: Lang,
    poNo: safeText('orderNo', 1),
    lineNo: z.number().int().min(1),
    reason: safeText('note'),
  })
  .strict();
export type ShortCloseBody = z.infer<typeof ShortCloseBody>;
export const CancelPoBody = z
  .object({
    idempotencyKey: IdempotencyKey,
    lang: Lang,
    poNo: safeText('orderNo', 1),
    lineNo: z.number().int().min(1).optional().meta({ description: 'Cancel this line only; default: the whole PO' }),
    reason: safeText('note').meta({ description: 'Required: why it is cancelled (blank is refused, per field)' }),
  })
  .strict();
export type CancelPoBody = z.infer<typeof CancelPoBody>;
