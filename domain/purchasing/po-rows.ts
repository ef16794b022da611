import { AUDIT_COLUMNS } from '../catalog/audit-columns';
import type { TableSpec } from '../sheets/column-spec';
import { serverCount as qty, serverText as text } from '../sheets/server-columns';

/**
 * The POs sheet: one row per purchase-order line, every column the server's (purchase orders change
 * through commands: create, receive, close short, cancel). Statuses read in the sheet's language.
 */
export const PO_ROWS_TABLE: TableSpec = {
  entity: 'po_rows',
  label: { en: 'purchase orders', zh: '采购单' },
  sheetName: { en: 'POs', zh: '采购单' },
  keyField: 'row_key',
  editRoles: [],
  readOnly: true,
  columns: [
    {
      field: 'row_key',
      header: { en: 'PO line', zh: '采购单行' },
      kind: { type: 'key', maxLength: 80 },
      computed: true,
      width: 110,
    },
    text('po_no', 'PO no.', '采购单号', 100),
    text('supplier', 'Supplier', '供应商', 140),
    text('warehouse', 'Warehouse', '仓库'),
    { ...text('status', 'Status', '状态', 130), renderedFrom: 'po_status' },
    text('sku', 'SKU', 'SKU', 130),
    qty('ordered_qty', 'Ordered', '订购数量'),
    qty('received_qty', 'Received', '已收数量'),
    qty('short_closed_qty', 'Closed short', '短收数量'),
    qty('open_qty', 'Still due', '未到数量'),
    text('short_reason', 'Short-close reason', '短收原因', 200),
    qty('cancelled_qty', 'Cancelled', '取消数量'),
    text('cancel_reason', 'Cancel reason', '取消原因', 200),
    text('expected_on', 'Expected', '预计到货'),
    {
      field: 'unit_cost',
      header: { en: 'Unit cost', zh: '单位成本' },
      kind: { type: 'decimal', scale: 4, min: 0, max: 100_000_000 },
      computed: true,
    },
    text('cost_currency', 'Cost currency', '成本币种'),
    ...AUDIT_COLUMNS,
  ],
};
