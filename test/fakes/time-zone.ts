// Wall-clock time in a named time zone, and Java SimpleDateFormat-style formatting
// (what Utilities.formatDate takes), via Intl: no date library needed.

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
  offsetMinutes: number; // local minus UTC
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      era: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function wallClock(date: Date, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(date)) parts[part.type] = part.value;
  const yearNumber = Number(parts.year);
  const year = parts.era === 'BC' ? 1 - yearNumber : yearNumber;
  const ms = date.getTime();
  const millisecond = ((ms % 1000) + 1000) % 1000;
  const clock = {
    year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond,
    weekday: WEEKDAYS.indexOf(parts.weekday ?? 'Sun'),
  };
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second, millisecond);
  return { ...clock, offsetMinutes: Math.round((asUtc - ms) / 60000) };
}

/** The instant at which the wall clock in `timeZone` shows the given time. */
export function zonedDate(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  let instant = guess - wallClock(new Date(guess), timeZone).offsetMinutes * 60000;
  const corrected = guess - wallClock(new Date(instant), timeZone).offsetMinutes * 60000;
  if (corrected !== instant) instant = corrected;
  return new Date(instant);
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function pad(value: number, width: number): string {
  return String(Math.abs(value)).padStart(width, '0');
}

function offset(minutes: number, withColon: boolean, zForZero: boolean): string {
  if (minutes === 0 && zForZero) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return sign + pad(Math.floor(abs / 60), 2) + (withColon ? ':' : '') + pad(abs % 60, 2);
}

/** Formats with a SimpleDateFormat pattern: y M d H h m s S a E Z X and 'quoted' text. */
export function formatJavaPattern(date: Date, timeZone: string, pattern: string): string {
  const c = wallClock(date, timeZone);
  const tokens = pattern.match(/'(?:[^']|'')*'|([A-Za-z])\1*|[^A-Za-z']+/g) ?? [];
  return tokens
    .map((token) => {
      const n = token.length;
      switch (token[0]) {
        case "'":
          return n === 2 ? "'" : token.slice(1, -1).replace(/''/g, "'");
        case 'y':
          return n === 2 ? pad(c.year % 100, 2) : pad(c.year, n);
        case 'M':
          return n >= 4 ? MONTHS[c.month - 1]! : n === 3 ? MONTHS[c.month - 1]!.slice(0, 3) : pad(c.month, n);
        case 'd':
          return pad(c.day, n);
        case 'H':
          return pad(c.hour, n);
        case 'h':
          return pad(c.hour % 12 === 0 ? 12 : c.hour % 12, n);
        case 'm':
          return pad(c.minute, n);
        case 's':
          return pad(c.second, n);
        case 'S':
          return pad(c.millisecond, Math.max(n, 3)).slice(0, Math.max(n, 3));
        case 'a':
          return c.hour < 12 ? 'AM' : 'PM';
        case 'E':
          return n >= 4 ? DAYS[c.weekday]! : DAYS[c.weekday]!.slice(0, 3);
        case 'Z':
          return offset(c.offsetMinutes, false, false);
        case 'X':
          return offset(c.offsetMinutes, n >= 3, true);
        default:
          if (/[A-Za-z]/.test(token[0] ?? '')) throw new Error(`Illegal pattern character '${token[0]}'`);
          return token;
      }
    })
    .join('');
}
