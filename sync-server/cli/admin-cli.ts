import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROLES } from '../../domain/access/roles';
import { DomainError } from '../../domain/domain-error';
import { IMPORT_FORMATS, type ImportFormat } from '../../domain/orders/channel-formats';
import { loadConfig } from '../config';
import { importOrderFile, type ImportResult } from '../workflows/order-import';
import { skipBreakdown } from '../../domain/orders/import-skips';
import type { Lang } from '../../domain/i18n/lang';
import { decodeOrderFile } from '../orders/file-decoding';
import { FILE_ENCODINGS, type FileEncoding } from '../../domain/orders/file-encodings';
import { checkLedger } from '../inventory/ledger-check';
import { runDoctor } from './doctor';
import { DataDirLockedError } from '../db/data-dir-lock';
import { openDatabase, type Database } from '../db/database';
import { migrate } from '../db/migrations';
import { runSandboxCommand } from '../logistics/carriers/sandbox/sandbox-server';
import { runTrackingSandboxCommand } from '../tracking/sandbox/tracking-sandbox';
import { REPORT_USAGE, runReportCommand } from './report-commands';
import {
  addMember,
  createApiKey,
  createWorkspace,
  listKeys,
  listMembers,
  listWorkspaces,
  removeMember,
  requireRoles,
  requireWorkspace,
  revokeKey,
} from '../workflows/workspace-admin';

const USAGE = `Crossdock admin CLI (uses the same settings as the server: DATABASE_URL or CROSSDOCK_DATA_DIR)

  npx crossdock workspace create NAME
  npx crossdock workspace list
  npx crossdock member add EMAIL --roles cs,sales [--workspace ID]
  npx crossdock member remove EMAIL [--workspace ID]
  npx crossdock member list [--workspace ID]
  npx crossdock key create (--member EMAIL | --roles ...) [--name NAME] [--workspace ID]
  npx crossdock key revoke KEY_ID [--workspace ID]
  npx crossdock key list [--workspace ID]
  npx crossdock import <shopify|amazon|template> FILE [--workspace ID] [--lang en|zh] [--encoding NAME]
                                                       [--verbose | --json]
      (--encoding ${FILE_ENCODINGS.join('|')}; left out, it is detected). Prints the refused rows, the
      orders that need a person and a summary; --verbose lists every order, --json prints the whole result.
  npx crossdock stock check [--workspace ID] [--lang en|zh]   (exits 1 when the ledger has mismatches)
  npx crossdock doctor [--workspace ID] [--lang en|zh] [--full]
      The dispatch center's health checks (ledger, carrier capacity today, tracking quota, job runs) and
      the stuck items per rule; exits 1 when a check fails. The ledger check reads the orders changed since
      its last clean run; --full reads every order.
  npx crossdock carrier-sandbox [--port 4010] [--host 127.0.0.1] [--key KEY]
      A local pretend carrier to try labels on (no database; --port 0 picks a free port; --key makes it
      require "Authorization: Bearer KEY"). Runs until Ctrl+C.
  npx crossdock tracking-sandbox [--port 4020] [--host 127.0.0.1]
      A local pretend 17TRACK, AfterShip and DHL tracking API with scripted parcels and faults (no database;
      admin API under /_sandbox/). Runs until Ctrl+C.
${REPORT_USAGE}

Roles: ${ROLES.join(', ')}. The first start of the server made a workspace ("Local workspace");
--workspace may be left out while it is the only one. A member's key takes the member's roles.
With the embedded database, stop the server first (one process may open the data folder at a time).`;

type Out = { log(line: string): void };

