import { z } from 'zod';
import type { Database } from '../db/database';
import { purchaseSuggestions } from '../purchasing/suggestion-service';
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
      sku: z.string(), supplier: z.string().nullable(), supplierKnown: z.boolean(),
      available: z.number().int(), incoming: z.number().int(), waiting: z.number().int(),
      sold7: z.number().int(), sold14: z.number().int(), sold30: z.number().int(),
      r7: z.number(), r14: z.number(), r30: z.number(), velocity: z.number(),
      leadTime: z.number().int(), reorderPoint: z.number(), suggestedQty: z.number().int(), orderBy: z.string().nullable(),
    }),
  ),
});

/** The purchase center's reads (DESIGN 3.3). */
export function purchasingRoutes(db: Database, now: () => Date): Route[] {
  return [
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
