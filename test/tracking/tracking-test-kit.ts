import fs from 'node:fs';
import path from 'node:path';
import { ProviderError, type TrackedNumber } from '../../sync-server/tracking/providers/tracking-provider';

/** A sample payload from test/tracking/samples, as the provider sent it (bytes, not re-serialized). */
export const sample = (name: string): string => fs.readFileSync(path.join(__dirname, 'samples', name), 'utf8');

export const tracked = (trackingNo: string, over: Partial<TrackedNumber> = {}): TrackedNumber => ({
  trackingNo,
  carrierCode: null,
  param: null,
  reference: null,
  ...over,
});

type Canned = { status?: number; body: string; headers?: Record<string, string> };
export type Sent = { url: string; method: string; headers: Record<string, string>; body: string | undefined };

/** A fetch that answers call n with replies[n] (the last one again after that) and records each request. */
export function cannedFetch(...replies: Canned[]): { fetch: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const fake = async (input: string | URL | Request, init?: RequestInit) => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    sent.push({ url: String(input), method: init?.method ?? 'GET', headers, body: init?.body as string | undefined });
    const reply = replies[Math.min(sent.length, replies.length) - 1]!;
    const responseHeaders = { 'content-type': 'application/json', ...reply.headers };
    return new Response(reply.body, { status: reply.status ?? 200, headers: responseHeaders });
  };
  return { fetch: fake as typeof fetch, sent };
}

/** The ProviderError a call fails with (the test fails if it succeeds or fails otherwise). */
export async function failure(call: Promise<unknown>): Promise<ProviderError> {
  const outcome = await call.then(
    () => new Error('expected a ProviderError, but the call succeeded'),
    (error: unknown) => error,
  );
  if (outcome instanceof ProviderError) return outcome;
  throw outcome;
}
