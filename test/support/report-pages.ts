import type { ReportPage } from '../../domain/contracts/reports';
import type { AppsScriptEnvironment } from '../fakes/apps-script-globals';
import { ORDER_LINE_REPORT, type ReportSource } from '../../domain/reports/report-sources';

/** One page of a source as the server sends it: `values` by key, the rest null. */
export function page(source: ReportSource, rows: Record<string, string | number | null>[]): ReportPage {
  const columns = source.columns.map((column) => column.key);
  return {
    source: source.id,
    base_currency: 'EUR',
    columns,
    rows: rows.map((row) => columns.map((key) => row[key] ?? null)),
    next: null,
  };
}

/** An order line with every amount filled (money as decimal strings, as on the wire). */
export function orderLine(n: number, overrides: Record<string, string | number | null> = {}) {
  return {
    order_no: `ORD-${n}`,
    line_no: 1,
    order_date: `2026-0${1 + (n % 3)}-1${n % 10}`,
    month: `2026-0${1 + (n % 3)}`,
    channel: 'shopify',
    country: n % 2 ? 'FR' : 'DE',
    sku: `SKU-${n}`,
    product: `Product ${n}`,
    sales_owner: 'sales@shop.test',
    status: 'Shipped',
    qty: 2,
    currency: 'EUR',
    revenue: '20.50',
    shipping: '3.00',
    discounts: '1.00',
    platform_fee: '0.90',
    payment_fee: '0.30',
    cogs: '8.00',
    freight: '4.00',
    refunds: '0.00',
    profit: '9.30',
    missing: null,
    ...overrides,
  };
}

export const orderLinePages = (...pages: number[][]) =>
  pages.map((numbers) =>
    page(
      ORDER_LINE_REPORT,
      numbers.map((n) => orderLine(n)),
    ),
  );

/** Connects a fake spreadsheet to `url` without asking the server (the stand-in has no /v1/me). */
export function connectTo(env: AppsScriptEnvironment, url: string): void {
  env.globals.PropertiesService.getDocumentProperties().setProperty('crossdock.serverUrl', url);
  env.globals.PropertiesService.getUserProperties().setProperty(
    `crossdock.connection.${env.spreadsheet.getId()}`,
    JSON.stringify({ url, key: 'cdk_stand_in', workspaceId: 'w1', roles: ['boss'] }),
  );
}
