import type { DeclaredProduct } from '../../domain/logistics/declaration';
import type { ParcelForCarrier } from './carriers/carrier-adapter';
import type { OrderRecipientRow, ProductRow } from './plan-inputs';
import type { ShipmentRecord } from './shipment-sql';

export function declaredProduct(row: ProductRow): DeclaredProduct {
  return {
    sku: row.sku,
    declaredNameEn: row.declared_name_en,
    hsCode: row.hs_code,
    declaredValue: row.declared_value,
    declaredCurrency: row.declared_currency,
  };
}

/**
 * The parcel as a carrier gets it: our shipment number as its reference (so a retried booking is the same
 * booking), the recipient of the parcel's orders (merged orders share one), and the declared items.
 */
export function parcelForCarrier(
  shipment: ShipmentRecord,
  recipient: OrderRecipientRow,
  products: ReadonlyMap<string, ProductRow>,
  product: string,
): ParcelForCarrier {
  const qty = new Map<string, number>();
  for (const l of shipment.lines) qty.set(l.sku, (qty.get(l.sku) ?? 0) + Number(l.qty));
  const items = [...qty.entries()].map(([sku, count]) => {
    const p = products.get(sku)!;
    return {
      sku,
      qty: count,
      declaredNameEn: p.declared_name_en ?? p.name_en ?? sku,
      declaredNameZh: p.declared_name_zh,
      hsCode: p.hs_code ?? '',
      declaredValue: p.declared_value ?? '0',
      currency: p.declared_currency ?? 'USD',
      weightG: Number(p.weight_g ?? 0),
    };
  });
  const sides = [...qty.keys()].map((sku) => products.get(sku)!).filter((p) => p.length_cm !== null);
  const longest = sides.sort((a, b) => Number(b.length_cm) - Number(a.length_cm))[0];
  return {
    reference: shipment.shipment_no,
    product,
    recipient: {
      name: recipient.recipient_name ?? '',
      phone: recipient.phone,
      email: recipient.email,
      address1: recipient.address1 ?? '',
      address2: recipient.address2,
      city: recipient.city,
      province: recipient.province,
      postalCode: recipient.postal_code,
      country: recipient.country ?? '',
    },
    weightG: Math.max(1, Number(shipment.actual_g ?? 0)),
    dimensionsCm: longest
      ? { length: Number(longest.length_cm), width: Number(longest.width_cm), height: Number(longest.height_cm) }
      : null,
    items,
  };
}
