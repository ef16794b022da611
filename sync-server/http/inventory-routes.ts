import { z } from 'zod';
import { LANGS } from '../../domain/i18n/lang';
import type { Database } from '../db/database';
import { checkLedger } from '../inventory/ledger-check';
import { receiveStock } from '../inventory/receipt-service';
import { route, type Route } from './route';

const Lang = z.enum(LANGS).default('en');

export const ReceiptBody = z
  .object({
    idempotencyKey: z.string().min(8).max(100).meta({ description: 'One per receipt; a replay gets the first answer' }),
    lang: Lang,
    lines: z
      .array(z.object({ sku: z.string().min(1).max(120), warehouse: z.string().min(1).max(32), qty: z.number().int().min(1).max(100_000_000), note: z.string().max(500).optional() }).strict())
      .min(1)
      .max(5000),
  })
  .strict();
const ReceiptResponse = z.object({ received: z.array(z.object({ stockKey: z.string(), onHand: z.number().int(), reserved: z.number().int(), available: z.number().int() })) });

const CheckQuery = z.object({ lang: Lang }).strict();
const CheckResponse = z.object({
  ok: z.boolean(),
  stockLines: z.number().int(),
  reservations: z.number().int(),
  mismatches: z.array(z.object({ code: z.string(), key: z.string(), message: z.string() })),
});

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
      summary: 'Check the stock ledger: reserved = active reservations, on hand = adjustments, nothing oversold; names every mismatch',
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
