import { hasBadCharacters, TEXT_CAPS, type TextCap } from '../contracts/text-limits';
import type { ImportRow } from './import-row';

/** Each text an import row carries: where it is in the row, the template column that names it, its cap. */
type RowText = { field: string; read: (r: ImportRow) => string; cap: TextCap };

const TEXTS: readonly RowText[] = [
  { field: 'order_no', read: (r) => r.orderId, cap: 'channelOrderId' },
  { field: 'sku', read: (r) => r.sku, cap: 'channelSku' },
  { field: 'product', read: (r) => r.name, cap: 'productName' },
  // A line sold without a SKU is keyed by its name: as a key (a SKU mapping's Channel SKU) it has that cap.
  { field: 'product', read: (r) => (r.sku.trim() ? '' : r.name), cap: 'channelSku' },
  { field: 'payment', read: (r) => r.payment, cap: 'payment' },
  { field: 'recipient', read: (r) => r.recipient.name, cap: 'personName' },
  { field: 'phone', read: (r) => r.phone, cap: 'phone' },
  { field: 'email', read: (r) => r.email, cap: 'email' },
  { field: 'address1', read: (r) => r.recipient.address1, cap: 'addressLine' },
  { field: 'address2', read: (r) => r.recipient.address2, cap: 'addressLine' },
  { field: 'city', read: (r) => r.recipient.city, cap: 'place' },
  { field: 'province', read: (r) => r.recipient.province, cap: 'place' },
  { field: 'postal_code', read: (r) => r.recipient.postalCode, cap: 'postalCode' },
  { field: 'country', read: (r) => r.recipient.country, cap: 'place' },
  { field: 'currency', read: (r) => r.currency, cap: 'place' },
  { field: 'note', read: (r) => r.note, cap: 'note' },
  { field: 'note', read: (r) => r.facts?.customization ?? '', cap: 'note' },
  { field: 'note', read: (r) => r.facts?.buyerCancelReason ?? '', cap: 'note' },
];

export type TextProblem = { field: string; code: 'field_bad_characters' | 'field_too_long'; max: number };

/** The row's texts that cannot be stored as they are: control characters, or longer than their cap. */
export function rowTextProblems(row: ImportRow): TextProblem[] {
  const problems: TextProblem[] = [];
  for (const text of TEXTS) {
    const value = text.read(row).trim();
    const max = TEXT_CAPS[text.cap];
    if (hasBadCharacters(value)) problems.push({ field: text.field, code: 'field_bad_characters', max });
    else if (value.length > max) problems.push({ field: text.field, code: 'field_too_long', max });
  }
  return problems;
}
