import fc from 'fast-check';
import pg from 'pg';
import { openDatabase, type Database } from '../../sync-server/db/database';
import { migrationTransaction } from '../../sync-server/db/migration-plan';
import { migrate, MIGRATIONS } from '../../sync-server/db/migrations';
import { startPostgresMigration } from '../../sync-server/db/postgres-head-start';
import { freshDatabaseConfig } from '../support/databases';

/**
 * PostgreSQL's head start (main.ts): the migration read, planned and written on one pipelined connection before the
 * server's modules load. PostgreSQL only: on PGlite a new data folder is a copy of the migrated template instead
 * (fresh-data-folder.test.ts).
 */
type Fresh = { url: string; db: Database; dispose(): Promise<void> };

async function freshPostgres(): Promise<Fresh> {
  const fresh = await freshDatabaseConfig('postgres');
  const url = (fresh.config as { url: string }).url;
  const db = await openDatabase(fresh.config);
  return {
    url,
    db,
    dispose: async () => {
      await db.close();
      await fresh.dispose();
    },
  };
}

async function appliedIds(db: Database): Promise<number[]> {
  const rows = await db.query<{ id: number }>({ text: 'SELECT id FROM schema_migrations ORDER BY id', values: [] });
  return rows.rows.map((row) => row.id);
}

async function tableExists(db: Database, name: string): Promise<boolean> {
  const rows = await db.query<{ present: boolean }>({
    text: 'SELECT to_regclass($1) IS NOT NULL AS present',
    values: [name],
  });
  return rows.rows[0]!.present;
}

const ALL = MIGRATIONS.map((m) => m.id);

describe('the PostgreSQL head start', () => {
  test('an empty database is migrated whole; the server then has nothing left to apply', async () => {
    const fresh = await freshPostgres();
    try {
      const start = await startPostgresMigration(fresh.url, MIGRATIONS);
      expect(await start.migrated).toEqual({ applied: ALL });
      expect(await appliedIds(fresh.db)).toEqual(ALL);
      expect(await tableExists(fresh.db, 'orders')).toBe(true);
      expect(await migrate(fresh.db)).toEqual([]);
    } finally {
      await fresh.dispose();
    }
  });

  test('a database some versions behind gets the rest; a current one is left alone', async () => {
    const fresh = await freshPostgres();
    try {
      const older = MIGRATIONS.slice(0, 10);
      expect(await migrate(fresh.db, older)).toEqual(older.map((m) => m.id));
      const start = await startPostgresMigration(fresh.url, MIGRATIONS);
      expect(await start.migrated).toEqual({ applied: ALL.slice(10) });
      expect(await appliedIds(fresh.db)).toEqual(ALL);
      const again = await startPostgresMigration(fresh.url, MIGRATIONS);
      expect(await again.migrated).toEqual({ applied: [] });
    } finally {
      await fresh.dispose();
    }
  });

  test('a failing migration reports its own error and leaves nothing applied', async () => {
    const fresh = await freshPostgres();
    try {
      const broken = [
        ...MIGRATIONS.slice(0, 3),
        { id: 4, name: 'broken', sql: 'CREATE TABLE half_done (id int); SELECT no_such_column FROM half_done' },
        ...MIGRATIONS.slice(4),
      ];
      const start = await startPostgresMigration(fresh.url, broken);
      const answer = await start.migrated;
      expect(answer).toEqual({ failed: expect.stringContaining('no_such_column') });
      expect(await tableExists(fresh.db, 'schema_migrations')).toBe(false);
      expect(await tableExists(fresh.db, 'half_done')).toBe(false);
      expect(await tableExists(fresh.db, 'workspaces')).toBe(false);
      // The server's own migrate() then reports the same problem.
      await expect(migrate(fresh.db, broken)).rejects.toThrow('no_such_column');
    } finally {
      await fresh.dispose();
    }
  });

  test('a database migrated by another process after it was read: the head start applies nothing, migrate() finishes', async () => {
    const fresh = await freshPostgres();
    const other = new pg.Client({ connectionString: fresh.url });
    await other.connect();
    try {
      // Another server holds the migration lock, so the head start reads an empty database and then waits.
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock(727001)');
      const start = await startPostgresMigration(fresh.url, MIGRATIONS);
      await waitForLockWaiter(other);
      // The other server applies the first five meanwhile and commits.
      await other.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      for (const m of MIGRATIONS.slice(0, 5)) {
        await other.query(m.sql);
        await other.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
      }
      await other.query('COMMIT');
      expect(await start.migrated).toEqual({ failed: 'schema_migrations changed since it was read' });
      expect(await appliedIds(fresh.db)).toEqual(ALL.slice(0, 5));
      expect(await migrate(fresh.db)).toEqual(ALL.slice(5));
    } finally {
      await other.end();
      await fresh.dispose();
    }
  });

  test('an unreachable database: the answer says why, and nothing throws', async () => {
    const start = await startPostgresMigration('postgres://nobody@127.0.0.1:1/none', MIGRATIONS);
    expect(await start.migrated).toEqual({ failed: expect.stringMatching(/ECONNREFUSED/) });
  });
});

/** Resolves once a session of this database waits for an advisory lock (the head start's transaction). */
async function waitForLockWaiter(client: pg.Client): Promise<void> {
  for (;;) {
    const rows = await client.query(
      `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database =
        (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    if (rows.rowCount) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the migration transaction', () => {
  test('applies exactly what is missing, in order, under the lock and the check of what was read', () => {
    const ids = fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 20 });
    fc.assert(
      fc.property(ids, ids, (known, applied) => {
        const migrations = [...known].sort((a, b) => a - b).map((id) => ({ id, name: `m${id}`, sql: `-- ${id}` }));
        const statements = migrationTransaction(applied, migrations);
        const missing = migrations.filter((m) => !applied.includes(m.id));
        if (missing.length === 0) return expect(statements).toEqual([]);
        const texts = statements.map((s) => s.text);
        expect(texts[0]).toBe('BEGIN');
        expect(texts[1]).toContain('pg_advisory_xact_lock(727001)');
        expect(texts[3]).toContain(`'{${[...applied].sort((a, b) => a - b).join(',')}}'::integer[]`);
        expect(texts.at(-1)).toBe('COMMIT');
        const body = statements.slice(4, -1);
        expect(body.filter((_, i) => i % 2 === 0).map((s) => s.text)).toEqual(missing.map((m) => m.sql));
        expect(body.filter((_, i) => i % 2 === 1).map((s) => s.values)).toEqual(missing.map((m) => [m.id, m.name]));
      }),
    );
  });
});
