import type { Lang } from '../i18n/lang';
import { sumAmounts } from '../money/decimal-amount';
import type { ImportFormat } from './import-formats';
import { importMessage } from './import-messages';
import type { ParsedImport } from './order-draft';
import { ColumnIndex, readTable, type Cells } from './import-table';
import { assembleOrders, groupOrders, type ImportRow } from './order-import';
import { rowsSource, type AssembleOptions, type ImportRowSource, type OrderGroups } from './order-groups';
import type { OrderEntry } from './order-entry';
import { TEMPLATE_COLUMNS } from './template-columns';

/** Each import format maps its own columns onto ImportRow; the rules after that are shared. */
export { IMPORT_FORMATS, type ImportFormat } from './import-formats';

type Format = {
  label: string;
  delimiter: ',' | '\t';
  required: readonly string[];
  options?: AssembleOptions;
  /** Another file people download by mistake: its tell-tale columns and what to say. */
  lookalikes?: readonly { columns: readonly string[]; message: 'amazon_all_orders' }[];
  /** The columns grouping reads alone, before the rest of each row (the order id and the order's time). */
  keys: KeyColumns;
  toRow(cells: Cells, row: number): ImportRow;
};

type KeyColumns = { orderId: string; orderedAt: string };

const get = (cells: Cells, column: string): string => cells.get(column);

/** Amazon's item and shipping promotions as one discount (written -1.00 or 1.00: what was taken off either way). */
function addedAmounts(a: string, b: string): string {
  const amount = /^\s*-?\d+(\.\d+)?\s*$/;
  if (!b.trim()) return a;
  if (!a.trim()) return b;
  const abs = (text: string) => text.trim().replace(/^-/, '');
  return amount.test(a) && amount.test(b) ? sumAmounts([abs(a), abs(b)]) : `${a} ${b}`;
}

const SHOPIFY_KEYS: KeyColumns = { orderId: 'Name', orderedAt: 'Created at' };

/**
 * Shopify admin › Orders › Export: one row per line item; later rows of an order leave order columns blank.
 * Shops sell without SKUs (gift cards, untracked items): such a line is keyed by its name, never refused.
 */
const SHOPIFY: Format = {
  keys: SHOPIFY_KEYS,
  label: 'Shopify orders export',
  delimiter: ',',
  required: ['Name', 'Created at', 'Lineitem quantity', 'Lineitem sku', 'Lineitem name', 'Lineitem price'],
  options: { nameForBlankSku: true },
  toRow: (r, row) => ({
    row,
    orderId: get(r, SHOPIFY_KEYS.orderId),
    orderedAt: get(r, SHOPIFY_KEYS.orderedAt),
    sku: get(r, 'Lineitem sku'),
    name: get(r, 'Lineitem name'),
    qty: get(r, 'Lineitem quantity'),
    unitPrice: get(r, 'Lineitem price'),
    currency: get(r, 'Currency'),
    payment: get(r, 'Payment Method'),
    email: get(r, 'Email'),
    phone: get(r, 'Shipping Phone') || get(r, 'Phone') || get(r, 'Billing Phone'),
    recipient: {
      name: get(r, 'Shipping Name'),
      address1: get(r, 'Shipping Address1'),
      address2: get(r, 'Shipping Address2'),
      city: get(r, 'Shipping City'),
      province: get(r, 'Shipping Province'),
      postalCode: get(r, 'Shipping Zip'),
      country: get(r, 'Shipping Country'),
    },
    totals: {
      subtotal: get(r, 'Subtotal'),
      shipping: get(r, 'Shipping'),
      tax: get(r, 'Taxes'),
      total: get(r, 'Total'),
      discount: get(r, 'Discount Amount'),
    },
    note: get(r, 'Notes'),
    facts: {
      cancelledAt: get(r, 'Cancelled at'),
      financialStatus: get(r, 'Financial Status'),
      fulfillmentStatus: get(r, 'Fulfillment Status'),
      requiresShipping: get(r, 'Lineitem requires shipping'),
      lineFulfillment: get(r, 'Lineitem fulfillment status'),
    },
  }),
};

const AMAZON_KEYS: KeyColumns = { orderId: 'order-id', orderedAt: 'purchase-date' };

/**
 * Amazon Seller Central › Orders › Order Reports: the Unshipped Orders report (no prices) and the
 * order report (with `item-price`, the price of the whole line, quantity × unit). Tab-separated, one row
 * per order item. Without a recipient and street there is nothing to ship to: such a file is refused.
 */
