import { daysFor, parseDaysByCode } from '../sheets/days-by-code';

/** A supplier's times as the Suppliers sheet holds them; `transitByWarehouse` is "FR1 35, US1 25" or null. */
export type SupplierTimes = {
  leadDays: number;
  qcDays: number;
  transitDays: number;
  transitByWarehouse: string | null;
};

/** Transit days to this warehouse (docs/purchasing.md): its own where the supplier gives them, else the general ones. */
export function transitDaysTo(
  times: Pick<SupplierTimes, 'transitDays' | 'transitByWarehouse'>,
  warehouse: string | null,
): number {
  if (warehouse === null || !times.transitByWarehouse) return times.transitDays;
  const parsed = parseDaysByCode(times.transitByWarehouse, Number.MAX_SAFE_INTEGER);
  return ('days' in parsed ? daysFor(parsed.days, warehouse) : undefined) ?? times.transitDays;
}

/** L = lead days + QC days + transit days to the warehouse. */
export function leadTimeTo(times: SupplierTimes, warehouse: string | null): number {
  return times.leadDays + times.qcDays + transitDaysTo(times, warehouse);
}
