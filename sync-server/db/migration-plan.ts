import type { MigrationSource } from './pglite-seed';
import { sql, type SqlQuery } from './sql-query';

/**
 * The statements of a migration, built by small pure functions (migrations.ts runs them one by one; the PostgreSQL
 * head start queues them all at once). Every migration runs under one advisory lock, so several server processes
 * can start against one database at once without racing.
 */
export const MIGRATION_LOCK = sql('SELECT pg_advisory_xact_lock(727001)');

export const CREATE_MIGRATIONS_TABLE = sql(
  'CREATE TABLE IF NOT EXISTS schema_migrations ' +
    '(id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
);

export const APPLIED_MIGRATIONS = sql('SELECT id FROM schema_migrations');

export function recordMigration(migration: MigrationSource): SqlQuery {
  return sql('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [migration.id, migration.name]);
}

/** The code's migrations the database lacks, in order. */
export function missingMigrations(
  applied: Iterable<number>,
  migrations: readonly MigrationSource[],
): MigrationSource[] {
  const done = new Set(applied);
  return migrations.filter((migration) => !done.has(migration.id));
}

/**
 * Fails the transaction (serialization_failure) unless schema_migrations holds exactly `applied`: statements
 * planned from a read taken before the lock run only on the database that read saw.
 */
export function assertApplied(applied: readonly number[]): SqlQuery {
  const ids = [...applied].sort((a, b) => a - b);
  if (!ids.every(Number.isSafeInteger)) throw new Error(`migration ids must be integers: ${ids.join(', ')}`);
  // A DO block takes no parameters; the ids are integers, checked above.
  return sql(
    `DO $$ BEGIN
      IF ARRAY(SELECT id FROM schema_migrations ORDER BY id) <> '{${ids.join(',')}}'::integer[] THEN
        RAISE EXCEPTION 'schema_migrations changed since it was read' USING ERRCODE = 'serialization_failure';
      END IF;
    END $$`,
  );
}

/**
 * One transaction that brings a database whose schema_migrations held `applied` (or did not exist: []) up to
 * `migrations`, and fails whole if the database changed in between. Empty when nothing is missing.
 */
export function migrationTransaction(applied: readonly number[], migrations: readonly MigrationSource[]): SqlQuery[] {
  const missing = missingMigrations(applied, migrations);
  if (missing.length === 0) return [];
  return [
    sql('BEGIN'),
    MIGRATION_LOCK,
    CREATE_MIGRATIONS_TABLE,
    assertApplied(applied),
    ...missing.flatMap((migration) => [sql(migration.sql), recordMigration(migration)]),
    sql('COMMIT'),
  ];
}
