import { KEY_PATTERN } from './key-pattern';

/**
 * A short list of days per code, as a person types it in one cell: "FR1 35, US1 25" (also "FR1: 35;
 * US1=25", one per line, 、 or ， between them). Kept in one canonical form, sorted by code, so the order
 * typed means nothing and never looks like a change.
 */
export type DaysByCode = ReadonlyMap<string, number>;

// A code, then a space, colon or equals sign, then whole days: "35" alone is no entry.
const ENTRY = /^([^\s:=：]+?)(?:\s*[:=：]\s*|\s+)(\d{1,4})$/;

/** The cell's text → days per code, or the first part that is not "CODE DAYS" (or has days above `max`). */
export function parseDaysByCode(text: string, max: number): { days: DaysByCode } | { bad: string } {
  const days = new Map<string, number>();
  for (const part of text.split(/[,，;；、\n]+/).map((p) => p.trim()).filter(Boolean)) {
    const m = ENTRY.exec(part);
    if (!m || !KEY_PATTERN.test(m[1]!) || Number(m[2]) > max) return { bad: part };
    days.set(m[1]!, Number(m[2]));
  }
  return { days };
}

export function formatDaysByCode(days: DaysByCode): string {
  return [...days].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([code, n]) => `${code} ${n}`).join(', ');
}
