import crypto from 'node:crypto';
import { isRole, type Role } from '../../domain/access/roles';
import { DomainError } from '../../domain/domain-error';
import { sql, type SqlQuery } from '../db/sql-query';
import type { Principal } from './principal';

const KEY_PREFIX = 'cdk_';

/** A new key: the secret is shown once; only its SHA-256 is stored. */
export function generateApiKey(): { id: string; secret: string; hash: string } {
  const secret = KEY_PREFIX + crypto.randomBytes(32).toString('base64url');
  return { id: `key_${crypto.randomBytes(6).toString('hex')}`, secret, hash: hashApiKey(secret) };
}

export function hashApiKey(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex');
}

export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(KEY_PREFIX);
}

export function insertApiKey(input: {
  id: string;
  workspaceId: string;
  name: string;
  memberEmail: string | null;
  roles: Role[];
  hash: string;
}): SqlQuery {
  return sql(
    `INSERT INTO api_keys (id, workspace_id, name, member_email, roles, key_hash) VALUES ($1, $2, $3, $4, $5, $6)`,
    [input.id, input.workspaceId, input.name, input.memberEmail, input.roles, input.hash],
  );
}

/** A key tied to a member takes the member's current roles, so role changes apply at once. */
export function selectKeyByHash(hash: string): SqlQuery {
  return sql(
    `SELECT k.id, k.workspace_id, k.name, k.member_email, k.revoked_at,
            (k.member_email IS NOT NULL AND m.email IS NULL) AS member_missing,
            CASE WHEN k.member_email IS NULL THEN k.roles ELSE coalesce(m.roles, '{}') END AS roles
       FROM api_keys k
       LEFT JOIN members m ON m.workspace_id = k.workspace_id AND m.email = k.member_email
      WHERE k.key_hash = $1`,
    [hash],
  );
}

export function revokeApiKey(workspaceId: string | null, keyId: string): SqlQuery {
  return sql(
    `UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND ($2::text IS NULL OR workspace_id = $2) AND revoked_at IS NULL RETURNING id`,
    [keyId, workspaceId],
  );
}

/** Keys die with their member: re-adding the person later must not bring old keys back. */
export function revokeMemberKeys(workspaceId: string, email: string): SqlQuery {
  return sql(
    `UPDATE api_keys SET revoked_at = now() WHERE workspace_id = $1 AND member_email = $2 AND revoked_at IS NULL`,
    [workspaceId, email],
  );
}

export function listApiKeys(workspaceId: string): SqlQuery {
  return sql(
    `SELECT id, name, member_email, roles, created_at, revoked_at FROM api_keys WHERE workspace_id = $1 ORDER BY created_at, id`,
    [workspaceId],
  );
}

type KeyRow = {
  id: string;
  workspace_id: string;
  name: string;
  member_email: string | null;
  revoked_at: Date | null;
  member_missing: boolean;
  roles: string[];
};

export function principalFromKeyRow(row: KeyRow | undefined): Principal {
  if (!row) throw new DomainError('unauthenticated');
  if (row.revoked_at) throw new DomainError('key_revoked');
  if (row.member_missing) throw new DomainError('member_removed');
  return {
    workspaceId: row.workspace_id,
    actor: row.member_email ?? `key:${row.name}`,
    roles: row.roles.filter(isRole),
    via: 'api_key',
    keyId: row.id,
  };
}
