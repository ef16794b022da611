import { AUDIT_COLUMNS } from '../catalog/audit-columns';
import type { ColumnSpec, TableSpec } from '../sheets/column-spec';
import { ENTRY_COLUMNS } from './order-entry';

const text = (field: string, en: string, zh: string, width?: number): ColumnSpec => ({
  field,
  header: { en, zh },
  kind: { type: 'text', maxLength: 2000 },
  computed: true,
  width,
  ...entry(field),
});
// Columns a person may fill on a new row: such a row is a new order line (see order-entry.ts).
const entry = (field: string): Pick<ColumnSpec, 'entry'> => (ENTRY_COLUMNS.has(field) ? { entry: true } : {});

/**
 * The Orders sheet: one row per order line (so pivots by SKU work), every column the server's. A person
 * changes an order through the sidebar or the status dropdown, which are transition requests, not edits,
 * and enters a new order by typing or pasting its lines into empty rows (the entry columns).
 */
export const ORDER_ROWS_TABLE: TableSpec = {
  entity: 'order_rows',
  label: { en: 'orders', zh: '订单' },
  sheetName: { en: 'Orders', zh: '订单' },
  keyField: 'row_key',
  editRoles: [],
  readOnly: true,
  statusField: 'status',
  columns: [
    {
      field: 'row_key',
      header: { en: 'Order line', zh: '订单行' },
      kind: { type: 'key', maxLength: 120 },
      computed: true,
      width: 120,
    },
    text('order_no', 'Order no.', '订单号', 120),
    text('status', 'Status', '状态', 130),
    { ...text('review_notes', 'Review', '审核备注', 260), renderedFrom: 'review_flags' },
    { ...text('waiting_for', 'Waiting for', '缺货等待', 200), renderedFrom: 'waiting' },
    {
      field: 'call_attempts',
      header: { en: 'Calls', zh: '通话次数' },
      kind: { type: 'integer', min: 0, max: 1000 },
      computed: true,
    },
    text('channel', 'Channel', '渠道'),
    text('external_id', 'Channel order', '渠道单号', 160),
    {
      field: 'ordered_at',
      header: { en: 'Ordered (UTC)', zh: '下单时间 (UTC)' },
      kind: { type: 'timestamp' },
      computed: true,
      width: 160,
      entry: true,
    },
    text('sku', 'SKU', 'SKU', 120),
    text('product', 'Product', '商品名称', 200),
    {
      field: 'qty',
      header: { en: 'Qty', zh: '数量' },
      kind: { type: 'integer', min: 1, max: 1_000_000 },
      computed: true,
      entry: true,
    },
    {
      field: 'unit_price',
      header: { en: 'Unit price', zh: '单价' },
      kind: { type: 'decimal', scale: 4, min: 0, max: 100_000_000 },
      computed: true,
      entry: true,
    },
    text('currency', 'Currency', '币种'),
    text('payment_method', 'Payment', '付款方式'),
    text('recipient_name', 'Recipient', '收件人', 160),
    text('phone', 'Phone', '电话', 140),
    text('email', 'Email', '邮箱', 180),
    text('address1', 'Address line 1', '地址1', 200),
    text('address2', 'Address line 2', '地址2', 140),
    text('city', 'City', '城市'),
    text('province', 'State/Province', '省/州'),
    text('postal_code', 'Postal code', '邮编'),
    text('country', 'Country', '国家'),
    { ...text('shipped_by', 'Shipped by', '发货方', 150), renderedFrom: 'fulfilment' },
    // The order's note and a line's personalisation: outside text, always written as text, never a formula.
    { ...text('note', 'Note', '备注', 220), renderedFrom: 'notes' },
    // Its parcels: "1/2 shipped" and their tracking numbers (docs/logistics.md).
    { ...text('shipping', 'Shipping', '物流', 220), renderedFrom: 'parcels' },
    ...AUDIT_COLUMNS,
  ],
};
