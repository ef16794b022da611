// What Sheets stores when a script writes a value (the "user entered" parsing that
// setValue/setValues apply), and how stored values display.
import { isDate } from './script-realm';
import { formatJavaPattern, wallClock, zonedDate } from './time-zone';

export type CellValue = string | number | boolean | Date;

export interface ParsedInput {
  value: CellValue;
  formula: string | null;
  /** Number format Sheets picks for parsed input (percent, currency, date); null keeps the cell's. */
  autoFormat: string | null;
}

export const FORMULA_ERROR = '#ERROR!';

/**
 * What a formula shows. The fake computes only constant arithmetic (`=0.9`, `=1/8`, `=7.2*0.125`), as Sheets
 * would; anything else (a function, a reference) shows #ERROR!, so a test never mistakes it for data.
 */
export function formulaValue(formula: string): CellValue {
  const m = /^=\s*(-?\d+(?:\.\d+)?)\s*(?:([*/+-])\s*(\d+(?:\.\d+)?))?\s*$/.exec(formula);
  if (!m) return FORMULA_ERROR;
  const [a, op, b] = [Number(m[1]), m[2], Number(m[3])];
  const value = op === '*' ? a * b : op === '/' ? a / b : op === '+' ? a + b : op === '-' ? a - b : a;
  return Number.isFinite(value) ? value : FORMULA_ERROR;
}
export const MAX_CELL_CHARS = 50000;
export const TEXT_FORMAT = '@';

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const PERCENT = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*%$/;
const CURRENCY_SYMBOL: Record<string, string> = { en_US: '$', zh_CN: '¥' };
const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?$/;
const TIME_ONLY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

function parseNumber(text: string): number | null {
  if (PLAIN_NUMBER.test(text)) return Number(text);
  if (GROUPED_NUMBER.test(text)) return Number(text.replace(/,/g, ''));
  return null;
}

function validDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function parseDate(text: string, locale: string, timeZone: string): ParsedInput | null {
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    const [hh, mm, ss] = [Number(iso[4] ?? 0), Number(iso[5] ?? 0), Number(iso[6] ?? 0)];
    if (!validDate(y, m, d) || hh > 23 || mm > 59 || ss > 59) return null;
    const format =
      iso[4] === undefined ? 'yyyy-mm-dd' : iso[6] === undefined ? 'yyyy-mm-dd h:mm' : 'yyyy-mm-dd h:mm:ss';
    return { value: zonedDate(timeZone, y, m, d, hh, mm, ss), formula: null, autoFormat: format };
  }
  const us = locale === 'en_US' ? US_DATE.exec(text) : null;
  if (us) {
    // "1/2" without a year is a date in the current year (a classic surprise for sizes like 1/2).
    const y = us[3] === undefined ? wallClock(new Date(), timeZone).year : Number(us[3]);
    const [m, d] = [Number(us[1]), Number(us[2])];
    if (!validDate(y, m, d)) return null;
    return { value: zonedDate(timeZone, y, m, d), formula: null, autoFormat: us[3] === undefined ? 'm/d' : 'm/d/yyyy' };
  }
  const time = TIME_ONLY.exec(text);
  if (time) {
    const [hh, mm, ss] = [Number(time[1]), Number(time[2]), Number(time[3] ?? 0)];
    if (hh > 23 || mm > 59 || ss > 59) return null;
    // Sheets' day zero: a bare time is a time on 1899-12-30.
    return { value: zonedDate(timeZone, 1899, 12, 30, hh, mm, ss), formula: null, autoFormat: 'h:mm:ss' };
  }
  return null;
}

/** Parses a string the way typing it into a cell would; `numberFormat` '@' keeps it as text. */
export function parseInput(
  raw: unknown,
  numberFormat: string | undefined,
  locale: string,
  timeZone: string,
): ParsedInput {
  const plain = (value: CellValue): ParsedInput => ({ value, formula: null, autoFormat: null });
  if (raw === null || raw === undefined) return plain('');
  if (typeof raw === 'number' || typeof raw === 'boolean') return plain(raw);
  if (isDate(raw)) return plain(new Date(raw.getTime()));
  const text = String(raw);
  if (numberFormat === TEXT_FORMAT || text === '') return plain(text);
  if (text.startsWith("'")) return plain(text.slice(1));
  if (text.startsWith('=')) return { value: formulaValue(text), formula: text, autoFormat: null };
  const trimmed = text.trim();
  const number = parseNumber(trimmed);
  if (number !== null) return plain(number);
  if (/^(true|false)$/i.test(trimmed)) return plain(trimmed.toLowerCase() === 'true');
  const percent = PERCENT.exec(trimmed);
  if (percent) {
    const format = percent[1]!.includes('.') ? '0.00%' : '0%';
    return { value: Number(percent[1]) / 100, formula: null, autoFormat: format };
  }
  const symbol = CURRENCY_SYMBOL[locale];
  if (symbol && trimmed.includes(symbol)) {
    const match = new RegExp(`^([+-]?)\\${symbol}\\s*([\\d.,]+)$`).exec(trimmed);
    const amount = match ? parseNumber(match[2]!) : null;
    if (match && amount !== null) {
      return { value: match[1] === '-' ? -amount : amount, formula: null, autoFormat: `"${symbol}"#,##0.00` };
    }
  }
  const date = parseDate(trimmed, locale, timeZone);
  if (date) return date;
  // "-foo" and "+foo" are formulas to Sheets (and fail to parse); a lone sign stays text.
  if ((text.startsWith('+') || text.startsWith('-')) && text.length > 1) {
    return { value: FORMULA_ERROR, formula: `=${text}`, autoFormat: null };
  }
  return plain(text);
}

