import { sql, type SqlQuery } from '../db/sql-query';

/** SQL for the database job queue (docs/tracking.md), as small pure builders (pg-boss's way). */

export type JobRow = {
  id: number;
  queue: string;
  key: string;
  payload: Record<string, unknown>;
  run_at: Date;
  attempts: number;
};

/** Adds jobs, or moves an existing one (same queue and key) to the earlier of the two times. */
export function upsertJobs(rows: { queue: string; key: string; payload: unknown; runAt: Date }[], at: Date): SqlQuery {
  return sql(
    `INSERT INTO jobs (queue, key, payload, run_at, created_at)
     SELECT r.queue, r.key, r.payload, r.run_at, $2 FROM json_to_recordset($1::json) AS r(queue text, key text, payload jsonb, run_at timestamptz)
     ON CONFLICT (queue, key) DO UPDATE SET payload = excluded.payload, run_at = least(jobs.run_at, excluded.run_at)`,
    [
      JSON.stringify(
        rows.map((r) => ({ queue: r.queue, key: r.key, payload: r.payload, run_at: r.runAt.toISOString() })),
      ),
      at,
    ],
  );
}

/**
 * Claims up to `limit` due jobs of a queue for `worker` until `leaseUntil`: rows another worker holds are
 * skipped (SKIP LOCKED), and a lease that ran out (its process died) makes a job due again.
 */
export function claimJobs(queue: string, worker: string, at: Date, leaseUntil: Date, limit: number): SqlQuery {
  return sql(
    `UPDATE jobs SET locked_by = $2, locked_until = $4, attempts = attempts + 1
      WHERE id IN (SELECT id FROM jobs
                    WHERE queue = $1 AND run_at <= $3 AND (locked_until IS NULL OR locked_until < $3)
                    ORDER BY run_at, id LIMIT $5 FOR UPDATE SKIP LOCKED)
     RETURNING id, queue, key, payload, run_at, attempts`,
    [queue, worker, at, leaseUntil, limit],
  );
}

/** Sets when claimed jobs run again and lets them go (only while `worker` still holds them). */
export function rescheduleJobs(
  worker: string,
  rows: { id: number; runAt: Date; error: string | null; resetAttempts: boolean }[],
): SqlQuery {
  return sql(
    `UPDATE jobs j SET run_at = r.run_at, locked_by = NULL, locked_until = NULL, last_error = r.error,
            attempts = CASE WHEN r.reset THEN 0 ELSE j.attempts END
       FROM json_to_recordset($2::json) AS r(id bigint, run_at timestamptz, error text, reset boolean)
      WHERE j.id = r.id AND j.locked_by = $1`,
    [
      worker,
      JSON.stringify(
        rows.map((r) => ({ id: r.id, run_at: r.runAt.toISOString(), error: r.error, reset: r.resetAttempts })),
      ),
    ],
  );
}

export function deleteJobs(worker: string, ids: number[]): SqlQuery {
  return sql(`DELETE FROM jobs WHERE id = ANY($2::bigint[]) AND locked_by = $1`, [worker, ids]);
}

/**
 * Takes the next request slot of a provider, shared by every server process: the slot is the later of
 * now and the provider's next free time; the next free time moves one interval on. Returns when the caller
 * may send (it waits until then). A pause (a spent daily quota) moves the slot past it.
 */
export function takeProviderSlot(provider: string, at: Date, intervalMs: number): SqlQuery {
  // It also counts the day's calls (UTC): the providers health check compares them with an allowance.
  return sql(
    `INSERT INTO provider_slots (provider, next_at, calls_day, calls_today)
     VALUES ($1, $2::timestamptz + make_interval(secs => $3::float8 / 1000), $4::date, 1)
     ON CONFLICT (provider) DO UPDATE
        SET next_at = greatest(provider_slots.next_at, $2, coalesce(provider_slots.paused_until, $2))
                      + make_interval(secs => $3::float8 / 1000),
            calls_today = CASE WHEN provider_slots.calls_day = $4::date THEN provider_slots.calls_today + 1 ELSE 1 END,
            calls_day = $4::date
     RETURNING next_at - make_interval(secs => $3::float8 / 1000) AS slot_at, calls_today`,
    [provider, at, intervalMs, at.toISOString().slice(0, 10)],
  );
}

export function pauseProvider(provider: string, until: Date): SqlQuery {
  return sql(
    `INSERT INTO provider_slots (provider, next_at, paused_until) VALUES ($1, $2, $2)
     ON CONFLICT (provider) DO UPDATE SET paused_until = greatest(coalesce(provider_slots.paused_until, $2), $2)`,
    [provider, until],
  );
}