const AMAZON: Format = {
  keys: AMAZON_KEYS,
  label: 'Amazon unshipped orders report',
  delimiter: '\t',
  required: [
    'order-id',
    'purchase-date',
    'sku',
    'quantity-purchased',
    'recipient-name',
    'ship-address-1',
    'ship-country',
  ],
  // The order report's shipping and promotions are per item row: an order's are the sum of its rows.
  options: { priceIsLineTotal: true, totalsPerLine: true },
  lookalikes: [{ columns: ['amazon-order-id', 'fulfillment-channel'], message: 'amazon_all_orders' }],
  toRow: (r, row) => ({
    row,
    orderId: get(r, AMAZON_KEYS.orderId),
    orderedAt: get(r, AMAZON_KEYS.orderedAt),
    sku: get(r, 'sku'),
    name: get(r, 'product-name'),
    qty: get(r, 'quantity-purchased'),
    unitPrice: get(r, 'item-price'),
    currency: get(r, 'currency'),
    payment: get(r, 'payment-method'),
    email: get(r, 'buyer-email'),
    phone: get(r, 'ship-phone-number') || get(r, 'buyer-phone-number'),
    recipient: {
      name: get(r, 'recipient-name'),
      address1: get(r, 'ship-address-1'),
      address2: [get(r, 'ship-address-2'), get(r, 'ship-address-3')].filter((p) => p.trim()).join(', '),
      city: get(r, 'ship-city'),
      province: get(r, 'ship-state'),
      postalCode: get(r, 'ship-postal-code'),
      country: get(r, 'ship-country'),
    },
    totals: {
      subtotal: '',
      shipping: get(r, 'shipping-price'),
      tax: '',
      total: '',
      discount: addedAmounts(get(r, 'item-promotion-discount'), get(r, 'ship-promotion-discount')),
    },
    note: '',
    facts: {
      qtyToShip: get(r, 'quantity-to-ship'),
      customization: get(r, 'customized-url'),
      buyerCancel: get(r, 'is-buyer-requested-cancellation'),
      buyerCancelReason: get(r, 'buyer-requested-cancel-reason'),
      vergeOfCancellation: get(r, 'verge-of-cancellation'),
    },
  }),
};

const TEMPLATE_KEYS: KeyColumns = { orderId: 'order_no', orderedAt: 'order_date' };
const TEMPLATE: Format = {
  keys: TEMPLATE_KEYS,
  label: 'Crossdock order template',
  delimiter: ',',
  required: ['order_no', 'sku', 'qty'],
  toRow: (r, row) => ({
    row,
    orderId: get(r, TEMPLATE_KEYS.orderId),
    orderedAt: get(r, TEMPLATE_KEYS.orderedAt),
    sku: get(r, 'sku'),
    name: get(r, 'product'),
    qty: get(r, 'qty'),
    unitPrice: get(r, 'unit_price'),
    currency: get(r, 'currency'),
    payment: get(r, 'payment'),
    email: get(r, 'email'),
    phone: get(r, 'phone'),
    recipient: {
      name: get(r, 'recipient'),
      address1: get(r, 'address1'),
      address2: get(r, 'address2'),
      city: get(r, 'city'),
      province: get(r, 'province'),
      postalCode: get(r, 'postal_code'),
      country: get(r, 'country'),
    },
    totals: { subtotal: '', shipping: get(r, 'shipping'), tax: '', total: '', discount: get(r, 'discount') },
    note: get(r, 'note'),
  }),
};

const FORMATS: Record<ImportFormat, Format> = { shopify: SHOPIFY, amazon: AMAZON, template: TEMPLATE };

/** A template header in either language → the template's key; other columns keep their header. */
function templateKey(header: string): string {
  const column = TEMPLATE_COLUMNS.find(
    (c) => c.en === header.trim() || c.zh === header.trim() || c.key === header.trim(),
  );
  return column ? column.key : header;
}

/** Parses one export file's text into whole orders and per-row refusals, in the sheet's language. */
export function parseOrderFile(format: ImportFormat, text: string, lang: Lang): ParsedImport | { error: string } {
  const file = groupOrderFile(format, text, lang);
  return 'error' in file ? file : assembleOrders(file);
}

/** The file's rows grouped by order (orders not yet assembled), or why the file cannot be read. */
export function groupOrderFile(format: ImportFormat, text: string, lang: Lang): OrderGroups | { error: string } {
  const spec = FORMATS[format];
  const table = readTable(text, spec.delimiter, lang);
  if ('error' in table) return table;
  const cells = new ColumnIndex(table.header, format === 'template' ? templateKey : undefined);
  const missing = cells.missing(table.rows, spec.required);
  const lookalike = missing.length
    ? spec.lookalikes?.find((l) => cells.missing(table.rows, l.columns).length === 0)
    : undefined;
  if (lookalike) return { error: importMessage(lang, lookalike.message) };
  if (missing.length)
    return { error: importMessage(lang, 'missing_columns', { format: spec.label, columns: missing.join(', ') }) };
  const channel = format === 'template' ? 'template' : format;
  const { rows } = table;
  // A file's row numbers count its header as row 1.
  const source: ImportRowSource = {
    count: rows.length,
    orderId: (i) => cells.read(rows, i, spec.keys.orderId),
    orderedAt: (i) => cells.read(rows, i, spec.keys.orderedAt),
    row: (i) => spec.toRow(cells.of(rows.cells(i)), i + 2),
  };
  return groupOrders(channel, source, lang, spec.options);
}

/** Rows typed into the Orders sheet: read like template rows, channel "manual", refusals on their sheet rows. */
export function parseOrderEntries(entries: readonly OrderEntry[], lang: Lang): ParsedImport {
  return assembleOrders(groupOrderEntries(entries, lang));
}

/** The typed rows grouped by order, as groupOrderFile does for a file. */
export function groupOrderEntries(entries: readonly OrderEntry[], lang: Lang): OrderGroups {
  return groupOrders(
    'manual',
    rowsSource(
      entries.map((entry) =>
        TEMPLATE.toRow({ get: (column) => (entry.values as Record<string, string>)[column] ?? '' }, entry.row),
      ),
    ),
    lang,
  );
}
