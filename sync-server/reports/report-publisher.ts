import type { sheets_v4 } from '@googleapis/sheets';
import type { ReportPage } from '../../domain/contracts/reports';
import type { Lang } from '../../domain/i18n/lang';
import { PIVOT_SPECS } from '../../domain/reports/pivot-specs';
import { reportSource, type ReportSource, type ReportSourceId } from '../../domain/reports/report-sources';
import type { Database } from '../db/database';
import { withBackoff } from './api-backoff';
import { dataSheetRequests, dataValueRange } from './data-sheet-requests';
import { pivotRequest } from './pivot-requests';

/** The report reads' signature (sync-server/reports/report-reads.ts). */
export type ReadReportPage = (
  db: Database,
  workspaceId: string,
  source: ReportSourceId,
  page: { after?: string; limit: number; lang: Lang; owner?: string | null; now?: Date },
) => Promise<ReportPage>;

export type PublishTarget = { spreadsheetId: string; workspaceId: string; lang: Lang };

export type PublishDeps = {
  db: Database;
  sheets: sheets_v4.Sheets;
  readPage: ReadReportPage;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  onRetry?: (waitMs: number, status: number) => void;
};

export type PublishResult = {
  rows: Partial<Record<ReportSourceId, number>>;
  pivots: number;
  sheetsAdded: number;
  /** API requests sent, retries included (without retries: always API_CALLS_PER_REFRESH). */
  apiCalls: number;
  durationMs: number;
};

/** One `spreadsheets.get`, one `spreadsheets.batchUpdate`, one `spreadsheets.values.batchUpdate`. */
export const API_CALLS_PER_REFRESH = 3;

const PAGE_ROWS = 10_000;

/** The sources the pivots read, in the order of PIVOT_SPECS (My products is per person: not published). */
export const PUBLISHED_SOURCES: readonly ReportSource[] = [...new Set(PIVOT_SPECS.map((s) => s.source))].map(
  reportSource,
);

/**
 * Refreshes the boss's spreadsheet (docs/reports.md, "The publisher"): every data sheet is rewritten
 * whole and every pivot of PIVOT_SPECS is written at A1 of its own sheet, in three API calls whatever the
 * number of rows. All data is read before the first call, so a failed read changes nothing in the sheet.
 * Sheets and pivots it did not make are never touched.
 */
export async function publishReports(deps: PublishDeps, target: PublishTarget): Promise<PublishResult> {
  const started = deps.now().getTime();
  const { lang, spreadsheetId } = target;
  const data = new Map<ReportSourceId, ReportPage['rows']>();
  for (const source of PUBLISHED_SOURCES) data.set(source.id, await readAll(deps, target, source));

  let apiCalls = 0;
  const call = <T>(send: () => Promise<T>) =>
    withBackoff(send, { sleep: deps.sleep, now: deps.now, onRetry: deps.onRetry, onAttempt: () => apiCalls++ });

  const existing = await call(() =>
    deps.sheets.spreadsheets.get({ spreadsheetId, fields: 'sheets.properties(sheetId,title)' }),
  );
  const ids = new Map<string, number>();
  for (const sheet of existing.data.sheets ?? [])
    if (sheet.properties?.title != null) ids.set(sheet.properties.title, sheet.properties.sheetId ?? 0);
  const taken = new Set(ids.values());
  const requests: sheets_v4.Schema$Request[] = [];
  const sheetIdOf = (title: string): number => {
    const known = ids.get(title);
    if (known !== undefined) return known;
    // Ids are ours to pick, so the same batch can format and fill a sheet it adds.
    let id = 0x43_0000 + ids.size;
    while (taken.has(id)) id++;
    taken.add(id);
    ids.set(title, id);
    requests.push({ addSheet: { properties: { sheetId: id, title } } });
    return id;
  };

  const valueRanges: sheets_v4.Schema$ValueRange[] = [];
  const dataSheetIds = new Map<ReportSourceId, number>();
  for (const source of PUBLISHED_SOURCES) {
    const title = source.sheetName[lang];
    const id = sheetIdOf(title);
    const rows = data.get(source.id)!;
    dataSheetIds.set(source.id, id);
    requests.push(...dataSheetRequests(id, source, rows.length));
    valueRanges.push(dataValueRange(title, source, rows, lang));
  }
  for (const spec of PIVOT_SPECS)
    requests.push(pivotRequest(spec, sheetIdOf(spec.title[lang]), dataSheetIds.get(spec.source)!, lang));
  const sheetsAdded = requests.filter((r) => r.addSheet).length;
  // Adds, sizes and formats sheets and writes the pivots; all of it applies, or none (one batchUpdate).
  await call(() => deps.sheets.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests } }));
  await call(() =>
    deps.sheets.spreadsheets.values.batchUpdate({
      spreadsheetId,
      requestBody: { valueInputOption: 'RAW', data: valueRanges },
    }),
  );
  return {
    rows: Object.fromEntries([...data].map(([id, rows]) => [id, rows.length])),
    pivots: PIVOT_SPECS.length,
    sheetsAdded,
    apiCalls,
    durationMs: deps.now().getTime() - started,
  };
}

/** Every row of a source in the source's column order (the page names its columns). */
async function readAll(deps: PublishDeps, target: PublishTarget, source: ReportSource): Promise<ReportPage['rows']> {
  const rows: ReportPage['rows'] = [];
  let after: string | undefined;
  do {
    const page = await deps.readPage(deps.db, target.workspaceId, source.id, {
      after,
      limit: PAGE_ROWS,
      lang: target.lang,
    });
    const order = source.columns.map((column, index) => {
      const at = page.columns.findIndex((name) => name === column.key || name === column.header[target.lang]);
      return at < 0 ? index : at;
    });
    for (const row of page.rows) rows.push(order.map((at) => row[at] ?? null));
    after = page.next ?? undefined;
  } while (after);
  return rows;
}
