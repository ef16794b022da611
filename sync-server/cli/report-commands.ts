import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '../../domain/domain-error';
import { loadConfig } from '../config';
import type { Database } from '../db/database';
import { runDemoMonth } from '../demo/demo-month';
import { readReportPage } from '../reports/report-reads';
import { PublisherSetupError } from '../reports/sheets-client';
import { reportPublishing } from '../workflows/report-publish';
import { writeWorkbook } from '../workflows/workbook-export';
import { createLogger } from '../logger';
import { REPORT_USAGE } from './report-usage';

type Out = { log(line: string): void };
type Helpers = {
  open(): Promise<Database>;
  workspace(db: Database, given: string | undefined): Promise<string>;
};

/** `export`, `demo`, `reports publish`: each opens the database itself, like the other admin commands. */
export async function runReportCommand(
  argv: { group: string; action?: string; opts: Record<string, string | boolean | undefined> },
  env: NodeJS.ProcessEnv,
  out: Out,
  helpers: Helpers,
): Promise<number> {
  const { group, action, opts } = argv;
  const lang = opts.lang === 'zh' ? 'zh' : 'en';
  if (group === 'export' && (!action || !/\.xlsx$/i.test(action)))
    throw new DomainError('usage', `Name the workbook to write, ending in .xlsx.\n\n${REPORT_USAGE}`);
  if (group === 'reports' && action !== 'publish') throw new DomainError('usage', REPORT_USAGE);
  // Settings first: a half-set publisher is named before the database is opened.
  const reports =
    group === 'reports' ? loadConfig(env, process.cwd(), path.resolve(__dirname, '..', '..')).reports : undefined;
  if (group === 'reports' && !reports)
    throw new DomainError(
      'usage',
      'The publisher is off: set CROSSDOCK_REPORTS_KEY_FILE, CROSSDOCK_REPORTS_SPREADSHEET_ID and CROSSDOCK_REPORTS_WORKSPACE (README: "Reports for the boss").',
    );
  const db = await helpers.open();
  try {
    if (group === 'demo') {
      const demo = await runDemoMonth(db, { today: new Date(), log: (line) => out.log(line) });
      out.log(
        `demo workspace ${demo.workspaceId}: ${demo.orders} orders ${demo.from} to ${demo.to}, ${demo.shipments} parcels (${demo.shipped} shipped), ${demo.purchaseOrders} POs`,
      );
      out.log(`Admin key of the demo workspace (shown once): ${demo.adminKey}`);
      return 0;
    }
    if (group === 'export') {
      const workspaceId = await helpers.workspace(db, opts.workspace as string | undefined);
      const file = path.resolve(action!);
      const stream = fs.createWriteStream(file);
      const closed = new Promise<void>((resolve, reject) => {
        stream.on('close', () => resolve());
        stream.on('error', reject);
      });
      const result = await writeWorkbook(
        stream,
        { db, readPage: readReportPage, now: () => new Date() },
        { workspaceId, lang },
      );
      await closed;
      for (const sheet of result.sheets) out.log(`${sheet.name}\t${sheet.rows} rows`);
      out.log(`wrote ${file}`);
      return 0;
    }
    const publishing = reportPublishing({
      config: reports!,
      db,
      logger: createLogger('silent'),
      now: () => new Date(),
      readPage: readReportPage,
    });
    const result = await publishing.publishNow();
    out.log(
      `published ${Object.entries(result.rows)
        .map(([source, n]) => `${source} ${n} rows`)
        .join(', ')}, ${result.pivots} pivots, ${result.apiCalls} API calls, ${result.durationMs} ms`,
    );
    return 0;
  } catch (error) {
    if (error instanceof PublisherSetupError) throw new DomainError('usage', error.message);
    throw error;
  } finally {
    await db.close();
  }
}
