import fs from 'node:fs';
import path from 'node:path';
import type { Lang } from '../../domain/i18n/lang';
import { PIVOT_SPECS } from '../../domain/reports/pivot-specs';
import { reportSource, type ReportSourceId } from '../../domain/reports/report-sources';
import type { Database } from '../../sync-server/db/database';
import { dateSerial } from '../../sync-server/reports/data-sheet-requests';
import {
  API_CALLS_PER_REFRESH,
  publishReports,
  PUBLISHED_SOURCES,
  type ReadReportPage,
} from '../../sync-server/reports/report-publisher';
import { readServiceAccountKey, serviceAccountSheets } from '../../sync-server/reports/sheets-client';
import { startSheetsApiFake, SPREADSHEET_ID, type SheetsApiFake } from '../fakes/sheets-api-fake';
import { tempDir } from '../support/cleanup';
import { readReportPage } from '../../sync-server/reports/report-reads';
import { importOrderFile } from '../../sync-server/workflows/order-import';
import { createWorkspace } from '../../sync-server/workflows/workspace-admin';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases';
import { HOSTILE_PRODUCT, standInReportReads } from '../support/report-reads-stand-in';

/**
 * The publisher against a local Google (test/fakes/sheets-api-fake.ts): real HTTP, the service account's
 * token fetched from the fake's token endpoint with a locally generated key, bodies checked against the
 * googleapis types. The clock and the sleep are the test's: a Retry-After wait is recorded, not waited.
 */
