import { ROLES } from '../../domain/access/roles';
import { generateApiKey, insertApiKey } from '../access/api-keys';
import { inTransaction, run, type Database } from '../db/database';
import { sql } from '../db/sql-query';
import { newWorkspaceId } from './workspace-admin';
import { insertWorkspace } from '../workspaces/workspace-sql';

/**
 * On an empty database, make a local workspace and an admin key so a new user can connect at once.
 * One transaction under an advisory lock: several servers starting on one empty PostgreSQL make one
 * workspace, and never a workspace without its key. Returns the key (shown once) or null.
 */
export async function ensureFirstWorkspace(
  db: Database,
): Promise<{ workspaceId: string; keyId: string; secret: string } | null> {
  return inTransaction(db, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(727002)');
    const existing = await run(client, sql('SELECT 1 FROM workspaces LIMIT 1'));
    if (existing.rowCount) return null;
    const workspaceId = newWorkspaceId();
    await run(client, insertWorkspace(workspaceId, 'Local workspace'));
    const key = generateApiKey();
    await run(
      client,
      insertApiKey({
        id: key.id,
        workspaceId,
        name: 'first-start admin',
        memberEmail: null,
        roles: [...ROLES],
        hash: key.hash,
      }),
    );
    return { workspaceId, keyId: key.id, secret: key.secret };
  });
}
