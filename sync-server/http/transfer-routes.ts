import {
  CancelTransferBody,
  CreateTransferBody,
  DispatchTransferBody,
  TransferArrivalBody,
  TransferArrivalResponse,
  TransferListResponse,
  TransferResponse,
  TransferShortCloseBody,
} from '../../domain/contracts/transfers';
import type { Database } from '../db/database';
import {
  cancelTransfer,
  createTransfer,
  dispatchTransfer,
  listTransfers,
  receiveTransfer,
  shortCloseTransferLine,
} from '../workflows/stock-transfers';
import { route, type Route } from './route';

/** Transfers between warehouses (docs/inventory.md): logistics plans and sends them, the warehouse receives. */
export function transferRoutes(db: Database, now: () => Date): Route[] {
  return [
    route({
      method: 'post',
      path: '/v1/transfers',
      summary: 'Create a transfer between two warehouses (a draft, or dispatched at once with `dispatch: true`)',
      access: ['logistics', 'warehouse'],
      body: CreateTransferBody,
      response: TransferResponse,
      handler: ({ principal, body }) => createTransfer(db, principal, body, now),
    }),
    route({
      method: 'get',
      path: '/v1/transfers',
      summary: 'Transfers with their lines, status and what is still in transit',
      access: 'member',
      response: TransferListResponse,
      handler: ({ principal }) => listTransfers(db, principal),
    }),
    route({
      method: 'post',
      path: '/v1/transfers/dispatch',
      summary:
        "Dispatch a draft: every line leaves the source's on hand (never what orders hold) and shows in transit at the destination",
      access: ['logistics', 'warehouse'],
      body: DispatchTransferBody,
      response: TransferResponse,
      handler: ({ principal, body }) => dispatchTransfer(db, principal, body, now),
    }),
    route({
      method: 'post',
      path: '/v1/transfers/receipts',
      summary:
        'Receive a transfer, partly or whole: on hand at the destination, waiting orders served first (named in `served`)',
      access: ['warehouse', 'logistics'],
      body: TransferArrivalBody,
      response: TransferArrivalResponse,
      handler: ({ principal, body }) => receiveTransfer(db, principal, body, now),
    }),
    route({
      method: 'post',
      path: '/v1/transfers/short-close',
      summary: 'Give up what of a transfer line never arrived, with a reason (it leaves in transit)',
      access: ['warehouse', 'logistics'],
      body: TransferShortCloseBody,
      response: TransferResponse,
      handler: ({ principal, body }) => shortCloseTransferLine(db, principal, body, now),
    }),
    route({
      method: 'post',
      path: '/v1/transfers/cancel',
      summary: 'Cancel a draft transfer, with a reason',
      access: ['logistics', 'warehouse'],
      body: CancelTransferBody,
      response: TransferResponse,
      handler: ({ principal, body }) => cancelTransfer(db, principal, body, now),
    }),
  ];
}