describe.each(DATABASE_KINDS)('reports publisher (Sheets API v4), on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let google: SheetsApiFake;
  let keyFile: string;
  const slept: number[] = [];
  let clock = Date.parse('2026-11-30T02:00:00Z');

  beforeAll(async () => {
    ({ db, dispose } = await openTestDatabase(kind));
  });
  afterAll(async () => dispose?.());
  beforeEach(async () => {
    google = await startSheetsApiFake();
    keyFile = path.join(tempDir('publisher-key'), 'service-account.json');
    fs.writeFileSync(keyFile, JSON.stringify(google.keyFile));
    slept.length = 0;
  });
  afterEach(async () => google.close());

  const publish = (readPage: ReadReportPage, lang: Lang = 'en') =>
    publishReports(
      {
        db,
        sheets: serviceAccountSheets(readServiceAccountKey(keyFile), google.rootUrl),
        readPage,
        now: () => new Date(clock),
        sleep: async (ms) => {
          slept.push(ms);
          clock += ms;
        },
      },
      { spreadsheetId: SPREADSHEET_ID, workspaceId: 'ws_test', lang },
    );
  const sheet = (title: string) => google.sheets.find((s) => s.title === title)!;
  const rows = (n: number) => ({ order_lines: n, stock_value: n, purchase_spend: n });

  test('three API calls per refresh for 10 rows and for 5,000, signed in at the local token endpoint', async () => {
    const big = await publish(standInReportReads(rows(5000)));
    expect(google.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `GET /v4/spreadsheets/${SPREADSHEET_ID}`,
      `POST /v4/spreadsheets/${SPREADSHEET_ID}:batchUpdate`,
      `POST /v4/spreadsheets/${SPREADSHEET_ID}/values:batchUpdate`,
    ]);
    expect(big).toMatchObject({ apiCalls: API_CALLS_PER_REFRESH, rows: rows(5000), pivots: PIVOT_SPECS.length });
    expect(big.sheetsAdded).toBe(PUBLISHED_SOURCES.length + PIVOT_SPECS.length);
    expect(google.tokenRequests).toBe(1);
    expect(sheet('Report data').values).toHaveLength(5001);

    google.calls.length = 0;
    const small = await publish(standInReportReads(rows(10)));
    expect(google.calls).toHaveLength(API_CALLS_PER_REFRESH);
    expect(small).toMatchObject({ apiCalls: API_CALLS_PER_REFRESH, sheetsAdded: 0, rows: rows(10) });
    // The sheet shrank to the data: no row of the bigger refresh is left for a pivot to count.
    expect(sheet('Report data').rowCount).toBe(11);
    expect(sheet('Report data').values).toHaveLength(11);
  });

  test('the same three calls for 10 and 5,000 order lines read by the real report reads', async () => {
    for (const lines of [10, 5000]) {
      const ws = await createWorkspace(db, `Shop ${lines}`);
      const principal = { workspaceId: ws.id, actor: 'test', roles: ['admin' as const], via: 'api_key' as const };
      const header =
        'Order no.,Order date,SKU,Qty,Unit price,Currency,Recipient,Address line 1,City,Postal code,Country';
      const rows = Array.from({ length: lines / 5 }, (_, o) =>
        Array.from(
          { length: 5 },
          (_, l) =>
            `R-${o},2026-11-0${(o % 9) + 1} 10:00,SKU-${l},1,9.50,USD,Ann ${o},${o + 1} Main St,Springfield,62701,US`,
        ),
      ).flat();
      const imported = await importOrderFile(
        db,
        principal,
        'template',
        [header, ...rows].join('\n'),
        'en',
        () => new Date(),
      );
      expect(imported.rejected).toBe(0);
      google.calls.length = 0;
      const result = await publishReports(
        {
          db,
          sheets: serviceAccountSheets(readServiceAccountKey(keyFile), google.rootUrl),
          readPage: readReportPage,
          now: () => new Date(clock),
          sleep: async () => undefined,
        },
        { spreadsheetId: SPREADSHEET_ID, workspaceId: ws.id, lang: 'en' },
      );
      expect(result.rows.order_lines).toBe(lines);
      expect(google.calls).toHaveLength(API_CALLS_PER_REFRESH);
      expect(sheet('Report data').values).toHaveLength(lines + 1);
      const at = reportSource('order_lines').columns.findIndex((c) => c.key === 'revenue');
      expect(sheet('Report data').values[1]![at]).toBe(9.5);
    }
  });

  test('data cells are numbers and date serials, text is never a formula, a missing amount is empty', async () => {
    await publish(standInReportReads(rows(10)));
    const values = google.calls.find((c) => c.path.endsWith('/values:batchUpdate'))!.body as {
      valueInputOption: string;
    };
    expect(values.valueInputOption).toBe('RAW');
    const source = reportSource('order_lines');
    const at = (key: string) => source.columns.findIndex((c) => c.key === key);
    const data = sheet('Report data');
    expect(data.values[0]).toEqual(source.columns.map((c) => c.header.en));
    expect(data.values[1]![at('product')]).toBe(HOSTILE_PRODUCT);
    expect(data.values[1]![at('order_date')]).toBe(dateSerial('2026-09-01'));
    expect(dateSerial('2026-11-30')).toBe(46356);
    expect(data.numberFormats.get(at('order_date'))).toEqual({ type: 'DATE', pattern: 'yyyy-mm-dd' });
    expect(data.values[2]![at('revenue')]).toBe(2.01);
    expect(data.values[2]![at('qty')]).toBe(2);
    expect(data.values[4]![at('profit')]).toBe(''); // row 3: cost missing, named in Missing data
    expect(data.values[4]![at('missing')]).toBe('cost');
    for (const column of source.columns.filter((c) => c.type !== 'text'))
      for (const row of data.values.slice(1))
        expect(typeof row[at(column.key)] === 'number' || row[at(column.key)] === '').toBe(true);
    expect(data.frozenRowCount).toBe(1);
  });

  test.each<Lang>(['en', 'zh'])(
    'the pivots are those of PIVOT_SPECS, each at A1 of its own sheet (%s)',
    async (lang) => {
      await publish(standInReportReads(rows(10)), lang);
      for (const spec of PIVOT_SPECS) {
        const source = reportSource(spec.source);
        const at = (key: string) => source.columns.findIndex((c) => c.key === key);
        const pivot = sheet(spec.title[lang]).pivots.get('0,0')!;
        expect(pivot.source).toEqual({
          sheetId: sheet(source.sheetName[lang]).sheetId,
          startRowIndex: 0,
          startColumnIndex: 0,
          endColumnIndex: source.columns.length,
        });
        expect(pivot.rows!.map((g) => g.sourceColumnOffset)).toEqual(spec.rows.map((g) => at(g.column)));
        expect(pivot.columns!.map((g) => g.sourceColumnOffset)).toEqual(spec.columns.map((g) => at(g.column)));
        [...spec.rows, ...spec.columns].forEach((group, i) => {
          const made = [...pivot.rows!, ...pivot.columns!][i]!;
          expect(made.groupRule?.dateTimeRule?.type).toBe(group.dateGroup);
          expect(made.valueBucket?.valuesIndex).toBe(group.sortByValue);
          expect(made.sortOrder).toBe(group.sortByValue === undefined ? 'ASCENDING' : 'DESCENDING');
          expect(made.groupLimit?.countLimit).toBe(group.limit);
        });
        spec.values.forEach((value, i) => {
          const made = pivot.values[i]!;
          expect(made.name).toBe(value.name[lang]);
          if ('ratio' in value) {
            const header = (key: string) => source.columns[at(key)]!.header[lang];
            expect(made).toEqual({
              name: value.name[lang],
              summarizeFunction: 'CUSTOM',
              formula: `=IFERROR(SUM('${header(value.ratio.numerator)}')/SUM('${header(value.ratio.denominator)}'),"")`,
            });
          } else
            expect(made).toEqual({
              name: value.name[lang],
              sourceColumnOffset: at(value.column),
              summarizeFunction: value.summarize,
            });
        });
        expect(pivot.filterSpecs ?? []).toEqual(
          (spec.filters ?? []).map((f) => ({
            columnOffsetIndex: at(f.column),
            filterCriteria: {
              condition: { type: 'NUMBER_LESS_THAN_EQ', values: [{ userEnteredValue: String(f.atMost) }] },
            },
          })),
        );
      }
      expect(google.sheets.find((s) => s.title === 'Report data' && lang === 'zh')).toBeUndefined();
    },
  );

  test('a 429 is sent again after its Retry-After; too many in a row give up, bounded', async () => {
    google.failNext(429, { 'retry-after': '7' });
    const result = await publish(standInReportReads(rows(10)));
    expect(slept).toEqual([7000]);
    expect(result.apiCalls).toBe(API_CALLS_PER_REFRESH + 1);
    expect(google.calls.map((c) => c.method)).toEqual(['GET', 'GET', 'POST', 'POST']);
    expect(sheet('Report data').values).toHaveLength(11);

    slept.length = 0;
    google.calls.length = 0;
    for (let i = 0; i < 5; i++) google.failNext(429);
    await expect(publish(standInReportReads(rows(10)))).rejects.toThrow(/Quota exceeded/);
    expect(google.calls).toHaveLength(5);
    expect(slept).toEqual([1000, 2000, 4000, 8000]); // no Retry-After: doubling waits
  });

  test("the boss's own pivots and sheets are kept", async () => {
    await publish(standInReportReads(rows(10)));
    const own = {
      source: { sheetId: sheet('Report data').sheetId, startRowIndex: 0, startColumnIndex: 0, endColumnIndex: 5 },
      rows: [{ sourceColumnOffset: 4 }],
      values: [{ name: 'Lines', sourceColumnOffset: 0, summarizeFunction: 'COUNTA' as const }],
    };
    google.addSheet('Boss view', 77).pivots.set('2,3', own);
    sheet('Top 20 SKUs by profit').pivots.set('0,8', own);
    await publish(standInReportReads(rows(20)));
    expect(sheet('Boss view').pivots.get('2,3')).toEqual(own);
    expect(sheet('Top 20 SKUs by profit').pivots.get('0,8')).toEqual(own);
    expect(sheet('Top 20 SKUs by profit').pivots.size).toBe(2);
    expect(google.sheets.filter((s) => s.title === 'Report data')).toHaveLength(1);
  });

  test('the local Google refuses what Google refuses: an unknown enum or field, a write past the grid', async () => {
    const client = serviceAccountSheets(readServiceAccountKey(keyFile), google.rootUrl);
    const pivot = (summarizeFunction: string) => ({
      updateCells: {
        start: { sheetId: 0, rowIndex: 0, columnIndex: 0 },
        rows: [
          {
            values: [
              {
                pivotTable: {
                  source: { sheetId: 0 },
                  values: [{ name: 'n', sourceColumnOffset: 0, summarizeFunction }],
                },
              },
            ],
          },
        ],
        fields: 'pivotTable',
      },
    });
    const batch = (requests: object[]) =>
      client.spreadsheets.batchUpdate({ spreadsheetId: SPREADSHEET_ID, requestBody: { requests } });
    await expect(batch([pivot('SUM')])).resolves.toMatchObject({ status: 200 });
    await expect(batch([pivot('TOTAL')])).rejects.toMatchObject({ status: 400 });
    await expect(
      batch([{ addSheet: { properties: { sheetId: 5, title: 'X', colour: 'red' } } }]),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      client.spreadsheets.values.batchUpdate({
        spreadsheetId: SPREADSHEET_ID,
        requestBody: { valueInputOption: 'RAW', data: [{ range: "'Sheet1'!A1", values: [Array(27).fill(1)] }] },
      }),
    ).rejects.toMatchObject({ status: 400 });
  });

  test('a failed report read sends nothing to Google', async () => {
    const failing: ReadReportPage = async (...args) => {
      if (args[2] === ('purchase_spend' satisfies ReportSourceId)) throw new Error('database went away');
      return standInReportReads(rows(10))(...args);
    };
    await expect(publish(failing)).rejects.toThrow('database went away');
    expect(google.calls).toHaveLength(0);
  });
});
