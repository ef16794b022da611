import type { Lang } from '../i18n/lang';
import { messageCatalog } from '../i18n/message-catalog';
import type { Localized } from '../sheets/column-spec';
import type { SettingsBlock } from '../settings/settings-block';
import { parseYesNo, yesNoText } from '../settings/yes-no';
import { DEFAULT_REVIEW_SETTINGS, type ReviewSettings } from './review-settings';

/**
 * Auto-review settings as the Settings sheet shows them: one labelled row each, plain text a person can
 * type ("500 EUR", "a@x.com, b@y.com", yes/no). The server parses and checks them; the sheet only holds text.
 */
export const REVIEW_SETTING_FIELDS = [
  'duplicateWindowDays',
  'highValueLimit',
  'blockedPhones',
  'blockedEmails',
  'autoApprove',
  'importClosedOrders',
] as const;
export type ReviewSettingField = (typeof REVIEW_SETTING_FIELDS)[number];
export type ReviewSettingsForm = Record<ReviewSettingField, string>;
export type ReviewFormError = { field: ReviewSettingField; message: string };

export const REVIEW_SETTING_LABELS: Record<ReviewSettingField, Localized> = {
  duplicateWindowDays: { en: 'Duplicate check window (days)', zh: '重复订单检查天数' },
  highValueLimit: { en: 'High-value limit (amount and currency)', zh: '高额订单阈值（金额和币种）' },
  blockedPhones: { en: 'Blocked phones (comma-separated)', zh: '黑名单电话（逗号分隔）' },
  blockedEmails: { en: 'Blocked emails (comma-separated)', zh: '黑名单邮箱（逗号分隔）' },
  autoApprove: { en: 'Approve clean orders automatically (yes/no)', zh: '无问题订单自动审核通过（是/否）' },
  importClosedOrders: {
    en: 'Import orders the shop already cancelled, refunded or fulfilled (yes/no; no skips them)',
    zh: '导入店铺已取消、已退款或已发货的订单（是/否；否则跳过）',
  },
};

const message = messageCatalog({
  bad_days: {
    en: '{label}: "{value}" is not a whole number of days from 0 to 365',
    zh: '{label}：“{value}”不是 0 到 365 之间的整数天数',
  },
  bad_limit: {
    en: '{label}: "{value}" is not an amount and currency like "500 EUR" (leave empty for none)',
    zh: '{label}：“{value}”不是“500 EUR”这样的金额和币种（留空表示不设）',
  },
  bad_phone: {
    en: '{label}: "{value}" is too short or too long for a phone number',
    zh: '{label}：“{value}”长度不像电话号码',
  },
  bad_email: { en: '{label}: "{value}" is not an email address', zh: '{label}：“{value}”不是邮箱地址' },
  bad_yes_no: { en: '{label}: "{value}" is neither yes nor no', zh: '{label}：“{value}”既不是“是”也不是“否”' },
  too_many: { en: '{label}: more than 5000 entries', zh: '{label}：超过 5000 项' },
});

/** Settings → the text each Settings-sheet row shows, in the sheet's language. */
export function reviewSettingsForm(settings: ReviewSettings, lang: Lang): ReviewSettingsForm {
  return {
    duplicateWindowDays: String(settings.duplicateWindowDays),
    highValueLimit: settings.highValueLimit
      ? `${settings.highValueLimit.amount} ${settings.highValueLimit.currency}`
      : '',
    blockedPhones: settings.blockedPhones.join(', '),
    blockedEmails: settings.blockedEmails.join(', '),
    autoApprove: yesNoText(settings.autoApprove, lang),
    importClosedOrders: yesNoText(settings.importClosedOrders, lang),
  };
}

/** The rows' text → settings, or every field's error at once (in the sheet's language). */
export function parseReviewSettingsForm(
  form: Partial<ReviewSettingsForm>,
  lang: Lang,
): { settings: ReviewSettings } | { errors: ReviewFormError[] } {
  const errors: ReviewFormError[] = [];
  const fail = (field: ReviewSettingField, code: Parameters<typeof message>[1], value: string) =>
    errors.push({ field, message: message(lang, code, { label: REVIEW_SETTING_LABELS[field][lang], value }) });
  const value = (field: ReviewSettingField) => String(form[field] ?? '').trim();

  const daysText = value('duplicateWindowDays') || '14';
  const days = /^\d{1,3}$/.test(daysText) ? Number(daysText) : NaN;
  if (!(days >= 0 && days <= 365)) fail('duplicateWindowDays', 'bad_days', daysText);

  const limitText = value('highValueLimit');
  const limit = moneyOf(limitText);
  if (limitText && !limit) fail('highValueLimit', 'bad_limit', limitText);

  const phones = list(value('blockedPhones'));
  for (const phone of phones) if (phone.length < 3 || phone.length > 40) fail('blockedPhones', 'bad_phone', phone);
  const emails = list(value('blockedEmails'));
  for (const email of emails)
    if (!/^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/.test(email)) fail('blockedEmails', 'bad_email', email);
  if (phones.length > 5000) fail('blockedPhones', 'too_many', '');
  if (emails.length > 5000) fail('blockedEmails', 'too_many', '');

  const autoApprove = parseYesNo(value('autoApprove'));
  if (autoApprove === null) fail('autoApprove', 'bad_yes_no', value('autoApprove'));
  // Empty reads as the default (yes): a sheet from before this setting existed sends nothing for it.
  const closedText = value('importClosedOrders');
  const importClosed = closedText === '' ? true : parseYesNo(closedText);
  if (importClosed === null) fail('importClosedOrders', 'bad_yes_no', closedText);

  if (errors.length) return { errors };
  return {
    settings: {
      duplicateWindowDays: days,
      highValueLimit: limit,
      blockedPhones: phones,
      blockedEmails: emails,
      autoApprove: autoApprove === true,
      importClosedOrders: importClosed !== false,
    },
  };
}

/** "500 EUR", "EUR 500", "199.99eur" → { amount, currency }. */
function moneyOf(text: string): { amount: string; currency: string } | null {
  const after = /^(\d+(?:\.\d{1,4})?)\s*([A-Za-z]{3})$/.exec(text);
  if (after) return { amount: after[1]!, currency: after[2]!.toUpperCase() };
  const before = /^([A-Za-z]{3})\s*(\d+(?:\.\d{1,4})?)$/.exec(text);
  return before ? { amount: before[2]!, currency: before[1]!.toUpperCase() } : null;
}

function list(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,，;；\n]+/)
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
}

export const REVIEW_SETTINGS_BLOCK: SettingsBlock<ReviewSettingField, ReviewSettings> = {
  id: 'review',
  title: {
    en: 'Auto-review (customer service may change these; saved on the next sync)',
    zh: '自动审核（客服可修改；下次同步时保存）',
  },
  editRoles: ['cs'],
  subject: { en: 'the review settings', zh: '审核设置' },
  fields: REVIEW_SETTING_FIELDS,
  labels: REVIEW_SETTING_LABELS,
  defaults: DEFAULT_REVIEW_SETTINGS,
  form: reviewSettingsForm,
  parse: parseReviewSettingsForm,
};
