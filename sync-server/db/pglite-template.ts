import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from './database';
import { migrate, MIGRATIONS } from './migrations';
import { installedPgliteVersion, migrationStamp, TEMPLATE_STAMP, type TemplateStamp } from './pglite-seed';

/**
 * Makes the PGlite template (docs/architecture.md "Starting"): initdb and the migrations in a folder made
 * beside `target`, checked to hold no rows, then renamed into place. No workspace, key or secret is ever in
 * it: those are made per data folder on its first start. It holds one database, PGlite's `postgres`.
 */
export async function makePgliteTemplate(
  target: string,
  options: { inputs?: string; migrations?: typeof MIGRATIONS } = {},
): Promise<TemplateStamp> {
  const migrations = options.migrations ?? MIGRATIONS;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = fs.mkdtempSync(`${target}.making-`);
  try {
    const db = await openDatabase({ kind: 'pglite', dataDir: staging });
    try {
      await migrate(db, migrations);
      await requireNoRows(db);
      await dropTemplateDatabases(db);
    } finally {
      await db.close();
    }
    fs.rmSync(path.join(staging, 'crossdock.lock'), { force: true });
    fs.rmSync(path.join(staging, 'pgdata', 'postmaster.pid'), { force: true });
    const stamp: TemplateStamp = {
      format: 1,
      pglite: installedPgliteVersion(),
      migrations: migrationStamp(migrations),
      ...(options.inputs ? { inputs: options.inputs } : {}),
    };
    fs.writeFileSync(path.join(staging, TEMPLATE_STAMP), `${JSON.stringify(stamp, null, 2)}\n`);
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(staging, target);
    return stamp;
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Every table but schema_migrations is empty: a migration that wrote a row would copy it into every install. */
async function requireNoRows(db: Awaited<ReturnType<typeof openDatabase>>): Promise<void> {
  const tables = await db.pool.query<{ name: string }>(
    `SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) AS name FROM pg_tables
      WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND tablename <> 'schema_migrations'`,
  );
  for (const { name } of tables.rows) {
    const rows = await db.pool.query(`SELECT 1 FROM ${name} LIMIT 1`);
    if (rows.rowCount) throw new Error(`the PGlite template would hold rows of ${name}`);
  }
}

/**
 * template0 and template1 exist for CREATE DATABASE, which Crossdock never runs, and PGlite serves only
 * `postgres`. Each is ~300 files, and creating files is most of what copying the template costs a new data
 * folder (half its files, ~0.1-0.35 s of a fresh start on the 2-core machine: BENCHMARKS.md, issue 18).
 */
async function dropTemplateDatabases(db: Awaited<ReturnType<typeof openDatabase>>): Promise<void> {
  for (const name of ['template0', 'template1']) {
    await db.pool.query(`ALTER DATABASE ${name} IS_TEMPLATE false`);
    await db.pool.query(`DROP DATABASE ${name}`);
  }
}
