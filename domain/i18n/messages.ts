import type { Lang } from './lang';
import { messageCatalog } from './message-catalog';

/**
 * Messages a person reads: field errors, sync notes, refusals. Every key exists in both languages
 * (the type makes a missing translation a compile error). `{name}` placeholders are filled by `translate`.
 */
const MESSAGES = {
  required: { en: '{column} is required', zh: '{column}为必填项' },
  not_text: { en: '{column} must be text', zh: '{column}必须是文本' },
  bad_characters: {
    en: '{column} contains invisible control characters; retype or paste it as plain text',
    zh: '{column}含有不可见的控制字符，请重新输入或以纯文本粘贴',
  },
  too_long: { en: '{column} is longer than {max} characters', zh: '{column}超过 {max} 个字符' },
  not_integer: { en: '{column} must be a whole number, got "{value}"', zh: '{column}必须是整数，收到“{value}”' },
  not_number: { en: '{column} must be a number, got "{value}"', zh: '{column}必须是数字，收到“{value}”' },
  out_of_range: { en: '{column} must be between {min} and {max}', zh: '{column}必须在 {min} 到 {max} 之间' },
  too_many_decimals: { en: '{column} allows at most {scale} decimals', zh: '{column}最多 {scale} 位小数' },
  not_boolean: { en: '{column} must be TRUE or FALSE', zh: '{column}必须是 TRUE 或 FALSE' },
  not_in_list: { en: '{column}: "{value}" is not one of {allowed}', zh: '{column}：“{value}”不在可选值 {allowed} 中' },
  not_days_by_code: {
    en: '{column}: "{value}" is not a code and days like "FR1 35, US1 25" (days 0 to {max})',
    zh: '{column}：“{value}”不是“FR1 35, US1 25”这样的代码和天数（天数 0 到 {max}）',
  },
  not_country: {
    en: '{column}: "{value}" is not an ISO country code (e.g. US, DE, CN)',
    zh: '{column}：“{value}”不是 ISO 国家代码（如 US、DE、CN）',
  },
  not_currency: {
    en: '{column}: "{value}" is not a 3-letter currency code (e.g. USD)',
    zh: '{column}：“{value}”不是三位货币代码（如 USD）',
  },
  not_email: { en: '{column}: "{value}" is not an email address', zh: '{column}：“{value}”不是有效的邮箱地址' },
  bad_key: {
    en: '{column} may use letters, digits, - _ . / only (max {max})',
    zh: '{column}只能包含字母、数字及 - _ . /（最多 {max} 个字符）',
  },
  unknown_field: { en: 'Unknown column "{field}"', zh: '未知列“{field}”' },
  computed_field: {
    en: '{column} is computed by the server and cannot be edited',
    zh: '{column}由服务器计算，不能编辑',
  },
  needs_currency: { en: '{column} needs a currency', zh: '{column}需要填写币种' },
  month_shape: {
    en: '{column}: "{value}" is not a month like 2026-11',
    zh: '{column}：“{value}”不是 2026-11 这样的月份',
  },
  key_must_be: { en: '{column} must be {value} (currency@month)', zh: '{column}必须是 {value}（币种@月份）' },
  hs_code_shape: {
    en: '{column}: "{value}" is not an HS code (6 to 10 digits, dots allowed: 8517.62 or 85176200)',
    zh: '{column}：“{value}”不是海关编码（6 到 10 位数字，可含点：8517.62 或 85176200）',
  },
  band_upside_down: { en: '{column} must be above {from} g', zh: '{column}必须大于 {from} 克' },
  step_needs_both: {
    en: '{column}: a step needs both its weight and its price',
    zh: '{column}：续重需要同时填写重量和价格',
  },
  zone_needs_countries: {
    en: '{column}: "{zone}" is not a country code, so list the countries of this zone',
    zh: '{column}：“{zone}”不是国家代码，请列出该分区包含的国家',
  },
  needs_countries: { en: '{column}: list at least one country', zh: '{column}：至少填写一个国家' },
  rate_unknown_service: {
    en: '{column}: there is no carrier service "{service}" in Carriers',
    zh: '{column}：承运商表中没有渠道“{service}”',
  },
  rate_overlap: {
    en: '{column}: {from}-{to} g overlaps the band {otherFrom}-{otherTo} g of {service} to {zone}',
    zh: '{column}：{from}-{to} 克与 {service} 到 {zone} 的 {otherFrom}-{otherTo} 克重叠',
  },
  rate_gap: {
    en: '{column}: nothing covers {gapFrom}-{gapTo} g of {service} to {zone} (each band starts where the last one ends)',
    zh: '{column}：{service} 到 {zone} 的 {gapFrom}-{gapTo} 克没有价格（每段的起始重量应等于上一段的截止重量）',
  },
  rate_country_twice: {
    en: '{column}: {country} is already priced in zone {zone} of {service}',
    zh: '{column}：{country} 已在 {service} 的分区 {zone} 中定价',
  },
  not_allowed_role: {
    en: 'Your roles ({held}) cannot edit {entity}; ask an admin for one of: {needed}',
    zh: '你的角色（{held}）不能编辑{entity}；请管理员授予以下角色之一：{needed}',
  },
  conflict: {
    en: 'Changed on the server (version {version}) since your last sync; the server row is shown, your values were: {yours}',
    zh: '自上次同步后服务器已修改（版本 {version}）；已显示服务器数据，你的值为：{yours}',
  },
  computed_restored: {
    en: '{columns}: set by the server, your edit was put back',
    zh: '{columns}：由服务器维护，手动修改已恢复',
  },
  row_restored: {
    en: 'This row was deleted in the sheet; rows are never deleted by sync, so it was restored',
    zh: '此行在表格中被删除；同步不会删除数据，已恢复',
  },
  duplicate_key_in_sheet: {
    en: '{column} "{value}" appears more than once in the sheet (rows {rows})',
    zh: '{column}“{value}”在表格中重复出现（第 {rows} 行）',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof MESSAGES;
export type { MessageParams } from './message-catalog';

export const translate = messageCatalog<MessageKey>(MESSAGES);
