import type { RateWindow, ZoneSource } from './tracking-provider';

export type { RateWindow } from './tracking-provider';

/** Reading what providers send, the same for every adapter: their times, their wait hints, their bodies. */
const TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** A provider's time as a UTC instant: Z or an offset converts; no zone reads the wall time as UTC. */
export function readTime(text: string): { at: string; zoneSource: ZoneSource } | null {
  const m = TIME.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1, 7).map((v) => Number(v ?? 0));
  const wall = Date.UTC(y!, mo! - 1, d!, h, mi, s, Number((m[7] ?? '0').slice(0, 3).padEnd(3, '0')));
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo! - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  const zone = m[8];
  if (!zone) return { at: check.toISOString(), zoneSource: 'none' };
  if (zone.toUpperCase() === 'Z') return { at: check.toISOString(), zoneSource: 'utc' };
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  if (minutes > 14 * 60) return null;
  return { at: new Date(wall - (zone[0] === '-' ? -1 : 1) * minutes * 60_000).toISOString(), zoneSource: 'offset' };
}

/** Retry-After (seconds or HTTP date) or X-RateLimit-Reset (Unix seconds), against the provider's own clock. */
export function retryAfterMs(headers: Headers): number | null {
  const now = Date.parse(headers.get('date') ?? '') || Date.now();
  const after = headers.get('retry-after')?.trim();
  if (after && /^\d+(\.\d+)?$/.test(after)) return Math.ceil(Number(after) * 1000);
  if (after && !Number.isNaN(Date.parse(after))) return Math.max(0, Date.parse(after) - now);
  const reset = headers.get('x-ratelimit-reset')?.trim();
  return reset && /^\d+$/.test(reset) ? Math.max(0, Number(reset) * 1000 - now) : null;
}

/**
 * X-RateLimit-Limit / -Remaining / -Reset (AfterShip: reset is a Unix timestamp), or the IETF draft's
 * RateLimit-* (reset in seconds from now). A reset of a billion or more is read as Unix seconds, a smaller
 * one as seconds to wait, against the provider's own clock; null when the answer has no such headers.
 */
export function rateWindowOf(headers: Headers): RateWindow | null {
  const read = (name: string) => {
    const value = (headers.get(`x-ratelimit-${name}`) ?? headers.get(`ratelimit-${name}`))?.trim();
    return value && /^\d+$/.test(value) ? Number(value) : null;
  };
  const limit = read('limit');
  const remaining = read('remaining');
  if (limit === null || remaining === null) return null;
  const reset = read('reset');
  const now = Date.parse(headers.get('date') ?? '') || Date.now();
  const resetsAt = reset === null ? null : new Date(reset >= 1e9 ? reset * 1000 : now + reset * 1000).toISOString();
  return { limit, remaining, resetsAt };
}

export function headerOf(headers: Record<string, string | undefined>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

export function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? error.cause.message : error.message;
}
