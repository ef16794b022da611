import type { Lang } from '../i18n/lang';
import { divideAmount, sumAmounts } from '../money/decimal-amount';
import { currencyDigits, fitsCurrency } from '../money/money';
import { canonicalDecimal } from '../sheets/row-validation';
import { closingOf, lineFulfilment } from './channel-closing';
import type { ImportRow } from './import-row';
import type { AssembleOptions, OrderGroups, ImportRowSource } from './order-groups';
import { importMessage, type ImportMessageKey } from './import-messages';
import type {
  ImportRowError,
  OrderChannel,
  OrderDraft,
  OrderLineDraft,
  ParsedImport,
  PaymentMethod,
  Recipient,
  SourceTime,
} from './order-draft';
import { rowTextProblems } from './import-text';
import { parseSourceTime } from './source-time';
import { columnLabel } from './template-columns';

export type { ImportRow } from './import-row';

/** Unit prices derived from a line's amount keep the Orders sheet's four decimals; the line's amount stays exact. */
const UNIT_PRICE_SCALE = 4;

/**
 * Every order of a grouped file, its refused rows sorted. A row that cannot form an order line is refused with its reason, and its
 * whole order is left out (never half an order); what can be fixed later (unknown SKU, bad phone) is
 * auto-review's business, not the parser's.
 */
export function assembleOrders(file: OrderGroups): ParsedImport {
  const all = assembleGroups(file, 0, file.groups.length);
  return {
    orders: all.orders,
    rejected: [...file.rejected, ...all.rejected].sort((a, b) => a.row - b.row),
    rejectedOrders: all.rejectedOrders,
  };
}

/** Groups the rows; the orders are assembled by `assembleGroups`, a slice at a time if the caller wants. */
export function groupOrders(
  channel: OrderChannel,
  source: ImportRowSource,
  lang: Lang,
  options: AssembleOptions = {},
): OrderGroups {
  const rejected: ImportRowError[] = [];
  const byOrder = new Map<string, number[]>();
  for (let i = 0; i < source.count; i++) {
    const orderId = source.orderId(i).trim();
    if (!orderId) {
      rejected.push(rowError(lang, source.row(i), null, 'order_id', 'missing_order_id'));
      continue;
    }
    const group = byOrder.get(orderId);
    if (group) group.push(i);
    else byOrder.set(orderId, [i]);
  }
  return { channel, lang, options, source, groups: [...byOrder], rejected };
}

/** The orders of groups `from` to `to` (exclusive); their refused rows unsorted (assembleOrders sorts). */
export function assembleGroups(file: OrderGroups, from: number, to: number): ParsedImport {
  const { channel, lang, options } = file;
  const rejected: ImportRowError[] = [];
  const orders: OrderDraft[] = [];
  const rejectedOrders: string[] = [];
  for (const [orderId, indexes] of file.groups.slice(from, to)) {
    const group = indexes.map((i) => file.source.row(i));
    const errors = group.flatMap((row) => lineErrors(lang, row, orderId, options));
    errors.push(...amountErrors(lang, group, orderId));
    const orderedAtText = firstFilled(group, (r) => r.orderedAt);
    const orderedAt = orderedAtText ? parseSourceTime(orderedAtText) : null;
    if (orderedAtText && !orderedAt)
      errors.push(rowError(lang, group[0]!, orderId, 'ordered_at', 'bad_time', { value: orderedAtText }));
    if (errors.length) {
      const refusedRows = new Set(errors.map((e) => e.row));
      rejected.push(
        ...errors,
        ...group
          .filter((r) => !refusedRows.has(r.row))
          .map((r) => rowError(lang, r, orderId, 'order_id', 'order_left_out', { order: orderId })),
      );
      rejectedOrders.push(orderId);
      continue;
    }
    orders.push(toDraft(channel, orderId, group, orderedAt, options));
  }
  return { orders, rejected, rejectedOrders };
}

