import type { Database, Queryable } from './database';
import { inTransaction } from './database';
import { MIGRATIONS } from './migration-list';
import {
  APPLIED_MIGRATIONS,
  CREATE_MIGRATIONS_TABLE,
  MIGRATION_LOCK,
  missingMigrations,
  recordMigration,
} from './migration-plan';

export { MIGRATIONS };

/**
 * Applies what is missing, all in one transaction (an upgrade lands whole or not at all). The advisory
 * lock lets several server processes start against one PostgreSQL at once without racing.
 */
export async function migrate(db: Database, migrations: typeof MIGRATIONS = MIGRATIONS): Promise<number[]> {
  const applied: number[] = [];
  await inTransaction(db, async (client) => {
    const run = (q: { text: string; values: unknown[] }) => client.query(q.text, q.values);
    await run(MIGRATION_LOCK);
    await run(CREATE_MIGRATIONS_TABLE);
    const done = await client.query<{ id: number }>(APPLIED_MIGRATIONS.text);
    for (const migration of missingMigrations(
      done.rows.map((row) => Number(row.id)),
      migrations,
    )) {
      await client.query(migration.sql);
      await run(recordMigration(migration));
      applied.push(migration.id);
    }
  });
  return applied;
}

/** The ids in schema_migrations, or none before the first migration made it: a plain read, no lock. */
export async function appliedMigrations(q: Queryable): Promise<number[]> {
  const table = await q.query<{ present: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS present");
  if (!table.rows[0]!.present) return [];
  const rows = await q.query<{ id: number }>(APPLIED_MIGRATIONS.text);
  return rows.rows.map((row) => Number(row.id));
}

/**
 * migrate() when the database lacks one of `migrations`; otherwise only that read, on a connection the caller's
 * next query reuses (the CLI: one connection and two statements instead of two connections and a transaction).
 */
export async function migrateIfBehind(db: Database, migrations: typeof MIGRATIONS = MIGRATIONS): Promise<number[]> {
  const applied = await appliedMigrations(db.pool);
  return missingMigrations(applied, migrations).length === 0 ? [] : migrate(db, migrations);
}
