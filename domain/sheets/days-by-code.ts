import { KEY_PATTERN } from './key-pattern';

/**
 * A short list of days per code, as a person types it in one cell: "FR1 35, US1 25" (also "FR1: 35;
 * US1=25", one per line, 、 or ， between them). Kept in one canonical form, sorted by code, so the order
 * typed means nothing and never looks like a change.
 */
export type DaysByCode = ReadonlyMap<string, number>;

// A code, then a space, colon or equals sign, then whole days: "35" alone is no entry.
const ENTRY = /^([^\s:=：]+?)(?:\s*[:=：]\s*|\s+)(\d{1,4})$/;

/**
 * The cell's text → days per code, or the first part that is not "CODE DAYS" (days above `max`, or a code
 * given twice, whatever its case: which of the two was meant cannot be told).
 */
export function parseDaysByCode(text: string, max: number): { days: DaysByCode } | { bad: string } {
  const days = new Map<string, number>();
  const seen = new Set<string>();
  for (const part of text
    .split(/[,，;；、\n]+/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = ENTRY.exec(part);
    if (!m || !KEY_PATTERN.test(m[1]!) || Number(m[2]) > max || seen.has(m[1]!.toUpperCase())) return { bad: part };
    seen.add(m[1]!.toUpperCase());
    days.set(m[1]!, Number(m[2]));
  }
  return { days };
}

/** The days for a code, matched whatever its case ("fr1" typed for warehouse FR1). */
export function daysFor(days: DaysByCode, code: string): number | undefined {
  for (const [typed, n] of days) if (typed.toUpperCase() === code.toUpperCase()) return n;
  return undefined;
}

export function formatDaysByCode(days: DaysByCode): string {
  return [...days]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
}
