import type { Lang } from '../i18n/lang';
import { messageCatalog } from '../i18n/message-catalog';
import type { Localized } from '../sheets/column-spec';
import type { SettingsBlock, SettingsFieldError } from '../settings/settings-block';
import { parseYesNo, yesNoText } from '../settings/yes-no';
import { DEFAULT_VELOCITY_WEIGHTS, type VelocityWeights } from './sales-velocity';

/** The workspace's purchasing choices (docs/purchasing.md): how the three sales windows weigh, and stock-out days. */
export type PurchasingSettings = { weights: VelocityWeights; leaveOutStockOutDays: boolean };

export const DEFAULT_PURCHASING_SETTINGS: PurchasingSettings = {
  weights: DEFAULT_VELOCITY_WEIGHTS,
  leaveOutStockOutDays: false,
};

export const PURCHASING_SETTING_FIELDS = ['weight7', 'weight14', 'weight30', 'leaveOutStockOutDays'] as const;
export type PurchasingSettingField = (typeof PURCHASING_SETTING_FIELDS)[number];

export const PURCHASING_SETTING_LABELS: Record<PurchasingSettingField, Localized> = {
  weight7: { en: 'Velocity weight of the last 7 days', zh: '近 7 天销量权重' },
  weight14: { en: 'Velocity weight of the last 14 days', zh: '近 14 天销量权重' },
  weight30: { en: 'Velocity weight of the last 30 days', zh: '近 30 天销量权重' },
  leaveOutStockOutDays: { en: 'Leave out days out of stock (yes/no)', zh: '日均销量剔除断货天数（是/否）' },
};

const WINDOW: Record<'weight7' | 'weight14' | 'weight30', keyof VelocityWeights> = {
  weight7: 'r7',
  weight14: 'r14',
  weight30: 'r30',
};

const message = messageCatalog({
  bad_weight: {
    en: '{label}: "{value}" is not a number from 0 to 1 (or a percentage like 50%)',
    zh: '{label}：“{value}”不是 0 到 1 之间的数（或 50% 这样的百分比）',
  },
  bad_sum: {
    en: '{label}: the three weights add up to {sum}; they must add up to 1 (100%)',
    zh: '{label}：三个权重合计 {sum}，必须合计为 1（100%）',
  },
  bad_yes_no: { en: '{label}: "{value}" is neither yes nor no', zh: '{label}：“{value}”既不是“是”也不是“否”' },
});

/** Settings → the text each Settings-sheet row shows. Weights as decimals ("0.5"), so they read back exactly. */
export function purchasingSettingsForm(
  settings: PurchasingSettings,
  lang: Lang,
): Record<PurchasingSettingField, string> {
  return {
    weight7: String(settings.weights.r7),
    weight14: String(settings.weights.r14),
    weight30: String(settings.weights.r30),
    leaveOutStockOutDays: yesNoText(settings.leaveOutStockOutDays, lang),
  };
}

/** The rows' text → settings, or every field's error at once. Empty weights keep their defaults. */
export function parsePurchasingSettingsForm(
  form: Partial<Record<PurchasingSettingField, string>>,
  lang: Lang,
): { settings: PurchasingSettings } | { errors: SettingsFieldError<PurchasingSettingField>[] } {
  const errors: SettingsFieldError<PurchasingSettingField>[] = [];
  const fail = (field: PurchasingSettingField, code: Parameters<typeof message>[1], params: Record<string, string>) =>
    errors.push({ field, message: message(lang, code, { label: PURCHASING_SETTING_LABELS[field][lang], ...params }) });
  const weights = { ...DEFAULT_PURCHASING_SETTINGS.weights };
  for (const field of ['weight7', 'weight14', 'weight30'] as const) {
    const typed = String(form[field] ?? '').trim();
    if (!typed) continue;
    const weight = weightOf(typed);
    if (weight === null) fail(field, 'bad_weight', { value: typed });
    else weights[WINDOW[field]] = weight;
  }
  // Weights that do not add up to 1 would scale every velocity (and every suggestion) without anyone noticing.
  const sum = Math.round((weights.r7 + weights.r14 + weights.r30) * 1e6) / 1e6;
  if (!errors.length && !addsUpToOne(weights)) fail('weight7', 'bad_sum', { sum: String(sum) });
  const leaveOut = parseYesNo(String(form.leaveOutStockOutDays ?? ''));
  if (leaveOut === null)
    fail('leaveOutStockOutDays', 'bad_yes_no', { value: String(form.leaveOutStockOutDays).trim() });
  if (errors.length) return { errors };
  return { settings: { weights, leaveOutStockOutDays: leaveOut === true } };
}

/** Thirds typed as 0.333333 (six decimals, as the sheet shows them) still add up. */
export function addsUpToOne(weights: VelocityWeights): boolean {
  return Math.abs(weights.r7 + weights.r14 + weights.r30 - 1) <= 1e-5;
}

/** Settings as stored: weights to six decimals, so the sheet shows them as plain decimals that read back the same. */
export function storedPurchasingSettings(settings: PurchasingSettings): PurchasingSettings {
  const six = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    ...settings,
    weights: { r7: six(settings.weights.r7), r14: six(settings.weights.r14), r30: six(settings.weights.r30) },
  };
}

/** "0.5", "0,5", "50%", "50 %" → 0.5; out of 0..1 or not a number → null. */
function weightOf(text: string): number | null {
  const percent = /^(\d{1,3}(?:[.,]\d{1,4})?)\s*[%％]$/.exec(text);
  const plain = /^(\d(?:[.,]\d{1,6})?|[.,]\d{1,6})$/.exec(text);
  const number = percent
    ? Number(percent[1]!.replace(',', '.')) / 100
    : plain
      ? Number(plain[1]!.replace(',', '.'))
      : NaN;
  if (!Number.isFinite(number) || number < 0 || number > 1) return null;
  return Math.round(number * 1e6) / 1e6;
}

export const PURCHASING_SETTINGS_BLOCK: SettingsBlock<PurchasingSettingField, PurchasingSettings> = {
  id: 'purchasing',
  title: {
    en: 'Purchase suggestions (purchasing may change these; saved on the next sync)',
    zh: '采购建议（采购可修改；下次同步时保存）',
  },
  editRoles: ['purchasing'],
  subject: { en: 'the purchasing settings', zh: '采购设置' },
  fields: PURCHASING_SETTING_FIELDS,
  labels: PURCHASING_SETTING_LABELS,
  defaults: DEFAULT_PURCHASING_SETTINGS,
  form: purchasingSettingsForm,
  parse: parsePurchasingSettingsForm,
};
