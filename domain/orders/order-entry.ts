/**
 * A new order line typed or pasted into the Orders sheet (a row with no order-line key yet). It is read
 * like a row of the Crossdock template, with the sheet's row number so refusals land on that row.
 */
export type OrderEntry = { row: number; values: Partial<Record<EntryField, string>> };

export const ENTRY_FIELDS = [
  'order_no',
  'order_date',
  'sku',
  'product',
  'qty',
  'unit_price',
  'currency',
  'payment',
  'recipient',
  'phone',
  'email',
  'address1',
  'address2',
  'city',
  'province',
  'postal_code',
  'country',
  'note',
] as const;
export type EntryField = (typeof ENTRY_FIELDS)[number];

/** Orders-sheet columns each template field is read from, first filled wins ("Channel order", else "Order no."). */
const SOURCES: Record<EntryField, readonly string[]> = {
  order_no: ['external_id', 'order_no'],
  order_date: ['ordered_at'],
  sku: ['sku'],
  product: ['product'],
  qty: ['qty'],
  unit_price: ['unit_price'],
  currency: ['currency'],
  payment: ['payment_method'],
  recipient: ['recipient_name'],
  phone: ['phone'],
  email: ['email'],
  address1: ['address1'],
  address2: ['address2'],
  city: ['city'],
  province: ['province'],
  postal_code: ['postal_code'],
  country: ['country'],
  note: ['note'],
};

/** The Orders-sheet columns a person may fill on a new row. */
export const ENTRY_COLUMNS: ReadonlySet<string> = new Set(Object.values(SOURCES).flat());

/** Sheet cells (as text) → an entry; null when the row holds nothing to enter. */
export function orderEntryOf(cells: Readonly<Record<string, string>>, row: number): OrderEntry | null {
  const values: Partial<Record<EntryField, string>> = {};
  for (const field of ENTRY_FIELDS) {
    const filled = SOURCES[field].map((source) => (cells[source] ?? '').trim()).find((text) => text !== '');
    if (filled) values[field] = filled;
  }
  return Object.keys(values).length ? { row, values } : null;
}

/** Which entry rows belong to which order id, in sheet order: the i-th row becomes line i + 1. */
export function entryRowsByOrder(entries: readonly OrderEntry[]): Map<string, number[]> {
  const byOrder = new Map<string, number[]>();
  for (const entry of entries) {
    const id = entry.values.order_no?.trim();
    if (id) byOrder.set(id, [...(byOrder.get(id) ?? []), entry.row]);
  }
  return byOrder;
}
