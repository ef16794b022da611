import type { CarrierService } from '../../domain/logistics/carrier-choice';
import type { RateLine } from '../../domain/logistics/rate-bands';
import { run, type Queryable } from '../db/database';
import { selectBookedOn, selectCarriers, type CarrierRow } from './carrier-sql';
import { loadRateLines } from './rate-push';

export type ServiceSetup = CarrierService & { name: string; product: string | null };

/** Everything carrier choice reads for one day: the services, their rates, and the room each has left. */
export type CarrierSetup = {
  services: ServiceSetup[];
  rates: RateLine[];
  /** Parcels each capped service can still book on `day` (uncapped services are absent). */
  capacityLeft: Map<string, number>;
  day: string;
};

/** The capacity day is the UTC date (docs/logistics.md). */
export function capacityDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export async function loadCarrierSetup(client: Queryable, workspaceId: string, at: Date): Promise<CarrierSetup> {
  const day = capacityDay(at);
  const services = (await run<CarrierRow>(client, selectCarriers(workspaceId))).rows.map(serviceFrom);
  const booked = new Map(
    (await run<{ service: string; booked: number }>(client, selectBookedOn(workspaceId, day))).rows.map((r) => [
      r.service,
      Number(r.booked),
    ]),
  );
  const capacityLeft = new Map<string, number>();
  for (const s of services)
    if (s.dailyCapacity !== null) capacityLeft.set(s.code, s.dailyCapacity - (booked.get(s.code) ?? 0));
  return { services, rates: await loadRateLines(client, workspaceId), capacityLeft, day };
}

function serviceFrom(r: CarrierRow): ServiceSetup {
  return {
    code: r.code,
    name: r.name,
    adapter: r.adapter,
    product: r.carrier_product,
    countries: r.countries ?? [],
    attributes: r.attributes ?? [],
    maxWeightG: r.max_weight_g === null ? null : Number(r.max_weight_g),
    maxSideCm: r.max_side_cm === null ? null : Number(r.max_side_cm),
    dailyCapacity: r.daily_capacity === null ? null : Number(r.daily_capacity),
    priority: Number(r.priority),
    volumetricDivisor: Number(r.volumetric_divisor),
    fuelSurchargePct: r.fuel_surcharge_pct,
    active: r.active,
  };
}
