import { AUDIT_COLUMNS } from '../catalog/audit-columns';
import { PRODUCT_ATTRIBUTES } from '../catalog/product';
import type { TableSpec } from '../sheets/column-spec';

/** How a service's labels are made: typed by hand, the local sandbox, or a carrier's API (docs/logistics.md). */
export const CARRIER_ADAPTERS = ['manual', 'sandbox', 'yunexpress'] as const;
export type CarrierAdapterName = (typeof CARRIER_ADAPTERS)[number];

/** Who tracks the parcels (the tracking center reads these). */
export const TRACKING_PROVIDERS = ['17track', 'aftership', 'dhl'] as const;

/**
 * The Carriers sheet: one row per carrier service (a carrier's product to a set of countries). Carrier
 * choice reads every column here (domain/logistics/carrier-choice.ts); prices are in Rates.
 */
export const CARRIER_TABLE: TableSpec = {
  entity: 'carriers',
  label: { en: 'carrier services', zh: '物流渠道' },
  sheetName: { en: 'Carriers', zh: '物流渠道' },
  keyField: 'code',
  editRoles: ['logistics'],
  columns: [
    {
      field: 'code',
      header: { en: 'Service', zh: '渠道代码' },
      kind: { type: 'key', maxLength: 32 },
      required: true,
      width: 120,
    },
    {
      field: 'name',
      header: { en: 'Name', zh: '名称' },
      kind: { type: 'text', maxLength: 200 },
      required: true,
      width: 200,
    },
    {
      field: 'adapter',
      header: { en: 'Adapter', zh: '对接方式' },
      kind: { type: 'choice', values: CARRIER_ADAPTERS },
      empty: 'manual',
      width: 110,
    },
    {
      field: 'carrier_product',
      header: { en: 'Carrier product', zh: '物流产品代码' },
      kind: { type: 'text', maxLength: 64 },
      width: 130,
    },
    {
      field: 'countries',
      header: { en: 'Countries', zh: '服务国家' },
      kind: { type: 'country-list' },
      required: true,
      width: 200,
    },
    {
      field: 'attributes',
      header: { en: 'Accepts', zh: '可运属性' },
      kind: { type: 'enum-list', values: PRODUCT_ATTRIBUTES },
      empty: ['general'],
      width: 160,
    },
    {
      field: 'max_weight_g',
      header: { en: 'Max weight (g)', zh: '限重(克)' },
      kind: { type: 'integer', min: 1, max: 1_000_000 },
    },
    {
      field: 'max_side_cm',
      header: { en: 'Max side (cm)', zh: '最长边(厘米)' },
      kind: { type: 'decimal', scale: 1, min: 0.1, max: 10_000 },
    },
    {
      field: 'daily_capacity',
      header: { en: 'Parcels per day', zh: '每日运力(件)' },
      kind: { type: 'integer', min: 0, max: 10_000_000 },
    },
    {
      field: 'priority',
      header: { en: 'Priority', zh: '优先级' },
      kind: { type: 'integer', min: 1, max: 999 },
      empty: 100,
    },
    {
      field: 'volumetric_divisor',
      header: { en: 'Volumetric divisor', zh: '材积除数' },
      kind: { type: 'integer', min: 1000, max: 10_000 },
      empty: 6000,
    },
    {
      field: 'fuel_surcharge_pct',
      header: { en: 'Fuel surcharge %', zh: '燃油附加费%' },
      kind: { type: 'decimal', scale: 2, min: 0, max: 100 },
      empty: '0',
    },
    {
      field: 'tracking_provider',
      header: { en: 'Tracking provider', zh: '轨迹服务商' },
      kind: { type: 'choice', values: TRACKING_PROVIDERS },
      width: 120,
    },
    {
      field: 'tracking_carrier',
      header: { en: 'Tracking carrier code', zh: '轨迹承运商代码' },
      kind: { type: 'text', maxLength: 64 },
    },
    { field: 'active', header: { en: 'Active', zh: '启用' }, kind: { type: 'boolean' }, empty: true },
    ...AUDIT_COLUMNS,
  ],
};
