import { hasAnyRole, roleLabel } from '../../domain/access/roles';
import type { Lang } from '../../domain/i18n/lang';
import { translate } from '../../domain/i18n/messages';
import { DEFAULT_REVIEW_SETTINGS, type ReviewSettings } from '../../domain/orders/auto-review';
import {
  parseReviewSettingsForm, reviewSettingsForm, REVIEW_SETTING_FIELDS, type ReviewFormError, type ReviewSettingsForm,
} from '../../domain/orders/review-settings-form';
import type { Principal } from '../access/principal';
import { inTransaction, run, type Database, type Queryable } from '../db/database';
import { insertEvents } from '../events/event-log';
import { selectReviewSettings, upsertReviewSettings } from './order-sql';

export type ReviewSettingsSync = { review: ReviewSettingsForm; errors: ReviewFormError[] };

export async function loadReviewSettings(client: Queryable, workspaceId: string): Promise<ReviewSettings> {
  const row = (await run<{ review: Partial<ReviewSettings> }>(client, selectReviewSettings(workspaceId))).rows[0];
  return { ...DEFAULT_REVIEW_SETTINGS, ...(row?.review ?? {}) };
}

/** Replaces the settings (customer service or admin) and logs who changed what. */
export async function saveReviewSettings(db: Database, principal: Principal, settings: ReviewSettings, at: Date): Promise<ReviewSettings> {
  return inTransaction(db, async (client) => {
    const before = await loadReviewSettings(client, principal.workspaceId);
    await run(client, upsertReviewSettings(principal.workspaceId, settings));
    await run(client, insertEvents(principal.workspaceId, at, [{ actor: principal.actor, entity: 'settings', entityKey: 'review', action: 'changed', before, after: settings, correlationId: 'settings:review' }]));
    return settings;
  });
}

/**
 * The Settings sheet's auto-review rows, as part of a sync: what the sheet sends (only when a person
 * changed it) is checked and saved; the answer is always the workspace's settings as text for the sheet,
 * plus every error of a refused change (the sheet then keeps what was typed).
 */
export async function syncReviewSettings(db: Database, principal: Principal, sent: Partial<ReviewSettingsForm> | undefined, lang: Lang, at: Date): Promise<ReviewSettingsSync> {
  let errors: ReviewFormError[] = [];
  if (sent) {
    if (!hasAnyRole(principal.roles, ['cs', 'admin'])) {
      const message = translate(lang, 'not_allowed_role', { held: principal.roles.map((r) => roleLabel(r, lang)).join(', ') || '-', entity: lang === 'zh' ? '审核设置' : 'the review settings', needed: roleLabel('cs', lang) });
      errors = REVIEW_SETTING_FIELDS.map((field) => ({ field, message }));
    } else {
      const parsed = parseReviewSettingsForm(sent, lang);
      if ('errors' in parsed) errors = parsed.errors;
      else await saveReviewSettings(db, principal, parsed.settings, at);
    }
  }
  return { review: reviewSettingsForm(await loadReviewSettings(db.pool, principal.workspaceId), lang), errors };
}
