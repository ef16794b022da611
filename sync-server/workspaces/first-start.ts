import { ROLES } from '../../domain/access/roles';
import type { Database } from '../db/database';
import { createApiKey, createWorkspace, listWorkspaces } from './workspace-admin';

/**
 * On an empty database, make a local workspace and an admin key so a new user can connect at once.
 * Returns the key (shown once) or null when workspaces already exist.
 */
export async function ensureFirstWorkspace(db: Database): Promise<{ workspaceId: string; keyId: string; secret: string } | null> {
  if ((await listWorkspaces(db)).length) return null;
  const workspace = await createWorkspace(db, 'Local workspace');
  const key = await createApiKey(db, { workspaceId: workspace.id, name: 'first-start admin', roles: [...ROLES] });
  return { workspaceId: workspace.id, keyId: key.id, secret: key.secret };
}
