import { DomainError } from '../../domain/domain-error';
import { ConfigError } from '../config';
import { DataDirLockedError } from '../db/data-dir-lock';
import { runCli } from './admin-cli';

/** `npx crossdock ...`: known failures print their message and exit 2; anything else exits 1. */
runCli(process.argv.slice(2), process.env, { log: (line) => process.stdout.write(`${line}\n`) })
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    const known =
      error instanceof DomainError || error instanceof ConfigError || error instanceof DataDirLockedError ||
      Boolean((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'));
    process.stderr.write(`${known ? '' : 'crossdock: unexpected error: '}${(error as Error).message}\n`);
    process.exit(known ? 2 : 1);
  });
