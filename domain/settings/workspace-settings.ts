import { REVIEW_SETTINGS_BLOCK } from '../orders/review-settings-form';
import { PURCHASING_SETTINGS_BLOCK } from '../purchasing/purchasing-settings';
import { REPORT_SETTINGS_BLOCK } from '../reports/report-settings';
import type { SettingsFieldError } from './settings-block';

/** Every settings block of a workspace, in the order the Settings sheet shows them. */
export const SETTINGS_BLOCKS = [REVIEW_SETTINGS_BLOCK, PURCHASING_SETTINGS_BLOCK, REPORT_SETTINGS_BLOCK] as const;
export type SettingsBlockId = (typeof SETTINGS_BLOCKS)[number]['id'];

type FieldsOf<B> = B extends { fields: readonly (infer F)[] } ? F : never;
type BlockOf<I extends SettingsBlockId> = Extract<(typeof SETTINGS_BLOCKS)[number], { id: I }>;

/** Each block's rows as Settings-sheet text. */
export type SettingsForms = { [I in SettingsBlockId]: Record<FieldsOf<BlockOf<I>> & string, string> };
export type SettingsField = FieldsOf<(typeof SETTINGS_BLOCKS)[number]> & string;

/** The settings part of a sync answer: every block as text, and the errors of a refused change. */
export type SettingsSync = SettingsForms & { errors: SettingsFieldError<SettingsField>[] };

export const SETTING_FIELDS: readonly SettingsField[] = SETTINGS_BLOCKS.flatMap((block) => [...block.fields]);
