/// <reference types="google-apps-script" />
import { refreshReportSources } from '../addon/report-refresh';
import { ReportCells } from '../addon/report-writer';
import type { ReportPage } from '../domain/contracts/reports';
import { buildReports } from '../addon/report-pivots';
import { ORDER_LINE_REPORT } from '../domain/reports/report-sources';
import { createAppsScriptGlobals, type AppsScriptEnvironment } from '../test/fakes/apps-script-globals';
import { startReportPageServer } from '../test/support/report-page-server';
import { connectTo } from '../test/support/report-pages';
import { printTable, runBench } from './bench-report';

/**
 * "Refresh report data" of 100,000 order lines (DESIGN 3.8, docs/reports.md): UrlFetch calls and the
 * add-on side's time (the run's wall time minus the time inside UrlFetch), the add-on's real modules
 * against the Apps Script fakes. The server is a stand-in answering prepared contract pages (10,000 rows
 * each) from a worker thread, so the number is the add-on's own work: turning pages into cells and writing
 * them. The fakes are not Google's servers: Apps Script's own cost per setValues is not in this number.
 */
const ROWS = Number(process.env.BENCH_REPORT_ROWS ?? 100_000);

function timeFetches(env: AppsScriptEnvironment) {
  const original = env.urlFetch.fetch.bind(env.urlFetch);
  let ms = 0;
  let calls = 0;
  env.urlFetch.fetch = (url, params) => {
    const start = process.hrtime.bigint();
    try {
      return original(url, params);
    } finally {
      ms += Number(process.hrtime.bigint() - start) / 1e6;
      calls += 1;
    }
  };
  return { ms: () => ms, calls: () => calls };
}

async function main(): Promise<void> {
  const columns = ORDER_LINE_REPORT.columns.map((c) => c.key);
  const stub = await startReportPageServer({
    '/v1/reports/order-lines': { generate: 'order_lines', rows: ROWS, pageSize: 10_000, columns },
  });
  try {
    const env = createAppsScriptGlobals({ userEmail: 'boss@shop.test', timeZone: 'Asia/Shanghai' });
    connectTo(env, stub.url);
    Object.assign(globalThis, env.globals);
    const spreadsheet = env.spreadsheet.asSpreadsheet();
    const fetches = timeFetches(env);
    const rows: string[] = [];
    const measure = (label: string, work: () => object) => {
      const [ms0, calls0] = [fetches.ms(), fetches.calls()];
      env.spreadsheet.resetStats();
      const start = process.hrtime.bigint();
      const outcome = work();
      env.endExecution();
      const wall = Number(process.hrtime.bigint() - start) / 1e6;
      const inFetch = fetches.ms() - ms0;
      const writes = env.spreadsheet.stats.totalWrites();
      const oneRun = 'complete' in outcome && outcome.complete === false ? 'no (resumes)' : 'yes';
      const cells = [label, fetches.calls() - calls0, inFetch.toFixed(0), (wall - inFetch).toFixed(0), writes, oneRun];
      rows.push(`| ${cells.join(' | ')} |`);
    };
    measure(`first refresh, ${ROWS} rows`, () =>
      refreshReportSources(spreadsheet, ['order_lines'], 'menu_report_refresh'),
    );
    measure(`second refresh, ${ROWS} rows replaced`, () =>
      refreshReportSources(spreadsheet, ['order_lines'], 'menu_report_refresh'),
    );
    measure('Build reports (8 pivots, 5 charts)', () => buildReports(spreadsheet));
    // The add-on's own conversion (pages → cells), without the fakes' cell storage behind setValues.
    const pages = [];
    for (let after: string | null = null, first = true; first || after !== null; first = false) {
      const page: ReportPage = JSON.parse(
        env.urlFetch
          .fetch(`${stub.url}/v1/reports/order-lines${after === null ? '' : `?after=${after}`}`)
          .getContentText(),
      );
      pages.push(page);
      after = page.next;
    }
    const start = process.hrtime.bigint();
    const cells = new ReportCells('Asia/Shanghai');
    const converted = pages.reduce((n, page) => n + cells.rows(ORDER_LINE_REPORT, page).length, 0);
    const convertMs = Number(process.hrtime.bigint() - start) / 1e6;
    rows.push(`| of which pages → cells (${converted} rows, no sheet) | — | — | ${convertMs.toFixed(0)} | — | — |`);
    const sheet = env.spreadsheet.getSheetByName('Report data')!;
    if (sheet.getLastRow() !== ROWS + 1) throw new Error(`expected ${ROWS + 1} rows, got ${sheet.getLastRow()}`);
    printTable(
      `Add-on: "Refresh report data" of ${ROWS} order lines (contract stand-in server)`,
      ['run', 'UrlFetch calls', 'in UrlFetch ms', 'add-on side ms', 'sheet write calls', 'one run'],
      rows,
    );
  } finally {
    await stub.close();
  }
}

runBench(main);
