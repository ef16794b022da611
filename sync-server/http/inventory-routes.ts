import { CheckQuery, CheckResponse, ReceiptBody, ReceiptResponse } from '../../domain/contracts/inventory';
import type { Database } from '../db/database';
import { checkLedger } from '../inventory/ledger-check';
import { receiveStock } from '../workflows/stock-receipts';
import { route, type Route } from './route';

/** The warehouse center's commands: receiving stock, and the ledger check the dispatch center shows. */
export function inventoryRoutes(db: Database, now: () => Date): Route[] {
  return [
    route({
      method: 'post',
      path: '/v1/stock/receipts',
      summary: 'Receive stock into warehouses: on hand goes up, waiting orders get it first-in-first-out',
      access: ['warehouse'],
      body: ReceiptBody,
      response: ReceiptResponse,
      handler: ({ principal, body }) => receiveStock(db, principal, body, now),
    }),
    route({
      method: 'get',
      path: '/v1/stock/check',
      summary:
        'Check the stock ledger: reserved = active reservations, on hand = adjustments, nothing oversold; names every mismatch',
      access: 'member',
      query: CheckQuery,
      response: CheckResponse,
      handler: async ({ principal, query }) => {
        const report = await checkLedger(db.pool, principal.workspaceId, query.lang);
        return { ok: report.mismatches.length === 0, ...report };
      },
    }),
  ];
}
