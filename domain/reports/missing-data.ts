import type { Lang } from '../i18n/lang';

/**
 * What a report line lacks, from the tokens the server's report queries name it by (`fx:EUR:2026-11`,
 * `cost:SKU-1`, `freight:SH-00001`, `price`, `currency`), in the reader's language: the boss sees which rate
 * to add to the FX sheet or which cost to fill, instead of a profit that quietly took a rate of 1.
 */
export function renderMissing(tokens: readonly string[], lang: Lang): string {
  return tokens.map((token) => renderToken(token, lang)).join('; ');
}

function renderToken(token: string, lang: Lang): string {
  const [kind, a = '', b = ''] = token.split(':');
  const zh = lang === 'zh';
  switch (kind) {
    case 'fx':
      return zh ? `缺少 ${a} ${b} 汇率（汇率表）` : `no ${a} rate for ${b} (FX sheet)`;
    case 'cost':
      return zh ? `${a} 没有成本` : `no cost for ${a}`;
    case 'freight':
      return zh ? `${a} 没有运费` : `no freight for ${a}`;
    case 'price':
      return zh ? '没有售价' : 'no price';
    case 'currency':
      return zh ? '订单没有币种' : 'order has no currency';
    default:
      return token;
  }
}
