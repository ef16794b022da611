import type { Lang } from './lang';

export type MessageParams = Record<string, string | number>;

/**
 * A set of messages in both languages (the type makes a missing translation a compile error) and the
 * function that fills their `{name}` placeholders.
 */
export function messageCatalog<K extends string>(messages: Record<K, Record<Lang, string>>) {
  return (lang: Lang, key: K, params: MessageParams = {}): string =>
    messages[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
