import {
  CancelPoBody,
  CreatePosBody,
  PoListResponse,
  PoReceiptBody,
  PoReceiptResponse,
  PoResponse,
  ShortCloseBody,
  SuggestionsQuery,
  SuggestionsResponse,
} from '../../domain/contracts/purchasing';
import type { Database } from '../db/database';
import { purchaseSuggestions } from '../purchasing/suggestion-service';
import {
  createPurchaseOrders,
  listPurchaseOrders,
  receivePurchaseOrder,
  shortClosePurchaseOrderLine,
} from '../workflows/purchase-orders';
import { cancelPurchaseOrder } from '../workflows/po-cancel';
import { route, type Route } from './route';

/** The purchase center (docs/purchasing.md): suggestions, purchase orders, their receipts, short closes and cancels. */
export function purchasingRoutes(db: Database, now: () => Date): Route[] {
  return [
    route({
      method: 'post',
      path: '/v1/purchasing/orders',
      summary:
        'Create purchase orders from final quantities: one per supplier, expected after its lead time; incoming at once',
      access: ['purchasing'],
      body: CreatePosBody,
      response: PoListResponse,
      handler: ({ principal, body }) => createPurchaseOrders(db, principal, body, now),
    }),
    route({
      method: 'get',
      path: '/v1/purchasing/orders',
      summary: 'Purchase orders with their lines, status and overdue flag',
      access: 'member',
      response: PoListResponse,
      handler: ({ principal }) => listPurchaseOrders(db, principal, now().toISOString().slice(0, 10)),
    }),
    route({
      method: 'post',
      path: '/v1/purchasing/receipts',
      summary:
        'Receive against a purchase order: partial receipts, never more than is on order; stock goes to waiting orders ' +
        'first, and the answer names the orders it served',
      access: ['warehouse', 'purchasing'],
      body: PoReceiptBody,
      response: PoReceiptResponse,
      handler: ({ principal, body }) => receivePurchaseOrder(db, principal, body, now),
    }),
    route({
      method: 'post',
      path: '/v1/purchasing/short-close',
      summary: 'Close what is left of a purchase-order line, with a reason (from the Receipts sheet, or by purchasing)',
      access: ['warehouse', 'purchasing'],
      body: ShortCloseBody,
      response: PoResponse,
      handler: ({ principal, body }) => shortClosePurchaseOrderLine(db, principal, body, now),
    }),
    route({
      method: 'post',
      path: '/v1/purchasing/cancel',
      summary:
        'Cancel a purchase order, or one line (lineNo), with a reason, while nothing of it was received; incoming drops',
      access: ['warehouse', 'purchasing'],
      body: CancelPoBody,
      response: PoResponse,
      handler: ({ principal, body }) => cancelPurchaseOrder(db, principal, body, now),
    }),
    route({
      method: 'get',
      path: '/v1/purchasing/suggestions',
      summary:
        'Per active SKU: stock, waiting demand, units sold in 7/14/30 days, velocity, lead time, suggested qty and order-by date',
      access: 'member',
      query: SuggestionsQuery,
      response: SuggestionsResponse,
      handler: async ({ principal, query }) => {
        const today = query.today ?? now().toISOString().slice(0, 10);
        return { today, suggestions: await purchaseSuggestions(db, principal, today) };
      },
    }),
  ];
}
