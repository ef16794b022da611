import type { ReportPage } from '../../domain/contracts/reports';
import { DomainError } from '../../domain/domain-error';
import type { Lang } from '../../domain/i18n/lang';
import { currencyDigits } from '../../domain/money/money';
import { statusLabel, type OrderStatus } from '../../domain/orders/order-status';
import { renderMissing } from '../../domain/reports/missing-data';
import { DEFAULT_REPORT_SETTINGS, REPORT_SETTINGS_BLOCK } from '../../domain/reports/report-settings';
import { reportSource, type ReportSourceId } from '../../domain/reports/report-sources';
import { run, type Database } from '../db/database';
import type { SqlQuery } from '../db/sql-query';
import { loadSettings } from '../settings/settings-service';
import { selectReportLinePage } from './order-line-report-sql';
import { refreshReportLines } from './report-refresh';
import { selectMyProductsReport } from './my-products-sql';
import { selectPurchaseSpendReport } from './purchase-spend-sql';
import { selectStockValueReport } from './stock-value-sql';

export type ReportPageRequest = { after?: string; limit: number; lang: Lang; owner?: string | null; now?: Date };

type Row = Record<string, unknown>;

/** The cursor of the row a page ends with, per source (order lines page by whole orders). */
const CURSOR: Record<ReportSourceId, (row: Row) => string> = {
  order_lines: (row) => String(row.order_no),
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
  const settings = await loadSettings(db.pool, workspaceId, REPORT_SETTINGS_BLOCK);
  const base = settings.baseCurrency || DEFAULT_REPORT_SETTINGS.baseCurrency;
  const scale = currencyDigits(base) ?? 2;
  const now = page.now ?? new Date();
  const month = now.toISOString().slice(0, 7);
  if (source === 'order_lines') await refreshReportLines(db, workspaceId, base, scale);
  const rows = (await run<Row>(db.pool, query(source, workspaceId, base, scale, month, now, page))).rows;
  const spec = reportSource(source);
  const pageUnits = source === 'order_lines' ? new Set(rows.map((r) => r.order_no)).size : rows.length;
  return {
    source,
    base_currency: base,
    columns: spec.columns.map((c) => c.key),
    rows: rows.map((row) => spec.columns.map((c) => cell(row, c.key, c.type, page.lang))),
    next: pageUnits >= page.limit && rows.length ? CURSOR[source](rows[rows.length - 1]!) : null,
  };
}

function query(
  source: ReportSourceId,
  workspaceId: string,
  base: string,
  scale: number,
  month: string,
  now: Date,
  page: ReportPageRequest,
): SqlQuery {
  const after = page.after ?? null;
  switch (source) {
    case 'order_lines':
      return selectReportLinePage(workspaceId, after, page.limit);
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
