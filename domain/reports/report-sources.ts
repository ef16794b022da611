import type { Localized } from '../sheets/column-spec';

/**
 * The flat data the boss's pivots read (docs/reports.md): one row per order line, per SKU × warehouse, per
 * received PO line. Amounts are in the workspace's base currency; dates are real dates; a missing FX rate or
 * cost leaves the amounts it touches empty and is named in `missing`, never taken as 1 or 0.
 */
export type ReportCellType = 'text' | 'integer' | 'money' | 'date' | 'ratio';
export type ReportColumn = { key: string; header: Localized; type: ReportCellType };
export type ReportSourceId = 'order_lines' | 'stock_value' | 'purchase_spend' | 'my_products';

export type ReportSource = {
  id: ReportSourceId;
  /** The data sheet the add-on (or the publisher) writes this source into. */
  sheetName: Localized;
  columns: readonly ReportColumn[];
};

const col = (key: string, type: ReportCellType, en: string, zh: string): ReportColumn => ({
  key,
  type,
  header: { en, zh },
});

export const ORDER_LINE_REPORT: ReportSource = {
  id: 'order_lines',
  sheetName: { en: 'Report data', zh: '报表数据' },
  columns: [
    col('order_no', 'text', 'Order', '订单号'),
    col('line_no', 'integer', 'Line', '行号'),
    col('order_date', 'date', 'Order date', '下单日期'),
    col('month', 'text', 'Month', '月份'),
    col('channel', 'text', 'Channel', '渠道'),
    col('country', 'text', 'Country', '国家'),
    col('sku', 'text', 'SKU', 'SKU'),
    col('product', 'text', 'Product', '产品'),
    col('sales_owner', 'text', 'Sales owner', '业务负责人'),
    col('status', 'text', 'Status', '状态'),
    col('qty', 'integer', 'Qty', '数量'),
    col('currency', 'text', 'Order currency', '订单币种'),
    col('revenue', 'money', 'Revenue', '销售额'),
    col('shipping', 'money', 'Shipping charged', '收取运费'),
    col('discounts', 'money', 'Discounts', '折扣'),
    col('platform_fee', 'money', 'Platform fee', '平台费'),
    col('payment_fee', 'money', 'Payment fee', '支付手续费'),
    col('cogs', 'money', 'COGS', '商品成本'),
    col('freight', 'money', 'Freight', '运费成本'),
    col('refunds', 'money', 'Refunds', '退款'),
    col('profit', 'money', 'Profit', '利润'),
    col('missing', 'text', 'Missing data', '缺少数据'),
  ],
};

export const STOCK_VALUE_REPORT: ReportSource = {
  id: 'stock_value',
  sheetName: { en: 'Stock value data', zh: '库存价值数据' },
  columns: [
    col('warehouse', 'text', 'Warehouse', '仓库'),
    col('sku', 'text', 'SKU', 'SKU'),
    col('product', 'text', 'Product', '产品'),
    col('sales_owner', 'text', 'Sales owner', '业务负责人'),
    col('on_hand', 'integer', 'On hand', '在库'),
    col('available', 'integer', 'Available', '可用'),
    col('incoming', 'integer', 'Incoming', '在途采购'),
    // The SKU's units that waiting orders still need, over the whole network (the same on each warehouse's row).
    col('waiting', 'integer', 'Units waiting (all warehouses)', '待货数量（全部仓库）'),
    col('unit_cost', 'money', 'Unit cost', '单位成本'),
    col('value', 'money', 'Stock value', '库存价值'),
    col('missing', 'text', 'Missing data', '缺少数据'),
  ],
};

export const PURCHASE_SPEND_REPORT: ReportSource = {
  id: 'purchase_spend',
  sheetName: { en: 'Purchase data', zh: '采购数据' },
  columns: [
    col('po_no', 'text', 'PO', '采购单号'),
    col('line_no', 'integer', 'Line', '行号'),
    col('supplier', 'text', 'Supplier', '供应商'),
    col('warehouse', 'text', 'Warehouse', '仓库'),
    col('sku', 'text', 'SKU', 'SKU'),
    col('received_on', 'date', 'Received on', '收货日期'),
    col('month', 'text', 'Month', '月份'),
    col('qty', 'integer', 'Qty received', '收货数量'),
    col('currency', 'text', 'PO currency', '采购币种'),
    col('unit_cost', 'money', 'Unit cost', '单位成本'),
    col('spend', 'money', 'Spend', '采购金额'),
    col('missing', 'text', 'Missing data', '缺少数据'),
  ],
};

/**
 * Sales' own view: one row per SKU the reader owns (Products › Sales owner = the member's email), orders by
 * stage, units and revenue over the last 7 and 30 days, cost and stock. Not a pivot source.
 */
export const MY_PRODUCTS_REPORT: ReportSource = {
  id: 'my_products',
  sheetName: { en: 'My products', zh: '我的产品' },
  columns: [
    col('sku', 'text', 'SKU', 'SKU'),
    col('product', 'text', 'Product', '产品'),
    col('sales_owner', 'text', 'Sales owner', '业务负责人'),
    col('open_orders', 'integer', 'Orders not shipped', '未发货订单'),
    col('shipped_orders', 'integer', 'Orders shipped', '已发货订单'),
    col('delivered_orders', 'integer', 'Orders delivered', '已签收订单'),
    col('units_7d', 'integer', 'Units 7 days', '7天件数'),
    col('units_30d', 'integer', 'Units 30 days', '30天件数'),
    col('revenue_7d', 'money', 'Revenue 7 days', '7天销售额'),
    col('revenue_30d', 'money', 'Revenue 30 days', '30天销售额'),
    col('unit_cost', 'money', 'Unit cost', '单位成本'),
    col('available', 'integer', 'Available', '可用'),
    col('incoming', 'integer', 'Incoming', '在途'),
    col('missing', 'text', 'Missing data', '缺少数据'),
  ],
};

export const REPORT_SOURCES: readonly ReportSource[] = [
  ORDER_LINE_REPORT,
  STOCK_VALUE_REPORT,
  PURCHASE_SPEND_REPORT,
  MY_PRODUCTS_REPORT,
];

export function reportSource(id: ReportSourceId): ReportSource {
  return REPORT_SOURCES.find((source) => source.id === id)!;
}
