import { z } from 'zod';
import { IdempotencyKey, Lang, safeText } from './common';
import { contractText } from './contract-messages';
import { SHIPMENT_STATUSES } from '../logistics/shipment-status';

/** The logistics center (docs/logistics.md): plan parcels, split and unmerge them, book labels, ship. */

const ShipmentNo = safeText('shipmentNo', 1);
const OrderNo = safeText('orderNo', 1);

export const Money = z.object({ amount: z.string(), currency: z.string() });

export const ParcelLineView = z.object({
  orderNo: z.string(),
  lineNo: z.number().int(),
  sku: z.string(),
  qty: z.number().int(),
});

export const ShipmentView = z.object({
  shipmentNo: z.string().nullable().meta({ description: 'Null in a dry run: nothing was created' }),
  status: z.string(),
  warehouse: z.string(),
  country: z.string(),
  orderNos: z.array(z.string()),
  lines: z.array(ParcelLineView),
  attributes: z.array(z.string()),
  service: z.string().nullable(),
  chargeableG: z.number().int().nullable(),
  freight: Money.nullable(),
  trackingNo: z.string().nullable(),
  labelUrl: z.string().nullable().meta({ description: 'The stored label, through a link that expires' }),
  blocked: z.boolean().meta({ description: 'Product data is missing or no service fits: see why' }),
  why: z
    .string()
    .meta({ description: "The chosen service and the rule that left out each other, in the answer's language" }),
});
export type ShipmentView = z.infer<typeof ShipmentView>;

const Refusal = z.object({ code: z.string(), message: z.string() });

export const PlanBody = z
  .object({
    idempotencyKey: IdempotencyKey,
    lang: Lang,
    orderNos: z.array(OrderNo).max(50_000).optional().meta({
      description: 'Orders to plan (pending shipment); left out: every order pending shipment',
    }),
    dryRun: z.boolean().default(false).meta({ description: 'Answer the plan without creating shipments or booking' }),
  })
  .strict();
export type PlanBody = z.infer<typeof PlanBody>;
export const PlanResponse = z.object({
  dryRun: z.boolean(),
  shipments: z.array(ShipmentView),
  skipped: z.array(Refusal.extend({ orderNo: z.string() })),
});
export type PlanResponse = z.infer<typeof PlanResponse>;

export const SplitBody = z
  .object({
    idempotencyKey: IdempotencyKey,
    lang: Lang,
    shipmentNo: ShipmentNo,
    lines: z
      .array(z.object({ orderNo: OrderNo, lineNo: z.number().int().min(1), qty: z.number().int().min(1) }).strict())
      .min(1)
      .max(1000)
      .meta({ description: 'What moves into a new parcel; the rest stays' }),
  })
  .strict();
export type SplitBody = z.infer<typeof SplitBody>;

export const UnmergeBody = z
  .object({
    idempotencyKey: IdempotencyKey,
    lang: Lang,
    shipmentNo: ShipmentNo,
    orderNos: z.array(OrderNo).min(1).max(1000).optional().meta({
      description: 'Orders taken out, each into a parcel of its own; left out: every order but the first',
    }),
  })
  .strict();
export type UnmergeBody = z.infer<typeof UnmergeBody>;
export const ShipmentsResponse = z.object({ shipments: z.array(ShipmentView) });
export type ShipmentsResponse = z.infer<typeof ShipmentsResponse>;

const ShipmentNos = z.array(ShipmentNo).min(1).max(5000);

export const BookBody = z.object({ idempotencyKey: IdempotencyKey, lang: Lang, shipmentNos: ShipmentNos }).strict();
export type BookBody = z.infer<typeof BookBody>;

export const ShipmentOutcome = z.object({
  shipmentNo: z.string(),
  outcome: z.enum(['done', 'refused', 'failed']).meta({
    description: 'done; refused (fix the data, or nothing to do); failed (the carrier could not be reached: retry)',
  }),
  code: z.string().optional(),
  message: z.string().optional(),
  shipment: ShipmentView.optional(),
});
export const OutcomesResponse = z.object({
  done: z.number().int(),
  refused: z.number().int(),
  failed: z.number().int(),
  results: z.array(ShipmentOutcome),
  ordersShipped: z.array(z.string()).optional(),
});
export type OutcomesResponse = z.infer<typeof OutcomesResponse>;
export type ShipmentOutcome = z.infer<typeof ShipmentOutcome>;

export const TrackingNumbersBody = z
  .object({
    idempotencyKey: IdempotencyKey,
    lang: Lang,
    entries: z
      .array(z.object({ shipmentNo: ShipmentNo, trackingNo: safeText('trackingNo', 1) }).strict())
      .max(5000)
      .optional(),
    csv: safeText('trackingCsv', 1).optional().meta({
      description:
        "A carrier's CSV with a shipment (or reference) column and a tracking number column, matched by header",
    }),
  })
  .strict()
  .refine((b) => Boolean(b.entries?.length) !== Boolean(b.csv), { message: contractText('entries_or_csv') });
export type TrackingNumbersBody = z.infer<typeof TrackingNumbersBody>;

export const CancelBody = BookBody;
export type CancelBody = BookBody;

export const ShipBody = z
  .object({
    idempotencyKey: IdempotencyKey,
    lang: Lang,
    shipmentNos: z.array(ShipmentNo).max(5000).optional(),
    trackingNos: z.array(safeText('trackingNo', 1)).max(5000).optional().meta({
      description: 'A pasted list of tracking numbers, instead of shipment numbers',
    }),
  })
  .strict()
  .refine((b) => Boolean(b.shipmentNos?.length) || Boolean(b.trackingNos?.length), {
    message: contractText('shipments_or_tracking'),
  });
export type ShipBody = z.infer<typeof ShipBody>;

export const ShipmentsQuery = z
  .object({
    status: z.enum(SHIPMENT_STATUSES).optional(),
    lang: Lang,
  })
  .strict();
export const PickListQuery = z
  .object({
    warehouse: safeText('code', 1).optional(),
    lang: Lang,
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();
export const PickListResponse = z.object({
  rows: z.array(
    z.object({
      warehouse: z.string(),
      shipmentNo: z.string(),
      service: z.string().nullable(),
      trackingNo: z.string().nullable(),
      sku: z.string(),
      name: z.string().nullable(),
      qty: z.number().int(),
      orderNo: z.string(),
    }),
  ),
});
export type PickListResponse = z.infer<typeof PickListResponse>;
