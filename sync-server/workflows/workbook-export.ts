import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { PRODUCT_TABLE } from '../../domain/catalog/product';
import { WAREHOUSE_TABLE } from '../../domain/catalog/warehouse';
import type { Lang } from '../../domain/i18n/lang';
import { STOCK_TABLE } from '../../domain/inventory/stock-table';
import { SHIPMENT_TABLE } from '../../domain/logistics/shipment-table';
import { ORDER_ROWS_TABLE } from '../../domain/orders/order-rows';
import { PO_ROWS_TABLE } from '../../domain/purchasing/po-rows';
import type { ReportCellType } from '../../domain/reports/report-sources';
import type { ColumnSpec, TableSpec, WireValue } from '../../domain/sheets/column-spec';
import { run, type Database } from '../db/database';
import { selectPage } from '../reads/read-sql';
import { PUBLISHED_SOURCES, type ReadReportPage } from '../reports/report-publisher';
import { toSyncedRow } from '../tables/row-mapping';

/**
 * `npx crossdock export FILE.xlsx` and `GET /v1/reports/export.xlsx` (docs/reports.md, "Export"): the
 * report data sheets, then the main sheets as the read routes serve them, one worksheet each, streamed
 * row by row (exceljs' streaming writer), so a large workspace never sits in memory whole. Dates are
 * dates, numbers numbers; text is written as text cells, which a spreadsheet program never runs.
 */
export const EXPORTED_TABLES: readonly TableSpec[] = [
  ORDER_ROWS_TABLE,
  PRODUCT_TABLE,
  WAREHOUSE_TABLE,
  STOCK_TABLE,
  PO_ROWS_TABLE,
  SHIPMENT_TABLE,
];

type Cell = string | number | boolean | Date | null;
type Column = { header: string; numFmt?: string; width: number };

const PAGE_ROWS = 1000;
const DAY_MS = 86_400_000;

export type ExportResult = { sheets: { name: string; rows: number }[] };

export async function writeWorkbook(
  out: Writable,
  deps: { db: Database; readPage: ReadReportPage; now: () => Date },
  target: { workspaceId: string; lang: Lang },
): Promise<ExportResult> {
  const { db, readPage } = deps;
  const { workspaceId, lang } = target;
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = 'Crossdock';
  const sheets: ExportResult['sheets'] = [];
  const at = deps.now();

  for (const source of PUBLISHED_SOURCES) {
    const columns = source.columns.map((c) => ({ header: c.header[lang], numFmt: REPORT_FORMATS[c.type], width: 14 }));
    const sheet = startSheet(book, source.sheetName[lang], columns);
    let rows = 0;
    let after: string | undefined;
    do {
      const page = await readPage(db, workspaceId, source.id, { after, limit: PAGE_ROWS, lang, now: at });
      const order = source.columns.map((column, index) => {
        const found = page.columns.findIndex((name) => name === column.key || name === column.header[lang]);
        return found < 0 ? index : found;
      });
      for (const row of page.rows) {
        sheet.addRow(source.columns.map((c, i) => reportCell(row[order[i]!] ?? null, c.type))).commit();
        rows++;
      }
      after = page.next ?? undefined;
    } while (after);
    sheet.commit();
    sheets.push({ name: sheet.name, rows });
  }

  for (const spec of EXPORTED_TABLES) {
    const sheet = startSheet(
      book,
      spec.sheetName[lang],
      spec.columns.map((c) => ({
        header: c.header[lang],
        numFmt: tableFormat(c),
        width: Math.round((c.width ?? 100) / 7),
      })),
    );
    let rows = 0;
    let after: string | undefined;
    for (;;) {
      const query = selectPage(spec, workspaceId, [], after, PAGE_ROWS);
      const page = (await run<{ rows: Record<string, unknown>[] }>(db.pool, query)).rows[0]?.rows ?? [];
      const shown = page.slice(0, PAGE_ROWS).map((row) => toSyncedRow(spec, row, lang));
      for (const row of shown) {
        sheet.addRow(spec.columns.map((c) => tableCell(row.values[c.field] ?? null, c, at))).commit();
        rows++;
      }
      if (page.length <= PAGE_ROWS) break;
      after = shown[shown.length - 1]!.key;
    }
    sheet.commit();
    sheets.push({ name: sheet.name, rows });
  }
  await book.commit();
  return { sheets };
}

function startSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: Column[]) {
  // Excel's limits on a sheet name: 31 characters, none of : \ / ? * [ ].
  const sheet = book.addWorksheet(name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = columns.map((c, i) => ({
    key: String(i),
    width: c.width,
    style: c.numFmt ? { numFmt: c.numFmt } : {},
  }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  return sheet;
}

const REPORT_FORMATS: Record<ReportCellType, string | undefined> = {
  text: undefined,
  integer: '0',
  money: '#,##0.00',
  ratio: '0.0%',
  date: 'yyyy-mm-dd',
};

function reportCell(value: string | number | null, type: ReportCellType): Cell {
  if (value === null || value === '') return null;
  if (type === 'text') return String(value);
  if (type === 'date') return utcDate(String(value));
  return Number(value);
}

function utcDate(iso: string): Date {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

function tableFormat(column: ColumnSpec): string | undefined {
  const kind = column.kind;
  if (kind.type === 'decimal') return kind.scale > 0 ? `0.${'0'.repeat(kind.scale)}` : '0';
  if (kind.type === 'integer' || kind.type === 'days-since') return '0';
  if (kind.type === 'timestamp') return 'yyyy-mm-dd hh:mm';
  return undefined;
}

/** A wire value as a typed cell: what the sheet shows (days-since: whole days to `at`, as the add-on counts). */
function tableCell(value: WireValue, column: ColumnSpec, at: Date): Cell {
  if (value === null || value === '') return null;
  if (Array.isArray(value)) return value.join(', ');
  switch (column.kind.type) {
    case 'decimal':
    case 'integer':
      return Number(value);
    case 'timestamp':
      return new Date(String(value));
    case 'days-since':
      return Math.max(0, Math.floor((at.getTime() - Date.parse(String(value))) / DAY_MS));
    case 'boolean':
      return Boolean(value);
    default:
      return String(value);
  }
}
