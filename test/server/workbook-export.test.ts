import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { reportSource } from '../../domain/reports/report-sources';
import { ORDER_ROWS_TABLE } from '../../domain/orders/order-rows';
import { EXPORTED_TABLES, writeWorkbook } from '../../sync-server/workflows/workbook-export';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { tempDir } from '../support/cleanup';
import { DATABASE_KINDS } from '../support/databases';
import { approve, seedCatalog } from '../support/inventory-fixture';
import { HOSTILE_PRODUCT, standInReportReads } from '../support/report-reads-stand-in';

const EVIL_NAME = '=HYPERLINK("http://evil.test","click")';

/** The workbook read back with exceljs: every sheet there, cells typed, no text turned into a formula. */
describe.each(DATABASE_KINDS)('workbook export (xlsx), on %s', (kind) => {
  let api: ApiHarness;
  let ws: Awaited<ReturnType<ApiHarness['workspace']>>;
  beforeAll(async () => {
    api = await startApiHarness(kind);
    ws = await api.workspace();
    await seedCatalog(api, ws, {
      skus: ['MUG-1'],
      warehouses: [{ code: 'SZ', countries: ['FR', 'DE'], rank: 1 }],
      stock: { 'MUG-1@SZ': 30 },
    });
    const named = await api.call('POST', '/v1/sync/push', {
      key: ws.adminKey,
      body: {
        clientId: 'export-test',
        mutationId: 1,
        tables: { products: [{ key: 'EVIL-1', baseVersion: null, values: { name_en: EVIL_NAME } }] },
      },
    });
    expect(named.body.results.products[0].status).toBe('applied');
    const imported = await api.call('POST', '/v1/orders/import', {
      key: ws.adminKey,
      body: {
        format: 'template',
        text: [
          'Order no.,Order date,SKU,Qty,Unit price,Currency,Payment,Recipient,Phone,Address line 1,City,Postal code,Country',
          'A-1,2026-11-02 10:30,MUG-1,2,10,EUR,prepaid,Ann,+33612345678,1 rue de la Paix,Paris,75002,FR',
        ].join('\n'),
      },
    });
    expect(imported.body.rejected).toBe(0);
    await approve(api, ws.adminKey, ['A-1']);
  });
  afterAll(async () => api?.close());

  test('report data and main sheets, dates as dates, numbers as numbers, text as text', async () => {
    const file = path.join(tempDir('export'), 'crossdock.xlsx');
    const out = fs.createWriteStream(file);
    const done = new Promise<void>((resolve) => out.on('close', () => resolve()));
    const result = await writeWorkbook(
      out,
      {
        db: api.db,
        readPage: standInReportReads({ order_lines: 25, stock_value: 3, purchase_spend: 2 }),
        now: () => new Date(),
      },
      { workspaceId: ws.id, lang: 'en' },
    );
    await done;
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Report data',
      'Stock value data',
      'Purchase data',
      ...EXPORTED_TABLES.map((t) => t.sheetName.en),
    ]);
    expect(result.sheets.slice(0, 3).map((s) => s.rows)).toEqual([25, 3, 2]);

    const lines = book.getWorksheet('Report data')!;
    const source = reportSource('order_lines');
    const col = (key: string) => source.columns.findIndex((c) => c.key === key) + 1;
    expect(lines.getRow(1).getCell(col('profit')).value).toBe('Profit');
    expect(lines.getRow(2).getCell(col('order_date')).value).toEqual(new Date(Date.UTC(2026, 8, 1)));
    expect(lines.getRow(2).getCell(col('order_date')).numFmt).toBe('yyyy-mm-dd');
    expect(lines.getRow(3).getCell(col('revenue')).value).toBe(2.01);
    expect(lines.getRow(3).getCell(col('qty')).value).toBe(2);
    expect(lines.getRow(5).getCell(col('profit')).value).toBeNull(); // a missing cost leaves profit empty
    const hostile = lines.getRow(2).getCell(col('product'));
    expect(hostile.type).toBe(ExcelJS.ValueType.String);
    expect(hostile.value).toBe(HOSTILE_PRODUCT);

    const orders = book.getWorksheet(ORDER_ROWS_TABLE.sheetName.en)!;
    const headers = (orders.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(ORDER_ROWS_TABLE.columns.map((c) => c.header.en));
    const orderCol = (field: string) => ORDER_ROWS_TABLE.columns.findIndex((c) => c.field === field) + 1;
    const order = orders.getRow(2);
    expect(order.getCell(orderCol('order_no')).value).toBe('A-1');
    expect(order.getCell(orderCol('qty')).value).toBe(2);
    expect(order.getCell(orderCol('ordered_at')).value).toEqual(new Date('2026-11-02T10:30:00Z'));

    const products = book.getWorksheet('Products')!;
    const names = products.getColumn(2).values.slice(2) as unknown[];
    expect(names).toContain(EVIL_NAME);
    products.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    expect(book.getWorksheet('Stock')!.rowCount).toBe(2);
  });
});