export async function runCli(argv: string[], env: NodeJS.ProcessEnv, out: Out): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        workspace: { type: 'string', short: 'w' },
        roles: { type: 'string', short: 'r' },
        member: { type: 'string', short: 'm' },
        name: { type: 'string', short: 'n' },
        lang: { type: 'string' },
        encoding: { type: 'string' },
        verbose: { type: 'boolean', short: 'v' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        port: { type: 'string' },
        host: { type: 'string' },
        key: { type: 'string' },
        full: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new DomainError('usage', `${(error as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const [group, action, arg] = positionals;
  if (group === 'import' && action && arg) return runImport(env, action, arg, values, out);
  if (group === 'carrier-sandbox' && !values.help) {
    if (action) throw new DomainError('usage', `carrier-sandbox takes no arguments, only options.\n\n${USAGE}`);
    return runSandboxCommand(values, out);
  }
  if (group === 'tracking-sandbox' && !values.help) {
    if (action) throw new DomainError('usage', `tracking-sandbox takes no arguments, only options.\n\n${USAGE}`);
    return runTrackingSandboxCommand(values, out);
  }
  if (group === 'doctor' && !values.help) {
    if (action) throw new DomainError('usage', `doctor takes no arguments, only options.\n\n${USAGE}`);
    const db = await openForCli(env);
    try {
      await migrate(db);
      const workspaceId = await resolveWorkspace(db, values.workspace);
      const lang = values.lang === 'zh' ? 'zh' : 'en';
      return await runDoctor(db, workspaceId, lang, () => new Date(), out, values.full === true);
    } finally {
      await db.close();
    }
  }
  if ((group === 'export' || group === 'demo' || group === 'reports') && !values.help)
    return runReportCommand({ group, action, opts: values }, env, out, {
      open: async () => {
        const db = await openForCli(env);
        await migrate(db).catch(async (error: unknown) => {
          await db.close();
          throw error;
        });
        return db;
      },
      workspace: resolveWorkspace,
    });
  if (values.help || group === 'help' || !group || !action) {
    out.log(USAGE);
    return values.help || group === 'help' ? 0 : 2;
  }
  const db = await openForCli(env);
  try {
    await migrate(db);
    return await dispatch(db, group, action, arg, values, out);
  } finally {
    await db.close();
  }
}

async function openForCli(env: NodeJS.ProcessEnv): Promise<Database> {
  try {
    return await openDatabase(loadConfig(env, process.cwd(), path.resolve(__dirname, '..', '..')).database);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      throw new DataDirLockedError(
        `${error.message}\nWhile the server runs, use it over HTTP with an admin key instead: POST /v1/admin/members, POST /v1/admin/keys, POST /v1/orders/import (see README).`,
      );
    }
    throw error;
  }
}

async function dispatch(
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

/** `import FORMAT FILE`: ends with "imported N, skipped N, rejected N"; fails only when it cannot run. */
async function runImport(
  env: NodeJS.ProcessEnv,
  format: string,
  file: string,
  opts: Record<string, string | boolean | undefined>,
  out: Out,
): Promise<number> {
  if (!(IMPORT_FORMATS as readonly string[]).includes(format))
    throw new DomainError('usage', `Unknown format "${format}": use one of ${IMPORT_FORMATS.join(', ')}.`);
  const encoding = (opts.encoding as string | undefined) ?? 'auto';
  if (encoding !== 'auto' && !(FILE_ENCODINGS as readonly string[]).includes(encoding)) {
    throw new DomainError('usage', `Unknown encoding "${encoding}": use one of ${FILE_ENCODINGS.join(', ')}.`);
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new DomainError(
      'usage',
      `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const lang = opts.lang === 'zh' ? 'zh' : 'en';
  // Refused before the database opens: a file that does not decode cleanly is never imported damaged.
  const decoded = decodeOrderFile(bytes, encoding as FileEncoding | 'auto', lang);
  if ('error' in decoded) throw new DomainError('undecodable_file', decoded.error);
  const text = decoded.text;
  const db = await openForCli(env);
  try {
    await migrate(db);
    const workspaceId = await resolveWorkspace(db, opts.workspace as string | undefined);
    const principal = {
      workspaceId,
      actor: `cli:${os.userInfo().username}`,
      roles: ['admin' as const],
      via: 'api_key' as const,
    };
    const result = await importOrderFile(db, principal, format as ImportFormat, text, lang, () => new Date());
    if (opts.json) {
      out.log(JSON.stringify(result, null, 2));
      return 0;
    }
    for (const line of importReport(result, lang, opts.verbose === true)) out.log(line);
    return 0;
  } finally {
    await db.close();
  }
}

/**
 * What a person (or a cron job reading the last line) needs: refused rows, the orders someone must look
 * at (a review reason, or a call to make), and the summary last. Every order only when asked for.
 */
function importReport(result: ImportResult, lang: Lang, verbose: boolean): string[] {
  const lines = result.rejectedRows.map((row) => `rejected: ${row.message}`);
  const needsPerson = (o: ImportResult['orders'][number]) =>
    o.review !== '' && o.status !== 'cancelled' && o.status !== 'shipped';
  for (const order of result.orders.filter((o) => verbose || needsPerson(o))) {
    lines.push(`${order.orderNo}\t${order.status}${order.review ? `\t${order.review}` : ''}`);
  }
  if (verbose && result.skipped) lines.push(`skipped: ${result.skippedOrders.join(', ')}`);
  const why = skipBreakdown(result.skippedBecause, lang);
  lines.push(
    `imported ${result.imported}, skipped ${result.skipped}${why ? ` (${why})` : ''}, rejected ${result.rejected}`,
  );
  return lines;
}

async function resolveWorkspace(db: Database, given: string | undefined): Promise<string> {
  if (given) {
    await requireWorkspace(db, given);
    return given;
  }
  const all = await listWorkspaces(db);
  if (all.length === 1) return all[0]!.id;
  throw new DomainError(
    'usage',
    all.length
      ? `Several workspaces exist; pass --workspace with one of:\n${all.map((w) => `  ${w.id}  ${w.name}`).join('\n')}`
      : 'No workspace yet: start the server once (npm start) or run: npx crossdock workspace create NAME',
  );
}
