import { z } from 'zod';
import { AFTER_SALE_KINDS, AFTER_SALE_REASONS, AFTER_SALE_STATUSES } from '../after-sale/after-sale-case';
import { CurrencyCode, IdempotencyKey, Lang, MoneyAmount, safeText } from './common';
import { contractText } from './contract-messages';
import { ServedOrders } from './inventory';

/** After-sale cases (docs/after-sale.md): open, receive a return, close; list. */

const Amount = MoneyAmount;
const Currency = CurrencyCode;
const Qty = z.number().int().min(0).max(100_000_000);

export const AfterSaleCaseView = z.object({
  caseNo: z.string(),
  orderNo: z.string(),
  kinds: z.array(z.enum(AFTER_SALE_KINDS)),
  status: z.enum(AFTER_SALE_STATUSES),
  reason: z.enum(AFTER_SALE_REASONS),
  note: z.string().nullable(),
  refund: z.object({ amount: z.string(), currency: z.string() }).nullable(),
  replacementOrderNo: z.string().nullable(),
  closeNote: z.string().nullable(),
  lines: z.array(
    z.object({
      lineNo: z.number().int(),
      orderLineNo: z.number().int(),
      sku: z.string(),
      qty: z.number().int(),
      restocked: z.number().int(),
      writtenOff: z.number().int(),
      expectedBack: z.number().int().meta({ description: 'Units of a return still to come back' }),
    }),
  ),
});
export const AfterSaleCaseResponse = z.object({ case: AfterSaleCaseView });
export const AfterSaleOpenResponse = z.object({
  case: AfterSaleCaseView,
  served: ServedOrders.meta({ description: 'The replacement order of an exchange, when it got stock' }),
});
export const AfterSaleReceiveResponse = z.object({
  case: AfterSaleCaseView,
  served: ServedOrders.meta({ description: 'Waiting orders the restocked units went to, first approved first' }),
});
export const AfterSaleListResponse = z.object({ cases: z.array(AfterSaleCaseView) });

const CaseNo = safeText('orderNo', 1);

export const OpenAfterSaleBody = z
  .object({
    idempotencyKey: IdempotencyKey,
    lang: Lang,
    orderNo: safeText('orderNo', 1),
    kinds: z
      .array(z.enum(AFTER_SALE_KINDS))
      .min(1)
      .max(3)
      .meta({ description: 'refund, return, exchange (a replacement order), or a mix' }),
    reason: z.enum(AFTER_SALE_REASONS),
    note: safeText('note').optional(),
    lines: z
      .array(z.object({ lineNo: z.number().int().min(1), qty: Qty.min(1) }).strict())
      .min(1)
      .max(500)
      .meta({ description: "The order's lines and units the case concerns (never more than shipped)" }),
    refund: z
      .object({ amount: Amount, currency: Currency })
      .strict()
      .optional()
      .meta({ description: "The amount refunded, in the order's currency (a decimal string)" }),
  })
  .strict();
export type OpenAfterSaleBody = z.infer<typeof OpenAfterSaleBody>;

export const ReceiveAfterSaleBody = z
  .object({
    idempotencyKey: IdempotencyKey,
    lang: Lang,
    caseNo: CaseNo,
    warehouse: safeText('code', 1).optional().meta({ description: 'Where restocked units go' }),
    lines: z
      .array(
        z
          .object({
            lineNo: z.number().int().min(1).meta({ description: "The case's line number" }),
            restock: Qty.default(0),
            writeOff: Qty.default(0).meta({ description: 'Damaged units: recorded, not put back in stock' }),
          })
          .strict(),
      )
      .min(1)
      .max(500),
  })
  .strict();
export type ReceiveAfterSaleBody = z.infer<typeof ReceiveAfterSaleBody>;

export const CloseAfterSaleBody = z
  .object({ idempotencyKey: IdempotencyKey, lang: Lang, caseNo: CaseNo, note: safeText('note').optional() })
  .strict();
export type CloseAfterSaleBody = z.infer<typeof CloseAfterSaleBody>;

export const AfterSaleQuery = z
  .object({ orderNo: safeText('orderNo', 1).optional(), status: z.enum(AFTER_SALE_STATUSES).optional() })
  .strict();
export type AfterSaleQuery = z.infer<typeof AfterSaleQuery>;
