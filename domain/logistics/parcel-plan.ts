import type { CarrierService, ChoiceNote, ParcelFacts } from './carrier-choice';
import { recipientKey, type Recipient } from './recipient-key';

/** Reserved, not yet planned units of one order line in one warehouse. */
export type PlanUnit = { orderNo: string; lineNo: number; sku: string; warehouse: string; qty: number };

export type PlanOrder = { orderNo: string; recipient: Recipient & { country: string }; units: PlanUnit[] };

/** A product's logistics data; null where the Products sheet leaves it empty. */
export type ProductFacts = {
  sku: string;
  weightG: number | null;
  lengthCm: number | null;
  widthCm: number | null;
  heightCm: number | null;
  attributes: readonly string[];
};

export type ParcelLine = { orderNo: string; lineNo: number; sku: string; qty: number };

export type PlannedParcel = {
  warehouse: string;
  country: string;
  orderNos: string[];
  lines: ParcelLine[];
  attributes: string[];
  /** Null when a product's weight or size is missing: `missing` names it, and no carrier is chosen. */
  facts: ParcelFacts | null;
  missing: ChoiceNote[];
};

/**
 * Turns orders awaiting shipment into parcels (DESIGN 3.4): orders with the same recipient shipping from the
 * same warehouse are merged; an order's units in different warehouses are split; units whose attributes no
 * single service carries together (a battery and a liquid) go in separate parcels, filled first-fit so the
 * fewest parcels come out. Every unit lands in exactly one parcel.
 */
export function planParcels(
  orders: readonly PlanOrder[],
  products: ReadonlyMap<string, ProductFacts>,
  services: readonly CarrierService[],
): PlannedParcel[] {
  const groups = new Map<string, { warehouse: string; country: string; units: PlanUnit[] }>();
  for (const order of [...orders].sort((a, b) => a.orderNo.localeCompare(b.orderNo))) {
    const key = recipientKey(order.recipient);
    for (const unit of order.units) {
      if (unit.qty <= 0) continue;
      const id = `${unit.warehouse}\u0000${key}`;
      const group = groups.get(id) ?? { warehouse: unit.warehouse, country: order.recipient.country, units: [] };
      group.units.push(unit);
      groups.set(id, group);
    }
  }
  const parcels: PlannedParcel[] = [];
  for (const group of groups.values()) {
    const carries = (attributes: readonly string[]) =>
      services.some(
        (s) => s.active && s.countries.includes(group.country) && attributes.every((a) => s.attributes.includes(a)),
      );
    const bins: { attributes: Set<string>; units: PlanUnit[] }[] = [];
    for (const unit of group.units) {
      const own = products.get(unit.sku)?.attributes ?? [];
      const bin = bins.find((b) => carries([...new Set([...b.attributes, ...own])]));
      // An item no service carries at all still needs a parcel: carrier choice then says why none fits.
      const target = bin ?? bins.find((b) => sameSet(b.attributes, own));
      if (target) {
        own.forEach((a) => target.attributes.add(a));
        target.units.push(unit);
      } else bins.push({ attributes: new Set(own), units: [unit] });
    }
    for (const bin of bins) parcels.push(parcelOf(group.warehouse, group.country, bin.units, bin.attributes, products));
  }
  return parcels;
}

function sameSet(a: ReadonlySet<string>, b: readonly string[]): boolean {
  return a.size === new Set(b).size && b.every((x) => a.has(x));
}

/** A parcel's weight, volume and longest side from its products; the missing data named per SKU. */
export function parcelOf(
  warehouse: string,
  country: string,
  units: readonly PlanUnit[],
  attributes: Iterable<string>,
  products: ReadonlyMap<string, ProductFacts>,
): PlannedParcel {
  const missing: ChoiceNote[] = [];
  let actualG = 0;
  let volumeCm3 = 0;
  let longestSideCm = 0;
  for (const sku of [...new Set(units.map((u) => u.sku))].sort()) {
    const product = products.get(sku);
    if (!product) missing.push({ key: 'missing_product', params: { sku } });
    else if (product.weightG === null) missing.push({ key: 'missing_weight', params: { sku } });
    else if (product.lengthCm === null || product.widthCm === null || product.heightCm === null)
      missing.push({ key: 'missing_size', params: { sku } });
  }
  for (const unit of units) {
    const p = products.get(unit.sku);
    if (!p || p.weightG === null || p.lengthCm === null || p.widthCm === null || p.heightCm === null) continue;
    actualG += p.weightG * unit.qty;
    volumeCm3 += p.lengthCm * p.widthCm * p.heightCm * unit.qty;
    longestSideCm = Math.max(longestSideCm, p.lengthCm, p.widthCm, p.heightCm);
  }
  const lines = mergeLines(units);
  return {
    warehouse,
    country,
    orderNos: [...new Set(lines.map((l) => l.orderNo))].sort(),
    lines,
    attributes: [...attributes].sort(),
    facts: missing.length ? null : { country, attributes: [...attributes].sort(), actualG, volumeCm3, longestSideCm },
    missing,
  };
}

function mergeLines(units: readonly PlanUnit[]): ParcelLine[] {
  const byLine = new Map<string, ParcelLine>();
  for (const u of units) {
    const id = `${u.orderNo}\u0000${u.lineNo}`;
    const line = byLine.get(id);
    if (line) line.qty += u.qty;
    else byLine.set(id, { orderNo: u.orderNo, lineNo: u.lineNo, sku: u.sku, qty: u.qty });
  }
  return [...byLine.values()].sort((a, b) => a.orderNo.localeCompare(b.orderNo) || a.lineNo - b.lineNo);
}
