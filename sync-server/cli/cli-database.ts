import path from 'node:path';
import { DomainError } from '../../domain/domain-error';
import { loadConfig } from '../config';
import { DataDirLockedError } from '../db/data-dir-lock';
import { openDatabase, type Database } from '../db/database';
import { migrateIfBehind, MIGRATIONS } from '../db/migrations';
import { listWorkspaces, requireWorkspace } from '../workflows/workspace-admin';

/** The database of the server's settings, migrated; closed again if migrating fails. */
export async function openForCli(env: NodeJS.ProcessEnv): Promise<Database> {
  let db: Database;
  try {
    db = await openDatabase(loadConfig(env, process.cwd(), path.resolve(__dirname, '..', '..')).database, {
      migrations: MIGRATIONS,
      // A person reads the CLI's output: only what went wrong, on stderr.
      log: {
        info: () => undefined,
        warn: (details, message) => {
          const problem = (details as { problem?: string }).problem;
          process.stderr.write(`crossdock: ${message}${problem ? ` (${problem})` : ''}\n`);
        },
      },
    });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      throw new DataDirLockedError(
        `${error.message}\nWhile the server runs, use it over HTTP with an admin key instead: POST /v1/admin/members, POST /v1/admin/keys, POST /v1/orders/import (see README).`,
      );
    }
    throw error;
  }
  try {
    await migrateIfBehind(db);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** Runs `work` on the migrated database and closes it after. */
export async function withCliDatabase<T>(env: NodeJS.ProcessEnv, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openForCli(env);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

export async function resolveWorkspace(db: Database, given: string | undefined): Promise<string> {
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
