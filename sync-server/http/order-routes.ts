import type { z } from 'zod';
import { DomainError } from '../../domain/domain-error';
import type { Database } from '../db/database';
import { decodeOrderFile } from '../orders/file-decoding';
import { importOrderEntries, importOrderFile } from '../workflows/order-import';
import { moveOrders } from '../workflows/order-moves';
import { route, type Route } from './route';
import { EntryBody, ImportBody, ImportResponse, MoveBody, MoveResponse } from '../../domain/contracts/orders';

/** The order center's commands. Importing is customer service's job (and admin's). */
export function orderRoutes(db: Database, now: () => Date): Route[] {
  return [
    route({
      method: 'post',
      path: '/v1/orders/import',
      summary:
        'Import a Shopify export, an Amazon unshipped report or the template: whole orders, once each, auto-reviewed',
      access: ['cs'],
      body: ImportBody,
      response: ImportResponse,
      handler: ({ principal, body }) => importOrderFile(db, principal, body.format, fileText(body), body.lang, now),
    }),
    route({
      method: 'post',
      path: '/v1/orders/entries',
      summary:
        'Order lines typed into the Orders sheet: read like template rows (channel manual), whole orders, once each',
      access: ['cs'],
      body: EntryBody,
      response: ImportResponse,
      handler: ({ principal, body }) => importOrderEntries(db, principal, body.entries, body.lang, now),
    }),
    route({
      method: 'post',
      path: '/v1/orders/moves',
      summary:
        'Move the selected orders (approve, needs a call, log a call, invalid, reopen, cancel, delivered); each order moved or refused with the reason',
      // Roles are checked per move by the domain rules (system moves are refused to people with a reason).
      access: 'member',
      body: MoveBody,
      response: MoveResponse,
      handler: ({ principal, body }) => moveOrders(db, principal, body, now),
    }),
  ];
}

/** The file's text: as sent, or its bytes decoded; bytes that do not decode cleanly are refused, not damaged. */
function fileText(body: z.infer<typeof ImportBody>): string {
  if (body.data === undefined) return body.text ?? '';
  const decoded = decodeOrderFile(Buffer.from(body.data, 'base64'), body.encoding, body.lang);
  if ('error' in decoded) throw new DomainError('undecodable_file', decoded.error);
  return decoded.text;
}
