import type { z } from 'zod';
import { PRODUCT_TABLE } from '../../domain/catalog/product';
import {
  OrdersQuery,
  ProductsQuery,
  PurchaseOrdersQuery,
  RowsResponse,
  StockQuery,
  SuppliersQuery,
} from '../../domain/contracts/reads';
import type { Lang } from '../../domain/i18n/lang';
import { STOCK_TABLE } from '../../domain/inventory/stock-table';
import { ORDER_ROWS_TABLE } from '../../domain/orders/order-rows';
import { PO_ROWS_TABLE } from '../../domain/purchasing/po-rows';
import { SUPPLIER_TABLE } from '../../domain/purchasing/supplier-table';
import type { TableSpec } from '../../domain/sheets/column-spec';
import type { Principal } from '../access/principal';
import { run, type Database } from '../db/database';
import { CsvReply, toCsv } from './csv-reply';
import { route, type Route } from './route';
import { toSyncedRow } from '../tables/row-mapping';
import { equalities, selectPage, type Condition } from '../reads/read-sql';

type Page = { limit: number; after?: string; format: 'json' | 'csv'; lang: Lang };

/** One page of rows as the sheet shows them, and the key the next page starts after (null: the last page). */
async function onePage(
  db: Database,
  principal: Principal,
  spec: TableSpec,
  conditions: Condition[],
  page: Page,
  after?: string,
) {
  const query = selectPage(spec, principal.workspaceId, conditions, after, page.limit);
  const rows = (await run<{ rows: Record<string, unknown>[] }>(db.pool, query)).rows[0]?.rows ?? [];
  const shown = rows.slice(0, page.limit).map((row) => toSyncedRow(spec, row, page.lang));
  return { shown, next: rows.length > page.limit ? shown[shown.length - 1]!.key : null };
}

/**
 * A page of rows (JSON), or every matching row as one CSV file with the sheet's headers: a file a person
 * downloads holds everything asked for (read page by page, `limit` rows at a time, from `after` on).
 */
async function readPage(
  db: Database,
  principal: Principal,
  spec: TableSpec,
  conditions: Condition[],
  page: Page,
  name: string,
) {
  if (page.format !== 'csv') {
    const { shown, next } = await onePage(db, principal, spec, conditions, page, page.after);
    return { rows: shown.map((r) => r.values), next } satisfies z.infer<typeof RowsResponse>;
  }
  const all: ReturnType<typeof toSyncedRow>[] = [];
  let after = page.after;
  for (;;) {
    const { shown, next } = await onePage(db, principal, spec, conditions, { ...page, limit: 1000 }, after);
    all.push(...shown);
    if (next === null) break;
    after = next;
  }
  const columns = spec.columns;
  const headers = columns.map((c) => c.header[page.lang]);
  return new CsvReply(
    `${name}.csv`,
    toCsv(
      headers,
      all.map((r) => columns.map((c) => r.values[c.field])),
    ),
  );
}

const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();

/** GET endpoints over what the sheets show, with filters, paging and CSV (any member may read). */
export function readRoutes(db: Database): Route[] {
  return [
    route({
      method: 'get',
      path: '/v1/orders',
      access: 'member',
      query: OrdersQuery,
      response: RowsResponse,
      summary:
        'Order lines as the Orders sheet shows them, filtered by status, SKU, warehouse (where stock is held) and order date',
      handler: ({ principal, query }) => {
        const conditions = equalities([
          ['status', query.status],
          ['sku', query.sku],
        ]);
        if (query.warehouse) {
          conditions.push({
            where: `EXISTS (SELECT 1 FROM reservations r WHERE r.workspace_id = order_rows.workspace_id AND r.order_no = order_rows.order_no AND r.released_at IS NULL AND r.warehouse = ?)`,
            value: query.warehouse,
          });
        }
        if (query.from) conditions.push({ where: 'ordered_at >= ?::timestamptz', value: `${query.from}T00:00:00Z` });
        if (query.to) conditions.push({ where: 'ordered_at < ?::timestamptz', value: dayAfter(query.to) });
        return readPage(db, principal, ORDER_ROWS_TABLE, conditions, query, 'orders');
      },
    }),
    route({
      method: 'get',
      path: '/v1/products',
      access: 'member',
      query: ProductsQuery,
      response: RowsResponse,
      summary: 'Products, filtered by SKU or supplier',
      handler: ({ principal, query }) =>
        readPage(
          db,
          principal,
          PRODUCT_TABLE,
          equalities([
            ['sku', query.sku],
            ['supplier', query.supplier],
          ]),
          query,
          'products',
        ),
    }),
    route({
      method: 'get',
      path: '/v1/stock',
      access: 'member',
      query: StockQuery,
      response: RowsResponse,
      summary: 'Stock lines (on hand, reserved, available, incoming), filtered by SKU or warehouse',
      handler: ({ principal, query }) =>
        readPage(
          db,
          principal,
          STOCK_TABLE,
          equalities([
            ['sku', query.sku],
            ['warehouse', query.warehouse],
          ]),
          query,
          'stock',
        ),
    }),
    route({
      method: 'get',
      path: '/v1/suppliers',
      access: 'member',
      query: SuppliersQuery,
      response: RowsResponse,
      summary: 'Suppliers with their lead, QC and transit days, MOQ and pack',
      handler: ({ principal, query }) => readPage(db, principal, SUPPLIER_TABLE, [], query, 'suppliers'),
    }),
    route({
      method: 'get',
      path: '/v1/purchase-orders',
      access: 'member',
      query: PurchaseOrdersQuery,
      response: RowsResponse,
      summary:
        'Purchase-order lines as the POs sheet shows them, filtered by status, SKU, warehouse, supplier and expected date',
      handler: ({ principal, query }) => {
        const conditions = equalities([
          ['po_status', query.status],
          ['sku', query.sku],
          ['warehouse', query.warehouse],
          ['supplier', query.supplier],
        ]);
        if (query.from) conditions.push({ where: 'expected_on >= ?', value: query.from });
        if (query.to) conditions.push({ where: 'expected_on <= ?', value: query.to });
        return readPage(db, principal, PO_ROWS_TABLE, conditions, query, 'purchase-orders');
      },
    }),
  ];
}
