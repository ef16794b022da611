/**
 * Google's answer to too many requests (429, or 503 when busy) is to wait: the publisher waits what the
 * Retry-After header says (seconds or an HTTP date), else 1 s, 2 s, 4 s …, each wait capped, and gives up
 * after `maxAttempts` sends. Any other error is thrown at once (a 400 is a bug or a bad setup, not load).
 */
export type BackoffOptions = {
  sleep: (ms: number) => Promise<void>;
  now: () => Date;
  maxAttempts?: number;
  maxWaitMs?: number;
  /** Told about each send, so the caller can count API calls including retries. */
  onAttempt?: () => void;
  onRetry?: (waitMs: number, status: number) => void;
};

const RETRYABLE = new Set([429, 503]);

export async function withBackoff<T>(send: () => Promise<T>, options: BackoffOptions): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 5;
  const maxWaitMs = options.maxWaitMs ?? 5 * 60_000;
  for (let attempt = 1; ; attempt++) {
    options.onAttempt?.();
    try {
      return await send();
    } catch (error) {
      const status = statusOf(error);
      if (status === null || !RETRYABLE.has(status) || attempt >= maxAttempts) throw error;
      const asked = retryAfterMs(headerOf(error, 'retry-after'), options.now());
      const waitMs = Math.min(asked ?? 1000 * 2 ** (attempt - 1), maxWaitMs);
      options.onRetry?.(waitMs, status);
      await options.sleep(waitMs);
    }
  }
}

/** Retry-After: delta seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now: Date): number | null {
  if (!value) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

type ErrorWithResponse = { status?: number; response?: { status?: number; headers?: unknown } };

function statusOf(error: unknown): number | null {
  const e = error as ErrorWithResponse;
  return e?.response?.status ?? e?.status ?? null;
}

function headerOf(error: unknown, name: string): string | null {
  const headers = (error as ErrorWithResponse)?.response?.headers;
  if (!headers) return null;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : null;
}
