import { AUDIT_COLUMNS } from '../catalog/audit-columns';
import type { ColumnSpec, TableSpec } from '../sheets/column-spec';

const count = (field: string, en: string, zh: string): ColumnSpec => ({
  field,
  header: { en, zh },
  kind: { type: 'integer', min: 0, max: 100_000_000 },
  computed: true,
});

/**
 * The Stock sheet: one row per SKU and warehouse. On hand is a count people type (applied as a change,
 * docs/inventory.md); reserved, available, incoming (purchase orders) and
 * transfers in transit are the server's. A new line is a new row with SKU,
 * warehouse and the count; its key "SKU@WAREHOUSE" is filled in for them.
 */
export const STOCK_TABLE: TableSpec = {
  entity: 'stock',
  label: { en: 'stock', zh: '库存' },
  sheetName: { en: 'Stock', zh: '库存' },
  keyField: 'stock_key',
  keyFrom: ['sku', 'warehouse'],
  editRoles: ['warehouse'],
  columns: [
    {
      field: 'stock_key',
      header: { en: 'Stock line', zh: '库存行' },
      kind: { type: 'key', maxLength: 200 },
      width: 170,
    },
    {
      field: 'sku',
      header: { en: 'SKU', zh: 'SKU' },
      kind: { type: 'text', maxLength: 120 },
      computed: true,
      entry: true,
      width: 130,
    },
    {
      field: 'warehouse',
      header: { en: 'Warehouse', zh: '仓库' },
      kind: { type: 'text', maxLength: 32 },
      computed: true,
      entry: true,
      width: 100,
    },
    {
      field: 'on_hand',
      header: { en: 'On hand (count)', zh: '在库数量（盘点）' },
      kind: { type: 'integer', min: 0, max: 100_000_000 },
      required: true,
      delta: true,
      width: 120,
    },
    {
      field: 'count_note',
      header: { en: 'Count note', zh: '盘点备注' },
      kind: { type: 'text', maxLength: 500 },
      sentWhenTyped: true,
      width: 200,
    },
    count('reserved', 'Reserved', '已锁定'),
    count('available', 'Available', '可用'),
    count('incoming', 'Incoming', '在途'),
    count('in_transit', 'Transfers in transit', '调拨在途'),
    ...AUDIT_COLUMNS,
  ],
};
