import type { Lang } from '../domain/i18n/lang';
import { isOrderStatus, statusLabel } from '../domain/orders/order-status';
import type { ColumnSpec, WireValue } from '../domain/sheets/column-spec';

type Cell = string | number | boolean | Date;

/**
 * Server value → what we write into a cell. Text is always written with a leading apostrophe:
 * Sheets then stores it as plain text, so "=HYPERLINK(...)" from a customer never becomes a formula
 * and "00123" stays "00123". Numbers and booleans are written as such so pivots can sum them.
 */
export function toCell(
  column: ColumnSpec,
  value: WireValue,
  lang: Lang = 'en',
  statusField?: string,
  now: Date = new Date(),
): Cell {
  if (value === null || value === undefined) return '';
  // Order statuses are shown by their label in the sheet's language (the dropdown offers the same labels).
  if (column.field === statusField && typeof value === 'string' && isOrderStatus(value))
    return asText(statusLabel(value, lang));
  switch (column.kind.type) {
    case 'integer':
    case 'decimal':
      return Number(value);
    case 'boolean':
      return value === true;
    case 'enum-list':
    case 'country-list':
      return asText(Array.isArray(value) ? value.join(', ') : String(value));
    case 'days-since':
      return daysSince(String(value), now);
    default:
      return asText(String(value));
  }
}

/** Whole days from an ISO instant to `now` ('' when it is not an instant); never negative (clock skew). */
export function daysSince(iso: string, now: Date): number | '' {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? '' : Math.max(0, Math.floor((now.getTime() - at) / 86_400_000));
}

/** Text written so Sheets keeps it as text (never a formula, never a number): a leading apostrophe. */
export function asText(value: string): string {
  return value === '' ? '' : `'${value}`;
}

/** What getValues returns for a cell we wrote with `toCell` (the apostrophe is not part of the value). */
export function readBack(cell: Cell): Cell {
  return typeof cell === 'string' && cell.startsWith("'") ? cell.slice(1) : cell;
}

/** A cell as read → the value to push. Loose on purpose: the server validates and explains. */
export function fromCell(column: ColumnSpec, cell: unknown): WireValue {
  if (cell === '' || cell === null || cell === undefined) return null;
  if (cell instanceof Date) return cell.toISOString();
  switch (column.kind.type) {
    case 'integer':
    case 'decimal':
      return typeof cell === 'number' ? cell : String(cell).trim();
    case 'boolean':
      return typeof cell === 'boolean' ? cell : String(cell).trim();
    case 'enum-list':
    case 'country-list':
      return String(cell)
        .split(/[,，;；\s]+/)
        .map((item) => item.trim())
        .filter(Boolean);
    default:
      return typeof cell === 'number' || typeof cell === 'boolean' ? String(cell) : String(cell).trim();
  }
}
