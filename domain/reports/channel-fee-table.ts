import { AUDIT_COLUMNS } from '../catalog/audit-columns';
import type { ColumnSpec, TableSpec } from '../sheets/column-spec';

const percent = (field: string, en: string, zh: string): ColumnSpec => ({
  field,
  header: { en, zh },
  kind: { type: 'decimal', scale: 4, min: 0, max: 100 },
  empty: '0',
  width: 130,
});
const fixed = (field: string, en: string, zh: string): ColumnSpec => ({
  field,
  header: { en, zh },
  kind: { type: 'decimal', scale: 4, min: 0, max: 1_000_000 },
  empty: '0',
  width: 150,
});

/**
 * The Channel fees sheet: what a channel and its payment provider take from each order (docs/reports.md):
 * a percent of what the buyer paid (revenue + shipping − discounts) plus a fixed amount per order, in the
 * workspace's base currency. A channel without a row costs nothing, which the report's lines say.
 */
export const CHANNEL_FEE_TABLE: TableSpec = {
  entity: 'channel_fees',
  label: { en: 'channel fees', zh: '渠道费用' },
  sheetName: { en: 'Channel fees', zh: '渠道费用' },
  keyField: 'channel',
  editRoles: ['boss'],
  columns: [
    {
      field: 'channel',
      header: { en: 'Channel', zh: '渠道' },
      kind: { type: 'key', maxLength: 64 },
      required: true,
      width: 120,
    },
    percent('platform_fee_pct', 'Platform fee %', '平台费率 %'),
    fixed('platform_fee_fixed', 'Platform fee per order', '平台每单固定费'),
    percent('payment_fee_pct', 'Payment fee %', '支付费率 %'),
    fixed('payment_fee_fixed', 'Payment fee per order', '支付每单固定费'),
    ...AUDIT_COLUMNS,
  ],
};
