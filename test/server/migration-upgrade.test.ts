import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../sync-server/db/database';
import { migrate, MIGRATIONS } from '../../sync-server/db/migrations';
import { createWorkspace } from '../../sync-server/workflows/workspace-admin';
import { DATABASE_KINDS, freshDatabaseConfig, type DatabaseKind } from '../support/databases';

/** An empty database (the PGlite test template is migrated already, so PGlite starts from a new folder). */
async function emptyDatabase(kind: DatabaseKind) {
  if (kind === 'postgres') return freshDatabaseConfig(kind);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossdock-upgrade-'));
  return {
    config: { kind: 'pglite' as const, dataDir },
    dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** A database from the version before a migration, with data in it, upgraded by the server's own migrate(). */
describe.each(DATABASE_KINDS)('upgrading a database with data, on %s', (kind) => {
  test('stock lines that exist before the stock-out history get one: out before their first adjustment, still out if nothing is available', async () => {
    const fresh = await emptyDatabase(kind);
    const db = await openDatabase(fresh.config);
    try {
      const upgrade = MIGRATIONS.find((m) => m.name === 'stock-outs-settings')!;
      const before = MIGRATIONS.filter((m) => m.id < upgrade.id);
      await db.pool.query(
        `CREATE TABLE schema_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      for (const m of before) {
        await db.pool.query(m.sql);
        await db.pool.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
      }
      const ws = await createWorkspace(db, 'Old shop');
      const line = (key: string, onHand: number, reserved: number, updated: string) =>
        db.pool.query(
          `INSERT INTO stock (workspace_id, stock_key, sku, warehouse, on_hand, reserved, version, change_no, updated_at, updated_by) VALUES ($1, $2, split_part($2, '@', 1), 'W1', $3, $4, 1, 1, $5, 'old')`,
          [ws.id, key, onHand, reserved, updated],
        );
      await line('IN@W1', 5, 0, '2026-11-20T00:00:00Z');
      await line('OUT@W1', 0, 0, '2026-11-21T00:00:00Z');
      await line('HELD@W1', 3, 3, '2026-11-22T00:00:00Z');
      await line('QUIET@W1', 2, 0, '2026-11-23T00:00:00Z'); // no adjustment on record
      for (const [key, at] of [
        ['IN@W1', '2026-11-01T08:00:00Z'],
        ['IN@W1', '2026-11-10T08:00:00Z'],
        ['OUT@W1', '2026-11-02T08:00:00Z'],
      ]) {
        await db.pool.query(
          `INSERT INTO stock_adjustments (workspace_id, stock_key, kind, actor, at, on_hand_before, on_hand_after, correlation_id) VALUES ($1, $2, 'count', 'old', $3, 0, 0, 'old')`,
          [ws.id, key, at],
        );
      }

      expect(await migrate(db)).toEqual(MIGRATIONS.filter((m) => !before.includes(m)).map((m) => m.id));
      const spans = await db.pool.query<{ stock_key: string; started: string; ended: string | null }>(
        `SELECT stock_key, started_at::text AS started, to_char(ended_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS ended FROM stock_outs ORDER BY stock_key`,
      );
      expect(spans.rows.map((r) => [r.stock_key, r.started, r.ended])).toEqual([
        ['HELD@W1', '-infinity', null], // all of it reserved: nothing available, so out (since when is not on record)
        ['IN@W1', '-infinity', '2026-11-01T08:00'], // out until its first adjustment
        ['OUT@W1', '-infinity', null],
        ['QUIET@W1', '-infinity', '2026-11-23T00:00'], // no adjustment: its last change stands in
      ]);
    } finally {
      await db.close();
      await fresh.dispose();
    }
  });
});
