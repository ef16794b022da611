import { backoffMs } from '../../domain/tracking/tracking-history';
import { run, type Database } from '../db/database';
import type { JobHandler, JobOutcome } from '../jobs/job-runner';
import type { JobRow } from '../jobs/job-sql';
import { selectParcelsByNumber } from '../tracking/tracking-sql';
import { INBOX_QUEUE, type InboxPayload } from '../tracking/webhook-inbox';
import { applyTrackingUpdates, type TrackingUpdate } from './tracking-updates';

/** Webhooks applied per batch: one lookup, one event insert and one state update per workspace for all. */
const BATCH = 1000;

/**
 * Applies queued webhooks (docs/tracking.md) as the poll's answers are applied: events stored once, status
 * forward only. Numbers no shipment holds are dropped (a provider may know parcels we never shipped). When a
 * batch fails, its webhooks are applied one by one so a single bad one cannot hold the others back; that one
 * backs off and keeps its error.
 */
export function trackingInboxHandler(options: { db: Database; now: () => Date; random?: () => number }): JobHandler {
  const { db, now } = options;
  const random = options.random ?? Math.random;
  return {
    queue: INBOX_QUEUE,
    batchSize: BATCH,
    leaseMs: 5 * 60_000,
    // A webhook waits at most this long for others to share its transaction (BENCHMARKS.md: one transaction
    // per webhook applied 64 a second on PGlite).
    gatherMs: 200,
    retryAt: (attempts, at) => new Date(at.getTime() + backoffMs(attempts, random)),
    async handle(claimed: JobRow[]): Promise<JobOutcome[]> {
      // In arrival order: a later webhook about a parcel is applied after an earlier one, as if one by one.
      const jobs = [...claimed].sort((a, b) => a.id - b.id);
      try {
        await apply(db, jobs, now);
        return jobs.map((j) => ({ id: j.id, next: null }));
      } catch (error) {
        if (jobs.length === 1) throw error;
        const outcomes: JobOutcome[] = [];
        for (const job of jobs) {
          try {
            await apply(db, [job], now);
            outcomes.push({ id: job.id, next: null });
          } catch (failure) {
            const message = failure instanceof Error ? failure.message : String(failure);
            outcomes.push({
              id: job.id,
              next: new Date(now().getTime() + backoffMs(job.attempts, random)),
              error: message,
            });
          }
        }
        return outcomes;
      }
    },
  };
}

async function apply(db: Database, jobs: JobRow[], now: () => Date): Promise<void> {
  const payloads = jobs.map((j) => j.payload as unknown as InboxPayload);
  const numbers = [...new Set(payloads.flatMap((p) => p.results.map((r) => r.trackingNo)))];
  if (!numbers.length) return;
  type Parcel = { workspace_id: string; shipment_no: string; tracking_no: string };
  const shipments = (await run<Parcel>(db.pool, selectParcelsByNumber(numbers))).rows;
  const byNumber = new Map<string, Parcel[]>();
  for (const s of shipments) {
    const no = s.tracking_no.toUpperCase();
    byNumber.set(no, [...(byNumber.get(no) ?? []), s]);
  }
  const updates: TrackingUpdate[] = payloads.flatMap((p) =>
    p.results.flatMap((result) =>
      (byNumber.get(result.trackingNo.toUpperCase()) ?? []).map((s) => ({
        workspaceId: s.workspace_id,
        shipmentNo: s.shipment_no,
        provider: p.provider,
        result,
      })),
    ),
  );
  if (updates.length) await applyTrackingUpdates(db, updates, 'webhook', now);
}
