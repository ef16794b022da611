import { backoffMs, nextPollDelayMs } from '../../domain/tracking/tracking-history';
import { FINAL_TRACKING, isTrackingStatus } from '../../domain/tracking/tracking-status';
import { run, type Database } from '../db/database';
import type { JobHandler, JobOutcome } from '../jobs/job-runner';
import { pauseProvider, takeProviderSlot, type JobRow } from '../jobs/job-sql';
import { ProviderError, type TrackedNumber, type TrackingProvider } from '../tracking/providers/tracking-provider';
import { pollKey, pollQueue } from '../tracking/tracking-jobs';
import { markRegistered, selectTrackedShipments, type TrackedShipment } from '../tracking/tracking-sql';
import { applyTrackingUpdates } from './tracking-updates';
import { insertJobRun, runError } from '../dispatch/job-runs';
import { accountQuotaSeenAt, recordAccountQuota, recordCall } from '../tracking/provider-quotas';

/** A poll job: one of our parcels at one provider (queue `tracking:<provider>`, key `<workspace>/<shipment>`). */
export type PollPayload = TrackedNumber & { workspaceId: string; shipmentNo: string };

const HOUR = 3_600_000;
/** After delivery, one more look a day later (a late "returned" or a correction), then tracking stops. */
const LAST_CHECK_AFTER_MS = 24 * HOUR;

/**
 * The poll of one provider as a job handler (docs/tracking.md): a batch of due parcels is registered where
 * the provider needs it (once: the shipment remembers), fetched in one request at the provider's pace
 * (a slot shared by every server process), stored, and each parcel's next poll set by its status. A 429
 * waits its Retry-After, a spent quota pauses the provider, failures back off with jitter, and a number the
 * provider refuses for good is flagged and no longer polled.
 */
