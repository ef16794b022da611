import type { TableSpec } from '../sheets/column-spec';
import { AUDIT_COLUMNS } from './audit-columns';

/** What a product may be; carriers accept or refuse parcels by these (docs/logistics.md). */
export const PRODUCT_ATTRIBUTES = ['general', 'battery', 'liquid', 'powder', 'magnetic', 'cosmetic'] as const;
export type ProductAttribute = (typeof PRODUCT_ATTRIBUTES)[number];

/** Harmonized System code as declared: 6 digits at least (the international part), up to 10 national. */
const HS_CODE = /^\d{4}\.?\d{2}(\.?\d{2}){0,2}$/;

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
    // Customs declaration (docs/logistics.md): a carrier label cannot be booked without these.
    {
      field: 'declared_name_en',
      header: { en: 'Declared name (English)', zh: '申报英文名' },
      kind: { type: 'text', maxLength: 120 },
      width: 180,
    },
    {
      field: 'declared_name_zh',
      header: { en: 'Declared name (Chinese)', zh: '申报中文名' },
      kind: { type: 'text', maxLength: 120 },
      width: 150,
    },
    { field: 'hs_code', header: { en: 'HS code', zh: '海关编码' }, kind: { type: 'text', maxLength: 13 }, width: 110 },
    {
      field: 'declared_value',
      header: { en: 'Declared value', zh: '申报价值' },
      kind: { type: 'decimal', scale: 2, min: 0, max: 1_000_000 },
    },
    {
      field: 'declared_currency',
      header: { en: 'Declared currency', zh: '申报币种' },
      kind: { type: 'currency' },
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
    (values) =>
      typeof values.declared_value === 'string' && values.declared_currency === null
        ? { field: 'declared_currency', code: 'needs_currency' }
        : null,
    (values) =>
      typeof values.hs_code === 'string' && !HS_CODE.test(values.hs_code)
        ? { field: 'hs_code', code: 'hs_code_shape', params: { value: values.hs_code } }
        : null,
  ],
};