function lineErrors(lang: Lang, row: ImportRow, orderId: string, options: AssembleOptions): ImportRowError[] {
  const errors: ImportRowError[] = rowTextProblems(row).map((p) =>
    rowError(lang, row, orderId, p.field, p.code, { column: columnLabel(p.field, lang), max: p.max }),
  );
  if (!row.sku.trim() && !(options.nameForBlankSku && row.name.trim()))
    errors.push(rowError(lang, row, orderId, 'sku', options.nameForBlankSku ? 'missing_sku_and_name' : 'missing_sku'));
  if (!isQuantity(row.qty, 1)) errors.push(rowError(lang, row, orderId, 'qty', 'bad_qty', { value: row.qty }));
  const toShip = row.facts?.qtyToShip?.trim();
  if (toShip && !isQuantity(toShip, 0)) errors.push(rowError(lang, row, orderId, 'qty', 'bad_qty', { value: toShip }));
  if (row.unitPrice.trim() && decimalOf(row.unitPrice) === null)
    errors.push(rowError(lang, row, orderId, 'unit_price', 'bad_price', { value: row.unitPrice }));
  return errors;
}

const AMOUNT_FIELDS = ['unit_price', 'subtotal', 'shipping', 'tax', 'total', 'discount'] as const;

/** Every amount of the order in its currency's decimals (the order's currency is its first filled one). */
function amountErrors(lang: Lang, group: ImportRow[], orderId: string): ImportRowError[] {
  const currency = firstFilled(group, (r) => r.currency)
    .trim()
    .toUpperCase();
  if (!currency) return [];
  const errors: ImportRowError[] = [];
  for (const row of group) {
    for (const field of AMOUNT_FIELDS) {
      const text = field === 'unit_price' ? row.unitPrice : row.totals[field];
      const amount = decimalOf(text);
      if (amount !== null && !fitsCurrency(amount, currency)) {
        errors.push(
          rowError(lang, row, orderId, field, 'too_many_decimals', {
            value: text.trim(),
            currency,
            digits: currencyDigits(currency) ?? 0,
          }),
        );
      }
    }
  }
  return errors;
}

/** A whole number of units from `min` to the Orders sheet's 1,000,000 (a pasted phone number is not a quantity). */
const MAX_QTY = 1_000_000;
function isQuantity(text: string, min: number): boolean {
  const trimmed = text.trim();
  return /^\d{1,7}$/.test(trimmed) && Number(trimmed) >= min && Number(trimmed) <= MAX_QTY;
}

function toDraft(
  channel: OrderChannel,
  orderId: string,
  group: ImportRow[],
  orderedAt: SourceTime | null,
  options: AssembleOptions,
): OrderDraft {
  const pick = (get: (r: ImportRow) => string) => textOrNull(firstFilled(group, get));
  const first = group[0]!;
  const read = group.map((r) => toLine(r, options));
  const closedBy = closingOf(first.facts ?? {}, read);
  // A shop that fulfilled the order fulfilled every line it had to ship, whatever the line columns say.
  const lines =
    closedBy === 'fulfilled'
      ? read.map((l) => (l.fulfilment === 'crossdock' ? { ...l, fulfilment: 'channel' as const } : l))
      : read;
  const paymentMethod = paymentMethodOf(pick((r) => r.payment));
  const cancelReason = pick((r) => r.facts?.buyerCancelReason ?? '');
  const cancelAsked = group.some((r) => isYes(r.facts?.buyerCancel) || isYes(r.facts?.vergeOfCancellation));
  return {
    channel,
    externalId: orderId,
    orderedAt,
    currency: pick((r) => r.currency)?.toUpperCase() ?? null,
    paymentMethod,
    email: pick((r) => r.email)?.toLowerCase() ?? null,
    phone: phoneOf(pick((r) => r.phone)),
    recipient: {
      name: textOrNull(first.recipient.name),
      address1: textOrNull(first.recipient.address1),
      address2: textOrNull(first.recipient.address2),
      city: textOrNull(first.recipient.city),
      province: textOrNull(first.recipient.province),
      postalCode: postalCodeOf(first.recipient.postalCode),
      country: textOrNull(first.recipient.country)?.toUpperCase() ?? null,
    },
    totals: {
      subtotal: decimalOf(first.totals.subtotal),
      shipping: orderAmount(group, (r) => r.totals.shipping, options),
      tax: decimalOf(first.totals.tax),
      total: decimalOf(first.totals.total),
      discount: orderAmount(group, (r) => r.totals.discount, options, positive),
    },
    note: pick((r) => r.note),
    closedBy,
    financialStatus: textOrNull(first.facts?.financialStatus ?? '')?.toLowerCase() ?? null,
    cancellationRequest: cancelAsked ? { reason: cancelReason } : null,
    lines,
  };
}

