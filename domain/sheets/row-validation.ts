import { isValid as isCountryCode } from 'i18n-iso-countries';
import type { FieldError } from '../domain-error';
import type { Lang } from '../i18n/lang';
import { translate, type MessageKey, type MessageParams } from '../i18n/messages';
import type { ColumnSpec, TableSpec, WireRow, WireValue } from './column-spec';

export type RowValidation = { ok: true; values: WireRow } | { ok: false; errors: FieldError[] };

type Check = { value: WireValue } | { error: MessageKey; params?: MessageParams };

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

/**
 * Validates and normalizes the editable values of one row, reporting every field error at once.
 * Computed and unknown fields are errors here: the sheet side strips computed columns before pushing,
 * so one arriving means a client that does not follow the contract.
 */
export function validateRow(spec: TableSpec, input: Record<string, unknown>, lang: Lang): RowValidation {
  const errors: FieldError[] = [];
  const values: WireRow = {};
  for (const field of Object.keys(input)) {
    const column = spec.columns.find((c) => c.field === field);
    if (!column) errors.push(fieldError(lang, field, 'unknown_field', { field }));
    else if (column.computed) errors.push(fieldError(lang, field, 'computed_field', { column: column.header[lang] }));
  }
  for (const column of spec.columns) {
    if (column.computed) continue;
    const raw = input[column.field];
    const result = checkValue(column, raw);
    if ('error' in result) {
      errors.push(fieldError(lang, column.field, result.error, { column: column.header[lang], ...result.params }));
    } else values[column.field] = result.value;
  }
  // Row rules see only the fields that passed (the rest are absent), so every error is reported at once.
  for (const rule of spec.rowRules ?? []) {
    const violation = rule(values);
    const column = violation && spec.columns.find((c) => c.field === violation.field);
    if (violation && column) errors.push(fieldError(lang, violation.field, violation.code, { column: column.header[lang] }));
  }
  return errors.length ? { ok: false, errors } : { ok: true, values };
}

function fieldError(lang: Lang, field: string, code: MessageKey, params: MessageParams): FieldError {
  return { field, code, message: translate(lang, code, params) };
}

function isBlank(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '') ||
    (Array.isArray(raw) && raw.length === 0);
}

function checkValue(column: ColumnSpec, raw: unknown): Check {
  if (isBlank(raw)) {
    if (column.required) return { error: 'required' };
    return { value: column.empty ?? null };
  }
  const kind = column.kind;
  switch (kind.type) {
    case 'key': {
      const text = String(raw).trim();
      return KEY_PATTERN.test(text) && text.length <= kind.maxLength
        ? { value: text }
        : { error: 'bad_key', params: { max: kind.maxLength } };
    }
    case 'text': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return { error: 'not_text' };
      const text = String(raw).trim();
      return text.length <= kind.maxLength ? { value: text } : { error: 'too_long', params: { max: kind.maxLength } };
    }
    case 'email': {
      const text = String(raw).trim().toLowerCase();
      return EMAIL_PATTERN.test(text) ? { value: text } : { error: 'not_email', params: { value: shown(raw) } };
    }
    case 'currency': {
      const text = String(raw).trim().toUpperCase();
      return /^[A-Z]{3}$/.test(text) ? { value: text } : { error: 'not_currency', params: { value: shown(raw) } };
    }
    case 'integer': {
      const number = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(number)) return { error: 'not_integer', params: { value: shown(raw) } };
      return number < kind.min || number > kind.max
        ? { error: 'out_of_range', params: { min: kind.min, max: kind.max } }
        : { value: number };
    }
    case 'decimal':
      return checkDecimal(kind, raw);
    case 'boolean': {
      if (typeof raw === 'boolean') return { value: raw };
      const text = String(raw).trim().toLowerCase();
      if (text === 'true') return { value: true };
      if (text === 'false') return { value: false };
      return { error: 'not_boolean' };
    }
    case 'enum-list': {
      const items = listItems(raw).map((item) => item.toLowerCase());
      const bad = items.find((item) => !kind.values.includes(item));
      if (bad !== undefined) return { error: 'not_in_list', params: { value: bad, allowed: kind.values.join(', ') } };
      return { value: unique(items).sort() };
    }
    case 'country-list': {
      const items = listItems(raw).map((item) => item.toUpperCase());
      const bad = items.find((item) => !/^[A-Z]{2}$/.test(item) || !isCountryCode(item));
      if (bad !== undefined) return { error: 'not_country', params: { value: bad } };
      return { value: unique(items) };
    }
    case 'timestamp':
      return { value: String(raw) };
  }
}

function checkDecimal(kind: { scale: number; min: number; max: number }, raw: unknown): Check {
  // Numbers from a sheet cell are doubles; String() gives their shortest exact-looking form ("12.5").
  const text = typeof raw === 'number' ? (Number.isFinite(raw) ? String(raw) : '') : typeof raw === 'string' ? raw.trim() : '';
  if (!DECIMAL_PATTERN.test(text)) return { error: 'not_number', params: { value: shown(raw) } };
  const canonical = canonicalDecimal(text);
  const decimals = canonical.split('.')[1]?.length ?? 0;
  if (decimals > kind.scale) return { error: 'too_many_decimals', params: { scale: kind.scale } };
  const approx = Number(canonical);
  if (approx < kind.min || approx > kind.max) return { error: 'out_of_range', params: { min: kind.min, max: kind.max } };
  return { value: canonical };
}

/** "012.500" → "12.5", "-0.0" → "0": one spelling per amount so hashes and comparisons agree. */
export function canonicalDecimal(text: string): string {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = text.replace(/^-/, '').split('.');
  const intPart = whole.replace(/^0+(?=\d)/, '');
  const fracPart = fraction.replace(/0+$/, '');
  const body = fracPart ? `${intPart}.${fracPart}` : intPart;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

function listItems(raw: unknown): string[] {
  const parts = Array.isArray(raw) ? raw.map(String) : String(raw).split(/[,，;；\s]+/);
  return parts.map((part) => part.trim()).filter(Boolean);
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

function shown(raw: unknown): string {
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw) ?? String(raw);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
