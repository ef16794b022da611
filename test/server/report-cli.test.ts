import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { EXPORTED_TABLES } from '../../sync-server/workflows/workbook-export';
import { startSheetsApiFake, SPREADSHEET_ID } from '../fakes/sheets-api-fake';
import { tempDir } from '../support/cleanup';
import { DATABASE_KINDS, freshDatabaseConfig } from '../support/databases';
import { databaseEnv } from '../support/server-process';

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'crossdock.cjs');

/** The built CLI in a process of its own (async: the local Google answers from this process meanwhile). */
function cli(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

describe.each(DATABASE_KINDS)('npx crossdock export and reports publish, on %s', (kind) => {
  test('export writes the workbook; reports publish refreshes the spreadsheet once, or says what is missing', async () => {
    const fresh = await freshDatabaseConfig(kind);
    const google = await startSheetsApiFake();
    try {
      const env = databaseEnv(fresh.config);
      const workspaceId = /created workspace (ws_\w+)/.exec((await cli(env, 'workspace', 'create', 'Boss')).out)![1]!;
      const dir = tempDir('report-cli');
      const file = path.join(dir, 'books.xlsx');
      const exported = await cli(env, 'export', file, '--workspace', workspaceId, '--lang', 'zh');
      expect(exported).toMatchObject({ code: 0, out: expect.stringContaining(`wrote ${file}`) });
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      expect(book.worksheets.map((s) => s.name)).toEqual([
        '报表数据',
        '库存价值数据',
        '采购数据',
        ...EXPORTED_TABLES.map((t) => t.sheetName.zh),
      ]);
      expect(book.getWorksheet('报表数据')!.getRow(1).getCell(1).value).toBe('订单号');
      expect((await cli(env, 'export', path.join(dir, 'books.csv'))).code).toBe(2);

      const keyFile = path.join(dir, 'key.json');
      fs.writeFileSync(keyFile, JSON.stringify(google.keyFile));
      const reports = {
        ...env,
        CROSSDOCK_REPORTS_KEY_FILE: keyFile,
        CROSSDOCK_REPORTS_SPREADSHEET_ID: SPREADSHEET_ID,
        CROSSDOCK_REPORTS_WORKSPACE: workspaceId,
        CROSSDOCK_REPORTS_LANG: 'zh',
        CROSSDOCK_SHEETS_API_URL: google.rootUrl,
      };
      const published = await cli(reports, 'reports', 'publish');
      expect(published.err).toBe('');
      expect(published.out).toMatch(
        /published order_lines 0 rows, stock_value 0 rows, purchase_spend 0 rows, 8 pivots, 3 API calls/,
      );
      expect(google.calls).toHaveLength(3);
      expect(google.sheets.map((s) => s.title)).toEqual(expect.arrayContaining(['报表数据', '按渠道的利润']));

      const off = await cli(env, 'reports', 'publish');
      expect(off).toMatchObject({ code: 2, err: expect.stringContaining('The publisher is off') });
      const half = await cli({ ...env, CROSSDOCK_REPORTS_KEY_FILE: keyFile }, 'reports', 'publish');
      expect(half.code).toBe(2);
      expect(half.err).toContain('CROSSDOCK_REPORTS_SPREADSHEET_ID: the reports publisher needs it too');
      const badKey = await cli({ ...reports, CROSSDOCK_REPORTS_KEY_FILE: file }, 'reports', 'publish');
      expect(badKey).toMatchObject({ code: 2, err: expect.stringContaining('is not JSON') });
      expect(google.calls).toHaveLength(3);
    } finally {
      await google.close();
      await fresh.dispose();
    }
  });
});
