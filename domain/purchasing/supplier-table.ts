import { AUDIT_COLUMNS } from '../catalog/audit-columns';
import type { ColumnSpec, TableSpec } from '../sheets/column-spec';

const days = (field: string, en: string, zh: string, empty: number): ColumnSpec => ({
  field,
  header: { en, zh },
  kind: { type: 'integer', min: 0, max: 365 },
  empty,
});

/**
 * Suppliers, as purchasing keeps them (docs/purchasing.md): how long they take (lead, QC and transit days to the
 * warehouse add up to the lead time; transit days by warehouse, where given, replace the general ones)
 * and how they sell (minimum order quantity, pack multiple). Products name their supplier by its code.
 */
export const SUPPLIER_TABLE: TableSpec = {
  entity: 'suppliers',
  label: { en: 'suppliers', zh: '供应商' },
  sheetName: { en: 'Suppliers', zh: '供应商' },
  keyField: 'code',
  editRoles: ['purchasing'],
  columns: [
    {
      field: 'code',
      header: { en: 'Supplier', zh: '供应商' },
      kind: { type: 'key', maxLength: 64 },
      required: true,
      width: 140,
    },
    { field: 'name', header: { en: 'Name', zh: '名称' }, kind: { type: 'text', maxLength: 200 }, width: 200 },
    days('lead_days', 'Lead days', '生产天数', 7),
    days('qc_days', 'QC days', '质检天数', 0),
    days('transit_days', 'Transit days', '运输天数', 0),
    // To a warehouse far from the others (a sea lane to the US, a truck to Germany): its own transit days.
    {
      field: 'transit_by_warehouse',
      header: { en: 'Transit days by warehouse', zh: '分仓运输天数' },
      kind: { type: 'days-by-code', max: 365, maxLength: 2000 },
      width: 200,
    },
    {
      field: 'moq',
      header: { en: 'MOQ', zh: '最小起订量' },
      kind: { type: 'integer', min: 0, max: 10_000_000 },
      empty: 0,
    },
    {
      field: 'pack',
      header: { en: 'Pack multiple', zh: '包装倍数' },
      kind: { type: 'integer', min: 1, max: 1_000_000 },
      empty: 1,
    },
    ...AUDIT_COLUMNS,
  ],
};
