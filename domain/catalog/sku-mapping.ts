import type { TableSpec } from '../sheets/column-spec';
import { AUDIT_COLUMNS } from './audit-columns';

/**
 * A shop's SKU that is not ours, mapped to our product SKU. A new mapping releases the orders it held.
 * The shop's side is taken as the shop wrote it: spaces and all, or the product/variant name of a line
 * the shop sold without a SKU ("Classic Tee - Red / M").
 */
export const SKU_MAPPING_TABLE: TableSpec = {
  entity: 'sku_mappings',
  label: { en: 'SKU mappings', zh: 'SKU 映射' },
  sheetName: { en: 'SKU mappings', zh: 'SKU 映射' },
  keyField: 'channel_sku',
  editRoles: ['cs', 'sales'],
  columns: [
    {
      field: 'channel_sku',
      header: { en: 'Channel SKU', zh: '渠道 SKU' },
      kind: { type: 'key', maxLength: 255, names: true },
      required: true,
      width: 200,
    },
    {
      field: 'sku',
      header: { en: 'Our SKU', zh: '我方 SKU' },
      kind: { type: 'key', maxLength: 64 },
      required: true,
      width: 160,
    },
    ...AUDIT_COLUMNS,
  ],
};
