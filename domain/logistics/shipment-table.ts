import { AUDIT_COLUMNS } from '../catalog/audit-columns';
import type { TableSpec } from '../sheets/column-spec';

const shown = (field: string, en: string, zh: string, width?: number) =>
  ({
    field,
    header: { en, zh },
    kind: { type: 'text', maxLength: 5000 },
    computed: true,
    ...(width ? { width } : {}),
  }) as const;

/**
 * The Shipments sheet: one row per parcel, shown and never pushed (shipments change through the logistics
 * commands: plan, split, book, mark shipped). "Why" tells the chosen service and why each other was left out.
 */
export const SHIPMENT_TABLE: TableSpec = {
  entity: 'shipment_rows',
  label: { en: 'shipments', zh: '发货单' },
  sheetName: { en: 'Shipments', zh: '发货单' },
  keyField: 'shipment_no',
  editRoles: ['logistics', 'warehouse'],
  readOnly: true,
  columns: [
    {
      field: 'shipment_no',
      header: { en: 'Shipment', zh: '发货单号' },
      kind: { type: 'key', maxLength: 32 },
      computed: true,
      width: 120,
    },
    { ...shown('status', 'Status', '状态', 110), renderedFrom: 'shipment_status' },
    shown('warehouse', 'Warehouse', '仓库', 90),
    shown('country', 'Country', '国家', 70),
    shown('orders', 'Orders', '订单', 160),
    shown('lines', 'Lines', '商品', 220),
    shown('service', 'Service', '渠道', 110),
    {
      field: 'chargeable_g',
      header: { en: 'Chargeable (g)', zh: '计费重(克)' },
      kind: { type: 'integer', min: 0, max: 100_000_000 },
      computed: true,
    },
    {
      field: 'freight',
      header: { en: 'Freight estimate', zh: '预估运费' },
      kind: { type: 'decimal', scale: 4, min: 0, max: 100_000_000 },
      computed: true,
    },
    {
      field: 'freight_currency',
      header: { en: 'Currency', zh: '币种' },
      kind: { type: 'currency' },
      computed: true,
    },
    shown('tracking_no', 'Tracking number', '运单号', 160),
    { ...shown('why', 'Why this carrier', '渠道说明', 360), renderedFrom: 'reasons' },
    // What the carrier says (docs/tracking.md): status and anything a person should look at, the latest scan.
    { ...shown('tracking_state', 'Tracking', '物流状态', 200), renderedFrom: 'tracking' },
    shown('last_event', 'Last scan', '最新轨迹', 260),
    {
      field: 'last_event_at',
      header: { en: 'Last scan (UTC)', zh: '最新轨迹时间 (UTC)' },
      kind: { type: 'timestamp' },
      computed: true,
      width: 160,
    },
    // Counted again after every sync (a parcel stuck without scans grows older without changing); blank once
    // the parcel is delivered, returned or cancelled.
    {
      field: 'days_since_scan',
      header: { en: 'Days since last scan', zh: '距最新轨迹天数' },
      kind: { type: 'days-since', from: 'last_event_at' },
      computed: true,
      width: 90,
    },
    ...AUDIT_COLUMNS,
  ],
};
