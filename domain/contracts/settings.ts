import { z } from 'zod';
import { addsUpToOne } from '../purchasing/purchasing-settings';
import { safeText } from './common';

/** Workspace settings blocks over HTTP (the Settings sheet sends the same as text in a sync). */

const Decimal = z.string().regex(/^\d+(\.\d{1,4})?$/, 'must be an amount like 500 or 199.99');
export const ReviewSettingsBody = z
  .object({
    duplicateWindowDays: z.number().int().min(0).max(365),
    highValueLimit: z
      .object({ amount: Decimal, currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter currency code') })
      .strict()
      .nullable(),
    blockedPhones: z.array(safeText('phone', 3)).max(5000),
    blockedEmails: z.array(z.email().max(254)).max(5000),
    autoApprove: z.boolean(),
    importClosedOrders: z.boolean().optional().meta({
      description: 'Import orders the shop already closed (else skip them); left out, the stored value stays',
    }),
  })
  .strict();

export const PurchasingSettingsBody = z
  .object({
    weights: z
      .object({ r7: z.number().min(0).max(1), r14: z.number().min(0).max(1), r30: z.number().min(0).max(1) })
      .strict()
      .refine(addsUpToOne, { message: 'the three weights must add up to 1' }),
    leaveOutStockOutDays: z.boolean(),
  })
  .strict();
