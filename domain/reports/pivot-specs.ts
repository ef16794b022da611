import type { Localized } from '../sheets/column-spec';
import type { ReportSourceId } from './report-sources';

/**
 * The pivots "Build reports" places on the Reports sheet, described once for both builders: the add-on
 * (Range.createPivotTable) and the server's publisher (Sheets API v4 `updateCells.pivotTable`). Columns are
 * named by their report keys; each builder finds the source column by the key's position in the source.
 */
export type PivotGroupSpec = {
  column: string;
  /** Group dates by month (YEAR_MONTH); only over a date column. */
  dateGroup?: 'YEAR_MONTH';
  /** Sort the groups by this value (index into `values`), largest first. */
  sortByValue?: number;
  /** Show only the first N groups (after sorting). */
  limit?: number;
};

export type PivotValueSpec =
  | { name: Localized; column: string; summarize: 'SUM' | 'COUNTUNIQUE' | 'COUNTA' | 'MAX' }
  /** A calculated value: numerator / denominator of two source columns' sums (margin = profit / revenue). */
  | { name: Localized; ratio: { numerator: string; denominator: string } };

export type PivotFilterSpec = { column: string; atMost: number };

export type ChartKind = 'COLUMN' | 'LINE' | 'BAR' | 'PIE';

export type PivotSpec = {
  id: string;
  title: Localized;
  source: ReportSourceId;
  rows: readonly PivotGroupSpec[];
  columns: readonly PivotGroupSpec[];
  values: readonly PivotValueSpec[];
  filters?: readonly PivotFilterSpec[];
  chart?: ChartKind;
};

const PROFIT = { name: { en: 'Profit', zh: '利润' }, column: 'profit', summarize: 'SUM' } as const;
const REVENUE = { name: { en: 'Revenue', zh: '销售额' }, column: 'revenue', summarize: 'SUM' } as const;
const MARGIN = {
  name: { en: 'Margin', zh: '利润率' },
  ratio: { numerator: 'profit', denominator: 'revenue' },
} as const;

export const PIVOT_SPECS: readonly PivotSpec[] = [
  {
    id: 'profit_by_month_country',
    title: { en: 'Profit by month and country', zh: '按月份和国家的利润' },
    source: 'order_lines',
    rows: [{ column: 'order_date', dateGroup: 'YEAR_MONTH' }],
    columns: [{ column: 'country' }],
    values: [PROFIT],
    chart: 'COLUMN',
  },
  {
    id: 'margin_by_month',
    title: { en: 'Revenue, profit and margin by month', zh: '按月份的销售额、利润和利润率' },
    source: 'order_lines',
    rows: [{ column: 'order_date', dateGroup: 'YEAR_MONTH' }],
    columns: [],
    values: [REVENUE, PROFIT, MARGIN],
    chart: 'LINE',
  },
  {
    id: 'profit_by_channel',
    title: { en: 'Profit by channel', zh: '按渠道的利润' },
    source: 'order_lines',
    rows: [{ column: 'channel' }],
    columns: [],
    values: [REVENUE, PROFIT, MARGIN],
    chart: 'PIE',
  },
  {
    id: 'top_skus',
    title: { en: 'Top 20 SKUs by profit', zh: '利润前 20 的 SKU' },
    source: 'order_lines',
    rows: [{ column: 'sku', sortByValue: 1, limit: 20 }],
    columns: [],
    values: [{ name: { en: 'Units', zh: '件数' }, column: 'qty', summarize: 'SUM' }, PROFIT, MARGIN],
    chart: 'BAR',
  },
  {
    id: 'orders_by_status',
    title: { en: 'Orders per status', zh: '各状态订单数' },
    source: 'order_lines',
    rows: [{ column: 'status' }],
    columns: [],
    values: [{ name: { en: 'Orders', zh: '订单数' }, column: 'order_no', summarize: 'COUNTUNIQUE' }],
  },
  {
    id: 'inventory_value',
    title: { en: 'Inventory value per warehouse', zh: '各仓库存价值' },
    source: 'stock_value',
    rows: [{ column: 'warehouse' }],
    columns: [],
    values: [
      { name: { en: 'Units on hand', zh: '在库件数' }, column: 'on_hand', summarize: 'SUM' },
      { name: { en: 'Value', zh: '价值' }, column: 'value', summarize: 'SUM' },
    ],
    chart: 'COLUMN',
  },
  {
    id: 'purchase_spend',
    title: { en: 'Purchase spend per supplier and month', zh: '各供应商每月采购金额' },
    source: 'purchase_spend',
    rows: [{ column: 'supplier' }],
    columns: [{ column: 'received_on', dateGroup: 'YEAR_MONTH' }],
    values: [{ name: { en: 'Spend', zh: '采购金额' }, column: 'spend', summarize: 'SUM' }],
  },
  {
    id: 'out_of_stock',
    title: { en: 'Out-of-stock SKUs (units waiting)', zh: '缺货 SKU（待货数量）' },
    source: 'stock_value',
    rows: [{ column: 'sku', sortByValue: 0 }, { column: 'warehouse' }],
    columns: [],
    // Units waiting are the SKU's over the whole network, on each of its rows: MAX, not SUM.
    values: [{ name: { en: 'Units waiting', zh: '待货数量' }, column: 'waiting', summarize: 'MAX' }],
    filters: [{ column: 'available', atMost: 0 }],
  },
];
