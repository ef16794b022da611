import { isRole } from '../../domain/access/roles';
import { DomainError } from '../../domain/domain-error';
import { run, type Database } from '../db/database';
import { selectMemberships } from '../workspaces/workspace-sql';
import { hashApiKey, looksLikeApiKey, principalFromKeyRow, selectKeyByHash } from './api-keys';
import { credentialDetail, type IdTokenVerifier } from './id-tokens';
import type { Principal } from './principal';

/**
 * Resolves `Authorization: Bearer ...` to a principal. API keys start with "cdk_"; anything else is
 * treated as a Google ID token. Either way the workspace comes from the server's records, never from
 * the caller alone, so one workspace's credential cannot reach another's data.
 */
export async function authenticate(
  db: Database,
  verifyIdToken: IdTokenVerifier | null,
  authorization: string | undefined,
  requestedWorkspace: string | undefined,
): Promise<Principal> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) throw new DomainError('unauthenticated');
  const token = match[1]!;
  if (looksLikeApiKey(token)) {
    const found = await run(db.pool, selectKeyByHash(hashApiKey(token)));
    const principal = principalFromKeyRow(found.rows[0] as never);
    if (requestedWorkspace && requestedWorkspace !== principal.workspaceId) {
      throw new DomainError('forbidden_workspace');
    }
    return principal;
  }
  // The why, for the admin who set the server up, as a detail: English, like the server's configuration.
  if (!verifyIdToken) {
    const why = 'This server accepts API keys only (CROSSDOCK_GOOGLE_CLIENT_ID is not set).';
    throw new DomainError('unauthenticated', {}, [credentialDetail('api_keys_only', why)]);
  }
  const { email } = await verifyIdToken(token);
  const memberships = (await run<{ workspace_id: string; roles: string[] }>(db.pool, selectMemberships(email))).rows;
  const chosen = requestedWorkspace
    ? memberships.find((m) => m.workspace_id === requestedWorkspace)
    : memberships.length === 1
      ? memberships[0]
      : undefined;
  if (!chosen) {
    if (memberships.length > 1 && !requestedWorkspace) throw new DomainError('workspace_ambiguous');
    // Removed members land here too: membership is read on every request, so removal applies at once.
    throw new DomainError('google_account_not_member', { email });
  }
  return { workspaceId: chosen.workspace_id, actor: email, roles: chosen.roles.filter(isRole), via: 'id_token' };
}
