import { parse } from 'csv-parse/sync';
import type { Lang } from '../i18n/lang';
import { canonicalDecimal } from '../sheets/row-validation';
import { importMessage, type ImportMessageKey } from './import-messages';
import type { ImportRowError, OrderChannel, OrderDraft, ParsedImport, PaymentMethod, Recipient, SourceTime } from './order-draft';
import { parseSourceTime } from './source-time';

/** One file row in a channel-neutral shape; blank order-level cells mean "same as the order's first row". */
export type ImportRow = {
  row: number;
  orderId: string;
  orderedAt: string;
  sku: string;
  name: string;
  qty: string;
  unitPrice: string;
  currency: string;
  payment: string;
  email: string;
  phone: string;
  recipient: Record<keyof Recipient, string>;
  totals: { subtotal: string; shipping: string; tax: string; total: string };
  note: string;
};

/** Reads CSV or TSV text (UTF-8 BOM, CRLF, quoted commas and newlines) into records by header. */
export function readRecords(text: string, delimiter: ',' | '\t', lang: Lang): { records: Record<string, string>[] } | { error: string } {
  try {
    const records = parse(text, { bom: true, columns: true, delimiter, relax_column_count: true, skip_empty_lines: true, relax_quotes: true, trim: false }) as Record<string, string>[];
    return { records };
  } catch (error) {
    return { error: importMessage(lang, 'unreadable', { reason: (error as Error).message }) };
  }
}

export function missingColumns(records: Record<string, string>[], required: readonly string[]): string[] {
  const present = new Set(Object.keys(records[0] ?? {}));
  return records.length ? required.filter((column) => !present.has(column)) : [];
}

/**
 * Groups rows into orders. A row that cannot form an order line is refused with its reason, and its
 * whole order is left out (never half an order); what can be fixed later (unknown SKU, bad phone) is
 * auto-review's business, not the parser's.
 */
export function assembleOrders(channel: OrderChannel, rows: ImportRow[], lang: Lang): ParsedImport {
  const rejected: ImportRowError[] = [];
  const byOrder = new Map<string, ImportRow[]>();
  for (const row of rows) {
    const orderId = row.orderId.trim();
    if (!orderId) {
      rejected.push(rowError(lang, row, null, 'order_id', 'missing_order_id'));
      continue;
    }
    byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), row]);
  }
  const orders: OrderDraft[] = [];
  const rejectedOrders: string[] = [];
  for (const [orderId, group] of byOrder) {
    const errors = group.flatMap((row) => lineErrors(lang, row, orderId));
    const orderedAtText = firstFilled(group, (r) => r.orderedAt);
    const orderedAt = orderedAtText ? parseSourceTime(orderedAtText) : null;
    if (orderedAtText && !orderedAt) errors.push(rowError(lang, group[0]!, orderId, 'ordered_at', 'bad_time', { value: orderedAtText }));
    if (errors.length) {
      const refusedRows = new Set(errors.map((e) => e.row));
      rejected.push(...errors, ...group.filter((r) => !refusedRows.has(r.row)).map((r) => rowError(lang, r, orderId, 'order_id', 'order_left_out', { order: orderId })));
      rejectedOrders.push(orderId);
      continue;
    }
    orders.push(toDraft(channel, orderId, group, orderedAt));
  }
  return { orders, rejected: rejected.sort((a, b) => a.row - b.row), rejectedOrders };
}

function lineErrors(lang: Lang, row: ImportRow, orderId: string): ImportRowError[] {
  const errors: ImportRowError[] = [];
  if (!row.sku.trim()) errors.push(rowError(lang, row, orderId, 'sku', 'missing_sku'));
  if (!/^\s*[1-9]\d*\s*$/.test(row.qty)) errors.push(rowError(lang, row, orderId, 'qty', 'bad_qty', { value: row.qty }));
  if (row.unitPrice.trim() && decimalOf(row.unitPrice) === null) errors.push(rowError(lang, row, orderId, 'unit_price', 'bad_price', { value: row.unitPrice }));
  return errors;
}

function toDraft(channel: OrderChannel, orderId: string, group: ImportRow[], orderedAt: SourceTime | null): OrderDraft {
  const pick = (get: (r: ImportRow) => string) => textOrNull(firstFilled(group, get));
  const first = group[0]!;
  return {
    channel,
    externalId: orderId,
    orderedAt,
    currency: pick((r) => r.currency)?.toUpperCase() ?? null,
    paymentMethod: paymentMethodOf(pick((r) => r.payment)),
    email: pick((r) => r.email)?.toLowerCase() ?? null,
    phone: pick((r) => r.phone),
    recipient: {
      name: textOrNull(first.recipient.name),
      address1: textOrNull(first.recipient.address1),
      address2: textOrNull(first.recipient.address2),
      city: textOrNull(first.recipient.city),
      province: textOrNull(first.recipient.province),
      postalCode: textOrNull(first.recipient.postalCode),
      country: textOrNull(first.recipient.country)?.toUpperCase() ?? null,
    },
    totals: {
      subtotal: decimalOf(first.totals.subtotal),
      shipping: decimalOf(first.totals.shipping),
      tax: decimalOf(first.totals.tax),
      total: decimalOf(first.totals.total),
    },
    note: pick((r) => r.note),
    lines: group.map((r) => ({ sku: r.sku.trim(), name: textOrNull(r.name), qty: Number(r.qty.trim()), unitPrice: decimalOf(r.unitPrice), sourceRow: r.row })),
  };
}

/** "Cash on Delivery (COD)", "COD", "货到付款" → cod; anything else is paid up front. */
export function paymentMethodOf(text: string | null): PaymentMethod {
  return text && /\bcod\b|cash on delivery|货到付款/i.test(text) ? 'cod' : 'prepaid';
}

function firstFilled(group: ImportRow[], get: (r: ImportRow) => string): string {
  return group.map(get).find((value) => value.trim() !== '') ?? '';
}

function textOrNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function decimalOf(value: string): string | null {
  const trimmed = value.trim(); // "12,50" is refused, not read as 1250
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? canonicalDecimal(trimmed) : null;
}

function rowError(lang: Lang, row: ImportRow, orderId: string | null, field: string, code: ImportMessageKey, params: Record<string, string> = {}): ImportRowError {
  return { row: row.row, orderId, field, code, message: importMessage(lang, code, { row: row.row, ...params }) };
}
