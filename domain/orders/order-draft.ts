/** An order as read from a channel export, before it is stored (docs/orders.md). Money is exact (decimal strings). */
export const ORDER_CHANNELS = ['shopify', 'amazon', 'template', 'manual'] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];

export type PaymentMethod = 'prepaid' | 'cod';

/**
 * Who ships a line: Crossdock (reserved and shipped from our stock), nobody (a gift card, a digital item:
 * kept for the money, never reserved), or the channel, which fulfilled it before the import.
 */
export const LINE_FULFILMENTS = ['crossdock', 'none', 'channel'] as const;
export type LineFulfilment = (typeof LINE_FULFILMENTS)[number];

export type OrderLineDraft = {
  /** The channel's SKU; for a line the shop sold without one, the product/variant name (`keyedByName`). */
  sku: string;
  name: string | null;
  qty: number;
  /** Decimal string; null when the export does not carry prices (Amazon's unshipped report). */
  unitPrice: string | null;
  /** The line's amount exactly as the export gave it, where it gives the line rather than the unit (Amazon). */
  lineTotal: string | null;
  fulfilment: LineFulfilment;
  keyedByName: boolean;
  /** Where the buyer's personalisation is (Amazon's customized-url). */
  customization: string | null;
  sourceRow: number;
};

export type Recipient = {
  name: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  postalCode: string | null;
  country: string | null;
};

/** A moment as the source wrote it, in UTC, and the offset the source gave (null when it gave none). */
export type SourceTime = { utc: string; local: string; offset: string | null };

/**
 * What the shop had already done with the order before it reached us. An order the shop closed is
 * imported in that state (or skipped, as the workspace chooses), never sent to customer service as new.
 */
export const CHANNEL_CLOSINGS = ['cancelled', 'refunded', 'voided', 'expired', 'fulfilled'] as const;
export type ChannelClosing = (typeof CHANNEL_CLOSINGS)[number];

export type OrderDraft = {
  channel: OrderChannel;
  externalId: string;
  orderedAt: SourceTime | null;
  currency: string | null;
  paymentMethod: PaymentMethod;
  email: string | null;
  phone: string | null;
  recipient: Recipient;
  totals: {
    subtotal: string | null;
    shipping: string | null;
    tax: string | null;
    total: string | null;
    /** What the shop took off the order (a positive amount). */
    discount: string | null;
  };
  note: string | null;
  /** Null for an open order. */
  closedBy: ChannelClosing | null;
  /** The payment state the channel gave, lower case ("paid", "pending", "authorized"); null when it gives none. */
  financialStatus: string | null;
  /** The buyer asked the channel to cancel, or the channel is about to (Amazon); the reason when given. */
  cancellationRequest: { reason: string | null } | null;
  lines: OrderLineDraft[];
};

export type ImportRowError = { row: number; orderId: string | null; field: string; code: string; message: string };

/** What one file gives: whole orders, and every row that could not form an order line (its order left out whole). */
export type ParsedImport = { orders: OrderDraft[]; rejected: ImportRowError[]; rejectedOrders: string[] };
