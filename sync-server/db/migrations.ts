import type { Database } from './database';
import { inTransaction } from './database';
import { MIGRATIONS } from './migration-list';

export { MIGRATIONS };

/**
 * Applies what is missing, all in one transaction (an upgrade lands whole or not at all). The advisory
 * lock lets several server processes start against one PostgreSQL at once without racing.
 */
export async function migrate(db: Database, migrations: typeof MIGRATIONS = MIGRATIONS): Promise<number[]> {
  const applied: number[] = [];
  await inTransaction(db, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(727001)`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = await client.query<{ id: number }>('SELECT id FROM schema_migrations');
    const doneIds = new Set(done.rows.map((row) => Number(row.id)));
    for (const migration of migrations) {
      if (doneIds.has(migration.id)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [migration.id, migration.name]);
      applied.push(migration.id);
    }
  });
  return applied;
}
