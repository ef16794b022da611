import type { Lang } from '../i18n/lang';
import { messageCatalog } from '../i18n/message-catalog';

/** Short reasons shown in an order's review column, in the sheet's language. */
const MESSAGES = {
  possible_duplicate: {
    en: 'possible duplicate of {other} (same {by}, similar address)',
    zh: '可能与 {other} 重复（{by}相同，地址相近）',
  },
  invalid_phone: { en: 'phone "{phone}" is not valid for {country}', zh: '电话“{phone}”不是 {country} 的有效号码' },
  missing_phone: { en: 'no phone number', zh: '缺少电话' },
  invalid_postal_code: {
    en: 'postal code "{code}" is not valid for {country}',
    zh: '邮编“{code}”不是 {country} 的有效邮编',
  },
  invalid_country: { en: 'country "{country}" is not an ISO country code', zh: '国家“{country}”不是 ISO 国家代码' },
  missing_address: { en: 'address incomplete: {parts}', zh: '地址不完整：{parts}' },
  unknown_sku: {
    en: 'unknown SKU {skus}: add the product or a SKU mapping',
    zh: '未知 SKU {skus}：请添加产品或 SKU 映射',
  },
  no_sku: {
    en: 'no SKU for {names}: add a SKU mapping from that name to your SKU',
    zh: '{names} 没有 SKU：请在 SKU 映射中把该名称映射到我方 SKU',
  },
  unpaid: { en: 'not paid yet ({state})', zh: '尚未付款（{state}）' },
  cancellation_requested: {
    en: 'the buyer asked to cancel (reason: {reason})',
    zh: '买家已申请取消（原因：{reason}）',
  },
  // One code per closing, so each reader's language renders the whole reason (params stay language-free).
  closed_cancelled: { en: 'cancelled in {channel} before import', zh: '导入前已在 {channel} 取消' },
  closed_refunded: { en: 'refunded in {channel} before import', zh: '导入前已在 {channel} 退款' },
  closed_voided: { en: 'payment voided in {channel} before import', zh: '导入前 {channel} 付款已作废' },
  closed_expired: { en: 'payment expired in {channel} before import', zh: '导入前 {channel} 付款已过期' },
  closed_fulfilled: {
    en: 'fulfilled by {channel} before import (not from our stock)',
    zh: '导入前已由 {channel} 发货（未占用我方库存）',
  },
  cod: { en: 'cash on delivery: call to confirm', zh: '货到付款：需电话确认' },
  high_value: {
    en: 'order value {value} {currency} is above {limit}: call to confirm',
    zh: '订单金额 {value} {currency} 超过 {limit}：需电话确认',
  },
  blocklisted: { en: '{what} is on the blocklist', zh: '{what}在黑名单中' },
  no_warehouse_serves: {
    en: "no active warehouse serves {country}: add it to a warehouse's countries",
    zh: '没有启用的仓库服务 {country}：请在仓库的国家中加入它',
  },
  part_name: { en: 'name', zh: '收件人' },
  part_address1: { en: 'street', zh: '街道地址' },
  part_city: { en: 'city', zh: '城市' },
  part_province: { en: 'state/province', zh: '省/州' },
  part_postal_code: { en: 'postal code', zh: '邮编' },
  part_country: { en: 'country', zh: '国家' },
  by_phone: { en: 'phone', zh: '电话' },
  by_email: { en: 'email', zh: '邮箱' },
  by_name: { en: 'name', zh: '姓名' },
} as const satisfies Record<string, Record<Lang, string>>;

export type ReviewMessageKey = keyof typeof MESSAGES;
export const reviewMessage = messageCatalog<ReviewMessageKey>(MESSAGES);
