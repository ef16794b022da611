// The package's index: country codes only. Its main entry also loads every language's names (~50 ms at start).
import { isValid as isCountryCode } from 'i18n-iso-countries/index';
import type { FieldError } from '../domain-error';
import type { Lang } from '../i18n/lang';
import { translate, type MessageKey, type MessageParams } from '../i18n/messages';
import { columnOf, type ColumnSpec, type TableSpec, type WireRow, type WireValue } from './column-spec';
import { formatDaysByCode, parseDaysByCode } from './days-by-code';
import { BAD_CHARACTERS } from '../contracts/text-limits';
import { KEY_PATTERN } from './key-pattern';

export type RowValidation = { ok: true; values: WireRow } | { ok: false; errors: FieldError[] };

type Check = { value: WireValue } | { error: MessageKey; params?: MessageParams };

export { KEY_PATTERN } from './key-pattern';
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// ISO 4217 codes as the runtime's ICU knows them ("ABC" is three letters, not a currency). A runtime
// without Intl.supportedValuesOf (older V8) falls back to the shape check.
const supportedValuesOf = (Intl as { supportedValuesOf?: (key: 'currency') => string[] }).supportedValuesOf;
const ISO_CURRENCIES: { has(code: string): boolean } = supportedValuesOf
  ? new Set(supportedValuesOf('currency'))
  : { has: (code) => /^[A-Z]{3}$/.test(code) };
const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;
const CANONICAL_DECIMAL = /^(-?[1-9]\d*|0)(\.\d*[1-9])?$|^-0\.\d*[1-9]$/;

/**
 * Validates and normalizes the editable values of one row, reporting every field error at once.
 * Computed and unknown fields are errors here: the sheet side strips computed columns before pushing,
 * so one arriving means a client that does not follow the contract.
 */
export function validateRow(
  spec: TableSpec,
  input: Record<string, unknown>,
  lang: Lang,
  known?: WireRow,
): RowValidation {
  const errors: FieldError[] = [];
  const values: WireRow = {};
  for (const field of Object.keys(input)) {
    const column = columnOf(spec, field);
    if (!column) errors.push(fieldError(lang, field, 'unknown_field', { field }));
    else if (column.computed) errors.push(fieldError(lang, field, 'computed_field', { column: column.header[lang] }));
  }
  for (const column of spec.columns) {
    if (column.computed) continue;
    const raw = input[column.field];
    // A value identical to the stored, already valid and canonical one needs no second check.
    if (known && column.field in known && sameCanonical(raw, known[column.field]!)) {
      values[column.field] = known[column.field]!;
      continue;
    }
    const result = checkValue(column, raw);
    if ('error' in result) {
      errors.push(fieldError(lang, column.field, result.error, { column: column.header[lang], ...result.params }));
    } else values[column.field] = result.value;
  }
  // Row rules see only the fields that passed (the rest are absent), so every error is reported at once.
  for (const rule of spec.rowRules ?? []) {
    const violation = rule(values);
    const column = violation && spec.columns.find((c) => c.field === violation.field);
    if (violation && column)
      errors.push(
        fieldError(lang, violation.field, violation.code, { column: column.header[lang], ...violation.params }),
      );
  }
  return errors.length ? { ok: false, errors } : { ok: true, values };
}

function sameCanonical(raw: unknown, stored: WireValue): boolean {
  if (Array.isArray(raw) && Array.isArray(stored))
    return raw.length === stored.length && raw.every((item, i) => item === stored[i]);
  return raw === stored && raw !== undefined;
}

function fieldError(lang: Lang, field: string, code: MessageKey, params: MessageParams): FieldError {
  return { field, code, message: translate(lang, code, params) };
}

function isBlank(raw: unknown): boolean {
  return (
    raw === undefined ||
    raw === null ||
    (typeof raw === 'string' && raw.trim() === '') ||
    (Array.isArray(raw) && raw.length === 0)
  );
}

/** Error for a value of the wrong shape (an object, an array where one value belongs), per kind. */
const SHAPE_ERROR: Record<ColumnSpec['kind']['type'], MessageKey> = {
  key: 'bad_key',
  text: 'not_text',
  email: 'not_email',
  currency: 'not_currency',
  integer: 'not_integer',
  decimal: 'not_number',
  boolean: 'not_boolean',
  'enum-list': 'not_in_list',
  choice: 'not_in_list',
  'country-list': 'not_country',
  timestamp: 'not_text',
  'days-since': 'not_text',
  'days-by-code': 'not_days_by_code',
};

