import type { ReportPage } from '../domain/contracts/reports';
import type { Lang } from '../domain/i18n/lang';
import { reportSource, type ReportSource, type ReportSourceId } from '../domain/reports/report-sources';
import { loadConnection, type Connection } from './connection-store';
import { callServer, ServerCallError } from './server-api';
import { sheetLang } from './sheet-language';
import { text } from './ui-text';
import { finishSheet, ReportCells, writeBlock, writeHeader } from './report-writer';
import { reportText, type ReportTextKey } from './report-text';

const PAGE_ROWS = 10_000;
/** Apps Script stops a run at 6 minutes; the last page (fetch + write) must fit after the check. */
export const RUN_BUDGET_MS = 270_000;
const ROUTE: Record<ReportSourceId, string> = {
  order_lines: '/v1/reports/order-lines',
  stock_value: '/v1/reports/stock-value',
  purchase_spend: '/v1/reports/purchase-spend',
  my_products: '/v1/reports/my-products',
};

/** Where an unfinished refresh stands (document properties), so the next run continues from there. */
type Progress = { index: number; after: string | null; written: number; counts: number[]; savedAt?: number };
/** A refresh left longer than this starts over: the rows it wrote would be mixed with much older ones. */
export const PROGRESS_KEPT_MS = 30 * 60_000;

export type RefreshOutcome = {
  ok: boolean;
  /** False when the run stopped early (time budget or a failure after some pages) and can be continued. */
  complete: boolean;
  message: string;
  rows: Partial<Record<ReportSourceId, number>>;
};

export type RefreshOptions = { now?: () => number; budgetMs?: number };

const progressKey = (ids: readonly ReportSourceId[]) => `crossdock.reports.progress.${ids.join('+')}`;

/** The data sheet of a source, under its English or Chinese name; made in the sheet's language when missing. */
export function dataSheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, source: ReportSource, lang: Lang) {
  return (
    spreadsheet.getSheetByName(source.sheetName.en) ??
    spreadsheet.getSheetByName(source.sheetName.zh) ??
    spreadsheet.insertSheet(source.sheetName[lang])
  );
}

function pagePath(id: ReportSourceId, lang: Lang, after: string | null): string {
  const query = `limit=${PAGE_ROWS}&lang=${lang}` + (after === null ? '' : `&after=${encodeURIComponent(after)}`);
  return `${ROUTE[id]}?${query}`;
}

function refusal(error: ServerCallError, lang: Lang): string {
  return error.status === 403
    ? reportText(lang, 'report_forbidden', { status: error.status })
    : reportText(lang, 'report_refused', { reason: error.message });
}

/**
 * Refreshes the data sheets of `ids` from the server: each source's pages in order by cursor, each page
 * written as one block right after the previous one, the rows past the new end removed after the last
 * page. Nothing is written before the first page has arrived, so a refusal (403, 401, network) changes no
 * sheet. A run that would pass its time budget stops between pages and leaves where it stands in the
 * document properties; the next run continues there.
 */
export function refreshReportSources(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  ids: readonly ReportSourceId[],
  menu: ReportTextKey,
  options: RefreshOptions = {},
): RefreshOutcome {
  const lang = sheetLang(spreadsheet);
  const state = loadConnection(spreadsheet.getId());
  if (state.kind !== 'connected') return { ok: false, complete: false, message: text(lang, 'not_connected'), rows: {} };
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(0)) return { ok: false, complete: false, message: reportText(lang, 'report_busy'), rows: {} };
  try {
    return runRefresh(spreadsheet, state.connection, lang, ids, menu, options);
  } finally {
    lock.releaseLock();
  }
}

function runRefresh(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  connection: Connection,
  lang: Lang,
  ids: readonly ReportSourceId[],
  menu: ReportTextKey,
  options: RefreshOptions,
): RefreshOutcome {
  const now = options.now ?? (() => Date.now());
  const budget = options.budgetMs ?? RUN_BUDGET_MS;
  const started = now();
  const properties = PropertiesService.getDocumentProperties();
  const key = progressKey(ids);
  const saved = properties.getProperty(key);
  const fresh: Progress = { index: 0, after: null, written: 0, counts: [] };
  const kept = saved ? (JSON.parse(saved) as Progress) : null;
  const progress = kept && started - (kept.savedAt ?? 0) <= PROGRESS_KEPT_MS ? kept : fresh;
  const keep = () => properties.setProperty(key, JSON.stringify({ ...progress, savedAt: now() }));
  const cells = new ReportCells(spreadsheet.getSpreadsheetTimeZone());
  const rows = () => Object.fromEntries(progress.counts.map((count, i) => [ids[i]!, count]));
  const total = () => progress.counts.reduce((sum, n) => sum + n, 0) + progress.written;
  const menuName = reportText(lang, menu);
  let fetchedThisRun = 0;

  while (progress.index < ids.length) {
    const source = reportSource(ids[progress.index]!);
    if (fetchedThisRun > 0 && now() - started > budget) {
      keep();
      return {
        ok: true,
        complete: false,
        message: reportText(lang, 'report_paused', { rows: total(), menu: menuName }),
        rows: rows(),
      };
    }
    let page: ReportPage;
    try {
      page = callServer<ReportPage>(connection, lang, 'get', pagePath(source.id, lang, progress.after));
    } catch (error) {
      if (!(error instanceof ServerCallError)) throw error;
      const untouched = total() === 0 && progress.index === 0 && progress.after === null;
      if (untouched) return { ok: false, complete: false, message: refusal(error, lang), rows: {} };
      keep();
      const reason = error.status === 403 ? refusal(error, lang) : error.message;
      return {
        ok: false,
        complete: false,
        message: reportText(lang, 'report_stopped', { rows: total(), reason, menu: menuName }),
        rows: rows(),
      };
    }
    fetchedThisRun += 1;
    const sheet = dataSheet(spreadsheet, source, lang);
    if (progress.after === null) writeHeader(sheet, source, lang);
    writeBlock(sheet, progress.written, cells.rows(source, page), source.columns.length);
    progress.written += page.rows.length;
    progress.after = page.next;
    if (page.next === null) {
      finishSheet(sheet, source, progress.written);
      progress.counts.push(progress.written);
      progress.index += 1;
      progress.written = 0;
    }
  }
  properties.deleteProperty(key);
  const summary = ids
    .map((id, i) =>
      reportText(lang, 'report_rows', { sheet: reportSource(id).sheetName[lang], rows: progress.counts[i]! }),
    )
    .join(lang === 'zh' ? '，' : ', ');
  return { ok: true, complete: true, message: reportText(lang, 'report_done', { summary }), rows: rows() };
}
