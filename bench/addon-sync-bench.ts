/// <reference types="google-apps-script" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBenchServer } from './bench-server';
import { loadConnection } from '../addon/connection-store';
import { testAndSaveConnection } from '../addon/connect-flow';
import { setupSheets } from '../addon/sheet-setup';
import { runSync, type SyncSummary } from '../addon/sync-run';
import { createAppsScriptGlobals, type AppsScriptEnvironment } from '../test/fakes/apps-script-globals';
import { runBench } from './bench-report';
import { installed, seedProducts, timeFetches } from './addon-bench-support';

/**
 * DESIGN section 7: a 50,000-row sheet with 1% edited rows syncs with one read per sheet, ≤ 2 UrlFetch
 * calls, and add-on-side work ≤ 1 s in Node. The add-on's real modules run against the Apps Script fakes;
 * the server is the real one in its own process. "Add-on side" = the sync's wall time minus the time
 * spent inside UrlFetch calls (the server's work and the network).
 */
const ROWS = Number(process.env.BENCH_SHEET_ROWS ?? 50_000);
const EDITED = Math.round(ROWS / 100);

function connectionOf(env: AppsScriptEnvironment) {
  const state = loadConnection(env.spreadsheet.getId());
  if (state.kind !== 'connected') throw new Error(`not connected: ${state.kind}`);
  return state.connection;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossdock-addon-bench-'));
  const server = await startBenchServer({ CROSSDOCK_DATA_DIR: dataDir });
  try {
    await seedProducts(server, ROWS);
    const env = createAppsScriptGlobals({ userEmail: 'bench@shop.test' });
    const fetches = timeFetches(env);
    installed(env, () => {
      setupSheets(env.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet);
      const connected = testAndSaveConnection(env.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet, {
        url: server.url,
        key: server.key,
      });
      if (!connected.ok) throw new Error(connected.message);
    });
    const measure = (label: string, target: number | null) => {
      env.spreadsheet.resetStats();
      const beforeMs = fetches.total();
      const beforeCalls = fetches.count();
      const start = process.hrtime.bigint();
      const summary: SyncSummary = installed(env, () =>
        runSync(env.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet, connectionOf(env), 'en'),
      );
      const wall = Number(process.hrtime.bigint() - start) / 1e6;
      const fetchMs = fetches.total() - beforeMs;
      const addonMs = wall - fetchMs;
      const reads = env.spreadsheet.stats.readCalls.Products ?? 0;
      const calls = fetches.count() - beforeCalls;
      // Reads: the sheet once in full, plus its key column once more when the sync has rows to write.
      const met = target === null ? '—' : addonMs <= target && reads <= 2 && calls <= 2 ? 'yes' : 'NO';
      console.log(
        `| ${label} | ${addonMs.toFixed(0)} | ${fetchMs.toFixed(0)} | ${reads} | ${calls} | ${summary.pushed}/${summary.pulled} | ${target ?? '—'} | ${met} |`,
      );
    };
    console.log(
      `\nAdd-on sync of a ${ROWS}-row Products sheet — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}`,
    );
    console.log(
      '\n| sync | add-on side ms | in UrlFetch ms | reads of the sheet (full + key column) | UrlFetch calls | pushed/pulled | target ms | met |',
    );
    console.log('|---|---|---|---|---|---|---|---|');
    measure(`first sync (pull all ${ROWS})`, null);
    measure('idle sync (nothing changed)', 1000);
    const sheet = env.spreadsheet.getSheetByName('Products')!;
    const supplierColumn =
      (sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? []).indexOf('Supplier') + 1;
    for (let i = 0; i < EDITED; i++)
      sheet.getRange(2 + Math.floor((i * ROWS) / EDITED), supplierColumn).setValue(`Edited ${i}`);
    measure(`${EDITED} edited rows (1%)`, 1000);
  } finally {
    // The server must be gone before its data folder: a timer here never fired once the process exited.
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

runBench(main);
