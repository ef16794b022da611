import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../sync-server/db/database';
import { jobRunner } from '../../sync-server/jobs/job-runner';
import { createLogger } from '../../sync-server/logger';
import { API_CALLS_PER_REFRESH, publishReports } from '../../sync-server/reports/report-publisher';
import { readServiceAccountKey, serviceAccountSheets } from '../../sync-server/reports/sheets-client';
import {
  nextPublishAt,
  REPORT_PUBLISH_QUEUE,
  recordedPublish,
  reportPublishHandler,
  scheduleReportPublish,
} from '../../sync-server/workflows/report-publish';
import { startSheetsApiFake, SPREADSHEET_ID, type SheetsApiFake } from '../fakes/sheets-api-fake';
import { tempDir } from '../support/cleanup';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases';
import { standInReportReads } from '../support/report-reads-stand-in';

test('the next run is the configured time of day (UTC), strictly later', () => {
  expect(nextPublishAt(new Date('2026-11-30T01:59:59Z'), '02:00').toISOString()).toBe('2026-11-30T02:00:00.000Z');
  expect(nextPublishAt(new Date('2026-11-30T02:00:00Z'), '02:00').toISOString()).toBe('2026-12-01T02:00:00.000Z');
  expect(nextPublishAt(new Date('2026-12-31T23:30:00Z'), '23:15').toISOString()).toBe('2027-01-01T23:15:00.000Z');
});

/** The nightly refresh as a database job: due at its time, run once by whoever claims it, logged, moved on. */
describe.each(DATABASE_KINDS)('the publisher on its schedule, on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let google: SheetsApiFake;
  let clock = Date.parse('2026-11-30T01:00:00Z');
  const logs: Record<string, unknown>[] = [];

  beforeAll(async () => {
    ({ db, dispose } = await openTestDatabase(kind));
    // Job runs belong to a workspace.
    await db.query({ text: `INSERT INTO workspaces (id, name) VALUES ('ws_test', 'Test shop')`, values: [] });
    google = await startSheetsApiFake();
  });
  afterAll(async () => {
    await google?.close();
    await dispose?.();
  });

  test('runs at 02:00, logs the counts and the duration, then waits for the next night; a failure retries soon', async () => {
    const keyFile = path.join(tempDir('publisher-key'), 'key.json');
    fs.writeFileSync(keyFile, JSON.stringify(google.keyFile));
    const now = () => new Date(clock);
    const logger = createLogger('info', { write: (line: string) => logs.push(JSON.parse(line)) });
    const handler = reportPublishHandler({
      now,
      at: '02:00',
      logger,
      publish: recordedPublish(db, now, (job) =>
        publishReports(
          {
            db,
            sheets: serviceAccountSheets(readServiceAccountKey(keyFile), google.rootUrl),
            readPage: standInReportReads({ order_lines: 12, stock_value: 4, purchase_spend: 3 }),
            now,
            sleep: async (ms) => void (clock += ms),
          },
          { ...job, lang: 'en' },
        ),
      ),
    });
    const runner = jobRunner({ db, now, worker: 'test', handlers: [handler] });
    const job = { workspaceId: 'ws_test', spreadsheetId: SPREADSHEET_ID };
    await scheduleReportPublish(db, job, now(), '02:00');
    await scheduleReportPublish(db, job, now(), '02:00'); // a restart queues no second job

    clock = Date.parse('2026-11-30T01:59:00Z');
    expect(await runner.runOnce()).toBe(0);
    expect(google.calls).toHaveLength(0);

    clock = Date.parse('2026-11-30T02:00:00Z');
    expect(await runner.runOnce()).toBe(1);
    expect(google.calls).toHaveLength(API_CALLS_PER_REFRESH);
    expect(logs.find((l) => l.msg === 'reports published')).toMatchObject({
      workspace: 'ws_test',
      rows: { order_lines: 12, stock_value: 4, purchase_spend: 3 },
      pivots: 8,
      apiCalls: API_CALLS_PER_REFRESH,
      durationMs: expect.any(Number),
    });
    const queued = async () =>
      (await db.query({ text: `SELECT run_at, last_error FROM jobs WHERE queue = $1`, values: [REPORT_PUBLISH_QUEUE] }))
        .rows;
    expect(await queued()).toEqual([{ run_at: new Date('2026-12-01T02:00:00Z'), last_error: null }]);

    clock = Date.parse('2026-12-01T02:00:00Z');
    google.failNext(403, {});
    expect(await runner.runOnce()).toBe(1);
    expect(logs.find((l) => l.msg === 'publishing reports failed')).toMatchObject({ workspace: 'ws_test' });
    const retry = (await queued())[0]!;
    expect(retry.run_at).toEqual(new Date('2026-12-01T02:15:00Z'));
    expect(retry.last_error).toContain('Quota exceeded');
    // Both runs are in the dispatch center's job runs, the failed one with its error.
    const runs = await db.query({
      text: `SELECT ok, counts, error FROM job_runs WHERE kind = 'publish' AND workspace_id = 'ws_test' ORDER BY id`,
      values: [],
    });
    expect(runs.rows).toEqual([
      { ok: true, counts: { order_lines: 12, stock_value: 4, purchase_spend: 3, pivots: 8, apiCalls: 3 }, error: null },
      { ok: false, counts: {}, error: expect.stringContaining('internal error') },
    ]);
    // Nothing secret in the log lines: no key, no token.
    expect(JSON.stringify(logs)).not.toMatch(/PRIVATE KEY|ya29\./);
  });
});
