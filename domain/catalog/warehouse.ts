import type { TableSpec } from '../sheets/column-spec';
import { AUDIT_COLUMNS } from './audit-columns';

/** Warehouses serve destination countries; allocation tries them by rank, lowest first (docs/inventory.md). */
export const WAREHOUSE_TABLE: TableSpec = {
  entity: 'warehouses',
  label: { en: 'warehouses', zh: '仓库' },
  sheetName: { en: 'Warehouses', zh: '仓库' },
  keyField: 'code',
  editRoles: ['logistics', 'warehouse'],
  columns: [
    {
      field: 'code',
      header: { en: 'Code', zh: '仓库代码' },
      kind: { type: 'key', maxLength: 32 },
      required: true,
      width: 110,
    },
    {
      field: 'name',
      header: { en: 'Name', zh: '名称' },
      kind: { type: 'text', maxLength: 200 },
      required: true,
      width: 200,
    },
    {
      field: 'countries',
      header: { en: 'Countries served', zh: '服务国家' },
      kind: { type: 'country-list' },
      empty: [],
      width: 200,
    },
    { field: 'rank', header: { en: 'Rank', zh: '优先级' }, kind: { type: 'integer', min: 1, max: 999 }, empty: 100 },
    { field: 'active', header: { en: 'Active', zh: '启用' }, kind: { type: 'boolean' }, empty: true },
    ...AUDIT_COLUMNS,
  ],
};
