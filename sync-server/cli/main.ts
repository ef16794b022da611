import { DomainError } from '../../domain/domain-error';
import { ConfigError } from '../config-error';
import { DataDirLockedError } from '../db/data-dir-lock';
import { runCli } from './admin-cli';

/**
 * `npx crossdock ...`: known failures print their message and exit 2; anything else exits 1. The process
 * exits only once stdout and stderr are written: a piped stdout is asynchronous, and exiting right after a
 * write drops what is still buffered (a cron job would lose the summary line).
 */
function exitAfterOutput(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

runCli(process.argv.slice(2), process.env, { log: (line) => process.stdout.write(`${line}\n`) })
  .then(exitAfterOutput)
  .catch((error: unknown) => {
    const known =
      error instanceof DomainError ||
      error instanceof ConfigError ||
      error instanceof DataDirLockedError ||
      Boolean((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'));
    process.stderr.write(`${known ? '' : 'crossdock: unexpected error: '}${(error as Error).message}\n`);
    exitAfterOutput(known ? 2 : 1);
  });
