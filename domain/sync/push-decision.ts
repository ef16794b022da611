import type { Role } from '../access/roles';
import { hasAnyRole } from '../access/roles';
import type { FieldError } from '../domain-error';
import type { Lang } from '../i18n/lang';
import { translate } from '../i18n/messages';
import { editableColumns, type TableSpec, type WireRow, type WireValue } from '../sheets/column-spec';
import { validateRow } from '../sheets/row-validation';

/**
 * One row as a client pushes it: the values it wants, and the server version it started from.
 * A field left out keeps the server's value (a new row: the column's empty value).
 */
/** `base`: for count (delta) columns, the value the sheet last synced; the change is applied, not the value. */
export type PushedRow = {
  key: string;
  baseVersion: number | null;
  values: Record<string, unknown>;
  base?: Record<string, number | null>;
};

/** The server's current copy of a row (editable values only matter here). */
export type StoredRow = { version: number; values: WireRow };

export type PushDecision =
  | { kind: 'create'; values: WireRow }
  | { kind: 'update'; values: WireRow; before: StoredRow }
  | { kind: 'unchanged'; current: StoredRow }
  | { kind: 'conflict'; current: StoredRow; fields: string[] }
  | { kind: 'rejected'; errors: FieldError[] };

export function canEdit(spec: TableSpec, roles: readonly Role[]): boolean {
  return hasAnyRole(roles, ['admin', ...spec.editRoles]);
}

export function roleRefusal(spec: TableSpec, roles: readonly Role[], lang: Lang): FieldError {
  return {
    field: spec.keyField,
    code: 'not_allowed_role',
    message: translate(lang, 'not_allowed_role', {
      held: roles.join(', ') || '-',
      entity: spec.label[lang],
      needed: ['admin', ...spec.editRoles].join(', '),
    }),
  };
}

/**
 * Decides what one pushed row does. Pure: the caller has loaded (and locked) `current`.
 * A stale base version is a conflict only when the values really differ: a retried push whose first
 * attempt was applied, or two people typing the same fix, is simply "unchanged".
 */
export function decideRowPush(spec: TableSpec, pushed: PushedRow, current: StoredRow | null, lang: Lang): PushDecision {
  const stored = current ? editableOnly(spec, current.values) : {};
  const validation = validateRow(
    spec,
    { ...stored, ...pushed.values, [spec.keyField]: pushed.key },
    lang,
    current ? stored : undefined,
  );
  if (!validation.ok) return { kind: 'rejected', errors: validation.errors };
  const values = validation.values;
  if (!current) return { kind: 'create', values };
  if (sameEditableValues(spec, values, current.values)) return { kind: 'unchanged', current };
  if (pushed.baseVersion !== current.version)
    return { kind: 'conflict', current, fields: differingFields(spec, values, current.values) };
  return { kind: 'update', values, before: current };
}

function editableOnly(spec: TableSpec, values: WireRow): WireRow {
  const out: WireRow = {};
  for (const { field } of editableColumns(spec)) out[field] = values[field] ?? null;
  return out;
}

export function differingFields(spec: TableSpec, a: WireRow, b: WireRow): string[] {
  return editableColumns(spec)
    .filter(({ field }) => !sameWireValue(a[field] ?? null, b[field] ?? null))
    .map((c) => c.field);
}

export function sameEditableValues(spec: TableSpec, a: WireRow, b: WireRow): boolean {
  return editableColumns(spec).every(({ field }) => sameWireValue(a[field] ?? null, b[field] ?? null));
}

export function sameWireValue(a: WireValue, b: WireValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => item === b[i]);
  return a === b;
}
