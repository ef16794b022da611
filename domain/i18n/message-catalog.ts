import type { Lang } from './lang';

export type MessageParams = Record<string, string | number>;

/** Fills `{name}` placeholders; a placeholder without a value stays as written, so a gap shows. */
export function fillPlaceholders(text: string, params: MessageParams = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * A set of messages in both languages (the type makes a missing translation a compile error) and the
 * function that fills their `{name}` placeholders.
 */
export function messageCatalog<K extends string>(messages: Record<K, Record<Lang, string>>) {
  return (lang: Lang, key: K, params: MessageParams = {}): string => fillPlaceholders(messages[key][lang], params);
}
