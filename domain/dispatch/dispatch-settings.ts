import type { Lang } from '../i18n/lang';
import { messageCatalog } from '../i18n/message-catalog';
import type { Localized } from '../sheets/column-spec';
import type { SettingsBlock, SettingsFieldError } from '../settings/settings-block';

/**
 * The stuck rules' thresholds (docs/dispatch.md), as whole hours, days or attempts. Defaults are the
 * design's: review 24 h, contact 48 h or 3 attempts, shipment 48 h, first scan 3 days, tracking quiet
 * 7 days, exception 2 days, PO 0 days past its expected date; and the health check's quota threshold (5 %).
 */
export const DISPATCH_SETTING_FIELDS = [
  'reviewHours',
  'contactHours',
  'contactAttempts',
  'purchaseFallbackDays',
  'shipmentHours',
  'firstScanDays',
  'trackingQuietDays',
  'exceptionDays',
  'poLateDays',
  'quotaLeftPercent',
] as const;
export type DispatchSettingField = (typeof DISPATCH_SETTING_FIELDS)[number];
export type DispatchSettings = Record<DispatchSettingField, number>;

export const DEFAULT_DISPATCH_SETTINGS: DispatchSettings = {
  reviewHours: 24,
  contactHours: 48,
  contactAttempts: 3,
  purchaseFallbackDays: 30,
  shipmentHours: 48,
  firstScanDays: 3,
  trackingQuietDays: 7,
  exceptionDays: 2,
  poLateDays: 0,
  quotaLeftPercent: 5,
};

export const DISPATCH_SETTING_LABELS: Record<DispatchSettingField, Localized> = {
  reviewHours: { en: 'Stuck: pending review after (hours)', zh: '卡单：待审核超过（小时）' },
  contactHours: { en: 'Stuck: pending contact after (hours)', zh: '卡单：待联系超过（小时）' },
  contactAttempts: { en: 'Stuck: pending contact after (call attempts)', zh: '卡单：待联系尝试次数达到' },
  purchaseFallbackDays: {
    en: 'Stuck: pending purchase after (days, when the SKU has no supplier lead time)',
    zh: '卡单：待采购超过（天，SKU 无供应商周期时）',
  },
  shipmentHours: { en: 'Stuck: pending shipment after (hours)', zh: '卡单：待发货超过（小时）' },
  firstScanDays: { en: 'Stuck: shipped with no carrier scan after (days)', zh: '卡单：已发货无揽收扫描超过（天）' },
  trackingQuietDays: { en: 'Stuck: no tracking update for (days)', zh: '卡单：物流无更新超过（天）' },
  exceptionDays: { en: 'Stuck: parcel exception open for (days)', zh: '卡单：包裹异常未处理超过（天）' },
  poLateDays: { en: 'Stuck: purchase order past its expected date by (days)', zh: '卡单：采购单超过预计到货日（天）' },
  quotaLeftPercent: {
    en: 'Health: tracking provider quota fails below (% left; 0 never)',
    zh: '健康检查：物流查询额度低于（剩余百分比；0 为不检查）',
  },
};

/** Highest value of each field: a threshold beyond it would hide everything. */
const MAX: Record<DispatchSettingField, number> = {
  reviewHours: 8760,
  contactHours: 8760,
  contactAttempts: 100,
  purchaseFallbackDays: 365,
  shipmentHours: 8760,
  firstScanDays: 365,
  trackingQuietDays: 365,
  exceptionDays: 365,
  poLateDays: 365,
  quotaLeftPercent: 100,
};

const message = messageCatalog({
  bad_number: {
    en: '{label}: "{value}" is not a whole number from {min} to {max}',
    zh: '{label}：“{value}”不是 {min} 到 {max} 之间的整数',
  },
});

function dispatchSettingsForm(settings: DispatchSettings): Record<DispatchSettingField, string> {
  return Object.fromEntries(DISPATCH_SETTING_FIELDS.map((f) => [f, String(settings[f])])) as Record<
    DispatchSettingField,
    string
  >;
}

/** Rows' text → thresholds, or every field's error at once. An empty row keeps the default. */
export function parseDispatchSettingsForm(
  form: Partial<Record<DispatchSettingField, string>>,
  lang: Lang,
): { settings: DispatchSettings } | { errors: SettingsFieldError<DispatchSettingField>[] } {
  const errors: SettingsFieldError<DispatchSettingField>[] = [];
  const settings = { ...DEFAULT_DISPATCH_SETTINGS };
  for (const field of DISPATCH_SETTING_FIELDS) {
    const typed = String(form[field] ?? '').trim();
    if (!typed) continue;
    // Hours and attempts of 0 would flag every row at once; days past a PO's date may be 0, and a quota
    // threshold of 0 % turns the quota check's failure off.
    const min = field === 'poLateDays' || field === 'quotaLeftPercent' ? 0 : 1;
    const value = /^\d{1,4}$/.test(typed) ? Number(typed) : NaN;
    if (!Number.isInteger(value) || value < min || value > MAX[field]) {
      const label = DISPATCH_SETTING_LABELS[field][lang];
      errors.push({ field, message: message(lang, 'bad_number', { label, value: typed, min, max: MAX[field] }) });
    } else settings[field] = value;
  }
  return errors.length ? { errors } : { settings };
}

export const DISPATCH_SETTINGS_BLOCK: SettingsBlock<DispatchSettingField, DispatchSettings> = {
  id: 'dispatch',
  title: {
    en: 'Dispatch center: when an item counts as stuck (the boss may change these; saved on the next sync)',
    zh: '调度中心：卡单判定阈值（老板可修改；下次同步时保存）',
  },
  editRoles: ['boss'],
  subject: { en: 'the dispatch thresholds', zh: '调度阈值' },
  fields: DISPATCH_SETTING_FIELDS,
  labels: DISPATCH_SETTING_LABELS,
  defaults: DEFAULT_DISPATCH_SETTINGS,
  form: (settings) => dispatchSettingsForm(settings),
  parse: parseDispatchSettingsForm,
};
