import { z } from 'zod';
import { ORDER_STATUSES } from '../orders/order-status';
import { PO_STATUSES } from '../purchasing/purchase-order';
import { IsoDate, Lang, safeText } from './common';

/**
 * Reading what was written, for people and scripts without the sheet: orders (one row per line, as the
 * Orders sheet shows them), products, stock, suppliers and purchase orders (one row per line). Rows are
 * the sheet's columns by field name; pages follow the row key; `format=csv` answers a CSV file instead.
 */
const Page = {
  limit: z.coerce.number().int().min(1).max(1000).default(100).meta({ description: 'Rows per page (1-1000)' }),
  after: safeText('channelSku', 1).optional().meta({ description: "The previous page's `next`: rows after this key" }),
  format: z
    .enum(['json', 'csv'])
    .default('json')
    .meta({ description: 'csv: a CSV file with a header row (text never as formulas)' }),
  lang: Lang.meta({ description: 'Language of rendered text (review notes) and of CSV headers' }),
};
const Sku = safeText('channelSku', 1).optional().meta({ description: 'Only rows of this SKU' });
const Warehouse = safeText('code', 1).optional().meta({ description: 'Only rows of this warehouse' });

export const OrdersQuery = z
  .object({
    ...Page,
    status: z.enum(ORDER_STATUSES).optional(),
    sku: Sku,
    warehouse: Warehouse.meta({ description: 'Only orders holding stock in this warehouse' }),
    from: IsoDate.optional().meta({ description: 'Ordered on or after this day (UTC)' }),
    to: IsoDate.optional().meta({ description: 'Ordered on or before this day (UTC)' }),
  })
  .strict();
export const ProductsQuery = z.object({ ...Page, sku: Sku, supplier: safeText('code', 1).optional() }).strict();
export const StockQuery = z.object({ ...Page, sku: Sku, warehouse: Warehouse }).strict();
export const SuppliersQuery = z.object({ ...Page }).strict();
export const PurchaseOrdersQuery = z
  .object({
    ...Page,
    status: z.enum(PO_STATUSES).optional(),
    sku: Sku,
    warehouse: Warehouse,
    supplier: safeText('code', 1).optional(),
    from: IsoDate.optional().meta({ description: 'Expected on or after this day' }),
    to: IsoDate.optional().meta({ description: 'Expected on or before this day' }),
  })
  .strict();

const WireValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);
export const RowsResponse = z.object({
  rows: z.array(z.record(z.string(), WireValue)),
  next: z.string().nullable().meta({ description: 'Pass as `after` for the next page; null on the last page' }),
});
export type RowsResponse = z.infer<typeof RowsResponse>;
