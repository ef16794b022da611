import type { Database } from '../db/database';
import { importOrderFile } from '../orders/order-import-service';
import { route, type Route } from './route';
import { ImportBody, ImportResponse } from './schemas';

/** The order center's commands. Importing is customer service's job (and admin's). */
export function orderRoutes(db: Database, now: () => Date): Route[] {
  return [
    route({
      method: 'post',
      path: '/v1/orders/import',
      summary: 'Import a Shopify export, an Amazon unshipped report or the template: whole orders, once each, auto-reviewed',
      access: ['cs'],
      body: ImportBody,
      response: ImportResponse,
      handler: ({ principal, body }) => importOrderFile(db, principal, body.format, body.text, body.lang, now),
    }),
  ];
}
