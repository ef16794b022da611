/**
 * YunExpress (云途物流) OMS API shapes, v1 "Basic auth" API under `<host>/api/`. Field names, types and
 * envelopes as published; see the source list at the top of yunexpress-adapter.ts. Requests are zod schemas
 * too so the test fake refuses what the real API refuses.
 */
import { z } from 'zod';

// ---- Requests ----

/** The API's kg weights carry at most 3 decimals (float tolerance: 0.457 * 1000 is not exactly 457). */
const kilograms = z
  .number()
  .positive()
  .refine((kg) => Math.abs(Math.round(kg * 1000) - kg * 1000) < 1e-6, 'at most 3 decimals');

/** Receiver of WayBill/CreateOrder (lengths in the published table). */
export const receiverSchema = z.object({
  /** ISO 3166-1 alpha-2. */
  CountryCode: z.string().length(2),
  FirstName: z.string().min(1).max(50),
  LastName: z.string().max(50).optional(),
  Company: z.string().max(200).optional(),
  Street: z.string().min(1).max(200),
  StreetAddress1: z.string().max(200).optional(),
  StreetAddress2: z.string().max(200).optional(),
  /** Required by the API; sent empty when unknown so its own refusal names the field. */
  City: z.string().min(1).max(100),
  State: z.string().max(100).optional(),
  Zip: z.string().max(50).optional(),
  Phone: z.string().max(200).optional(),
  Email: z.string().max(100).optional(),
});

/** A declared item ("申报信息"): prices per unit, weights per unit in kg. */
export const parcelSchema = z.object({
  EName: z.string().min(1).max(200),
  CName: z.string().max(500).optional(),
  HSCode: z.string().max(50).optional(),
  Quantity: z.number().int().positive(),
  UnitPrice: z.number().nonnegative(),
  UnitWeight: kilograms,
  CurrencyCode: z.string().min(3).max(50),
  SKU: z.string().max(50).optional(),
});

/** One order of WayBill/CreateOrder; the endpoint takes an array of 1 to 10 of them. */
export const createOrderSchema = z.object({
  CustomerOrderNumber: z.string().min(1).max(50),
  ShippingMethodCode: z.string().min(1).max(50),
  PackageCount: z.number().int().positive(),
  /** Estimated total weight, kg. */
  Weight: kilograms,
  /** Centimetres, whole numbers. */
  Length: z.number().int().positive().optional(),
  Width: z.number().int().positive().optional(),
  Height: z.number().int().positive().optional(),
  Receiver: receiverSchema,
  Parcels: z.array(parcelSchema).min(1),
});
export const createOrderBatchSchema = z.array(createOrderSchema).min(1).max(10);
export type CreateOrder = z.infer<typeof createOrderSchema>;

/** Label/Print takes a bare JSON array of waybill, customer order or tracking numbers. */
export const labelPrintRequestSchema = z.array(z.string().min(1)).min(1);

/** WayBill/Delete: which kind of number `OrderNumber` is. */
export const ORDER_TYPE = { waybill: 1, customerOrder: 2, tracking: 3 } as const;
export const deleteRequestSchema = z.object({
  OrderType: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  OrderNumber: z.string().min(1),
});

// ---- Replies ----

const text = z.string().nullish();
/** The envelope codes are strings ("0000"); tolerate a number so a reformatted reply is not "bad shape". */
const code = z.union([z.string(), z.number()]).transform(String);

/** Every reply: `Code` "0000" is success; the payload is `Item` or `Items` depending on the endpoint. */
export function envelope<T extends z.ZodType>(payload: T) {
  return z.object({
    Code: code,
    Message: text,
    Item: payload.nullish(),
    Items: payload.nullish(),
    RequestId: text,
  });
}
export const SUCCESS_CODE = '0000';

/** Per-order result of CreateOrder: `Success` 1 or 0, the reason of a 0 in `Remark`. */
export const createOrderResultSchema = z.object({
  CustomerOrderNumber: text,
  Success: z.union([z.number(), z.boolean()]),
  /** 1: tracking number issued, 2: issued later, 3: none needed. */
  TrackType: z.union([z.string(), z.number()]).nullish(),
  Remark: text,
  AgentNumber: text,
  WayBillNumber: text,
  TrackingNumber: text,
});
export const createOrderReplySchema = envelope(z.array(createOrderResultSchema));

/** WayBill/GetOrder?OrderNumber=… (waybill, customer order or tracking number). */
export const getOrderItemSchema = z.object({
  WayBillNumber: z.string().min(1),
  /** The customer order number. */
  OrderNumber: text,
  ShippingMethodCode: text,
  TrackingNumber: text,
  /** 3 submitted, 4 received, 5 in transit, 6 deleted, 7 returned, 8 awaiting transfer, 9 return in warehouse, 10 delivered. */
  Status: z.number().nullish(),
});
export const getOrderReplySchema = envelope(getOrderItemSchema);
export const ORDER_STATUS_DELETED = 6;

/** Label/Print: one PDF URL for the batch, and a line per requested number (Code 100 ok, 200 no template). */
export const labelPrintItemSchema = z.object({
  Url: text,
  OrderInfos: z
    .array(z.object({ CustomerOrderNumber: text, Error: text, Code: z.union([z.number(), z.string()]).nullish() }))
    .nullish(),
});
export const labelPrintReplySchema = envelope(z.array(labelPrintItemSchema));
export const LABEL_OK = 100;

/**
 * WayBill/Delete. The documented `Status` is "Success"/"Failure"; a captured live reply carried a numeric
 * status ("5012") with Remark "删除成功!", so only "Failure" (or a non-0000 envelope) is read as a refusal.
 */
export const deleteItemSchema = z.object({
  OrderNumber: text,
  Status: z.union([z.string(), z.number()]).nullish(),
  Type: z.number().nullish(),
  Remark: text,
});
export const deleteReplySchema = envelope(deleteItemSchema);

/** Freight/GetPriceTrial: a line per shipping method that serves the country; fees in `Currency` (RMB when absent). */
export const priceTrialItemSchema = z.object({
  Code: z.string(),
  CName: text,
  EName: text,
  ShippingFee: z.number().nullish(),
  RegistrationFee: z.number().nullish(),
  FuelFee: z.number().nullish(),
  SundryFee: z.number().nullish(),
  TotalFee: z.number(),
  DeliveryDays: text,
  Currency: text,
  Remark: text,
});
export const priceTrialReplySchema = envelope(z.array(priceTrialItemSchema));
export type PriceTrialItem = z.infer<typeof priceTrialItemSchema>;
