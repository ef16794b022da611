import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { ServerConfig } from '../../sync-server/config';
import { openDatabase } from '../../sync-server/db/database';
import { migrate } from '../../sync-server/db/migrations';
import { databaseEnv } from './server-process';

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'crossdock.cjs');

/** `npx crossdock …` as a person runs it (the built CLI, its own process) on the given database. */
export function cliOn(config: ServerConfig['database']) {
  const env = databaseEnv(config);
  return (...args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
}

/** Writes straight to the database, as a bug (or a hand edit) would: checks must see through it. */
export async function tamper(config: ServerConfig['database'], ...statements: string[]): Promise<void> {
  const db = await openDatabase(config);
  try {
    await migrate(db);
    for (const statement of statements) await db.pool.query(statement);
  } finally {
    await db.close();
  }
}
