import type { ParcelFacts } from '../../domain/logistics/carrier-choice';
import type { ShipmentRecord } from './shipment-sql';

/** A stored shipment's parcel facts for carrier choice (null while a product's data is missing). */
export function storedFacts(shipment: ShipmentRecord): ParcelFacts | null {
  const missing = Array.isArray(shipment.missing) ? shipment.missing : [];
  if (missing.length || shipment.actual_g === null) return null;
  return {
    country: shipment.country,
    attributes: shipment.attributes ?? [],
    actualG: Number(shipment.actual_g),
    volumeCm3: Number(shipment.volume_cm3 ?? 0),
    longestSideCm: Number(shipment.longest_side_cm ?? 0),
  };
}
