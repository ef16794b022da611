import type { Role } from '../access/roles';
import type { Lang } from '../i18n/lang';
import type { MessageKey } from '../i18n/messages';

export type Localized = Record<Lang, string>;

/** What a column holds. Wire values: key/text/email/currency → string, integer → number,
 * decimal → canonical decimal string (exact money), boolean → boolean, lists → string[],
 * timestamp and days-since → ISO string. */
export type ColumnKind =
  /** `names`: the key may be any printable text (a shop's SKU as the shop wrote it, or a product's name). */
  | { type: 'key'; maxLength: number; names?: boolean }
  | { type: 'text'; maxLength: number }
  | { type: 'email' }
  | { type: 'currency' }
  | { type: 'integer'; min: number; max: number }
  | { type: 'decimal'; scale: number; min: number; max: number }
  | { type: 'boolean' }
  | { type: 'enum-list'; values: readonly string[] }
  /** One value of a fixed list (a carrier's adapter), offered as a dropdown. */
  | { type: 'choice'; values: readonly string[] }
  | { type: 'country-list' }
  /** "FR1 35, US1 25": days per code, kept as that canonical text (see days-by-code). */
  | { type: 'days-by-code'; max: number; maxLength: number }
  | { type: 'timestamp' }
  /**
   * Whole days since the instant the server sends (ISO; null: nothing to count), worked out by the add-on
   * when it writes the cell and again after each sync, from the `from` column's instant, so the number
   * stays current while the row itself does not change. Never part of a row's fingerprint.
   */
  | { type: 'days-since'; from: string };

export type ColumnSpec = {
  field: string;
  header: Localized;
  kind: ColumnKind;
  required?: boolean;
  /** Server-owned: never taken from the sheet, put back when edited by hand. */
  computed?: boolean;
  /** Used when the sheet leaves an optional cell empty. */
  empty?: WireValue;
  /** Column width in pixels for "Set up sheets". */
  width?: number;
  /**
   * Shown text rendered by the server from a stored source in each reader's language (review flags →
   * "Phone not valid for FR"), so two spreadsheets in two languages each read their own.
   */
  renderedFrom?:
    | 'review_flags'
    | 'waiting'
    | 'po_status'
    | 'transfer_status'
    | 'after_sale_kinds'
    | 'after_sale_status'
    | 'after_sale_reason'
    | 'fulfilment'
    | 'notes'
    | 'parcels'
    | 'shipment_status'
    | 'reasons'
    | 'tracking';
  /** May be typed on a new row even though the server owns it afterwards (new orders, a stock line's SKU). */
  entry?: boolean;
  /** A count: sent as the change since the last sync (with the value then), never as a value to overwrite. */
  delta?: boolean;
  /**
   * Belongs to the count typed with it (a count's reason): sent only when typed since the last sync, so a
   * reason still showing in a sheet never goes with a later count.
   */
  sentWhenTyped?: boolean;
};

export type WireValue = string | number | boolean | string[] | null;
export type WireRow = Record<string, WireValue>;

/** A synced table: one sheet, one server table, matched by `keyField`. */
export type TableSpec = {
  entity: string;
  label: Localized;
  sheetName: Localized;
  keyField: string;
  columns: readonly ColumnSpec[];
  /** Roles that may create or change rows (admin always may). */
  editRoles: readonly Role[];
  /** Rules across fields of one row, checked after each field is valid on its own. */
  rowRules?: readonly RowRule[];
  /** Shown, never pushed: the server changes these rows through commands (orders move by transitions). */
  readOnly?: boolean;
  /** The column holding an order status: shown as its label in the sheet's language, edited through a dropdown. */
  statusField?: string;
  /**
   * Cells may hold a person's formula (the FX sheet's GOOGLEFINANCE): the sheet's value is what syncs, and a
   * row written back keeps the formula wherever its value is what the server has.
   */
  formulasKept?: boolean;
  /** The key is made from these fields ("SKU@WAREHOUSE") when a person leaves the key cell empty. */
  keyFrom?: readonly string[];
};

/** A rule across fields of one row; `params` fill the message's placeholders besides {column}. */
export type RowRuleViolation = { field: string; code: MessageKey; params?: Record<string, string | number> };
export type RowRule = (values: WireRow) => RowRuleViolation | null;

// Specs are constants: their derived lists are computed once (sync compares thousands of rows).
const byField = new WeakMap<TableSpec, Map<string, ColumnSpec>>();
const editable = new WeakMap<TableSpec, ColumnSpec[]>();

export function columnOf(spec: TableSpec, field: string): ColumnSpec | undefined {
  let map = byField.get(spec);
  if (!map) byField.set(spec, (map = new Map(spec.columns.map((column) => [column.field, column]))));
  return map.get(field);
}

export function editableColumns(spec: TableSpec): ColumnSpec[] {
  let list = editable.get(spec);
  if (!list) editable.set(spec, (list = spec.columns.filter((column) => !column.computed)));
  return list;
}

export function computedColumns(spec: TableSpec): ColumnSpec[] {
  return spec.columns.filter((column) => column.computed);
}
