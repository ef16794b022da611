import type { ReportPage } from '../../domain/contracts/reports';
import { DomainError } from '../../domain/domain-error';
import type { Lang } from '../../domain/i18n/lang';
import { statusLabel, type OrderStatus } from '../../domain/orders/order-status';
import { renderMissing } from '../../domain/reports/missing-data';
import { reportSource, type ReportSourceId } from '../../domain/reports/report-sources';
import { run, type Database } from '../db/database';
import type { SqlQuery } from '../db/sql-query';
import { copyJsonElements } from '../db/copy-lines';
import { commaPieces, piecesText, type JsonPiece } from '../tables/json-pieces';
import { selectOrderLinePage, selectOrderLinesJson } from './order-line-page-sql';
import { refreshReportLines } from './report-refresh';
import { reportBase } from './report-base';
import { selectMyProductsReport } from './my-products-sql';
import { selectPurchaseSpendReport } from './purchase-spend-sql';
import { selectStockValueReport } from './stock-value-sql';

export type ReportPageRequest = { after?: string; limit: number; lang: Lang; owner?: string | null; now?: Date };

type Row = Record<string, unknown>;

/** The cursor of the row a page ends with, per source (order lines page by whole orders). */
const CURSOR: Record<Exclude<ReportSourceId, 'order_lines'>, (row: Row) => string> = {
  stock_value: (row) => String(row.stock_key),
  purchase_spend: (row) => String(row.id),
  my_products: (row) => String(row.sku),
};

/**
 * One page of a report source (docs/reports.md), cells in the source's column order: money as decimal strings
 * in the base currency (null where a rate or cost is missing), integers as numbers, dates as YYYY-MM-DD,
 * statuses and missing data in the reader's language. `limit` counts orders for order lines (an order's lines
 * are never split over two pages), rows otherwise.
 */
export async function readReportPage(
  db: Database,
  workspaceId: string,
  source: ReportSourceId,
  page: ReportPageRequest,
): Promise<ReportPage> {
  if (source === 'order_lines')
    return JSON.parse(piecesText((await readOrderLinePageJson(db, workspaceId, page)).pieces)) as ReportPage;
  const { base, scale } = await reportBase(db.pool, workspaceId);
  const now = page.now ?? new Date();
  const month = now.toISOString().slice(0, 7);
  const rows = (await run<Row>(db.pool, query(source, workspaceId, base, scale, month, now, page))).rows;
  const spec = reportSource(source);
  return {
    source,
    base_currency: base,
    columns: spec.columns.map((c) => c.key),
    rows: rows.map((row) => spec.columns.map((c) => cell(row, c.key, c.type, page.lang))),
    next: rows.length >= page.limit && rows.length ? CURSOR[source](rows[rows.length - 1]!) : null,
  };
}

/** A page of order lines as JSON text in pieces (joined, they are the page), and the page after it. */
export type OrderLinePageText = { pieces: JsonPiece[]; next: string | null };

/**
 * A page of order lines as the JSON text of a ReportPage, built by the database (order-line-page-sql.ts) and sent
 * as it comes: reading 1,000,000 lines costs the database's work, not an object per cell in JavaScript. On
 * PostgreSQL the lines arrive as COPY's bytes (db/copy-lines.ts), never JavaScript strings; PGlite's adapter has
 * no COPY, so there each line is a short string and the page short pieces (tables/json-pieces.ts).
 * The kept lines are brought up to date first (report-refresh.ts; nothing to do when nothing changed).
 */
export async function readOrderLinePageJson(
  db: Database,
  workspaceId: string,
  page: ReportPageRequest,
): Promise<OrderLinePageText> {
  await refreshReportLines(db, workspaceId);
  const { base } = await reportBase(db.pool, workspaceId);
  const after = page.after ?? null;
  const bounds = await run<{ orders: number; last: string | null; middle: string | null }>(
    db.pool,
    selectOrderLinePage(workspaceId, page.lang, after, page.limit),
  );
  const { orders, last, middle } = bounds.rows[0]!;
  const write = async (from: string | null, to: string): Promise<JsonPiece[]> => {
    const q = selectOrderLinesJson(workspaceId, from, to, page.lang);
    if (db.kind === 'postgres') return copyJsonElements(db.pool, q);
    return commaPieces((await run<{ line: string }>(db.pool, q)).rows.map((row) => row.line));
  };
  // Two halves at once: PostgreSQL writes them on two connections (two cores); PGlite, one connection, in turn.
  const halves =
    last === null
      ? []
      : middle === null || middle === last
        ? [await write(after, last)]
        : await Promise.all([write(after, middle), write(middle, last)]);
  const head = JSON.stringify({
    source: 'order_lines',
    base_currency: base,
    columns: reportSource('order_lines').columns.map((c) => c.key),
  });
  const next = orders >= page.limit ? last : null;
  const rows = halves.filter((half) => half.length > 0).flatMap((half, i) => (i ? [',', ...half] : half));
  return { pieces: [`${head.slice(0, -1)},"rows":[`, ...rows, `],"next":${JSON.stringify(next)}}`], next };
}

function query(
  source: Exclude<ReportSourceId, 'order_lines'>,
  workspaceId: string,
  base: string,
  scale: number,
  month: string,
  now: Date,
  page: ReportPageRequest,
): SqlQuery {
  const after = page.after ?? null;
  switch (source) {
    case 'stock_value':
      return selectStockValueReport(workspaceId, base, month, after, page.limit, scale);
    case 'purchase_spend':
      if (after !== null && !/^\d{1,15}$/.test(after))
        throw new DomainError('invalid_request', { problems: `after: "${after}" is not a cursor this report gave` });
      return selectPurchaseSpendReport(workspaceId, base, after === null ? null : Number(after), page.limit, scale);
    case 'my_products':
      return selectMyProductsReport(workspaceId, base, page.owner ?? null, now, after, page.limit, scale, month);
  }
}

function cell(row: Row, key: string, type: string, lang: Lang): string | number | null {
  const value = row[key];
  if (key === 'missing') return renderMissing((value as string[] | null) ?? [], lang);
  if (key === 'status' && typeof value === 'string') return statusLabel(value as OrderStatus, lang);
  if (value === null || value === undefined) return null;
  if (type === 'integer') return Number(value);
  return String(value);
}
