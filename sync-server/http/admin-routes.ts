import type { Database } from '../db/database';
import { addMember, createApiKey, listKeys, listMembers, removeMember, revokeKey } from '../workflows/workspace-admin';
import { route, type Route } from './route';
import {
  KeyBody,
  KeyCreatedResponse,
  KeyParams,
  KeysResponse,
  MemberBody,
  MemberParams,
  MembersResponse,
  OkResponse,
} from '../../domain/contracts/admin';

/** Members and keys of the caller's own workspace; admin only. */
export function adminRoutes(db: Database): Route[] {
  return [
    route({
      method: 'get',
      path: '/v1/admin/members',
      summary: 'List members and their roles',
      access: ['admin'],
      response: MembersResponse,
      handler: async ({ principal }) => ({
        members: (await listMembers(db, principal.workspaceId)).map((m) => ({ email: m.email, roles: m.roles })),
      }),
    }),
    route({
      method: 'post',
      path: '/v1/admin/members',
      summary: 'Add a member or change their roles',
      access: ['admin'],
      body: MemberBody,
      response: MembersResponse,
      handler: async ({ principal, body }) => ({
        members: [await addMember(db, principal.workspaceId, body.email, body.roles)],
      }),
    }),
    route({
      method: 'delete',
      path: '/v1/admin/members/:email',
      summary: 'Remove a member (their keys stop working)',
      access: ['admin'],
      params: MemberParams,
      response: OkResponse,
      handler: async ({ principal, params }) => {
        await removeMember(db, principal.workspaceId, params.email);
        return { ok: true };
      },
    }),
    route({
      method: 'get',
      path: '/v1/admin/keys',
      summary: 'List API keys (never the secrets)',
      access: ['admin'],
      response: KeysResponse,
      handler: async ({ principal }) => ({
        keys: (await listKeys(db, principal.workspaceId)).map((k) => ({
          id: String(k.id),
          name: String(k.name),
          memberEmail: (k.member_email as string | null) ?? null,
          roles: k.roles as string[],
          revoked: k.revoked_at !== null,
        })),
      }),
    }),
    route({
      method: 'post',
      path: '/v1/admin/keys',
      summary: 'Create an API key; the secret is returned once',
      access: ['admin'],
      body: KeyBody,
      response: KeyCreatedResponse,
      status: 201,
      handler: async ({ principal, body }) => {
        const key = await createApiKey(db, {
          workspaceId: principal.workspaceId,
          name: body.name,
          memberEmail: body.memberEmail,
          roles: body.roles,
        });
        return { id: key.id, key: key.secret };
      },
    }),
    route({
      method: 'delete',
      path: '/v1/admin/keys/:id',
      summary: 'Revoke an API key',
      access: ['admin'],
      params: KeyParams,
      response: OkResponse,
      handler: async ({ principal, params }) => {
        await revokeKey(db, principal.workspaceId, params.id);
        return { ok: true };
      },
    }),
  ];
}
