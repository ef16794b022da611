import { hasAnyRole, roleLabel } from '../../domain/access/roles';
import type { Lang } from '../../domain/i18n/lang';
import { translate } from '../../domain/i18n/messages';
import type { SettingsBlock, SettingsFieldError } from '../../domain/settings/settings-block';
import {
  SETTINGS_BLOCKS,
  type SettingsBlockId,
  type SettingsField,
  type SettingsForms,
  type SettingsSync,
} from '../../domain/settings/workspace-settings';
import type { Principal } from '../access/principal';
import { inTransaction, run, type Database, type Queryable } from '../db/database';
import { insertEvents } from '../events/event-log';
import { selectSettings, upsertSettings } from './settings-sql';

// Blocks differ in their fields and settings types; here they are handled alike, by their own functions.
type AnyBlock = SettingsBlock<string, object>;

type StoredSettings = Partial<Record<SettingsBlockId, object | null>>;

async function storedSettings(client: Queryable, workspaceId: string): Promise<StoredSettings> {
  return (await run<StoredSettings>(client, selectSettings(workspaceId))).rows[0] ?? {};
}

/** A block's saved settings over its defaults (a setting added later reads as its default). */
function withDefaults<S extends object>(block: SettingsBlock<string, S>, stored: StoredSettings): S {
  return { ...block.defaults, ...((stored[block.id] ?? {}) as Partial<S>) };
}

export async function loadSettings<S extends object>(
  client: Queryable,
  workspaceId: string,
  block: SettingsBlock<string, S>,
): Promise<S> {
  return withDefaults(block, await storedSettings(client, workspaceId));
}

/** Replaces a block's settings and logs who changed what. */
export async function saveSettings<S extends object>(
  db: Database,
  principal: Principal,
  block: SettingsBlock<string, S>,
  settings: S,
  at: Date,
): Promise<S> {
  return inTransaction(db, async (client) => {
    const before = await loadSettings(client, principal.workspaceId, block);
    await run(client, upsertSettings(principal.workspaceId, block.id, settings));
    await run(
      client,
      insertEvents(principal.workspaceId, at, [
        {
          actor: principal.actor,
          entity: 'settings',
          entityKey: block.id,
          action: 'changed',
          before,
          after: settings,
          correlationId: `settings:${block.id}`,
        },
      ]),
    );
    return settings;
  });
}

/**
 * The Settings sheet's blocks, as part of a sync: what the sheet sends (only blocks a person changed) is
 * checked and saved, each block on its own; the answer is always every block as text for the sheet, plus
 * every error of a refused change (the sheet then keeps what was typed).
 */
export async function syncSettings(
  db: Database,
  principal: Principal,
  sent: Partial<Record<string, Record<string, string | undefined>>> | undefined,
  lang: Lang,
  at: Date,
): Promise<SettingsSync> {
  const errors: SettingsFieldError<SettingsField>[] = [];
  for (const block of SETTINGS_BLOCKS as readonly AnyBlock[]) {
    const typed = sent?.[block.id];
    if (typed) errors.push(...(await changeFromSheet(db, principal, block, typed, lang, at)));
  }
  // One read for every block, after the changes: a sync costs one query here when nothing was typed.
  const stored = await storedSettings(db.pool, principal.workspaceId);
  const forms = Object.fromEntries(
    (SETTINGS_BLOCKS as readonly AnyBlock[]).map((block) => [block.id, block.form(withDefaults(block, stored), lang)]),
  );
  return { ...(forms as SettingsForms), errors };
}

async function changeFromSheet(
  db: Database,
  principal: Principal,
  block: AnyBlock,
  typed: Record<string, string | undefined>,
  lang: Lang,
  at: Date,
): Promise<SettingsFieldError<SettingsField>[]> {
  const needed = [...block.editRoles, 'admin' as const];
  if (!hasAnyRole(principal.roles, needed)) {
    const message = translate(lang, 'not_allowed_role', {
      held: principal.roles.map((r) => roleLabel(r, lang)).join(', ') || '-',
      entity: block.subject[lang],
      needed: roleLabel(block.editRoles[0]!, lang),
    });
    return block.fields.map((field) => ({ field: field as SettingsField, message }));
  }
  const parsed = block.parse(typed as Record<string, string>, lang);
  if ('errors' in parsed) return parsed.errors as SettingsFieldError<SettingsField>[];
  await saveSettings(db, principal, block, parsed.settings, at);
  return [];
}
