import type { ChannelFacts } from './channel-closing';
import type { Recipient } from './order-draft';

/** One file row in a channel-neutral shape; blank order-level cells mean "same as the order's first row". */
export type ImportRow = {
  row: number;
  orderId: string;
  orderedAt: string;
  sku: string;
  name: string;
  qty: string;
  unitPrice: string;
  currency: string;
  payment: string;
  email: string;
  phone: string;
  recipient: Record<keyof Recipient, string>;
  totals: { subtotal: string; shipping: string; tax: string; total: string; discount: string };
  note: string;
  /** What the channel says it did with the order and line; absent where the format says nothing. */
  facts?: Partial<ChannelFacts>;
};
