import type { Lang } from '../i18n/lang';

/** Crossdock's own template: one row per order line; headers in English or 简体中文. */
export const TEMPLATE_COLUMNS: readonly { key: keyof TemplateRecord; en: string; zh: string }[] = [
  { key: 'order_no', en: 'Order no.', zh: '订单号' },
  { key: 'order_date', en: 'Order date', zh: '下单时间' },
  { key: 'sku', en: 'SKU', zh: 'SKU' },
  { key: 'product', en: 'Product', zh: '商品名称' },
  { key: 'qty', en: 'Qty', zh: '数量' },
  { key: 'unit_price', en: 'Unit price', zh: '单价' },
  { key: 'currency', en: 'Currency', zh: '币种' },
  { key: 'payment', en: 'Payment', zh: '付款方式' },
  { key: 'recipient', en: 'Recipient', zh: '收件人' },
  { key: 'phone', en: 'Phone', zh: '电话' },
  { key: 'email', en: 'Email', zh: '邮箱' },
  { key: 'address1', en: 'Address line 1', zh: '地址1' },
  { key: 'address2', en: 'Address line 2', zh: '地址2' },
  { key: 'city', en: 'City', zh: '城市' },
  { key: 'province', en: 'State/Province', zh: '省/州' },
  { key: 'postal_code', en: 'Postal code', zh: '邮编' },
  { key: 'country', en: 'Country', zh: '国家' },
  { key: 'note', en: 'Note', zh: '备注' },
  { key: 'shipping', en: 'Shipping charged', zh: '收取运费' },
  { key: 'discount', en: 'Discount', zh: '折扣' },
];
export type TemplateRecord = Record<
  | 'order_no'
  | 'order_date'
  | 'sku'
  | 'product'
  | 'qty'
  | 'unit_price'
  | 'currency'
  | 'payment'
  | 'recipient'
  | 'phone'
  | 'email'
  | 'address1'
  | 'address2'
  | 'city'
  | 'province'
  | 'postal_code'
  | 'country'
  | 'note'
  | 'shipping'
  | 'discount',
  string
>;

/** A template field's column name in the sheet's language ("recipient" → "Recipient" / "收件人"). */
export function columnLabel(field: string, lang: Lang): string {
  return TEMPLATE_COLUMNS.find((c) => c.key === field)?.[lang] ?? field;
}
