import { z } from 'zod';
import { Lang, safeText } from './common';

/** The tracking center's reads (docs/tracking.md). */
export const JourneyParams = z.object({ orderNo: safeText('orderNo', 1) }).strict();
export const JourneyQuery = z.object({ lang: Lang }).strict();
export const JourneyResponse = z.object({
  orderNo: z.string(),
  steps: z.array(
    z.object({
      at: z.string(),
      kind: z.enum(['order', 'purchase', 'shipment', 'carrier', 'after_sale']),
      subject: z.string().meta({ description: 'The order, PO or shipment number the step is about' }),
      text: z.string(),
    }),
  ),
});
