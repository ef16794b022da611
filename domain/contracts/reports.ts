import { z } from 'zod';
import { CurrencyCode, IdempotencyKey, Lang, MoneyAmount, safeText } from './common';
import { contractText } from './contract-messages';

/**
 * Report data over HTTP (docs/reports.md): `GET /v1/reports/order-lines | stock-value | purchase-spend`,
 * paged by an opaque `after` cursor, JSON (`columns` + `rows` as arrays, money as decimal strings in the
 * base currency, dates as YYYY-MM-DD) or CSV. Cost and profit: boss and admin only.
 */
export const ReportQuery = z
  .object({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(1000)
      .meta({ description: 'Rows per page (1-10000); for order lines: orders per page (an order is never split)' }),
    after: safeText('code', 1).optional().meta({ description: "The previous page's `next`" }),
    format: z.enum(['json', 'csv']).default('json').meta({ description: 'csv: a CSV file with a header row' }),
    lang: Lang.meta({ description: 'Language of headers and status labels' }),
  })
  .strict();
export type ReportQuery = z.infer<typeof ReportQuery>;

/** `GET /v1/reports/my-products`: sales reads its own SKUs; boss and admin may name any owner. */
export const MyProductsQuery = ReportQuery.extend({
  owner: z.string().trim().toLowerCase().email().optional().meta({ description: 'Sales owner (boss, admin)' }),
}).strict();
export type MyProductsQuery = z.infer<typeof MyProductsQuery>;

/** One page: `next` is null on the last page. */
export const ReportPageResponse = z.object({
  source: z.string(),
  base_currency: z.string(),
  columns: z.array(z.string()).meta({ description: "The source's column keys, in the order of each row's cells" }),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
  next: z.string().nullable(),
});
export type ReportPage = z.infer<typeof ReportPageResponse>;

/**
 * A carrier's bill (`POST /v1/logistics/freight-bills`): what each parcel really cost, by tracking number, as
 * the carrier's CSV or as entries. Every row is checked first; a bill with any bad row applies nothing.
 */
export const FreightBillBody = z
  .object({
    idempotencyKey: IdempotencyKey,
    lang: Lang,
    csv: z.string().max(20_000_000).optional().meta({
      description: 'The bill as CSV with a header row: tracking number, amount and (optionally) currency columns',
    }),
    currency: CurrencyCode.optional().meta({ description: 'The currency of a CSV without a currency column' }),
    entries: z
      .array(z.object({ trackingNo: safeText('code', 1), amount: MoneyAmount, currency: CurrencyCode }).strict())
      .max(100_000)
      .optional(),
  })
  .strict()
  .refine((body) => (body.csv === undefined) !== (body.entries === undefined), {
    message: contractText('entries_or_csv'),
  });
export type FreightBillBody = z.infer<typeof FreightBillBody>;

export const FreightBillResponse = z.object({
  applied: z.array(
    z.object({
      shipmentNo: z.string(),
      trackingNo: z.string(),
      estimate: z.object({ amount: z.string(), currency: z.string() }).nullable(),
      actual: z.object({ amount: z.string(), currency: z.string() }),
    }),
  ),
});
