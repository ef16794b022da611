import { AUDIT_COLUMNS } from '../catalog/audit-columns';
import type { TableSpec } from '../sheets/column-spec';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * The FX sheet: how much one unit of a currency is worth in the workspace's base currency, per month
 * (docs/reports.md). A person may fill the rate with GOOGLEFINANCE: the add-on sends the value the sheet shows.
 * The row's key is "CURRENCY@MONTH", filled in by the add-on when left empty.
 */
export const FX_TABLE: TableSpec = {
  entity: 'fx_rates',
  label: { en: 'FX rates', zh: '汇率' },
  sheetName: { en: 'FX', zh: '汇率' },
  keyField: 'fx_key',
  keyFrom: ['currency', 'month'],
  formulasKept: true,
  editRoles: ['boss'],
  columns: [
    {
      field: 'fx_key',
      header: { en: 'Rate line', zh: '汇率行' },
      kind: { type: 'key', maxLength: 20, names: true },
      required: true,
      width: 120,
    },
    { field: 'currency', header: { en: 'Currency', zh: '币种' }, kind: { type: 'currency' }, required: true },
    {
      field: 'month',
      header: { en: 'Month (YYYY-MM)', zh: '月份（YYYY-MM）' },
      kind: { type: 'text', maxLength: 7 },
      required: true,
      width: 110,
    },
    {
      field: 'rate',
      header: { en: 'Rate to base currency', zh: '对本位币汇率' },
      kind: { type: 'decimal', scale: 8, min: 0.00000001, max: 1_000_000 },
      required: true,
      width: 150,
    },
    ...AUDIT_COLUMNS,
  ],
  rowRules: [
    (values) =>
      typeof values.month === 'string' && !MONTH.test(values.month)
        ? { field: 'month', code: 'month_shape', params: { value: values.month } }
        : null,
    // The key names the rate: "USD@2026-11" must be USD's rate for November 2026, or two keys could hold one rate.
    (values) =>
      typeof values.fx_key === 'string' &&
      typeof values.currency === 'string' &&
      typeof values.month === 'string' &&
      values.fx_key !== `${values.currency}@${values.month}`
        ? { field: 'fx_key', code: 'key_must_be', params: { value: `${values.currency}@${values.month}` } }
        : null,
  ],
};