/** Sheets number-format tokens to SimpleDateFormat: "m" is minutes after "h" or before "s". */
function sheetsDatePattern(format: string): string {
  const tokens = format.match(/"[^"]*"|am\/pm|y+|m+|d+|h+|s+|[^ymdhs"]+/gi) ?? [];
  return tokens
    .map((token, i) => {
      const lower = token.toLowerCase();
      if (token.startsWith('"')) return `'${token.slice(1, -1).replace(/'/g, "''")}'`;
      if (lower === 'am/pm') return 'a';
      if (lower.startsWith('m')) {
        const prev =
          tokens
            .slice(0, i)
            .reverse()
            .find((t) => /^[a-z]/i.test(t))
            ?.toLowerCase() ?? '';
        const next =
          tokens
            .slice(i + 1)
            .find((t) => /^[a-z]/i.test(t))
            ?.toLowerCase() ?? '';
        if (prev.startsWith('h') || next.startsWith('s')) return lower.length > 1 ? 'mm' : 'm';
        return lower.length >= 4 ? 'MMMM' : lower.length === 3 ? 'MMM' : lower.length === 2 ? 'MM' : 'M';
      }
      if (lower.startsWith('h')) return format.toLowerCase().includes('am/pm') ? lower : lower.toUpperCase();
      if (/^[yds]/.test(lower)) return lower;
      return /[A-Za-z]/.test(token) ? `'${token}'` : token;
    })
    .join('');
}

function formatNumber(value: number, format: string): string {
  const percent = format.endsWith('%');
  const body = format.replace(/"[^"]*"/g, '').replace('%', '');
  const decimals = /\.(0+)/.exec(body)?.[1]?.length ?? 0;
  const scaled = percent ? value * 100 : value;
  const grouped = body.includes(',');
  const digits = scaled.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: grouped,
  });
  const prefix = /^"([^"]*)"/.exec(format)?.[1] ?? '';
  const sign = digits.startsWith('-') ? '-' : '';
  return sign + prefix + digits.replace(/^-/, '') + (percent ? '%' : '');
}

/** Sheets' automatic format: up to ~10 significant digits, scientific from 1e15 (1.23457E+19). */
function automaticNumber(value: number): string {
  if (Math.abs(value) >= 1e15) {
    const [mantissa, exponent] = value.toExponential(5).split('e');
    return `${Number(mantissa)}E${exponent!.startsWith('-') ? '' : '+'}${exponent!.replace('+', '')}`;
  }
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(10)));
}

export function displayValue(
  value: CellValue,
  formula: string | null,
  format: string | undefined,
  locale: string,
  timeZone: string,
): string {
  if (formula !== null && value === FORMULA_ERROR) return FORMULA_ERROR;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (isDate(value)) {
    if (format && /[ymdhs]/i.test(format) && format !== TEXT_FORMAT) {
      return formatJavaPattern(value, timeZone, sheetsDatePattern(format));
    }
    const clock = wallClock(value, timeZone);
    const midnight = clock.hour === 0 && clock.minute === 0 && clock.second === 0;
    const datePart = locale === 'en_US' ? 'M/d/yyyy' : 'yyyy-MM-dd';
    return formatJavaPattern(value, timeZone, midnight ? datePart : `${datePart} H:mm:ss`);
  }
  if (format && format !== TEXT_FORMAT && /[0#]/.test(format)) return formatNumber(value, format);
  return automaticNumber(value);
}

/** Sort order of Sheets: numbers and dates, then text (case-insensitive), booleans, errors; blanks last. */
export function compareCells(
  a: CellValue,
  aFormula: boolean,
  b: CellValue,
  bFormula: boolean,
  ascending: boolean,
): number {
  const blankA = a === '' && !aFormula;
  const blankB = b === '' && !bFormula;
  if (blankA || blankB) return blankA === blankB ? 0 : blankA ? 1 : -1;
  const rank = (v: CellValue, formula: boolean): number =>
    formula ? 3 : typeof v === 'number' || isDate(v) ? 0 : typeof v === 'string' ? 1 : 2;
  const key = (v: CellValue): number | string =>
    isDate(v) ? v.getTime() / 86400000 + 25569 : typeof v === 'string' ? v.toLowerCase() : Number(v);
  let result = rank(a, aFormula) - rank(b, bFormula);
  if (result === 0) {
    const [ka, kb] = [key(a), key(b)];
    result = typeof ka === 'string' && typeof kb === 'string' ? ka.localeCompare(kb) : ka < kb ? -1 : ka > kb ? 1 : 0;
  }
  return ascending ? result : -result;
}
