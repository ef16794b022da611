import type { Logger } from '../logger';
import { run, type Database } from './database';
import { sql, type SqlQuery } from './sql-query';

/**
 * Pushes and commands keep their first answer so a retry gets it again (docs/sync-model.md: once per key). A retry
 * comes within minutes, not months, while a team syncing every few minutes stores thousands of answers a
 * day, so answers older than the retention go:
 * - a push's record is deleted: an old push sent again is applied as a new one, which is safe, because
 *   every row carries its base version (a stale row conflicts) and a count its base;
 * - a command keeps its key and request hash (a few dozen bytes) and loses only its answer: sent again,
 *   it is refused as expired rather than run twice (a receipt carries no base to protect it).
 */
export function deleteReplayRecords(before: Date): SqlQuery[] {
  return [
    sql(`DELETE FROM sync_mutations WHERE created_at < $1`, [before]),
    sql(`UPDATE command_results SET response = NULL WHERE created_at < $1 AND response IS NOT NULL`, [before]),
  ];
}

export async function pruneReplayRecords(
  db: Database,
  before: Date,
): Promise<{ pushes: number; commands: number; jobRuns: number }> {
  const [pushes, commands] = deleteReplayRecords(before);
  const a = await run(db.pool, pushes!);
  const b = await run(db.pool, commands!);
  // Job runs (docs/dispatch.md) are a health record, one per sync of each person: kept as long as replays.
  const c = await run(db.pool, sql(`DELETE FROM job_runs WHERE started_at < $1`, [before]));
  return { pushes: a.rowCount ?? 0, commands: b.rowCount ?? 0, jobRuns: c.rowCount ?? 0 };
}

const EVERY_MS = 6 * 60 * 60 * 1000;

/** Prunes now and every six hours while the server runs; the timer never keeps the process alive. */
export function scheduleReplayRetention(
  db: Database,
  days: number,
  logger: Logger,
  now: () => Date = () => new Date(),
): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const prune = async () => {
    try {
      const deleted = await pruneReplayRecords(db, new Date(now().getTime() - days * 86_400_000));
      if (deleted.pushes || deleted.commands || deleted.jobRuns)
        logger.info({ ...deleted, olderThanDays: days }, 'old replay records deleted');
    } catch (error) {
      if (!stopped) logger.warn({ err: error }, 'pruning replay records failed; will try again');
    }
  };
  const start = () => {
    if (!stopped) running = running.then(prune);
  };
  start();
  const timer = setInterval(start, EVERY_MS);
  timer.unref();
  // Stopping waits for a prune under way, so the database is not closed beneath it.
  return {
    stop: () => {
      stopped = true;
      clearInterval(timer);
      return running;
    },
  };
}
