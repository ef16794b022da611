import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { openDatabase, type Database } from '../../sync-server/db/database';
import { migrate } from '../../sync-server/db/migrations';
import type { ServerConfig } from '../../sync-server/config';
import { copyTemplate } from './pglite-template';

export const DATABASE_KINDS = ['pglite', 'postgres'] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

/** The admin URL of the test PostgreSQL (scripts/test.mjs starts one); a clear failure when absent. */
export function postgresAdminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url)
    throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`, which starts a throwaway PostgreSQL');
  return url;
}

/** A fresh, empty database config of the given kind (not opened): a PGlite folder, or a new PostgreSQL database. */
export async function freshDatabaseConfig(
  kind: DatabaseKind,
): Promise<{ config: ServerConfig['database']; dispose(): Promise<void> }> {
  if (kind === 'pglite') {
    const dataDir = copyTemplate();
    return {
      config: { kind: 'pglite', dataDir },
      dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const admin = postgresAdminUrl();
  const name = `crossdock_${crypto.randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString() },
    dispose: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** An opened, migrated database of the given kind, with its disposal. */
export async function openTestDatabase(kind: DatabaseKind): Promise<{ db: Database; dispose(): Promise<void> }> {
  const fresh = await freshDatabaseConfig(kind);
  const db = await openDatabase(fresh.config);
  await migrate(db);
  return {
    db,
    dispose: async () => {
      await db.close();
      await fresh.dispose();
    },
  };
}
