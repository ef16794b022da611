import { z } from 'zod';
import type { Database } from '../db/database';
import { purchaseSuggestions } from '../purchasing/suggestion-service';
import { createPurchaseOrders, listPurchaseOrders, receivePurchaseOrder, shortClosePurchaseOrderLine } from '../purchasing/purchase-order-service';
import { PO_STATUSES } from '../../domain/purchasing/purchase-order';
import { LANGS } from '../../domain/i18n/lang';
import { route, type Route } from './route';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-27').refine((d) => {
  const parsed = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === d; // 2026-02-30 is not a day
}, 'is not a real date');
const SuggestionsQuery = z.object({ today: IsoDate.optional().meta({ description: 'The day to suggest for (windows end the day before); default: today, UTC' }) }).strict();
const SuggestionsResponse = z.object({
  today: z.string(),
  suggestions: z.array(
    z.object({
      sku: z.string(), warehouse: z.string().nullable().meta({ description: 'One row per warehouse where the SKU is kept in several; null when it is stocked nowhere yet' }),
      supplier: z.string().nullable(), supplierKnown: z.boolean(),
      available: z.number().int(), incoming: z.number().int(), waiting: z.number().int(),
      sold7: z.number().int(), sold14: z.number().int(), sold30: z.number().int(),
      inStock7: z.number().int(), inStock14: z.number().int(), inStock30: z.number().int(),
      r7: z.number(), r14: z.number(), r30: z.number(), velocity: z.number(),
      leadTime: z.number().int(), safetyStock: z.number().int().meta({ description: "This row's part of the SKU's safety stock (split by demand where the SKU has a row per warehouse)" }),
      reorderPoint: z.number(), suggestedQty: z.number().int(), orderBy: z.string().nullable(),
    }),
  ),
});

const Lang = z.enum(LANGS).default('en');
const Key = z.string().min(8).max(100).meta({ description: 'One per button press; a replay gets the first answer' });
const PoView = z.object({
  poNo: z.string(), supplier: z.string(), warehouse: z.string(), status: z.enum(PO_STATUSES), expectedOn: z.string().nullable(), overdue: z.boolean(),
  lines: z.array(z.object({ lineNo: z.number().int(), sku: z.string(), ordered: z.number().int(), received: z.number().int(), shortClosed: z.number().int(), shortReason: z.string().nullable() })),
});
const CreatePosBody = z.object({
  idempotencyKey: Key, lang: Lang,
  warehouse: z.string().min(1).max(32).optional().meta({ description: "Where the goods will arrive unless a line says; default: the workspace's first-ranked active warehouse" }),
  lines: z
    .array(z.object({ sku: z.string().min(1).max(120), qty: z.number().int().min(1).max(100_000_000), warehouse: z.string().min(1).max(32).optional() }).strict())
    .min(1)
    .max(20_000)
    .meta({ description: 'One PO per supplier and warehouse' }),
}).strict();
const PoReceiptBody = z.object({
  idempotencyKey: Key, lang: Lang, poNo: z.string().min(1).max(40),
  lines: z.array(z.object({ lineNo: z.number().int().min(1), qty: z.number().int().min(1).max(100_000_000), note: z.string().max(500).optional() }).strict()).min(1).max(5000),
}).strict();
const ShortCloseBody = z.object({ idempotencyKey: Key, lang: Lang, poNo: z.string().min(1).max(40), lineNo: z.number().int().min(1), reason: z.string().max(500) }).strict();

/** The purchase center (DESIGN 3.3): suggestions, purchase orders, their receipts and short closes. */
export function purchasingRoutes(db: Database, now: () => Date): Route[] {
  return [
    route({
      method: 'post',
      path: '/v1/purchasing/orders',
      summary: 'Create purchase orders from final quantities: one per supplier, expected after its lead time; incoming at once',
      access: ['purchasing'],
      body: CreatePosBody,
      response: z.object({ orders: z.array(PoView) }),
      handler: ({ principal, body }) => createPurchaseOrders(db, principal, body, now),
    }),
    route({
      method: 'get',
      path: '/v1/purchasing/orders',
      summary: 'Purchase orders with their lines, status and overdue flag',
      access: 'member',
      response: z.object({ orders: z.array(PoView) }),
      handler: ({ principal }) => listPurchaseOrders(db, principal, now().toISOString().slice(0, 10)),
    }),
    route({
      method: 'post',
      path: '/v1/purchasing/receipts',
      summary: 'Receive against a purchase order: partial receipts, never more than is on order; stock goes to waiting orders first',
      access: ['warehouse', 'purchasing'],
      body: PoReceiptBody,
      response: z.object({ order: PoView }),
      handler: ({ principal, body }) => receivePurchaseOrder(db, principal, body, now),
    }),
    route({
      method: 'post',
      path: '/v1/purchasing/short-close',
      summary: 'Close what is left of a purchase-order line, with a reason (from the Receipts sheet, or by purchasing)',
      access: ['warehouse', 'purchasing'],
      body: ShortCloseBody,
      response: z.object({ order: PoView }),
      handler: ({ principal, body }) => shortClosePurchaseOrderLine(db, principal, body, now),
    }),
    route({
      method: 'get',
      path: '/v1/purchasing/suggestions',
      summary: 'Per active SKU: stock, waiting demand, units sold in 7/14/30 days, velocity, lead time, suggested qty and order-by date',
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