export function trackingPollHandler(options: {
  db: Database;
  provider: TrackingProvider;
  now: () => Date;
  random?: () => number;
  /** How long a claimed batch is held (default 10 minutes: far longer than a provider call may take). */
  leaseMs?: number;
  /** Waits until a slot (tests pass a clock that moves instead of sleeping). */
  sleep?: (ms: number) => Promise<void>;
  /** Calls a day the provider allows this account (the health check counts against it); none: not counted. */
  dailyCalls?: number;
  /** How often 17TRACK's account quota is asked (getquota; default 15 minutes, and after a quota refusal). */
  accountQuotaEveryMs?: number;
}): JobHandler {
  const { db, provider, now } = options;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  // Spaced 8 % wider than the limit: slots are planned, sends run a little late (timers, a busy event loop),
  // and at exactly 1000/3 ms any late send makes the 4th request of a rolling second a 429 (BENCHMARKS.md).
  const intervalMs = Math.ceil((1000 / provider.requestsPerSecond) * 1.08);

  const accountQuotaEveryMs = options.accountQuotaEveryMs ?? 15 * 60_000;

  async function call<T>(work: () => Promise<T>): Promise<T> {
    const slot = (
      await run<{ slot_at: Date; calls_today: number }>(db.pool, takeProviderSlot(provider.name, now(), intervalMs))
    ).rows[0]!;
    const wait = new Date(slot.slot_at).getTime() - now().getTime();
    if (wait > 0) await sleep(wait);
    try {
      return await work();
    } finally {
      // What the answer said of the quota, and today's count: for the health check, never failing the poll.
      await recordCall(db.pool, provider, Number(slot.calls_today), options.dailyCalls, now()).catch(() => undefined);
    }
  }

  /**
   * 17TRACK's balance, when the stored reading is older than `accountQuotaEveryMs` (whichever server process
   * polls), and at once after a quota refusal: one getquota.
   */
  async function refreshAccountQuota(force: boolean): Promise<void> {
    if (!provider.quota) return;
    const seen = force ? null : await accountQuotaSeenAt(db.pool, provider.name);
    if (seen && now().getTime() - seen.getTime() < accountQuotaEveryMs) return;
    // Paused, a slot would wait out the pause: getquota costs no quota, so it goes at once then.
    const ask = force ? <T>(work: () => Promise<T>) => work() : call;
    await recordAccountQuota(db.pool, provider, ask, now).catch(() => undefined);
  }

  return {
    queue: pollQueue(provider.name),
    batchSize: provider.batchSize,
    leaseMs: options.leaseMs ?? 10 * 60_000,
    retryAt: (attempts, at) => new Date(at.getTime() + backoffMs(attempts, random)),
    // Each batch is one job run of the dispatch center (docs/dispatch.md), across workspaces.
    async handle(jobs: JobRow[], at: Date): Promise<JobOutcome[]> {
      const stats: PollStats = { parcels: 0, updated: 0, throttled: 0, failure: null };
      const started = performance.now();
      const record = (ok: boolean, failure: string | null) =>
        run(
          db.pool,
          insertJobRun({
            workspaceId: null,
            kind: 'tracking_poll',
            actor: `provider:${provider.name}`,
            startedAt: at,
            durationMs: performance.now() - started,
            ok,
            outcome: {
              counts: { parcels: stats.parcels, updated: stats.updated },
              errors: ok ? 0 : stats.parcels,
              throttled: stats.throttled,
            },
            error: failure,
          }),
        ).catch(() => undefined);
      try {
        const outcomes = await pollBatch(jobs, at, stats);
        await record(stats.failure === null, stats.failure);
        // After a good batch now and then; after a quota refusal at once; never while a 429 says wait.
        if (stats.failure === null) await refreshAccountQuota(false);
        else if (stats.failure === `${provider.name}: quota`) await refreshAccountQuota(true);
        return outcomes;
      } catch (error) {
        await record(false, runError(error));
        throw error;
      }
    },
  };

  async function pollBatch(jobs: JobRow[], at: Date, stats: PollStats): Promise<JobOutcome[]> {
    const payloads = jobs.map((j) => ({ id: j.id, attempts: j.attempts, p: j.payload as unknown as PollPayload }));
    const shipments = await loadShipments(
      db,
      payloads.map((x) => x.p),
    );
    const live = payloads.filter((x) => shipments.has(pollKey(x.p.workspaceId, x.p.shipmentNo)));
    const gone: JobOutcome[] = payloads.filter((x) => !live.includes(x)).map((x) => ({ id: x.id, next: null }));
    stats.parcels = live.length;
    try {
      const toRegister = live.filter((x) => !shipments.get(pollKey(x.p.workspaceId, x.p.shipmentNo))!.registered_at);
      const refusedForGood = new Set<string>();
      if (provider.register && toRegister.length) {
        const answer = await call(() => provider.register!(toRegister.map((x) => x.p)));
        for (const r of answer.rejected) if (!r.retryable) refusedForGood.add(r.trackingNo);
        const accepted = new Set(answer.accepted);
        await remember(
          db,
          toRegister.filter((x) => accepted.has(x.p.trackingNo)).map((x) => x.p),
          now(),
        );
      }
      const answer = await call(() => provider.fetch(live.map((x) => x.p)));
      const byNumber = new Map(answer.results.map((r) => [r.trackingNo.toUpperCase(), r]));
      stats.updated = answer.results.length;
      for (const r of answer.rejected) if (!r.retryable) refusedForGood.add(r.trackingNo);
      await applyTrackingUpdates(
        db,
        live.flatMap((x) => {
          const result = byNumber.get(x.p.trackingNo.toUpperCase());
          return result
            ? [{ workspaceId: x.p.workspaceId, shipmentNo: x.p.shipmentNo, provider: provider.name, result }]
            : [];
        }),
        'poll',
        now,
      );
      const after = await loadShipments(
        db,
        live.map((x) => x.p),
      );
      const finished: PollPayload[] = [];
      const outcomes = live.map((x): JobOutcome => {
        const s = after.get(pollKey(x.p.workspaceId, x.p.shipmentNo))!;
        if (refusedForGood.has(x.p.trackingNo)) return { id: x.id, next: null };
        const status = s.tracking_status && isTrackingStatus(s.tracking_status) ? s.tracking_status : 'pending';
        if (FINAL_TRACKING.includes(status)) {
          // Final: one more look a day later (a late return, a correction), then stop.
          const finalSince = at.getTime() - new Date(s.delivered_at ?? s.last_event_at ?? at).getTime();
          if (finalSince < LAST_CHECK_AFTER_MS / 2)
            return { id: x.id, next: new Date(at.getTime() + LAST_CHECK_AFTER_MS), resetAttempts: true };
          finished.push(x.p);
          return { id: x.id, next: null };
        }
        const since = at.getTime() - new Date(s.last_event_at ?? s.shipped_at ?? at).getTime();
        const delay = byNumber.has(x.p.trackingNo.toUpperCase()) ? nextPollDelayMs(status, since)! : HOUR;
        return { id: x.id, next: new Date(at.getTime() + delay), resetAttempts: true };
      });
      // Stopping saves quota; a failure here only costs a little of it.
      if (provider.stop && finished.length) await call(() => provider.stop!(finished)).catch(() => undefined);
      return [...gone, ...outcomes];
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      stats.failure = `${provider.name}: ${error.kind}`;
      if (error.kind === 'rate_limited') stats.throttled += 1;
      if (error.kind === 'rate_limited' || error.kind === 'quota') {
        const until = new Date(now().getTime() + (error.retryAfterMs ?? 60_000));
        await run(db.pool, pauseProvider(provider.name, until));
        return [...gone, ...live.map((x) => ({ id: x.id, next: until, error: error.message }))];
      }
      return [
        ...gone,
        ...live.map((x) => ({
          id: x.id,
          next: new Date(now().getTime() + backoffMs(x.attempts, random)),
          error: error.message,
        })),
      ];
    }
  }
}

type PollStats = { parcels: number; updated: number; throttled: number; failure: string | null };

async function loadShipments(db: Database, payloads: PollPayload[]): Promise<Map<string, TrackedShipment>> {
  const found = new Map<string, TrackedShipment>();
  const byWorkspace = new Map<string, string[]>();
  for (const p of payloads) byWorkspace.set(p.workspaceId, [...(byWorkspace.get(p.workspaceId) ?? []), p.shipmentNo]);
  for (const [workspaceId, shipmentNos] of byWorkspace)
    for (const s of (await run<TrackedShipment>(db.pool, selectTrackedShipments({ workspaceId, shipmentNos }, false)))
      .rows)
      found.set(pollKey(s.workspace_id, s.shipment_no), s);
  return found;
}

/** Registration costs quota: written at once, so a crash right after does not register the number again. */
async function remember(db: Database, payloads: PollPayload[], at: Date): Promise<void> {
  const byWorkspace = new Map<string, string[]>();
  for (const p of payloads) byWorkspace.set(p.workspaceId, [...(byWorkspace.get(p.workspaceId) ?? []), p.shipmentNo]);
  for (const [workspaceId, shipmentNos] of byWorkspace)
    await run(db.pool, markRegistered(workspaceId, shipmentNos, at));
}
