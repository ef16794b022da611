import crypto from 'node:crypto';
import { isRole, parseRoleList, ROLES, type Role } from '../../domain/access/roles';
import { DomainError } from '../../domain/domain-error';
import { generateApiKey, insertApiKey, listApiKeys, revokeApiKey, revokeMemberKeys } from '../access/api-keys';
import { inTransaction, run, type Database } from '../db/database';
import {
  deleteMember,
  insertWorkspace,
  selectMembers,
  selectWorkspace,
  selectWorkspaces,
  upsertMember,
} from '../workspaces/workspace-sql';

/** Workspace, member and key administration, shared by the CLI, the admin API and first start. */

export function newWorkspaceId(): string {
  return `ws_${crypto.randomBytes(6).toString('hex')}`;
}

export async function createWorkspace(db: Database, name: string): Promise<{ id: string; name: string }> {
  const id = newWorkspaceId();
  await run(db.pool, insertWorkspace(id, name.trim() || 'Workspace'));
  return { id, name };
}

export async function listWorkspaces(db: Database) {
  return (await run<{ id: string; name: string; created_at: Date }>(db.pool, selectWorkspaces())).rows;
}

export async function requireWorkspace(db: Database, id: string): Promise<void> {
  const found = await run(db.pool, selectWorkspace(id));
  if (!found.rowCount) throw new DomainError('workspace_not_found', { workspace: id });
}

export function normalizeEmail(email: string): string {
  const value = email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) throw new DomainError('invalid_email', { email });
  return value;
}

export function requireRoles(input: string | string[]): Role[] {
  const { roles, unknown } = parseRoleList(Array.isArray(input) ? input.join(',') : input);
  if (unknown.length || !roles.length) {
    throw new DomainError('invalid_roles', { unknown: unknown.join(', ') || '-', known: ROLES.join(', ') });
  }
  return roles;
}

export async function addMember(db: Database, workspaceId: string, email: string, roles: Role[]) {
  await requireWorkspace(db, workspaceId);
  const row = (
    await run<{ email: string; roles: string[] }>(db.pool, upsertMember(workspaceId, normalizeEmail(email), roles))
  ).rows[0];
  return { email: row!.email, roles: row!.roles.filter(isRole) };
}

export async function removeMember(db: Database, workspaceId: string, email: string): Promise<void> {
  const normalized = normalizeEmail(email);
  await inTransaction(db, async (client) => {
    const result = await run(client, deleteMember(workspaceId, normalized));
    if (!result.rowCount) throw new DomainError('member_not_found', { email, workspace: workspaceId });
    await run(client, revokeMemberKeys(workspaceId, normalized));
  });
}

export async function listMembers(db: Database, workspaceId: string) {
  return (await run<{ email: string; roles: string[]; created_at: Date }>(db.pool, selectMembers(workspaceId))).rows;
}

/**
 * A key for a member (takes the member's roles, which may change later) or for a script (fixed roles).
 * Adding the member and the key is one transaction: no key without its member.
 */
export async function createApiKey(
  db: Database,
  input: { workspaceId: string; name: string; memberEmail?: string; roles?: Role[] },
): Promise<{ id: string; secret: string }> {
  await requireWorkspace(db, input.workspaceId);
  const key = generateApiKey();
  const memberEmail = input.memberEmail ? normalizeEmail(input.memberEmail) : null;
  if (!memberEmail && !input.roles?.length) {
    throw new DomainError('invalid_roles', { unknown: '-', known: ROLES.join(', ') });
  }
  await inTransaction(db, async (client) => {
    if (memberEmail) {
      const members = await run<{ email: string; roles: string[] }>(client, selectMembers(input.workspaceId));
      const member = members.rows.find((m) => m.email === memberEmail);
      // A new key must not quietly change an existing member's roles.
      if (member && input.roles?.length) {
        throw new DomainError('member_exists', { email: memberEmail, roles: member.roles.join(', ') });
      }
      if (!member && !input.roles?.length) {
        throw new DomainError('member_not_found', { email: memberEmail, workspace: input.workspaceId });
      }
      if (!member) await run(client, upsertMember(input.workspaceId, memberEmail, input.roles!));
    }
    await run(
      client,
      insertApiKey({
        id: key.id,
        workspaceId: input.workspaceId,
        name: input.name,
        memberEmail,
        roles: memberEmail ? [] : input.roles!,
        hash: key.hash,
      }),
    );
  });
  return { id: key.id, secret: key.secret };
}

export async function revokeKey(db: Database, workspaceId: string | null, keyId: string): Promise<void> {
  const result = await run(db.pool, revokeApiKey(workspaceId, keyId));
  if (!result.rowCount) throw new DomainError('key_not_found', { key: keyId });
}

export async function listKeys(db: Database, workspaceId: string) {
  return (await run(db.pool, listApiKeys(workspaceId))).rows;
}
