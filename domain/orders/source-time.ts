import type { SourceTime } from './order-draft';

const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Reads "2026-10-03 09:12:40 +0100" (Shopify), "2026-10-06T08:14:09+00:00" (Amazon), "2026-10-03 09:12"
 * or "2026-10-03" (template, typed by people). Without a zone the time is taken as UTC (a bare date as its
 * UTC midnight, so it counts on that day in the sales windows) and `offset` stays null, so nobody
 * mistakes a guess for what the source said. Returns null for anything else.
 */
export function parseSourceTime(text: string): SourceTime | null {
  const trimmed = text.trim();
  const m = PATTERN.exec(trimmed);
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '0', zone] = m;
  const offset = zone ? normalizeOffset(zone) : null;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}.${frac.padEnd(3, '0').slice(0, 3)}${offset ?? 'Z'}`;
  const date = new Date(iso);
  if (
    Number.isNaN(date.getTime()) ||
    !isCalendarDay(Number(y), Number(mo), Number(d)) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 59
  )
    return null;
  return { utc: date.toISOString(), local: trimmed, offset };
}

/** 2026-02-30 is not a day (Date would quietly roll it to March). */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function normalizeOffset(zone: string): string {
  if (zone.toUpperCase() === 'Z') return '+00:00';
  const digits = zone.replace(':', '');
  return `${digits.slice(0, 3)}:${digits.slice(3)}`;
}