const NO_ITEMS: readonly string[] = [];

function checkValue(column: ColumnSpec, raw: unknown): Check {
  const kind = column.kind;
  const isList = kind.type === 'enum-list' || kind.type === 'country-list';
  const items = isList ? listItems(raw) : null;
  // A list cell holding only separators (", ;") is as empty as a blank cell.
  if (isBlank(raw) || (items !== null && items.length === 0)) {
    if (column.required) return { error: 'required' };
    return { value: column.empty ?? null };
  }
  const text = isList ? '' : scalarText(raw);
  if (text === null || (items !== null && items.includes(null))) {
    return {
      error: SHAPE_ERROR[kind.type],
      params: {
        value: shown(raw),
        allowed: 'values' in kind ? kind.values.join(', ') : '',
        max: 'maxLength' in kind ? kind.maxLength : '',
      },
    };
  }
  const list = (items ?? NO_ITEMS) as string[];
  // PostgreSQL stores neither NUL nor half a surrogate pair: one such cell must fail its row, not the push.
  if (BAD_CHARACTERS.test(text) || list.some((part) => BAD_CHARACTERS.test(part))) return { error: 'bad_characters' };
  switch (kind.type) {
    case 'key': {
      const key = text.trim();
      if (kind.names)
        return key.length <= kind.maxLength ? { value: key } : { error: 'too_long', params: { max: kind.maxLength } };
      return KEY_PATTERN.test(key) && key.length <= kind.maxLength
        ? { value: key }
        : { error: 'bad_key', params: { max: kind.maxLength } };
    }
    case 'text': {
      if (typeof raw === 'boolean') return { error: 'not_text' };
      const trimmed = text.trim();
      return trimmed.length <= kind.maxLength
        ? { value: trimmed }
        : { error: 'too_long', params: { max: kind.maxLength } };
    }
    case 'email': {
      const email = text.trim().toLowerCase();
      return EMAIL_PATTERN.test(email) ? { value: email } : { error: 'not_email', params: { value: shown(raw) } };
    }
    case 'currency': {
      const code = text.trim().toUpperCase();
      return ISO_CURRENCIES.has(code) ? { value: code } : { error: 'not_currency', params: { value: shown(raw) } };
    }
    case 'integer': {
      const number =
        typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(number)) return { error: 'not_integer', params: { value: shown(raw) } };
      if (number < kind.min || number > kind.max)
        return { error: 'out_of_range', params: { min: kind.min, max: kind.max } };
      return { value: number === 0 ? 0 : number }; // no -0
    }
    case 'decimal':
      return checkDecimal(kind, typeof raw === 'boolean' ? '' : text.trim(), raw);
    case 'boolean': {
      if (typeof raw === 'boolean') return { value: raw };
      const word = text.trim().toLowerCase();
      if (word === 'true') return { value: true };
      if (word === 'false') return { value: false };
      return { error: 'not_boolean' };
    }
    case 'enum-list': {
      const lowered = list.map((item) => item.toLowerCase());
      const bad = lowered.find((item) => !kind.values.includes(item));
      if (bad !== undefined) return { error: 'not_in_list', params: { value: bad, allowed: kind.values.join(', ') } };
      return { value: unique(lowered).sort() };
    }
    case 'choice': {
      const word = text.trim().toLowerCase();
      return kind.values.includes(word)
        ? { value: word }
        : { error: 'not_in_list', params: { value: text.trim(), allowed: kind.values.join(', ') } };
    }
    case 'country-list': {
      const upper = list.map((item) => item.toUpperCase());
      const bad = upper.find((item) => !/^[A-Z]{2}$/.test(item) || !isCountryCode(item));
      if (bad !== undefined) return { error: 'not_country', params: { value: bad } };
      // Sorted: the order a person typed them in means nothing, and must not look like a change.
      return { value: unique(upper).sort() };
    }
    case 'timestamp':
    case 'days-since':
      return { value: text };
    case 'days-by-code': {
      if (typeof raw !== 'string') return { error: 'not_days_by_code', params: { value: shown(raw), max: kind.max } };
      if (text.length > kind.maxLength) return { error: 'too_long', params: { max: kind.maxLength } };
      const parsed = parseDaysByCode(text, kind.max);
      if ('bad' in parsed) return { error: 'not_days_by_code', params: { value: parsed.bad, max: kind.max } };
      const canonical = formatDaysByCode(parsed.days);
      return canonical
        ? { value: canonical }
        : column.required
          ? { error: 'required' }
          : { value: column.empty ?? null };
    }
  }
}

