import type { Role } from '../../domain/access/roles';
import { sql, type SqlQuery } from '../db/sql-query';

export function insertWorkspace(id: string, name: string): SqlQuery {
  return sql('INSERT INTO workspaces (id, name) VALUES ($1, $2)', [id, name]);
}

export function selectWorkspaces(): SqlQuery {
  return sql('SELECT id, name, created_at FROM workspaces ORDER BY created_at, id');
}

export function selectWorkspace(id: string): SqlQuery {
  return sql('SELECT id, name, change_no FROM workspaces WHERE id = $1', [id]);
}

/** Locks the workspace row: every write to a workspace's synced tables holds it until commit. */
export function lockWorkspaceCounter(id: string): SqlQuery {
  // NO KEY UPDATE: serializes writers without clashing with the key-share locks that foreign keys take.
  return sql('SELECT change_no FROM workspaces WHERE id = $1 FOR NO KEY UPDATE', [id]);
}

export function setWorkspaceCounter(id: string, changeNo: number): SqlQuery {
  return sql('UPDATE workspaces SET change_no = $2 WHERE id = $1', [id, changeNo]);
}

export function upsertMember(workspaceId: string, email: string, roles: Role[]): SqlQuery {
  return sql(
    `INSERT INTO members (workspace_id, email, roles) VALUES ($1, $2, $3)
     ON CONFLICT (workspace_id, email) DO UPDATE SET roles = excluded.roles RETURNING email, roles`,
    [workspaceId, email, roles],
  );
}

export function deleteMember(workspaceId: string, email: string): SqlQuery {
  return sql('DELETE FROM members WHERE workspace_id = $1 AND email = $2 RETURNING email', [workspaceId, email]);
}

export function selectMembers(workspaceId: string): SqlQuery {
  return sql('SELECT email, roles, created_at FROM members WHERE workspace_id = $1 ORDER BY email', [workspaceId]);
}

export function selectMemberships(email: string): SqlQuery {
  return sql('SELECT workspace_id, roles FROM members WHERE email = $1 ORDER BY workspace_id', [email]);
}
