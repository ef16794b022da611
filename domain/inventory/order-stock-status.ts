import type { OrderAction } from '../orders/order-moves';
import type { OrderStatus } from '../orders/order-status';

/** Statuses in which an order holds (or waits for) stock. Leaving them releases its reservations. */
export const RESERVING_STATUSES: readonly OrderStatus[] = ['approved', 'pending_purchase', 'pending_shipment'];

/**
 * The system move an order's reservations call for (docs/orders.md/3.2), or null when its status already
 * says the truth: approved orders go to pending_shipment when fully reserved, else pending_purchase —
 * unless no active warehouse serves their country (`served` false): then they stay approved, out of
 * purchasing, until one does; a waiting order completes when stock arrives; a ready order waits again
 * when a count takes its stock.
 */
export function stockMoveFor(status: OrderStatus, fullyReserved: boolean, served = true): OrderAction | null {
  switch (status) {
    case 'approved':
      return fullyReserved ? 'reserve_full' : served ? 'reserve_partial' : null;
    case 'pending_purchase':
      return fullyReserved ? 'stock_arrived' : null;
    case 'pending_shipment':
      return fullyReserved ? null : 'stock_lost';
    default:
      return null;
  }
}
