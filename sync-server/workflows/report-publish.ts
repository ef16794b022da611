import { run, type Database } from '../db/database';
import type { JobHandler, JobOutcome } from '../jobs/job-runner';
import { upsertJobs, type JobRow } from '../jobs/job-sql';
import type { Logger } from '../logger';
import type { ReportsPublisherConfig } from '../config';
import { recordedJob } from '../dispatch/job-runs';
import {
  API_CALLS_PER_REFRESH,
  publishReports,
  type PublishResult,
  type ReadReportPage,
} from '../reports/report-publisher';
import { readServiceAccountKey, serviceAccountSheets } from '../reports/sheets-client';

/**
 * The publisher's schedule (docs/reports.md, "The publisher"): one job per workspace and spreadsheet in the
 * database job queue, due at the configured time of day (UTC). Whichever server process claims it
 * publishes; the run is logged with its counts and duration, and the job moves to the next day. A failed
 * run is logged and tried again later that night, never in a tight loop.
 */
export const REPORT_PUBLISH_QUEUE = 'reports:publish';

/** The next `HH:MM` (UTC) strictly after `now`. */
export function nextPublishAt(now: Date, at: string): Date {
  const [hours, minutes] = at.split(':').map(Number);
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hours, minutes));
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

export type PublishJob = { workspaceId: string; spreadsheetId: string };

/** Puts the job in the queue at the next publishing time (an earlier time already queued is kept). */
export async function scheduleReportPublish(db: Database, job: PublishJob, now: Date, at: string): Promise<void> {
  await run(
    db.pool,
    upsertJobs(
      [
        {
          queue: REPORT_PUBLISH_QUEUE,
          key: `${job.workspaceId}/${job.spreadsheetId}`,
          payload: job,
          runAt: nextPublishAt(now, at),
        },
      ],
      now,
    ),
  );
}

const MINUTE = 60_000;

/** Each refresh, by schedule or by hand, as a job run the dispatch center shows (docs/dispatch.md). */
export function recordedPublish(
  db: Database,
  now: () => Date,
  publish: (job: PublishJob) => Promise<PublishResult>,
): (job: PublishJob) => Promise<PublishResult> {
  return (job) =>
    recordedJob(
      db.pool,
      { workspaceId: job.workspaceId, kind: 'publish', actor: 'publisher', now },
      () => publish(job),
      (result) => ({
        counts: { ...result.rows, pivots: result.pivots, apiCalls: result.apiCalls },
        // Requests sent again after Google asked to wait.
        throttled: result.apiCalls - API_CALLS_PER_REFRESH,
      }),
    );
}

export function reportPublishHandler(options: {
  publish: (job: PublishJob) => Promise<PublishResult>;
  now: () => Date;
  at: string;
  logger: Logger;
}): JobHandler {
  const { publish, now, at, logger } = options;
  return {
    queue: REPORT_PUBLISH_QUEUE,
    batchSize: 1,
    // A refresh of a large workspace reads and sends for minutes, not hours.
    leaseMs: 60 * MINUTE,
    retryAt: (attempts, from) => new Date(from.getTime() + Math.min(attempts * 15 * MINUTE, 6 * 60 * MINUTE)),
    async handle(jobs: JobRow[]): Promise<JobOutcome[]> {
      const outcomes: JobOutcome[] = [];
      for (const job of jobs) {
        const target = job.payload as unknown as PublishJob;
        try {
          const result = await publish(target);
          logger.info({ workspace: target.workspaceId, ...result }, 'reports published');
          outcomes.push({ id: job.id, next: nextPublishAt(now(), at), resetAttempts: true });
        } catch (error) {
          const message = (error as Error).message;
          logger.warn(
            { workspace: target.workspaceId, attempts: job.attempts, error: message },
            'publishing reports failed',
          );
          outcomes.push({ id: job.id, next: retryOrTomorrow(job.attempts, now(), at), error: message });
        }
      }
      return outcomes;
    },
  };
}

/** Again in 15, 30, 45 … minutes, but never past the next regular run. */
function retryOrTomorrow(attempts: number, now: Date, at: string): Date {
  const retry = new Date(now.getTime() + Math.min(attempts, 24) * 15 * MINUTE);
  const regular = nextPublishAt(now, at);
  return retry < regular ? retry : regular;
}

/**
 * The publisher as the server runs it, from its settings (CROSSDOCK_REPORTS_*): the key file is read and
 * checked now, so a wrong path or a file that is not a service-account key stops the start with its name.
 */
export function reportPublishing(options: {
  config: ReportsPublisherConfig;
  db: Database;
  logger: Logger;
  now: () => Date;
  readPage: ReadReportPage;
}): { handler: JobHandler; schedule(): Promise<void>; publishNow(): Promise<PublishResult> } {
  const { config, db, logger, now, readPage } = options;
  const key = readServiceAccountKey(config.keyFile);
  const publish = recordedPublish(db, now, (job: PublishJob) => publishOnce(job));
  const publishOnce = (job: PublishJob) =>
    publishReports(
      {
        db,
        sheets: serviceAccountSheets(key, config.apiUrl),
        readPage,
        now,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        onRetry: (waitMs, status) => logger.info({ waitMs, status }, 'Sheets API asked to wait; retrying'),
      },
      { ...job, lang: config.lang },
    );
  const job = { workspaceId: config.workspaceId, spreadsheetId: config.spreadsheetId };
  return {
    handler: reportPublishHandler({ publish, now, at: config.at, logger }),
    schedule: () => scheduleReportPublish(db, job, now(), config.at),
    publishNow: () => publish(job),
  };
}
