import type { Lang } from '../i18n/lang';
import type { ImportRow } from './import-row';
import type { ImportRowError, OrderChannel } from './order-draft';

/** How a format's columns are meant, beyond their names. */
export type AssembleOptions = {
  /** The price column is the line's amount (unit × quantity), not the unit price (Amazon's item-price). */
  priceIsLineTotal?: boolean;
  /** A line without a SKU is keyed by its product/variant name instead of refused (Shopify shops sell without SKUs). */
  nameForBlankSku?: boolean;
  /** Shipping and discounts are given per row (Amazon): the order's are their sum, not the first row's. */
  totalsPerLine?: boolean;
};

/**
 * A file's rows as grouping needs them: each row's order id and order time read alone, the whole row read only when
 * its order is assembled (a chunk at a time, while the database writes the chunk before: reading every row up front
 * kept the database waiting).
 */
export type ImportRowSource = {
  readonly count: number;
  orderId(index: number): string;
  orderedAt(index: number): string;
  row(index: number): ImportRow;
};

/** A file's rows grouped by order id (first appearance first), before any order is assembled. */
export type OrderGroups = {
  channel: OrderChannel;
  lang: Lang;
  options: AssembleOptions;
  source: ImportRowSource;
  /** Each order's rows, by their index in `source`. */
  groups: readonly (readonly [orderId: string, rows: readonly number[]])[];
  /** Rows without an order id, refused. */
  rejected: ImportRowError[];
};

/** Rows already read (typed into the sheet, or a test's) as a row source. */
export function rowsSource(rows: readonly ImportRow[]): ImportRowSource {
  return {
    count: rows.length,
    orderId: (i) => rows[i]!.orderId,
    orderedAt: (i) => rows[i]!.orderedAt,
    row: (i) => rows[i]!,
  };
}
