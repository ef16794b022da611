import type { Lang } from '../i18n/lang';
import { messageCatalog } from '../i18n/message-catalog';
import type { LineFulfilment } from './order-draft';

const message = messageCatalog({
  fulfilment_none: { en: 'no shipping needed', zh: '无需发货' },
  fulfilment_channel: { en: 'shipped by the channel', zh: '渠道已发货' },
  customization: { en: 'personalised: {url}', zh: '定制内容：{url}' },
});

/** The Orders sheet's "Shipped by" cell: empty for the lines we ship, else who does (nobody, the channel). */
export function renderFulfilment(fulfilment: unknown, lang: Lang): string {
  const value = fulfilment as LineFulfilment;
  return value === 'none' || value === 'channel' ? message(lang, `fulfilment_${value}`) : '';
}

/** The Orders sheet's "Note" cell: the order's note (template Note, Shopify Notes) and the line's personalisation. */
export function renderLineNotes(notes: unknown, lang: Lang): string {
  const { order, customization } = (notes ?? {}) as { order?: string | null; customization?: string | null };
  const parts = [order?.trim(), customization ? message(lang, 'customization', { url: customization }) : ''];
  return parts.filter(Boolean).join('\n');
}
