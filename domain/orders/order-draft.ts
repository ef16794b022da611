/** An order as read from a channel export, before it is stored (DESIGN 3.1). Money is exact (decimal strings). */
export const ORDER_CHANNELS = ['shopify', 'amazon', 'template', 'manual'] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];

export type PaymentMethod = 'prepaid' | 'cod';

export type OrderLineDraft = {
  sku: string;
  name: string | null;
  qty: number;
  /** Decimal string; null when the export does not carry prices (Amazon's unshipped report). */
  unitPrice: string | null;
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

export type OrderDraft = {
  channel: OrderChannel;
  externalId: string;
  orderedAt: SourceTime | null;
  currency: string | null;
  paymentMethod: PaymentMethod;
  email: string | null;
  phone: string | null;
  recipient: Recipient;
  totals: { subtotal: string | null; shipping: string | null; tax: string | null; total: string | null };
  note: string | null;
  lines: OrderLineDraft[];
};

export type ImportRowError = { row: number; orderId: string | null; field: string; code: string; message: string };

/** What one file gives: whole orders, and every row that could not form an order line (its order left out whole). */
export type ParsedImport = { orders: OrderDraft[]; rejected: ImportRowError[]; rejectedOrders: string[] };
