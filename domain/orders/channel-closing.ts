import type { ChannelClosing, LineFulfilment, OrderLineDraft } from './order-draft';

/**
 * What an export says the shop already did with an order and its lines (Shopify: Cancelled at, Financial
 * Status, Fulfillment Status, Lineitem requires shipping, Lineitem fulfillment status; Amazon:
 * quantity-to-ship, customized-url, is-buyer-requested-cancellation, verge-of-cancellation). Raw text.
 */
export type ChannelFacts = {
  cancelledAt: string;
  financialStatus: string;
  fulfillmentStatus: string;
  requiresShipping: string;
  lineFulfillment: string;
  qtyToShip: string;
  customization: string;
  buyerCancel: string;
  buyerCancelReason: string;
  vergeOfCancellation: string;
};

const lower = (value: string | undefined) => (value ?? '').trim().toLowerCase();

/** A line the shop marked as needing no shipping is kept for the money; one it fulfilled is not ours to ship. */
export function lineFulfilment(facts: Partial<ChannelFacts>): LineFulfilment {
  if (lower(facts.requiresShipping) === 'false') return 'none';
  return lower(facts.lineFulfillment) === 'fulfilled' ? 'channel' : 'crossdock';
}

/**
 * Whether the shop had closed the order: cancelled (or its payment voided or expired, or its items
 * restocked) wins over fulfilled; a fulfilled order refunded later is an after-sale matter, so it counts
 * as fulfilled; a refunded order that never shipped is closed as refunded. Null: open, ours to work on.
 */
export function closingOf(
  facts: Partial<ChannelFacts>,
  lines: readonly Pick<OrderLineDraft, 'fulfilment'>[],
): ChannelClosing | null {
  const financial = lower(facts.financialStatus);
  const fulfillment = lower(facts.fulfillmentStatus);
  if (facts.cancelledAt?.trim() || fulfillment === 'restocked') return 'cancelled';
  if (financial === 'voided' || financial === 'expired') return financial;
  const nothingToShip = lines.length > 0 && lines.every((l) => l.fulfilment !== 'crossdock');
  if (fulfillment === 'fulfilled' || (nothingToShip && lines.some((l) => l.fulfilment === 'channel')))
    return 'fulfilled';
  return financial === 'refunded' ? 'refunded' : null;
}

/** Payment states that mean the money has not been taken yet (Shopify's Financial Status). */
export function isUnpaid(financialStatus: string | null): boolean {
  return financialStatus === 'pending' || financialStatus === 'authorized' || financialStatus === 'partially_paid';
}
