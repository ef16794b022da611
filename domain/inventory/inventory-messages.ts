import type { Lang } from '../i18n/lang';
import { messageCatalog } from '../i18n/message-catalog';

/** What a person reads about stock, in both languages. */
const MESSAGES = {
  count_below_zero: {
    en: '{sku} in {warehouse}: the server has {current}; your count changes {base} to {typed}, which would leave {after}. Count again.',
    zh: '{sku}（{warehouse}）：服务器当前为 {current}；你的盘点把 {base} 改为 {typed}，结果为 {after}，请重新盘点。',
  },
  unknown_sku: { en: 'There is no product {sku}: add it to Products first', zh: '没有产品 {sku}：请先在产品表添加' },
  unknown_warehouse: {
    en: 'There is no warehouse {warehouse}: add it to Warehouses first',
    zh: '没有仓库 {warehouse}：请先在仓库表添加',
  },
  inactive_warehouse: {
    en: 'Warehouse {warehouse} is not active: goods cannot be ordered to it',
    zh: '仓库 {warehouse} 未启用：不能向其采购',
  },
  bad_stock_key: {
    en: 'A stock line needs a SKU and a warehouse code ("SKU@WAREHOUSE"; letters, digits, - _ . /)',
    zh: '库存行需要 SKU 和仓库代码（“SKU@仓库”；字母、数字及 - _ . /）',
  },
  waiting_for: { en: 'waiting for {items}', zh: '等待到货：{items}' },
  no_country: {
    en: 'the order has no country: no warehouse can be chosen to ship it',
    zh: '订单没有国家：无法选择发货仓库',
  },
  no_warehouse_serves: {
    en: "no active warehouse ships to {country}: add it to a warehouse's countries",
    zh: '没有启用的仓库发往 {country}：请在仓库的国家中加入它',
  },
  duplicate_line: { en: '{key}: the same stock line appears more than once', zh: '{key}：同一库存行出现多次' },
  unknown_supplier: {
    en: '{sku}: its supplier "{supplier}" is not in Suppliers',
    zh: '{sku} 的供应商“{supplier}”不在供应商表中',
  },
  no_purchase_order: { en: 'There is no purchase order {po}', zh: '没有采购单 {po}' },
  no_transfer: { en: 'There is no transfer {transfer}', zh: '没有调拨单 {transfer}' },
} as const satisfies Record<string, Record<Lang, string>>;

export type InventoryMessageKey = keyof typeof MESSAGES;
export const inventoryMessage = messageCatalog<InventoryMessageKey>(MESSAGES);

/** "waiting for PC-BLK-01 ×3, CB-USBC-1M ×1": why an order waits, from its shortages (or its country). */
export function renderWaiting(
  waiting: readonly { sku: string; missing: number; noWarehouse?: string }[],
  lang: Lang,
): string {
  if (!waiting.length) return '';
  const unserved = waiting.find((w) => w.noWarehouse);
  if (unserved?.noWarehouse === '?') return inventoryMessage(lang, 'no_country', {});
  if (unserved) return inventoryMessage(lang, 'no_warehouse_serves', { country: unserved.noWarehouse! });
  return inventoryMessage(lang, 'waiting_for', {
    items: waiting.map((w) => `${w.sku} ×${w.missing}`).join(lang === 'zh' ? '，' : ', '),
  });
}
