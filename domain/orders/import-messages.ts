import type { Lang } from '../i18n/lang';
import { messageCatalog } from '../i18n/message-catalog';

/** Why an import row was refused, in the sheet's language. */
const MESSAGES = {
  missing_order_id: { en: 'Row {row}: no order number', zh: '第 {row} 行：缺少订单号' },
  missing_sku: { en: 'Row {row}: no SKU', zh: '第 {row} 行：缺少 SKU' },
  missing_sku_and_name: { en: 'Row {row}: no SKU and no product name', zh: '第 {row} 行：既没有 SKU 也没有商品名称' },
  bad_qty: {
    en: 'Row {row}: quantity "{value}" is not a whole number from 1 to 1,000,000',
    zh: '第 {row} 行：数量“{value}”不是 1 到 1,000,000 之间的整数',
  },
  bad_price: { en: 'Row {row}: price "{value}" is not a number', zh: '第 {row} 行：价格“{value}”不是数字' },
  too_many_decimals: {
    en: 'Row {row}: amount "{value}" has more decimals than {currency} has ({digits}): nothing is rounded, fix the file',
    zh: '第 {row} 行：金额“{value}”的小数位超过 {currency} 允许的 {digits} 位：不会自动舍入，请修改文件',
  },
  field_bad_characters: {
    en: 'Row {row}: {column} contains invisible control characters; fix the file',
    zh: '第 {row} 行：{column}含有不可见的控制字符，请修改文件',
  },
  field_too_long: {
    en: 'Row {row}: {column} is longer than {max} characters',
    zh: '第 {row} 行：{column}超过 {max} 个字符',
  },
  order_no_taken: {
    en: 'Row {row}: order number {order} is already the number of another order; give this order another number',
    zh: '第 {row} 行：订单号 {order} 已被另一个订单使用，请换一个订单号',
  },
  bad_time: {
    en: 'Row {row}: order date "{value}" is not a date like 2026-11-20 or 2026-11-20 14:30 (a zone like +01:00 may follow)',
    zh: '第 {row} 行：下单时间“{value}”不是 2026-11-20 或 2026-11-20 14:30 这样的日期（可带 +08:00 这样的时区）',
  },
  order_left_out: {
    en: 'Row {row}: order {order} is left out because another of its rows was refused',
    zh: '第 {row} 行：订单 {order} 的其他行被拒绝，整单未导入',
  },
  missing_columns: {
    en: 'This does not look like the {format} file: missing columns {columns}',
    zh: '这不是{format}文件：缺少列 {columns}',
  },
  amazon_all_orders: {
    en: 'This is an Amazon "All Orders" report: it has no recipient or street address, so nothing can be shipped from it. Download Orders › Order Reports › Unshipped Orders instead (Amazon ships its own FBA orders).',
    zh: '这是亚马逊“所有订单”报告：其中没有收件人和街道地址，无法据此发货。请改为下载 订单 › 订单报告 › 未发货订单（FBA 订单由亚马逊自行发货）。',
  },
  unreadable: { en: 'The file could not be read as CSV: {reason}', zh: '无法按 CSV 读取文件：{reason}' },
} as const satisfies Record<string, Record<Lang, string>>;

export type ImportMessageKey = keyof typeof MESSAGES;

export const importMessage = messageCatalog<ImportMessageKey>(MESSAGES);
