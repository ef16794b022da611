import { randomUUID } from 'node:crypto';
import { run, type Queryable } from '../db/database';
import { upsertJobs } from '../jobs/job-sql';
import type { TrackingResult } from './providers/tracking-provider';

/**
 * The webhook inbox (docs/tracking.md): a verified webhook is one job on this queue, written before the
 * provider gets its 200, and applied later in batches by the job runner. Answering costs a share of one
 * insert instead of a transaction under the workspace's lock, and a crash between the two loses nothing.
 */
export const INBOX_QUEUE = 'tracking-inbox';

export type InboxPayload = { provider: string; results: TrackingResult[] };

export type InboxWriter = (payload: InboxPayload, at: Date) => Promise<void>;

/**
 * Writes webhooks to the inbox, sharing inserts: webhooks that arrive while an insert runs go together in
 * the next one (group commit), and each caller resolves once its own webhook is stored. At 8 webhooks in
 * flight this makes about one insert per 8 instead of one each (BENCHMARKS.md).
 */
export function inboxWriter(client: Queryable): InboxWriter {
  let waiting: { payload: InboxPayload; at: Date; done: (error?: unknown) => void }[] = [];
  let writing = false;

  async function flush(): Promise<void> {
    writing = true;
    while (waiting.length) {
      const batch = waiting;
      waiting = [];
      const at = batch[batch.length - 1]!.at;
      const rows = batch.map((w) => ({ queue: INBOX_QUEUE, key: randomUUID(), payload: w.payload, runAt: w.at }));
      try {
        await run(client, upsertJobs(rows, at));
        for (const w of batch) w.done();
      } catch (error) {
        for (const w of batch) w.done(error);
      }
    }
    writing = false;
  }

  return (payload, at) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ payload, at, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!writing) void flush();
    });
}