function toLine(r: ImportRow, options: AssembleOptions): OrderLineDraft {
  const keyedByName = !r.sku.trim();
  const purchased = Number(r.qty.trim());
  const toShip = r.facts?.qtyToShip?.trim() ? Number(r.facts.qtyToShip.trim()) : null;
  const price = decimalOf(r.unitPrice);
  const lineTotal = options.priceIsLineTotal ? price : null;
  return {
    sku: keyedByName ? r.name.trim() : r.sku.trim(),
    name: textOrNull(r.name),
    // What is left to ship (Amazon's quantity-to-ship); a line with nothing left was shipped by the channel.
    qty: toShip && toShip <= purchased ? toShip : purchased,
    unitPrice: lineTotal !== null ? divideAmount(lineTotal, purchased, UNIT_PRICE_SCALE) : price,
    lineTotal,
    fulfilment: toShip === 0 ? 'channel' : lineFulfilment(r.facts ?? {}),
    keyedByName,
    customization: textOrNull(r.facts?.customization ?? ''),
    sourceRow: r.row,
  };
}

/** "Cash on Delivery (COD)", "COD", "货到付款" → cod; anything else is paid up front. */
export function paymentMethodOf(text: string | null): PaymentMethod {
  return text && /\bcod\b|cash on delivery|货到付款/i.test(text) ? 'cod' : 'prepaid';
}

/**
 * Spreadsheets exports write "'02134" so a zip keeps its leading zero; the apostrophe is not part of it.
 * "(+44)7700 900123" is written "+44 7700 900123" so the phone library reads the country code.
 */
export function phoneOf(text: string | null): string | null {
  if (text === null) return null;
  return textOrNull(stripQuote(text).replace(/^\(\s*(\+\d{1,4})\s*\)\s*/, '$1 '));
}

export function postalCodeOf(text: string): string | null {
  return textOrNull(stripQuote(text));
}

function stripQuote(text: string): string {
  return text.trim().replace(/^'+/, '');
}

function isYes(value: string | undefined): boolean {
  return /^(true|yes|y|1)$/i.test((value ?? '').trim());
}

function firstFilled(group: ImportRow[], get: (r: ImportRow) => string): string {
  for (const row of group) {
    const value = get(row);
    if (value.trim() !== '') return value;
  }
  return '';
}

function textOrNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** An order amount: the first row's, or (per-row totals) the sum of every row's that holds one. */
function orderAmount(
  group: ImportRow[],
  get: (r: ImportRow) => string,
  options: AssembleOptions,
  shape: (amount: string | null) => string | null = (amount) => amount,
): string | null {
  if (!options.totalsPerLine) return shape(decimalOf(get(group[0]!)));
  const amounts = group.map((r) => shape(decimalOf(get(r)))).filter((a): a is string => a !== null);
  return amounts.length ? sumAmounts(amounts) : null;
}

/** Exports write a discount as -5.00 or 5.00: either way it is what was taken off. */
function positive(amount: string | null): string | null {
  return amount?.startsWith('-') ? amount.slice(1) : amount;
}

function decimalOf(value: string): string | null {
  const trimmed = value.trim(); // "12,50" is refused, not read as 1250
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? canonicalDecimal(trimmed) : null;
}

function rowError(
  lang: Lang,
  row: ImportRow,
  orderId: string | null,
  field: string,
  code: ImportMessageKey,
  params: Record<string, string | number> = {},
): ImportRowError {
  return { row: row.row, orderId, field, code, message: importMessage(lang, code, { row: row.row, ...params }) };
}
