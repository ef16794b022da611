import type { TableSpec } from '../sheets/column-spec';
import { AUDIT_COLUMNS } from './audit-columns';

/** What a product may be; carriers accept or refuse parcels by these (the logistics design (DESIGN 3.4, not built yet)). */
export const PRODUCT_ATTRIBUTES = ['general', 'battery', 'liquid', 'powder', 'magnetic', 'cosmetic'] as const;
export type ProductAttribute = (typeof PRODUCT_ATTRIBUTES)[number];

/** The SKU master. Sales owns products; purchasing keeps suppliers and costs. */
export const PRODUCT_TABLE: TableSpec = {
  entity: 'products',
  label: { en: 'products', zh: '产品' },
  sheetName: { en: 'Products', zh: '产品' },
  keyField: 'sku',
  editRoles: ['sales', 'purchasing'],
  columns: [
    {
      field: 'sku',
      header: { en: 'SKU', zh: 'SKU' },
      kind: { type: 'key', maxLength: 64 },
      required: true,
      width: 140,
    },
    {
      field: 'name_en',
      header: { en: 'Name (English)', zh: '英文名称' },
      kind: { type: 'text', maxLength: 200 },
      required: true,
      width: 220,
    },
    {
      field: 'name_zh',
      header: { en: 'Name (Chinese)', zh: '中文名称' },
      kind: { type: 'text', maxLength: 200 },
      width: 180,
    },
    {
      field: 'attributes',
      header: { en: 'Attributes', zh: '属性' },
      kind: { type: 'enum-list', values: PRODUCT_ATTRIBUTES },
      empty: ['general'],
      width: 140,
    },
    {
      field: 'weight_g',
      header: { en: 'Weight (g)', zh: '重量(克)' },
      kind: { type: 'integer', min: 0, max: 1_000_000 },
    },
    {
      field: 'length_cm',
      header: { en: 'Length (cm)', zh: '长(厘米)' },
      kind: { type: 'decimal', scale: 1, min: 0, max: 10_000 },
    },
    {
      field: 'width_cm',
      header: { en: 'Width (cm)', zh: '宽(厘米)' },
      kind: { type: 'decimal', scale: 1, min: 0, max: 10_000 },
    },
    {
      field: 'height_cm',
      header: { en: 'Height (cm)', zh: '高(厘米)' },
      kind: { type: 'decimal', scale: 1, min: 0, max: 10_000 },
    },
    {
      field: 'unit_cost',
      header: { en: 'Unit cost', zh: '单位成本' },
      kind: { type: 'decimal', scale: 4, min: 0, max: 100_000_000 },
    },
    { field: 'cost_currency', header: { en: 'Cost currency', zh: '成本币种' }, kind: { type: 'currency' } },
    { field: 'supplier', header: { en: 'Supplier', zh: '供应商' }, kind: { type: 'text', maxLength: 200 }, width: 160 },
    {
      field: 'safety_stock',
      header: { en: 'Safety stock', zh: '安全库存' },
      kind: { type: 'integer', min: 0, max: 10_000_000 },
      empty: 0,
    },
    {
      field: 'coverage_days',
      header: { en: 'Coverage days', zh: '备货天数' },
      kind: { type: 'integer', min: 0, max: 365 },
      empty: 30,
    },
    { field: 'sales_owner', header: { en: 'Sales owner', zh: '业务负责人' }, kind: { type: 'email' }, width: 200 },
    { field: 'active', header: { en: 'Active', zh: '启用' }, kind: { type: 'boolean' }, empty: true },
    ...AUDIT_COLUMNS,
  ],
  rowRules: [
    // Money always carries its currency (docs/orders.md). A field that failed its own check is undefined here.
    (values) =>
      typeof values.unit_cost === 'string' && values.cost_currency === null
        ? { field: 'cost_currency', code: 'needs_currency' }
        : null,
  ],
};
