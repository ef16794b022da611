import type { ColumnSpec, TableSpec, WireRow, WireValue } from '../../domain/sheets/column-spec';
import { canonicalDecimal } from '../../domain/sheets/row-validation';

import type { SyncedRow } from '../../domain/contracts/sync';
import type { Lang } from '../../domain/i18n/lang';
import { renderReview, type ReviewFlag } from '../../domain/orders/auto-review';
import { renderWaiting } from '../../domain/inventory/inventory-messages';
import { PO_STATUS_LABELS, type PoStatus } from '../../domain/purchasing/purchase-order';
import { TRANSFER_STATUS_LABELS, type TransferStatus } from '../../domain/inventory/transfer';
import { renderFulfilment, renderLineNotes } from '../../domain/orders/line-notes';
import { renderOrderShipping, renderShipmentReasons } from '../../domain/logistics/shipment-reasons';
import { shipmentStatusLabel } from '../../domain/logistics/shipment-status';
import { renderTracking } from '../../domain/tracking/tracking-render';
import {
  AFTER_SALE_REASON_LABELS,
  AFTER_SALE_STATUS_LABELS,
  renderKinds,
  type AfterSaleReason,
  type AfterSaleStatus,
} from '../../domain/after-sale/after-sale-case';

/** Sources a column may be rendered from, in the reader's language (see ColumnSpec.renderedFrom). */
export const RENDERERS: Record<NonNullable<ColumnSpec['renderedFrom']>, (source: unknown, lang: Lang) => string> = {
  review_flags: (flags, lang) => (Array.isArray(flags) ? renderReview(flags as ReviewFlag[], lang) : ''),
  waiting: (waiting, lang) =>
    Array.isArray(waiting) ? renderWaiting(waiting as { sku: string; missing: number }[], lang) : '',
  fulfilment: renderFulfilment,
  notes: renderLineNotes,
  parcels: renderOrderShipping,
  shipment_status: (status, lang) => shipmentStatusLabel(String(status ?? ''), lang),
  reasons: renderShipmentReasons,
  tracking: renderTracking,
  po_status: (status, lang) =>
    typeof status === 'string' && status in PO_STATUS_LABELS
      ? PO_STATUS_LABELS[status as PoStatus][lang]
      : String(status ?? ''),
  transfer_status: (status, lang) =>
    typeof status === 'string' && status in TRANSFER_STATUS_LABELS
      ? TRANSFER_STATUS_LABELS[status as TransferStatus][lang]
      : String(status ?? ''),
  after_sale_kinds: (kinds, lang) =>
    renderKinds(
      String(kinds ?? '')
        .split(',')
        .filter(Boolean),
      lang,
    ),
  after_sale_status: (status, lang) =>
    typeof status === 'string' && status in AFTER_SALE_STATUS_LABELS
      ? AFTER_SALE_STATUS_LABELS[status as AfterSaleStatus][lang]
      : String(status ?? ''),
  after_sale_reason: (reason, lang) =>
    typeof reason === 'string' && reason in AFTER_SALE_REASON_LABELS
      ? AFTER_SALE_REASON_LABELS[reason as AfterSaleReason][lang]
      : String(reason ?? ''),
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function toSyncedRow(spec: TableSpec, dbRow: Record<string, unknown>, lang: Lang = 'en'): SyncedRow {
  const values: WireRow = {};
  for (const column of spec.columns) {
    values[column.field] = column.renderedFrom
      ? RENDERERS[column.renderedFrom](dbRow[column.field], lang)
      : toWire(column.kind.type, dbRow[column.field]);
  }
  return {
    key: String(dbRow[spec.keyField]),
    version: Number(dbRow.version),
    changeNo: Number(dbRow.change_no),
    values,
  };
}

function toWire(type: string, value: unknown): WireValue {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'decimal':
      return canonicalDecimal(String(value));
    case 'timestamp':
    case 'days-since':
      if (typeof value === 'string' && ISO_INSTANT.test(value)) return value; // written so by the SQL
      return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
    case 'integer':
      return Number(value);
    case 'boolean':
      return Boolean(value);
    case 'enum-list':
    case 'country-list':
      return Array.isArray(value) ? value.map(String) : [];
    default:
      return String(value);
  }
}
