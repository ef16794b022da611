import type { Lang } from '../i18n/lang';

/** One error an area can answer: its HTTP status and what a person reads, in every language. */
export type ErrorEntry = { readonly status: number } & { readonly [L in Lang]: string };

/**
 * Declares an area's errors: `{ code: { status, en, zh } }`, texts with `{name}` placeholders.
 * `const` keeps the codes and texts as literal types, so ErrorCode and each code's params are known.
 * Write each text as one literal, however long: `'a' + 'b'` is a plain string, and its params go unchecked.
 */
export function errorCatalog<const C extends Record<string, ErrorEntry>>(entries: C): C {
  return entries;
}

/** The `{name}` placeholders of a text, as a union of names (never when there are none). */
export type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;
