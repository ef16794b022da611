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
  /** When a handler throws: when to try its jobs again (attempt count given). */
  retryAt(attempts: number, at: Date): Date;
};

export type JobRunner = {
  /** Claims and runs due jobs of every queue once; the number of jobs it ran. */
  runOnce(): Promise<number>;
  /** Runs until stopped: again at once after work, after `idleMs` when nothing was due. */
  start(): void;
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
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;

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

  return {
    runOnce,
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          let ran = 0;
          try {
            ran = await runOnce();
          } catch (error) {
            options.onError?.(error, '*');
          }
          if (!running) break;
          if (!ran)
            await new Promise<void>((resolve) => {
              wake = resolve;
              setTimeout(resolve, options.idleMs ?? 5000).unref();
            });
        }
      })();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
