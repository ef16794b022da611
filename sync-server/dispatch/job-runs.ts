import { DomainError } from '../../domain/domain-error';
import { run, type Queryable } from '../db/database';
import { sql, type SqlQuery } from '../db/sql-query';

export const JOB_KINDS = ['sync_push', 'sync_pull', 'import', 'tracking_poll', 'publish'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** What a run did: counts by name, failed items, answers of 429 (throttled) from a partner. */
export type JobOutcome = { counts: Record<string, number>; errors?: number; throttled?: number };

export type JobRun = {
  workspaceId: string | null;
  kind: JobKind;
  actor: string;
  startedAt: Date;
  durationMs: number;
  ok: boolean;
  outcome: JobOutcome;
  error: string | null;
};

export function insertJobRun(r: JobRun): SqlQuery {
  return sql(
    `INSERT INTO job_runs (workspace_id, kind, actor, started_at, duration_ms, ok, counts, errors, throttled, error)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      r.workspaceId,
      r.kind,
      r.actor,
      r.startedAt,
      Math.max(0, Math.round(r.durationMs)),
      r.ok,
      JSON.stringify(r.outcome.counts),
      r.outcome.errors ?? 0,
      r.outcome.throttled ?? 0,
      r.error,
    ],
  );
}

/**
 * What a failed run shows: a refusal's own text (it is written for the person who sent it), otherwise only
 * the kind of failure: an unexpected error's message may carry data or secrets, and the server log has it.
 */
export function runError(error: unknown): string {
  if (error instanceof DomainError) return `${error.code}: ${error.message}`.slice(0, 500);
  return `internal error (${error instanceof Error ? error.name : typeof error}); see the server log`;
}

/**
 * Runs `work` and records its run beside it, failed or not; the record is its own statement after the
 * work's transaction, so a failed run is kept (and a failure to record never fails the work).
 */
export async function recordedJob<T>(
  client: Queryable,
  job: { workspaceId: string | null; kind: JobKind; actor: string; now: () => Date },
  work: () => Promise<T>,
  outcome: (result: T) => JobOutcome,
): Promise<T> {
  const startedAt = job.now();
  const started = performance.now();
  const record = async (ok: boolean, o: JobOutcome, error: string | null) => {
    const durationMs = performance.now() - started;
    await run(client, insertJobRun({ ...job, startedAt, durationMs, ok, outcome: o, error })).catch(() => undefined);
  };
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await record(false, { counts: {}, errors: 1 }, runError(error));
    throw error;
  }
  await record(true, outcome(result), null);
  return result;
}

/** Each kind's recent runs: how many, how many failed, their errors and 429s, their time, and the last failure. */
export function selectJobHealth(workspaceId: string, since: Date): SqlQuery {
  return sql(
    `SELECT kind, count(*)::int AS runs, count(*) FILTER (WHERE NOT ok)::int AS failed,
            coalesce(sum(errors), 0)::int AS errors, coalesce(sum(throttled), 0)::int AS throttled,
            coalesce(avg(duration_ms), 0)::int AS avg_ms, coalesce(max(duration_ms), 0)::int AS max_ms,
            max(started_at) AS last_at,
            (array_agg(ok ORDER BY started_at DESC, id DESC))[1] AS last_ok,
            (array_agg(error ORDER BY started_at DESC, id DESC) FILTER (WHERE NOT ok))[1] AS last_error
       FROM job_runs
      WHERE (workspace_id = $1 OR workspace_id IS NULL) AND started_at >= $2
      GROUP BY kind ORDER BY kind`,
    [workspaceId, since],
  );
}

/** The latest runs, newest first; only failed ones when asked. */
export function selectJobRuns(workspaceId: string, limit: number, failedOnly: boolean): SqlQuery {
  return sql(
    `SELECT id, kind, actor, started_at, duration_ms, ok, counts, errors, throttled, error
       FROM job_runs
      WHERE (workspace_id = $1 OR workspace_id IS NULL) AND ($3::boolean IS FALSE OR NOT ok)
      ORDER BY started_at DESC, id DESC LIMIT $2`,
    [workspaceId, limit, failedOnly],
  );
}
