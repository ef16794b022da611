import ExcelJS from 'exceljs';
import { reportSource, type ReportSourceId } from '../../domain/reports/report-sources';
import { runDemoMonth, type DemoSummary } from '../../sync-server/demo/demo-month';
import { readReportPage } from '../../sync-server/reports/report-reads';
import { addMember, createApiKey } from '../../sync-server/workflows/workspace-admin';
import { SYNCED_TABLES } from '../../domain/catalog/synced-tables';
import { LANGS } from '../../domain/i18n/lang';
import { selectPlainWireRows, wireRowReader } from '../../sync-server/tables/plain-wire-rows';
import { toSyncedRow } from '../../sync-server/tables/row-mapping';
import { selectWireChangesSince, wireRowsInSql, wireRowsOf } from '../../sync-server/tables/wire-rows-sql';
import { changesSince, rowShapeFor, rowsOf, selectChangesSince } from '../../sync-server/tables/table-sql';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { DATABASE_KINDS } from '../support/databases';

/**
 * `npx crossdock demo`'s month through the real API, then what the boss reads of it: report rows with
 * profit, stock value and purchase spend, and the workbook export over HTTP (boss only).
 */
describe.each(DATABASE_KINDS)('demo month and what the reports make of it, on %s', (kind) => {
  let api: ApiHarness;
  let demo: DemoSummary;
  const lines: string[] = [];
  beforeAll(async () => {
    api = await startApiHarness(kind);
    demo = await runDemoMonth(api.db, { today: new Date('2026-11-30T12:00:00Z'), log: (l) => lines.push(l) });
  });
  afterAll(async () => api?.close());

  const all = async (source: ReportSourceId) => {
    const page = await readReportPage(api.db, demo.workspaceId, source, {
      limit: 10_000,
      lang: 'en',
      now: new Date('2026-11-30T12:00:00Z'),
    });
    expect(page.next).toBeNull();
    const at = (key: string) => reportSource(source).columns.findIndex((c) => c.key === key);
    return { rows: page.rows, at };
  };

  test('a month of orders from every channel, POs received, parcels shipped, a bill and refunds', async () => {
    expect(demo).toMatchObject({ from: '2026-10-31', to: '2026-11-29', purchaseOrders: 16 });
    expect(demo.orders).toBeGreaterThan(120);
    expect(demo.shipped).toBeGreaterThan(demo.orders / 2);
    expect(demo.refunds).toBeGreaterThan(0);
    expect(demo.freightBilled).toBeGreaterThan(0);
    expect(lines).toHaveLength(31);
  });

  test('the report reads have rows with profit, stock value and purchase spend', async () => {
    const orders = await all('order_lines');
    const profit = orders.rows.map((r) => r[orders.at('profit')]);
    expect(new Set(orders.rows.map((r) => r[orders.at('channel')]))).toEqual(
      new Set(['shopify', 'amazon', 'template']),
    );
    expect(new Set(orders.rows.map((r) => r[orders.at('country')]))).toEqual(new Set(['US', 'GB', 'DE', 'FR']));
    // Every line has its costs and rates: profit is there, a number, and the month made money.
    expect(profit.every((p) => typeof p === 'string' && /^-?\d+(\.\d+)?$/.test(p))).toBe(true);
    expect(orders.rows.every((r) => r[orders.at('missing')] === '')).toBe(true);
    expect(profit.reduce<number>((sum, p) => sum + Number(p), 0)).toBeGreaterThan(0);
    expect(orders.rows.some((r) => Number(r[orders.at('refunds')]) > 0)).toBe(true);
    expect(orders.rows.some((r) => Number(r[orders.at('discounts')]) > 0)).toBe(true);

    const stock = await all('stock_value');
    expect(stock.rows.some((r) => Number(r[stock.at('value')]) > 0)).toBe(true);
    const spend = await all('purchase_spend');
    expect(spend.rows.length).toBeGreaterThanOrEqual(32);
    expect(spend.rows.every((r) => Number(r[spend.at('spend')]) > 0)).toBe(true);
  });

  // The month fills every synced table, rendered columns included (statuses, review notes, parcels, tracking):
  // what a pull reads plain (tables/plain-wire-rows.ts) or as JSON the database writes (tables/wire-rows-sql.ts)
  // must be what toSyncedRow makes, in both languages.
  test.each(LANGS)(
    'every synced table reads plain, and as SQL-written JSON, as toSyncedRow makes it (%s)',
    async (lang) => {
      const upTo = Number(
        (await api.db.pool.query('SELECT change_no FROM workspaces WHERE id = $1', [demo.workspaceId])).rows[0]
          .change_no,
      );
      const shape = rowShapeFor(api.db.kind);
      let rendered = 0;
      for (const spec of SYNCED_TABLES) {
        const q = selectChangesSince(spec, demo.workspaceId, 0, upTo, 100_000, shape);
        const expected = rowsOf(await api.db.pool.query(q.text, q.values), shape).map((r) =>
          toSyncedRow(spec, r, lang),
        );
        const plain = selectPlainWireRows(spec, changesSince(spec, demo.workspaceId, 0, upTo, 100_000));
        const got = await api.db.pool.query({ text: plain.text, values: plain.values, rowMode: 'array' });
        expect(JSON.stringify(got.rows.map(wireRowReader(spec, lang)))).toBe(JSON.stringify(expected));
        if (wireRowsInSql(spec)) {
          // Tables with no rendered column: the JSON the database writes (tables/wire-rows-sql.ts), parsed.
          const wire = selectWireChangesSince(spec, demo.workspaceId, 0, upTo, 100_000, 'rows');
          const written = wireRowsOf(await api.db.pool.query(wire.text, wire.values), 'rows');
          expect(written.map((r) => JSON.parse(r.wire))).toEqual(expected);
        }
        if (spec.columns.some((c) => c.renderedFrom) && expected.length) rendered += 1;
      }
      expect(rendered).toBeGreaterThanOrEqual(3); // orders, shipments, purchase orders at least
    },
  );

  test('GET /v1/reports/export.xlsx: the boss gets the workbook, typed; a CS key is refused', async () => {
    const response = await fetch(`${api.url}/v1/reports/export.xlsx?lang=zh`, {
      headers: { authorization: `Bearer ${demo.adminKey}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(response.headers.get('content-disposition')).toMatch(
      /attachment; filename="?crossdock-\d{4}-\d{2}-\d{2}\.xlsx"?/,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    const data = book.getWorksheet('报表数据')!;
    const source = reportSource('order_lines');
    const col = (key: string) => source.columns.findIndex((c) => c.key === key) + 1;
    expect(data.getRow(1).getCell(col('profit')).value).toBe('利润');
    expect(data.rowCount).toBe((await all('order_lines')).rows.length + 1);
    expect(data.getRow(2).getCell(col('order_date')).value).toBeInstanceOf(Date);
    expect(typeof data.getRow(2).getCell(col('profit')).value).toBe('number');
    expect(book.worksheets.map((s) => s.name)).toEqual(expect.arrayContaining(['订单', '产品', '库存']));

    await addMember(api.db, demo.workspaceId, 'cs@demo-shop.test', ['cs']);
    const cs = await createApiKey(api.db, {
      workspaceId: demo.workspaceId,
      name: 'cs',
      memberEmail: 'cs@demo-shop.test',
    });
    const refused = await api.call('GET', '/v1/reports/export.xlsx', { key: cs.secret });
    expect(refused.status).toBe(403);
  });
});
