import { AUDIT_COLUMNS } from '../catalog/audit-columns';
import type { TableSpec } from '../sheets/column-spec';
import { serverCount as qty, serverText as text } from '../sheets/server-columns';

/**
 * The Transfers sheet: one row per transfer line, every column the server's (transfers change through
 * commands: create, dispatch, receive, close short, cancel). Statuses read in the sheet's language.
 */
export const TRANSFER_ROWS_TABLE: TableSpec = {
  entity: 'transfer_rows',
  label: { en: 'transfers', zh: '调拨单' },
  sheetName: { en: 'Transfers', zh: '调拨单' },
  keyField: 'row_key',
  editRoles: [],
  readOnly: true,
  columns: [
    {
      field: 'row_key',
      header: { en: 'Transfer line', zh: '调拨单行' },
      kind: { type: 'key', maxLength: 80 },
      computed: true,
      width: 110,
    },
    text('transfer_no', 'Transfer no.', '调拨单号', 100),
    text('from_warehouse', 'From', '调出仓库'),
    text('to_warehouse', 'To', '调入仓库'),
    { ...text('status', 'Status', '状态', 130), renderedFrom: 'transfer_status' },
    text('sku', 'SKU', 'SKU', 130),
    qty('qty', 'Qty', '数量'),
    qty('received_qty', 'Received', '已收数量'),
    qty('short_closed_qty', 'Closed short', '短收数量'),
    qty('in_transit_qty', 'In transit', '在途数量'),
    text('short_reason', 'Short-close reason', '短收原因', 200),
    text('carrier', 'Carrier', '承运商', 120),
    text('reference', 'Reference', '单号', 140),
    text('expected_on', 'Expected', '预计到达'),
    text('note', 'Note', '备注', 200),
    text('cancel_reason', 'Cancel reason', '取消原因', 200),
    ...AUDIT_COLUMNS,
  ],
};
