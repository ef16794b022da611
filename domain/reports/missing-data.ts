import type { Lang } from '../i18n/lang';

/**
 * The text of each kind of missing-data token, `%1$s` and `%2$s` standing for the token's second and third
 * parts (`fx:EUR:2026-11`: EUR and 2026-11). PostgreSQL's format() reads the same placeholders, so the server
 * can render a report page in SQL (sync-server/reports/order-line-page-sql.ts) from these very texts.
 */
export const MISSING_TEXTS: Record<Lang, Record<string, string>> = {
  en: {
    fx: 'no %1$s rate for %2$s (FX sheet)',
    cost: 'no cost for %1$s',
    freight: 'no freight for %1$s',
    price: 'no price',
    currency: 'order has no currency',
  },
  zh: {
    fx: '缺少 %1$s %2$s 汇率（汇率表）',
    cost: '%1$s 没有成本',
    freight: '%1$s 没有运费',
    price: '没有售价',
    currency: '订单没有币种',
  },
};

/**
 * What a report line lacks, from the tokens the server's report queries name it by (`fx:EUR:2026-11`,
 * `cost:SKU-1`, `freight:SH-00001`, `price`, `currency`), in the reader's language: the boss sees which rate
 * to add to the FX sheet or which cost to fill, instead of a profit that quietly took a rate of 1.
 */
export function renderMissing(tokens: readonly string[], lang: Lang): string {
  return tokens.map((token) => renderToken(token, lang)).join('; ');
}

function renderToken(token: string, lang: Lang): string {
  const [kind = '', a = '', b = ''] = token.split(':');
  const text = Object.prototype.hasOwnProperty.call(MISSING_TEXTS[lang], kind) ? MISSING_TEXTS[lang][kind] : undefined;
  if (text === undefined) return token;
  return text.replace(/%([12])\$s/g, (_, n: string) => (n === '1' ? a : b));
}
