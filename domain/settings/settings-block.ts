import type { Role } from '../access/roles';
import type { Lang } from '../i18n/lang';
import type { Localized } from '../sheets/column-spec';

/** One row's error in a settings block, already in the sheet's language. */
export type SettingsFieldError<F extends string = string> = { field: F; message: string };

/**
 * A block of workspace settings as the Settings sheet shows it: one labelled row of plain text per
 * field, parsed and checked by the server (the sheet only holds text). Who may change it is part of it.
 */
export type SettingsBlock<F extends string, S> = {
  id: 'review' | 'purchasing' | 'reports';
  title: Localized;
  /** Who may change these besides admin. */
  editRoles: readonly Role[];
  /** What the refusal names as the thing that could not be changed. */
  subject: Localized;
  fields: readonly F[];
  labels: Record<F, Localized>;
  defaults: S;
  form(settings: S, lang: Lang): Record<F, string>;
  parse(form: Partial<Record<F, string>>, lang: Lang): { settings: S } | { errors: SettingsFieldError<F>[] };
};
