import type { Lang } from '../i18n/lang';
import { messageCatalog } from '../i18n/message-catalog';
import type { SettingsBlock, SettingsFieldError } from '../settings/settings-block';

/** The currency every report amount is converted to (docs/reports.md). */
export type ReportSettings = { baseCurrency: string };
export const DEFAULT_REPORT_SETTINGS: ReportSettings = { baseCurrency: 'USD' };

const FIELDS = ['baseCurrency'] as const;
type ReportSettingField = (typeof FIELDS)[number];

const LABELS = { baseCurrency: { en: 'Base currency of reports (ISO code)', zh: '报表本位币（ISO 代码）' } };

const message = messageCatalog({
  bad_currency: {
    en: '{label}: "{value}" is not a three-letter currency code like USD or CNY',
    zh: '{label}：“{value}”不是 USD、CNY 这样的三位币种代码',
  },
});

export const REPORT_SETTINGS_BLOCK: SettingsBlock<ReportSettingField, ReportSettings> = {
  id: 'reports',
  title: {
    en: 'Reports (the boss may change these; saved on the next sync)',
    zh: '报表（老板可修改；下次同步时保存）',
  },
  editRoles: ['boss'],
  subject: { en: 'the report settings', zh: '报表设置' },
  fields: FIELDS,
  labels: LABELS,
  defaults: DEFAULT_REPORT_SETTINGS,
  form: (settings) => ({ baseCurrency: settings.baseCurrency }),
  parse(form, lang: Lang) {
    const typed = String(form.baseCurrency ?? '')
      .trim()
      .toUpperCase();
    if (!typed) return { settings: DEFAULT_REPORT_SETTINGS };
    if (!/^[A-Z]{3}$/.test(typed)) {
      const errors: SettingsFieldError<ReportSettingField>[] = [
        {
          field: 'baseCurrency',
          message: message(lang, 'bad_currency', { label: LABELS.baseCurrency[lang], value: typed }),
        },
      ];
      return { errors };
    }
    return { settings: { baseCurrency: typed } };
  },
};
