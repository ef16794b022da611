import { LANGS } from '../domain/i18n/lang';
import { SHIPMENT_TABLE } from '../domain/logistics/shipment-table';
import { SHIPMENT_STATUSES, shipmentStatusLabel, type ShipmentStatus } from '../domain/logistics/shipment-status';
import { readBack } from './cell-values';
import { keyOf } from './loaded-table';
import { selectedOrders } from './order-actions';
import { findTableSheet, readLayout } from './sheet-layout';

/** A row of the Shipments sheet as the sidebar needs it. */
export type ShipmentRow = { shipmentNo: string; status: ShipmentStatus | null; label: string; trackingNo: string };

// The sheet shows each status by its label in the sheet's language; either language reads back.
const STATUS_OF_LABEL = new Map<string, ShipmentStatus>(
  SHIPMENT_STATUSES.flatMap((s) => LANGS.map((lang) => [shipmentStatusLabel(s, lang), s] as const)),
);

/** Order numbers of the rows selected in the Orders sheet (none when another sheet is active). */
export function selectedOrderNos(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string[] {
  return selectedOrders(spreadsheet).map((o) => o.orderNo);
}

/**
 * Rows of the Shipments sheet: `selected` reads the rows selected in it (none when another sheet is
 * active, any number of ranges), `all` reads every row. One read per block, by the columns' headers.
 */
export function shipmentRows(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  which: 'selected' | 'all',
): ShipmentRow[] {
  const sheet = findTableSheet(spreadsheet, SHIPMENT_TABLE);
  if (!sheet || sheet.getLastColumn() < 1 || sheet.getLastRow() < 2) return [];
  if (which === 'selected' && spreadsheet.getActiveSheet().getSheetId() !== sheet.getSheetId()) return [];
  const layout = readLayout(SHIPMENT_TABLE, sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? []);
  const columns = ['shipment_no', 'status', 'tracking_no'].map((field) => layout.fields.get(field));
  if (columns.some((c) => c === undefined)) return [];
  const [noColumn, statusColumn, trackingColumn] = columns as number[];
  const left = Math.min(noColumn!, statusColumn!, trackingColumn!);
  const width = Math.max(noColumn!, statusColumn!, trackingColumn!) - left + 1;
  const blocks =
    which === 'all'
      ? [{ first: 2, last: sheet.getLastRow() }]
      : (spreadsheet.getActiveRangeList()?.getRanges() ?? []).map((range) => ({
          first: Math.max(range.getRow(), 2),
          last: Math.min(range.getLastRow(), sheet.getLastRow()),
        }));
  const found = new Map<string, ShipmentRow>();
  for (const { first, last } of blocks) {
    if (last < first) continue;
    for (const row of sheet.getRange(first, left + 1, last - first + 1, width).getValues()) {
      const shipmentNo = keyOf(readBack(row[noColumn! - left]));
      if (!shipmentNo || found.has(shipmentNo)) continue;
      const label = String(readBack(row[statusColumn! - left] ?? ''));
      found.set(shipmentNo, {
        shipmentNo,
        status: STATUS_OF_LABEL.get(label) ?? null,
        label,
        trackingNo: keyOf(readBack(row[trackingColumn! - left])),
      });
    }
  }
  return [...found.values()];
}

/** Draft shipments as the Shipments sheet shows them (what "Book labels" books when nothing is selected). */
export function draftShipmentNos(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string[] {
  return shipmentRows(spreadsheet, 'all')
    .filter((s) => s.status === 'draft')
    .map((s) => s.shipmentNo);
}

/** Tracking numbers pasted one per line (commas and spaces separate too); each once, in order. */
export function pastedTrackingNos(text: string): string[] {
  return [...new Set(text.split(/[\s,;，；]+/).filter(Boolean))];
}
