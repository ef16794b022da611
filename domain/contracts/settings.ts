import { z } from 'zod';
import { addsUpToOne } from '../purchasing/purchasing-settings';
import { safeText } from './common';
import { contractText } from './contract-messages';

/** Workspace settings blocks over HTTP (the Settings sheet sends the same as text in a sync). */

const Decimal = z.string().regex(/^\d+(\.\d{1,4})?$/, contractText('amount'));
export const ReviewSettingsBody = z
  .object({
    duplicateWindowDays: z.number().int().min(0).max(365),
    highValueLimit: z
      .object({ amount: Decimal, currency: z.string().regex(/^[A-Z]{3}$/, contractText('currency_code')) })
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
      .refine(addsUpToOne, { message: contractText('weights_sum') }),
    leaveOutStockOutDays: z.boolean(),
  })
  .strict();

/** The reports' base currency (docs/reports.md): every report amount is converted to it. */
export const ReportSettingsBody = z
  .object({ baseCurrency: z.string().regex(/^[A-Z]{3}$/, contractText('currency_code')) })
  .strict();
