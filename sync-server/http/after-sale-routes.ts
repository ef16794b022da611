import {
  AfterSaleCaseResponse,
  AfterSaleListResponse,
  AfterSaleOpenResponse,
  AfterSaleQuery,
  AfterSaleReceiveResponse,
  CloseAfterSaleBody,
  OpenAfterSaleBody,
  ReceiveAfterSaleBody,
} from '../../domain/contracts/after-sale';
import type { Database } from '../db/database';
import {
  closeAfterSaleCase,
  listAfterSaleCases,
  openAfterSaleCase,
  receiveAfterSaleReturn,
} from '../workflows/after-sale';
import { route, type Route } from './route';

/** After-sale cases (docs/after-sale.md): customer service opens and closes them, the warehouse receives returns. */
export function afterSaleRoutes(db: Database, now: () => Date): Route[] {
  return [
    route({
      method: 'post',
      path: '/v1/after-sale/cases',
      summary:
        'Open an after-sale case on a shipped or delivered order: refund, return, exchange (replacement) or a mix',
      access: ['cs'],
      body: OpenAfterSaleBody,
      response: AfterSaleOpenResponse,
      handler: ({ principal, body }) => openAfterSaleCase(db, principal, body, now),
    }),
    route({
      method: 'get',
      path: '/v1/after-sale/cases',
      summary: 'After-sale cases with their lines (filter by order or status)',
      access: ['cs', 'warehouse'],
      query: AfterSaleQuery,
      response: AfterSaleListResponse,
      handler: ({ principal, query }) => listAfterSaleCases(db, principal, query),
    }),
    route({
      method: 'post',
      path: '/v1/after-sale/receive',
      summary:
        'Receive returned units: restocked into a warehouse (waiting orders served first: `served`) or written off',
      access: ['cs', 'warehouse'],
      body: ReceiveAfterSaleBody,
      response: AfterSaleReceiveResponse,
      handler: ({ principal, body }) => receiveAfterSaleReturn(db, principal, body, now),
    }),
    route({
      method: 'post',
      path: '/v1/after-sale/close',
      summary: 'Close a case (a note is needed when part of a return never came back)',
      access: ['cs'],
      body: CloseAfterSaleBody,
      response: AfterSaleCaseResponse,
      handler: ({ principal, body }) => closeAfterSaleCase(db, principal, body, now),
    }),
  ];
}
