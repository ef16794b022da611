import { inTransaction, run, type Database } from '../db/database';
import { claimJobs, deleteJobs, rescheduleJobs, type JobRow } from './job-sql';

/** What a handler decided for one claimed job: run it again at `next`, or (null) it is done. */
export type JobOutcome = { id: number; next: Date | null; error?: string | null; resetAttempts?: boolean };

export type JobHandler = {
  queue: string;
  /** Most jobs claimed at once (a provider's batch). */
  batchSize: number;
  /** How long a claim holds; a process killed mid-batch loses it, and the jobs are due again after it. */
  leaseMs: number;
  handle(jobs: JobRow[], at: Date): Promise<JobOutcome[]>;
  /**
   * After a round that claimed less than a full batch, wait this long before the next claim, so work that
   * arrives in a stream (webhooks) is applied in batches instead of one transaction per arrival.
   */
  gatherMs?: number;
  /** When a handler throws: when to try its jobs again (attempt count given). */
  retryAt(attempts: number, at: Date): Date;
};

export type JobRunner = {
  /** Claims and runs due jobs of every queue once; the number of jobs it ran. */
  runOnce(): Promise<number>;
  /**
   * Runs until stopped, one loop per queue (a poll waiting for its provider's slot does not hold up the
   * webhook inbox): again at once after work, after `idleMs` when nothing was due, or when woken.
   */
  start(): void;
  /** New work was queued on `queue`: its idle loop looks now instead of at its next idle tick. */
  wake(queue: string): void;
  stop(): Promise<void>;
};

/**
 * The database job runner (docs/tracking.md). Claims are short transactions of their own (FOR UPDATE SKIP
 * LOCKED, a lease), the work runs outside any transaction, and its outcome is written only while this
 * worker still holds the lease, so a job whose lease ran out and was taken by another worker is not
 * written twice.
 */
export function jobRunner(options: {
  db: Database;
  now: () => Date;
  worker: string;
  handlers: JobHandler[];
  idleMs?: number;
  onError?: (error: unknown, queue: string) => void;
}): JobRunner {
  const { db, now, worker, handlers } = options;
  let running = false;
  let loops: Promise<void>[] = [];

  async function runQueue(handler: JobHandler): Promise<number> {
    const at = now();
    const jobs = await inTransaction(db, async (client) =>
      (
        await run<JobRow>(
          client,
          claimJobs(handler.queue, worker, at, new Date(at.getTime() + handler.leaseMs), handler.batchSize),
        )
      ).rows.map((j) => ({ ...j, id: Number(j.id), attempts: Number(j.attempts) })),
    );
    if (!jobs.length) return 0;
    let outcomes: JobOutcome[];
    try {
      outcomes = await handler.handle(jobs, at);
    } catch (error) {
      options.onError?.(error, handler.queue);
      const message = error instanceof Error ? error.message : String(error);
      outcomes = jobs.map((j) => ({ id: j.id, next: handler.retryAt(j.attempts, now()), error: message }));
    }
    const again = outcomes.filter((o) => o.next !== null);
    const done = outcomes.filter((o) => o.next === null).map((o) => o.id);
    if (again.length)
      await run(
        db.pool,
        rescheduleJobs(
          worker,
          again.map((o) => ({
            id: o.id,
            runAt: o.next!,
            error: o.error ?? null,
            resetAttempts: o.resetAttempts ?? false,
          })),
        ),
      );
    if (done.length) await run(db.pool, deleteJobs(worker, done));
    return jobs.length;
  }

  async function runOnce(): Promise<number> {
    let total = 0;
    for (const handler of handlers) total += await runQueue(handler);
    return total;
  }

  const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
  // Per queue: a webhook wakes the inbox, not the polls (each wake costs a claim query).
  const sleepers = new Map<string, Set<() => void>>(handlers.map((h) => [h.queue, new Set()]));
  const wakes = new Map<string, number>(handlers.map((h) => [h.queue, 0]));
  const idle = (queue: string) =>
    new Promise<void>((resolve) => {
      const done = () => {
        sleepers.get(queue)!.delete(done);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, options.idleMs ?? 5000);
      timer.unref();
      sleepers.get(queue)!.add(done);
    });

  async function loopOf(handler: JobHandler): Promise<void> {
    while (running) {
      let ran = 0;
      const seen = wakes.get(handler.queue); // a wake while this round ran is not lost: it looks again at once
      try {
        ran = await runQueue(handler);
      } catch (error) {
        options.onError?.(error, handler.queue);
      }
      if (running && !ran && wakes.get(handler.queue) === seen) await idle(handler.queue);
      else if (running && ran && ran < handler.batchSize && handler.gatherMs) await pause(handler.gatherMs);
    }
  }

  return {
    runOnce,
    start() {
      if (running) return;
      running = true;
      loops = handlers.map(loopOf);
    },
    wake(queue) {
      if (!wakes.has(queue)) return;
      wakes.set(queue, wakes.get(queue)! + 1);
      for (const wakeUp of [...sleepers.get(queue)!]) wakeUp();
    },
    async stop() {
      running = false;
      for (const set of sleepers.values()) for (const wakeUp of [...set]) wakeUp();
      await Promise.all(loops);
    },
  };
}
