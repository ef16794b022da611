import pg from 'pg';
import { migrationTransaction, missingMigrations } from './migration-plan';
import { appliedMigrations } from './migrations';
import type { MigrationSource } from './pglite-seed';

/**
 * A PostgreSQL server's first start spends ~300 ms of the database's time migrating an empty database and ~500 ms
 * of Node's loading the server's modules; neither needs the other. So main.ts connects first thing, reads which
 * migrations the database has, and writes the whole migration on one pipelined connection (pg's pipeline mode puts
 * every statement on the wire at once) before it loads the modules: PostgreSQL runs the migration while Node loads
 * (issue 18: the start within 1.5× of its database work). The transaction takes the same advisory lock as migrate()
 * and fails whole if schema_migrations changed since it was read; the server then runs migrate() itself, which is
 * also what reports a problem (an unreachable database, a failing migration).
 */
export type PostgresHeadStart = {
  readonly kind: 'postgres';
  /** The migrations it applied (the database then has every one the code knows), or why it could not. */
  readonly migrated: Promise<MigrationAnswer>;
};

export type MigrationAnswer = { applied: number[] } | { failed: string };

/**
 * Resolves once the migration is on the wire (or known not to be), never rejects: the caller loads its modules
 * then, while PostgreSQL works.
 */
export async function startPostgresMigration(
  url: string,
  migrations: readonly MigrationSource[],
): Promise<PostgresHeadStart> {
  const client = new pg.Client({ connectionString: url, pipeline: true });
  client.on('error', () => undefined); // a lost connection fails the statements; the server migrates itself then
  const gaveUp = (error: unknown): PostgresHeadStart => {
    void client.end().catch(() => undefined);
    return { kind: 'postgres', migrated: Promise.resolve({ failed: (error as Error).message }) };
  };
  let applied: number[];
  try {
    await client.connect();
    applied = await appliedMigrations(client);
  } catch (error) {
    return gaveUp(error);
  }
  const statements = migrationTransaction(applied, migrations);
  const answers = statements.map((q) => client.query(q.text, q.values));
  const missing = missingMigrations(applied, migrations).map((migration) => migration.id);
  const migrated = Promise.allSettled(answers).then((settled): MigrationAnswer => {
    void client.end().catch(() => undefined);
    // Statements run in order: the first failure is the cause (the ones after it only saw an aborted transaction).
    const failure = settled.find((answer) => answer.status === 'rejected');
    return failure ? { failed: (failure.reason as Error).message } : { applied: missing };
  });
  return { kind: 'postgres', migrated };
}
