import type { Lang } from '../i18n/lang';
import { servingWarehouses, type AllocationWarehouse } from '../inventory/allocation';
import { reviewMessage } from './review-messages';

/** An order as the network check sees it: where it goes, and whether we ship anything of it. */
export type NetworkCheckOrder = { country: string | null; ships: boolean };

type Flag = { code: 'no_warehouse_serves'; contact: false; params: { country: string }; message: string };

/**
 * The review flag of an order whose country no active warehouse serves (docs/orders.md), or null. Allocation's
 * own rule decides "serves", so the flag and the order's later "Waiting for" never disagree. A workspace with
 * no warehouse at all has not set up its network: flagging every order would say nothing. An order without a
 * country is flagged as an incomplete address already; one we ship nothing of needs no warehouse.
 */
export function noWarehouseFlag(
  order: NetworkCheckOrder,
  warehouses: readonly AllocationWarehouse[],
  lang: Lang,
): Flag | null {
  const country = (order.country ?? '').trim().toUpperCase();
  if (!order.ships || !country || !warehouses.length) return null;
  if (servingWarehouses(warehouses, country).length) return null;
  const params = { country };
  return {
    code: 'no_warehouse_serves',
    contact: false,
    params,
    message: reviewMessage(lang, 'no_warehouse_serves', params),
  };
}

/**
 * After a warehouse change: the flag goes when a warehouse now serves the order's country, so a stale flag
 * never misleads. `mayAdd` (orders still in review) also raises it when the network no longer serves the
 * country; an order past review waits visibly for a warehouse in its "Waiting for" instead.
 */
export function recheckNoWarehouse<F extends { code: string }>(
  flags: readonly F[],
  order: NetworkCheckOrder,
  warehouses: readonly AllocationWarehouse[],
  lang: Lang,
  mayAdd: boolean,
): (F | Flag)[] {
  const had = flags.some((f) => f.code === 'no_warehouse_serves');
  const flag = noWarehouseFlag(order, warehouses, lang);
  if (had && flag) return [...flags];
  if (!had && !(flag && mayAdd)) return [...flags];
  return [...flags.filter((f) => f.code !== 'no_warehouse_serves'), ...(flag ? [flag] : [])];
}