/** A single value as text; null for anything that is not one value (objects, arrays, functions). */
function scalarText(raw: unknown): string | null {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'boolean') return String(raw);
  if (typeof raw === 'number') return Number.isFinite(raw) ? plainNumber(raw) : null;
  return null;
}

/** 1e-7 → "0.0000001": sheet numbers never in exponent form, so the right error is reported. */
function plainNumber(value: number): string {
  const text = String(value);
  return /e/i.test(text) ? value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : text;
}

function checkDecimal(kind: { scale: number; min: number; max: number }, text: string, raw: unknown): Check {
  // Numbers from a sheet cell are doubles; their shortest decimal form ("12.5") is what a person typed.
  if (!DECIMAL_PATTERN.test(text)) return { error: 'not_number', params: { value: shown(raw) } };
  const canonical = canonicalDecimal(text);
  const point = canonical.indexOf('.');
  const decimals = point === -1 ? 0 : canonical.length - point - 1;
  if (decimals > kind.scale) return { error: 'too_many_decimals', params: { scale: kind.scale } };
  const approx = Number(canonical);
  if (approx < kind.min || approx > kind.max)
    return { error: 'out_of_range', params: { min: kind.min, max: kind.max } };
  return { value: canonical };
}

/** "012.500" → "12.5", "-0.0" → "0": one spelling per amount so hashes and comparisons agree. */
export function canonicalDecimal(text: string): string {
  if (CANONICAL_DECIMAL.test(text)) return text; // already canonical: the common case, kept cheap
  return plainCanonical(text) ?? spelledCanonical(text);
}

/**
 * Digits with at most one point ("-012.500"), made canonical in one pass over the characters: an import reads
 * ~20 amounts per order, most of them "30.00"-like. Null for any other text.
 */
function plainCanonical(text: string): string | null {
  const n = text.length;
  const negative = text.charCodeAt(0) === 45; // '-'
  const wholeStart = negative ? 1 : 0;
  let i = wholeStart;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  const wholeEnd = i;
  if (wholeEnd === wholeStart) return null;
  let fractionEnd = wholeEnd; // no fraction
  if (i < n) {
    if (text.charCodeAt(i) !== 46) return null; // '.'
    i++;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    if (i !== n || i === wholeEnd + 1) return null;
    fractionEnd = n;
    while (fractionEnd > wholeEnd + 1 && text.charCodeAt(fractionEnd - 1) === 48) fractionEnd--; // trailing '0's
    if (fractionEnd === wholeEnd + 1) fractionEnd = wholeEnd;
  }
  let start = wholeStart;
  while (start < wholeEnd - 1 && text.charCodeAt(start) === 48) start++; // leading '0's, one digit kept
  const body = fractionEnd > wholeEnd ? text.slice(start, fractionEnd) : text.slice(start, wholeEnd);
  return negative && body !== '0' ? `-${body}` : body;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The general spelling rules, for text that is not plain digits and a point (and the tests' reference). */
export function spelledCanonical(text: string): string {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = text.replace(/^-/, '').split('.');
  const intPart = whole.replace(/^0+(?=\d)/, '');
  const fracPart = fraction.replace(/0+$/, '');
  const body = fracPart ? `${intPart}.${fracPart}` : intPart;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

const LIST_SEPARATORS = /[,，;；\s]+/;
const LIST_SEPARATOR = /[,，;；\s]/;

/** Items of a list cell ("US, DE" or ["US", "DE"]); a non-scalar item shows up as null. */
function listItems(raw: unknown): (string | null)[] {
  if (raw === undefined || raw === null) return [];
  // The add-on sends a list as an array of clean items (["battery"]): taken as they are, without splitting again.
  if (Array.isArray(raw) && raw.every((item) => typeof item === 'string' && item !== '' && !LIST_SEPARATOR.test(item)))
    return raw as string[];
  const parts = Array.isArray(raw) ? raw.map(scalarText) : [scalarText(raw)];
  return parts.flatMap((part) =>
    part === null
      ? [null]
      : part
          .split(LIST_SEPARATORS)
          .map((item) => item.trim())
          .filter(Boolean),
  );
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

function shown(raw: unknown): string {
  let text: string;
  try {
    text = typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? typeof raw);
  } catch {
    text = typeof raw;
  }
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
