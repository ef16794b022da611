import { AUDIT_COLUMNS } from '../catalog/audit-columns';
import type { TableSpec } from '../sheets/column-spec';
import { serverCount as qty, serverText } from '../sheets/server-columns';

// Case notes and reasons run long: the after-sale texts keep the note limit.
const text = (field: string, en: string, zh: string, width?: number) => serverText(field, en, zh, width, 2000);

/**
 * The After-sale sheet: one row per case line, every column the server's (cases change through commands:
 * open, receive, close). Kinds, statuses and reasons read in the sheet's language.
 */
export const AFTER_SALE_ROWS_TABLE: TableSpec = {
  entity: 'after_sale_rows',
  label: { en: 'after-sale cases', zh: '售后单' },
  sheetName: { en: 'After-sale', zh: '售后' },
  keyField: 'row_key',
  editRoles: [],
  readOnly: true,
  columns: [
    {
      field: 'row_key',
      header: { en: 'Case line', zh: '售后单行' },
      kind: { type: 'key', maxLength: 80 },
      computed: true,
      width: 110,
    },
    text('case_no', 'Case no.', '售后单号', 100),
    text('order_no', 'Order no.', '订单号', 120),
    { ...text('kinds', 'Kind', '类型', 140), renderedFrom: 'after_sale_kinds' },
    { ...text('status', 'Status', '状态', 110), renderedFrom: 'after_sale_status' },
    { ...text('reason', 'Reason', '原因', 130), renderedFrom: 'after_sale_reason' },
    text('note', 'Note', '说明', 200),
    qty('order_line_no', 'Order line', '订单行'),
    text('sku', 'SKU', 'SKU', 130),
    qty('qty', 'Qty', '数量'),
    qty('restocked_qty', 'Restocked', '已入库'),
    qty('written_off_qty', 'Written off', '已报损'),
    qty('expected_back', 'Expected back', '待退回'),
    text('restock_warehouse', 'Restocked into', '入库仓库'),
    text('refund_amount', 'Refund', '退款金额'),
    text('refund_currency', 'Refund currency', '退款币种'),
    text('replacement_order_no', 'Replacement order', '补发订单', 120),
    text('close_note', 'Close note', '关闭说明', 200),
    ...AUDIT_COLUMNS,
  ],
};
