import { z } from 'zod';
import { Lang, safeText } from './common';

/**
 * Report data over HTTP (docs/reports.md): `GET /v1/reports/order-lines | stock-value | purchase-spend`,
 * paged by an opaque `after` cursor, JSON (`columns` + `rows` as arrays, money as decimal strings in the
 * base currency, dates as YYYY-MM-DD) or CSV. Cost and profit: boss and admin only.
 */
export const ReportQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(10_000).default(1000).meta({ description: 'Rows per page (1-10000)' }),
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
export type ReportPage = {
  source: string;
  base_currency: string;
  columns: string[];
  rows: (string | number | null)[][];
  next: string | null;
};
