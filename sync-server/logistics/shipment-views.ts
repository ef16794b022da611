import type { ShipmentView } from '../../domain/contracts/logistics';
import type { Lang } from '../../domain/i18n/lang';
import { renderShipmentReasons } from '../../domain/logistics/shipment-reasons';
import type { PlannedShipment } from '../../domain/logistics/shipment-plan';
import type { ShipmentRecord, ShipmentWrite } from './shipment-sql';

/** Makes the link that opens a stored label (null when the shipment has none). */
export type LabelLinker = (shipmentNo: string, trackingNo: string) => string;

export function shipmentView(record: ShipmentRecord, lang: Lang, link: LabelLinker | null): ShipmentView {
  const lines = record.lines.map((l) => ({
    orderNo: l.order_no,
    lineNo: Number(l.line_no),
    sku: l.sku,
    qty: Number(l.qty),
  }));
  const missing = Array.isArray(record.missing) ? record.missing : [];
  return {
    shipmentNo: record.shipment_no,
    status: record.status,
    warehouse: record.warehouse,
    country: record.country,
    orderNos: [...new Set(lines.map((l) => l.orderNo))],
    lines,
    attributes: record.attributes ?? [],
    service: record.service,
    chargeableG: record.chargeable_g === null ? null : Number(record.chargeable_g),
    freight:
      record.freight !== null && record.freight_currency
        ? { amount: record.freight, currency: record.freight_currency }
        : null,
    trackingNo: record.tracking_no,
    labelUrl: record.has_label && record.tracking_no && link ? link(record.shipment_no, record.tracking_no) : null,
    blocked: missing.length > 0 || record.service === null,
    why: renderShipmentReasons({ choice: record.choice, missing: record.missing, error: record.booking_error }, lang),
  };
}

/** A planned parcel as a shipment row (its number given when it is created). */
export function shipmentWrite(plan: PlannedShipment, shipmentNo: string, changeNo: number): ShipmentWrite {
  const chosen = plan.choice?.chosen ?? null;
  return {
    shipment_no: shipmentNo,
    status: 'draft',
    warehouse: plan.warehouse,
    country: plan.country,
    attributes: plan.attributes,
    actual_g: plan.facts?.actualG ?? null,
    volume_cm3: plan.facts?.volumeCm3 ?? null,
    longest_side_cm: plan.facts?.longestSideCm ?? null,
    service: chosen?.service ?? null,
    chargeable_g: chosen?.chargeableG ?? null,
    freight: chosen?.freight.amount ?? null,
    freight_currency: chosen?.freight.currency ?? null,
    choice: plan.choice?.notes ?? [],
    missing: plan.missing,
    change_no: changeNo,
  };
}

/** A planned parcel as the answer shows it (dry run: no number yet). */
export function plannedView(plan: PlannedShipment, shipmentNo: string | null, lang: Lang): ShipmentView {
  const write = shipmentWrite(plan, shipmentNo ?? '', 0);
  return shipmentView(
    {
      ...write,
      shipment_no: shipmentNo as string,
      freight: write.freight,
      longest_side_cm: null,
      volume_cm3: null,
      tracking_no: null,
      carrier_reference: null,
      booked_on: null,
      booking_error: null,
      updated_at: new Date(0),
      version: 1,
      has_label: false,
      lines: plan.lines.map((l) => ({ order_no: l.orderNo, line_no: l.lineNo, sku: l.sku, qty: l.qty })),
    },
    lang,
    null,
  );
}
