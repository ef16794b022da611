import {
  FreightBillBody,
  FreightBillResponse,
  MyProductsQuery,
  ReportPageResponse,
  type ReportPage,
  ReportQuery,
} from '../../domain/contracts/reports';
import { applyFreightBill } from '../workflows/freight-bills';
import { DomainError } from '../../domain/domain-error';
import { hasAnyRole } from '../../domain/access/roles';
import { reportSource, type ReportSourceId } from '../../domain/reports/report-sources';
import type { Principal } from '../access/principal';
import type { Database } from '../db/database';
import { readOrderLinePageJson, readReportPage, type ReportPageRequest } from '../reports/report-reads';
import { CsvPages, JsonText, toCsv } from './csv-reply';
import { route, type Route } from './route';

/** A page as JSON, or every row from `after` on as one CSV file with the source's headers. */
async function answer(
  db: Database,
  principal: Principal,
  source: ReportSourceId,
  query: ReportQuery,
  request: ReportPageRequest,
) {
  // Order lines: the page's JSON as the database wrote it (a page of 10,000 orders is ~4 MB), in pieces. The
  // Link header names the next page before the body: a client may ask for it while it reads this one.
  if (query.format !== 'csv' && source === 'order_lines') {
    const page = await readOrderLinePageJson(db, principal.workspaceId, request);
    return new JsonText(page.pieces, page.next === null ? {} : { link: nextLink(source, query, page.next) });
  }
  if (query.format !== 'csv') return readReportPage(db, principal.workspaceId, source, request);
  // Every row from `after` on, 10,000 a page, written as each page is read (CsvPages).
  const read = (after: string | undefined) =>
    readReportPage(db, principal.workspaceId, source, { ...request, after, limit: 10_000 });
  return csvFile(source, query.lang, await read(request.after), read);
}

/**
 * The CSV file of a report from its first page on: the header row in `lang`, then every page `read` gives
 * after it. A file of mixed currencies would look right and be wrong: a base-currency change while the file is
 * written cuts it (the reading of the pages throws).
 */
export function csvFile(
  source: ReportSourceId,
  lang: ReportQuery['lang'],
  first: ReportPage,
  read: (after: string) => Promise<ReportPage>,
): CsvPages {
  async function* rest() {
    for (let page = first; page.next !== null;) {
      page = await read(page.next);
      if (page.base_currency !== first.base_currency) throw new Error('the base currency changed during the file');
      yield toCsv(null, page.rows);
    }
  }
  const headers = reportSource(source).columns.map((c) => c.header[lang]);
  return new CsvPages(`${source.replace('_', '-')}.csv`, toCsv(headers, first.rows), rest());
}

/**
 * RFC 8288's Link to the page after this one, with the same limit and language; the cursor percent-encoded
 * (a space as %20, never +, so decodeURIComponent reads it back).
 */
function nextLink(source: ReportSourceId, query: ReportQuery, next: string): string {
  const params = `limit=${query.limit}&lang=${query.lang}&after=${encodeURIComponent(next)}`;
  return `</v1/reports/${source.replace('_', '-')}?${params}>; rel="next"`;
}

const MONEY_SOURCES: { path: string; source: ReportSourceId; summary: string }[] = [
  { path: 'order-lines', source: 'order_lines', summary: 'Profit per order line in the base currency (boss, admin)' },
  { path: 'stock-value', source: 'stock_value', summary: 'Stock value per SKU and warehouse (boss, admin)' },
  {
    path: 'purchase-spend',
    source: 'purchase_spend',
    summary: 'Purchase spend per receipt of a PO line (boss, admin)',
  },
];

/** Report data for people and tools without the sheet (docs/reports.md): costs and profit for the boss only. */
export function reportRoutes(db: Database, now: () => Date): Route[] {
  return [
    route({
      method: 'post',
      path: '/v1/logistics/freight-bills',
      access: ['logistics', 'boss'],
      body: FreightBillBody,
      response: FreightBillResponse,
      summary: "A carrier's bill: each parcel's actual freight (by tracking number) replaces its estimate in reports",
      handler: ({ principal, body }) => applyFreightBill(db, principal, body, now),
    }),
    ...MONEY_SOURCES.map(({ path, source, summary }) =>
      route({
        method: 'get',
        path: `/v1/reports/${path}`,
        access: ['boss'],
        query: ReportQuery,
        response: ReportPageResponse,
        summary,
        handler: ({ principal, query }) =>
          answer(db, principal, source, query, {
            after: query.after,
            limit: query.limit,
            lang: query.lang,
            now: now(),
          }),
      }),
    ),
    route({
      method: 'get',
      path: '/v1/reports/my-products',
      access: ['sales', 'boss'],
      query: MyProductsQuery,
      response: ReportPageResponse,
      summary: "A sales owner's products: orders by stage, units and revenue over 7/30 days, cost, stock",
      handler: ({ principal, query }) => {
        const seesAll = hasAnyRole(principal.roles, ['boss', 'admin']);
        const own = principal.actor.toLowerCase();
        if (!seesAll && query.owner && query.owner !== own)
          throw new DomainError('report_owner_forbidden', { owner: query.owner });
        const owner = seesAll ? (query.owner ?? null) : own;
        return answer(db, principal, 'my_products', query, {
          after: query.after,
          limit: query.limit,
          lang: query.lang,
          owner,
          now: now(),
        });
      },
    }),
  ];
}
