import type { RateLine } from './rate-bands';
import { chooseCarrier, type CarrierChoice, type CarrierService } from './carrier-choice';
import { planParcels, type PlanOrder, type PlannedParcel, type ProductFacts } from './parcel-plan';

export type PlannedShipment = PlannedParcel & { choice: CarrierChoice | null };

/**
 * Parcels for the orders and a carrier for each, as one dry run: each parcel given a capped service takes
 * one of its places today in this plan, so a plan of 150 parcels on a service with room for 100 sends the
 * rest to the next service. Nothing is booked here: booking takes the real capacity (and chooses again
 * when it is gone).
 */
export function planShipments(
  orders: readonly PlanOrder[],
  products: ReadonlyMap<string, ProductFacts>,
  services: readonly CarrierService[],
  rates: readonly RateLine[],
  capacityLeft: ReadonlyMap<string, number>,
): PlannedShipment[] {
  const left = new Map(capacityLeft);
  return planParcels(orders, products, services).map((parcel) => {
    if (!parcel.facts) return { ...parcel, choice: null };
    const choice = chooseCarrier(parcel.facts, services, rates, left);
    const code = choice.chosen?.service;
    if (code !== undefined && left.has(code)) left.set(code, left.get(code)! - 1);
    return { ...parcel, choice };
  });
}
