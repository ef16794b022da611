import type { OrderGroups } from './order-groups';
import { isCalendarDay } from './source-time';

/**
 * More than any offset a time can be written with (+23:59 reads; the zones in use stop at +14:00): no time is earlier
 * than its date's midnight UTC less this.
 */
const ZONE_LEAD_MS = 24 * 3_600_000;
const DATE_PREFIX = /^\d{4}-\d{2}-\d{2}/;

/**
 * Where an import's duplicate check starts looking back from, before its window (UTC ISO): a time no later than any of
 * the file's orders (an undated order counting as `undatedAs`, when it came in), or null for a file without orders.
 * The check compares each pair's times itself, so a start a little early only reads a few more candidates: this
 * compares the dates as written and takes the earliest's midnight less a day, instead of reading every time in full
 * before the first order can be written (~50 ms for 10,000 orders). A time that does not begin with a date counts
 * for nothing (its order is refused); one with a date but an unreadable rest counts by its date (refused too).
 */
export function lookbackStart(file: OrderGroups, undatedAs: string): string | null {
  const { source } = file;
  let earliestDate: string | null = null;
  let undated = false;
  for (const [, indexes] of file.groups) {
    let text = '';
    for (const i of indexes) {
      const cell = source.orderedAt(i).trim();
      if (cell !== '') {
        text = cell;
        break;
      }
    }
    if (text === '') undated = true;
    else if (DATE_PREFIX.test(text)) {
      const date = text.slice(0, 10);
      if ((earliestDate === null || date < earliestDate) && isDate(date)) earliestDate = date;
    }
  }
  const dated = earliestDate === null ? null : new Date(Date.parse(`${earliestDate}T00:00:00Z`) - ZONE_LEAD_MS);
  const fromDated = dated?.toISOString() ?? null;
  if (!undated) return fromDated;
  return fromDated !== null && fromDated < undatedAs ? fromDated : undatedAs;
}

function isDate(date: string): boolean {
  return isCalendarDay(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}
