import fs from 'node:fs';
import os from 'node:os';
import { DomainError } from '../../domain/domain-error';
import type { Lang } from '../../domain/i18n/lang';
import { IMPORT_FORMATS, type ImportFormat } from '../../domain/orders/import-formats';
import { FILE_ENCODINGS, type FileEncoding } from '../../domain/orders/file-encodings';
import { skipBreakdown } from '../../domain/orders/import-skips';
import { decodeOrderFile } from '../orders/file-decoding';
import { importOrderFile, type ImportResult } from '../workflows/order-import';
import { startImportWorker } from '../workflows/import-reader';
import { resolveWorkspace, withCliDatabase } from './cli-database';

type Out = { log(line: string): void };

/** `import FORMAT FILE`: ends with "imported N, skipped N, rejected N"; fails only when it cannot run. */
export async function runImport(
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
  // On PGlite the file is read in the import worker: its modules load while the database opens.
  if (!env.DATABASE_URL) startImportWorker();
  return withCliDatabase(env, async (db) => {
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
  });
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
