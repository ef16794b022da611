import { parseArgs } from 'node:util';
import { DomainError } from '../../domain/domain-error';
import { USAGE } from './usage';

/**
 * `npx crossdock ...`. Each command loads its own modules when it runs (dynamic imports, kept lazy in the
 * bundle): help needs none, the sandboxes no database, and no command pays for another's libraries
 * (exceljs, the Google client, express). docs/architecture.md "Starting".
 */
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
  if (group === 'import' && action && arg) {
    const { runImport } = await import('./import-command');
    return runImport(env, action, arg, values, out);
  }
  if (group === 'carrier-sandbox' && !values.help) {
    if (action) throw new DomainError('usage', `carrier-sandbox takes no arguments, only options.\n\n${USAGE}`);
    const { runSandboxCommand } = await import('../logistics/carriers/sandbox/sandbox-server');
    return runSandboxCommand(values, out);
  }
  if (group === 'tracking-sandbox' && !values.help) {
    if (action) throw new DomainError('usage', `tracking-sandbox takes no arguments, only options.\n\n${USAGE}`);
    const { runTrackingSandboxCommand } = await import('../tracking/sandbox/tracking-sandbox');
    return runTrackingSandboxCommand(values, out);
  }
  if (group === 'doctor' && !values.help) {
    if (action) throw new DomainError('usage', `doctor takes no arguments, only options.\n\n${USAGE}`);
    const { withCliDatabase, resolveWorkspace } = await import('./cli-database');
    const { runDoctor } = await import('./doctor');
    return withCliDatabase(env, async (db) => {
      const workspaceId = await resolveWorkspace(db, values.workspace);
      return runDoctor(
        db,
        workspaceId,
        values.lang === 'zh' ? 'zh' : 'en',
        () => new Date(),
        out,
        values.full === true,
      );
    });
  }
  if ((group === 'export' || group === 'demo' || group === 'reports') && !values.help) {
    const { openForCli, resolveWorkspace } = await import('./cli-database');
    const { runReportCommand } = await import('./report-commands');
    return runReportCommand({ group, action, opts: values }, env, out, {
      open: () => openForCli(env),
      workspace: resolveWorkspace,
    });
  }
  if (values.help || group === 'help' || !group || !action) {
    out.log(USAGE);
    return values.help || group === 'help' ? 0 : 2;
  }
  const { withCliDatabase } = await import('./cli-database');
  const { dispatch } = await import('./admin-commands');
  return withCliDatabase(env, (db) => dispatch(db, group, action, arg, values, out));
}
