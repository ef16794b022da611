import type { Lang } from '../i18n/lang';

/**
 * The messages the contracts write themselves (zod writes the others, in either language). A schema holds the
 * English text; an answer to a Chinese request swaps it for the Chinese one, so no English-only message reaches
 * a Chinese sheet.
 */
const MESSAGES = {
  no_control: {
    en: 'contains control characters (such as NUL or escape) or half a surrogate pair',
    zh: '含有控制字符（如 NUL、ESC）或不成对的代理字符',
  },
  client_id: { en: 'must be 8-64 letters, digits, - or _', zh: '必须是 8 到 64 个字母、数字、- 或 _' },
  date_shape: { en: 'must be a date like 2026-11-27', zh: '必须是 2026-11-27 这样的日期' },
  real_date: { en: 'is not a real date', zh: '不是真实存在的日期' },
  text_or_data: { en: 'give either text or data (the file as base64)', zh: '请提供 text 或 data（文件的 base64）之一' },
  action_or_status: { en: 'give either action or toStatus', zh: '请提供 action 或 toStatus 之一' },
  override_reason: { en: 'an override needs a reason', zh: '强制通过需要填写原因' },
  mutation_needed: { en: 'mutationId is required when rows are pushed', zh: '推送数据行时必须提供 mutationId' },
  member_or_roles: { en: 'give memberEmail or roles', zh: '请提供 memberEmail 或 roles' },
  amount: { en: 'must be an amount like 500 or 199.99', zh: '必须是 500 或 199.99 这样的金额' },
  currency_code: { en: 'must be a 3-letter currency code', zh: '必须是三位货币代码' },
  cost_needs_currency: {
    en: 'a unit cost needs its currency (and a currency its cost)',
    zh: '单位成本需要填写币种（币种也需要成本）',
  },
  weights_sum: { en: 'the three weights must add up to 1', zh: '三个权重之和必须为 1' },
  entries_or_csv: {
    en: 'give entries or csv (the carrier file), one of them',
    zh: '请提供 entries 或 csv（承运商文件）之一',
  },
  shipments_or_tracking: { en: 'give shipmentNos or trackingNos', zh: '请提供 shipmentNos 或 trackingNos' },
  field_names: { en: 'field names must be at most 64 characters', zh: '字段名最多 64 个字符' },
  tables_among: { en: 'must list tables among: {tables}', zh: '只能列出以下表：{tables}' },
} as const satisfies Record<string, Record<Lang, string>>;

export type ContractMessageKey = keyof typeof MESSAGES;

/** The English text a schema carries (with its `{name}` filled, for the few that have one). */
export function contractText(key: ContractMessageKey, params: Record<string, string> = {}): string {
  return fill(MESSAGES[key].en, params);
}

/** A zod message in `lang`: a contract's own text is swapped for its translation; anything else stays. */
export function translateContractText(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  for (const texts of Object.values(MESSAGES) as Record<Lang, string>[]) {
    const names: string[] = [];
    const pattern = texts.en
      .split(/\{(\w+)\}/)
      .map((part, i) => (i % 2 ? (names.push(part), '(.*)') : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    const match = new RegExp(`^${pattern}$`).exec(message);
    if (match) return fill(texts[lang], Object.fromEntries(names.map((name, i) => [name, match[i + 1]!])));
  }
  return message;
}

function fill(text: string, params: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
