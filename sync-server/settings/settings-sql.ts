import type { SettingsBlockId } from '../../domain/settings/workspace-settings';
import { sql, type SqlQuery } from '../db/sql-query';

/** One jsonb column per settings block; the id is one of a closed set, never text from a request. */
const COLUMN: Record<SettingsBlockId, string> = { review: 'review', purchasing: 'purchasing', reports: 'reports' };

/** Every block's stored settings in one row (a column per block). */
export function selectSettings(workspaceId: string): SqlQuery {
  return sql(`SELECT ${Object.values(COLUMN).join(', ')} FROM workspace_settings WHERE workspace_id = $1`, [
    workspaceId,
  ]);
}

export function upsertSettings(workspaceId: string, block: SettingsBlockId, value: unknown): SqlQuery {
  const column = COLUMN[block];
  return sql(
    `INSERT INTO workspace_settings (workspace_id, ${column}) VALUES ($1, $2) ON CONFLICT (workspace_id) DO UPDATE SET ${column} = excluded.${column}`,
    [workspaceId, JSON.stringify(value)],
  );
}
