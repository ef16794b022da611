import { DomainError } from '../../domain/domain-error';
import type { Database } from '../db/database';
import { checkLedger } from '../inventory/ledger-check';
import {
  addMember,
  createApiKey,
  createWorkspace,
  listKeys,
  listMembers,
  listWorkspaces,
  removeMember,
  requireRoles,
  revokeKey,
} from '../workflows/workspace-admin';
import { resolveWorkspace } from './cli-database';
import { USAGE } from './usage';

type Out = { log(line: string): void };

/** workspace, member, key and stock commands, on the opened and migrated database. */
export async function dispatch(
  db: Database,
  group: string,
  action: string,
  arg: string | undefined,
  opts: Record<string, string | boolean | undefined>,
  out: Out,
): Promise<number> {
  const needArg = (what: string) => {
    if (!arg) throw new DomainError('usage', `Missing ${what}.\n\n${USAGE}`);
    return arg;
  };
  const command = `${group} ${action}`;
  if (command === 'workspace create') {
    const ws = await createWorkspace(db, needArg('NAME'));
    out.log(`created workspace ${ws.id} (${ws.name})`);
    return 0;
  }
  if (command === 'workspace list') {
    for (const ws of await listWorkspaces(db)) out.log(`${ws.id}\t${ws.name}\t${ws.created_at.toISOString()}`);
    return 0;
  }
  const workspaceId = await resolveWorkspace(db, opts.workspace as string | undefined);
  switch (command) {
    case 'member add': {
      const member = await addMember(db, workspaceId, needArg('EMAIL'), requireRoles(String(opts.roles ?? '')));
      out.log(`${member.email} in ${workspaceId}: ${member.roles.join(', ')}`);
      return 0;
    }
    case 'member remove':
      await removeMember(db, workspaceId, needArg('EMAIL'));
      out.log(`removed ${arg} from ${workspaceId}`);
      return 0;
    case 'member list':
      for (const m of await listMembers(db, workspaceId)) out.log(`${m.email}\t${m.roles.join(',')}`);
      return 0;
    case 'key create': {
      if (!opts.member && !opts.roles)
        throw new DomainError('usage', 'A key is for a member (--member EMAIL) or, for a script, has its own --roles.');
      const name = String(opts.name ?? (opts.member ? `key for ${opts.member}` : 'script key'));
      const roles = opts.roles ? requireRoles(String(opts.roles)) : undefined;
      const key = await createApiKey(db, { workspaceId, name, memberEmail: opts.member as string | undefined, roles });
      out.log(`created ${key.id} in ${workspaceId}. The key is shown once; keep it safe:`);
      out.log(key.secret);
      return 0;
    }
    case 'key revoke':
      await revokeKey(db, workspaceId, needArg('KEY_ID'));
      out.log(`revoked ${arg}`);
      return 0;
    case 'stock check': {
      const report = await checkLedger(db.pool, workspaceId, opts.lang === 'zh' ? 'zh' : 'en');
      for (const m of report.mismatches) out.log(`mismatch ${m.code}: ${m.message}`);
      out.log(
        `checked ${report.stockLines} stock lines and ${report.reservations} reservations: ${report.mismatches.length} mismatches`,
      );
      return report.mismatches.length ? 1 : 0;
    }
    case 'key list':
      for (const k of await listKeys(db, workspaceId)) {
        out.log(
          `${k.id}\t${k.name}\t${k.member_email ?? '-'}\t${(k.roles as string[]).join(',') || '(member roles)'}\t${k.revoked_at ? 'revoked' : 'active'}`,
        );
      }
      return 0;
    default:
      throw new DomainError('usage', `Unknown command "${command}".\n\n${USAGE}`);
  }
}
