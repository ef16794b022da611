import type { Request } from 'express';
import { z } from 'zod';
import { langFromLocale, LANGS, type Lang } from '../../domain/i18n/lang';

function langOf(holder: unknown): Lang | null {
  const lang = holder && typeof holder === 'object' ? (holder as { lang?: unknown }).lang : undefined;
  return (LANGS as readonly unknown[]).includes(lang) ? (lang as Lang) : null;
}

/**
 * The language to answer errors in: the body's or query's `lang` (what the sheet asked for), else the
 * Accept-Language header (sent by the add-on, so refusals before the body is read, such as authentication,
 * come back in the sheet's language), else English.
 */
export function requestLang(req: Request): Lang {
  return langOf(req.body) ?? langOf(req.query) ?? langFromLocale(req.get('accept-language'));
}

const ZH_ZOD = z.locales.zhCN().localeError;

/** zod's messages in `lang`: its Chinese texts for zh, its default (English) otherwise. */
export function zodErrorMap(lang: Lang): z.core.$ZodErrorMap | undefined {
  return lang === 'zh' ? ZH_ZOD : undefined;
}
