import { z } from 'zod';
import { LANGS } from '../i18n/lang';
import { CURRENCY_CODE, MONEY_AMOUNT } from '../money/amount-shape';
import { hasBadCharacters, TEXT_CAPS, type TextCap } from './text-limits';
import { contractText } from './contract-messages';

/**
 * Pieces every area's contract uses. Each request schema is the one definition of what a request may
 * hold: the server validates with it, OpenAPI is generated from it, and both sides take their types
 * from it (z.infer); the add-on imports those types only, never zod itself.
 */

const NO_CONTROL = contractText('no_control');

/** Text a person or a partner sends, under one of the documented caps (text-limits.ts). */
export function safeText(cap: TextCap, min = 0) {
  return z
    .string()
    .min(min)
    .max(TEXT_CAPS[cap])
    .refine((t) => !hasBadCharacters(t), NO_CONTROL);
}

/** The same rule for a text with a cap of its own (a whole settings block as typed). */
export function safeString(max: number) {
  return z
    .string()
    .max(max)
    .refine((t) => !hasBadCharacters(t), NO_CONTROL);
}

export const Lang = z
  .enum(LANGS)
  .default('en')
  .meta({ description: "The language of the answer's messages: en or zh" });

export const IdempotencyKey = safeText('idempotencyKey', 8).meta({
  description: 'One per button press; a replay gets the first answer',
});

export const ClientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, contractText('client_id'));

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, contractText('date_shape'))
  .refine((d) => {
    const parsed = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === d; // 2026-02-30 is not a day
  }, contractText('real_date'));

export const FieldError = z.object({ field: z.string(), code: z.string(), message: z.string() });

export const ErrorBody = z.object({
  error: z.object({
    code: z.string().meta({ description: 'Stable code to match on' }),
    message: z.string().meta({ description: 'What happened and what to do, for a person' }),
    details: z.array(FieldError),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** An exact amount as a decimal string (never a binary float) and the ISO code of its currency. */
export const MoneyAmount = z.string().regex(MONEY_AMOUNT, contractText('amount'));
export const CurrencyCode = z.string().regex(CURRENCY_CODE, contractText('currency_code'));

export const OkResponse = z.object({ ok: z.literal(true) });
