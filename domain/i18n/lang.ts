/** The spreadsheet languages Crossdock speaks. */
export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

/** Maps a spreadsheet locale ("zh_CN", "zh_TW", "en_GB", ...) or Accept-Language tag to a language. */
export function langFromLocale(locale: string | null | undefined): Lang {
  return /^zh\b|^zh[-_]/i.test(locale ?? '') ? 'zh' : 'en';
}
