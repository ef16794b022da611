import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A new PGlite data folder is a copy of a template: a folder that PGlite's initdb made and the migrations
 * filled, with no rows (scripts/build.mjs makes it in dist/pglite-template). Copying ~40 MB takes a fraction
 * of a second; initdb takes several. The copy is only a head start: the caller still migrates (a template
 * older than the code just gets the missing migrations) and makes the first workspace and key, so nothing
 * of one installation is in another. Anything wrong with the template means today's path (initdb).
 */
export const TEMPLATE_STAMP = 'template.json';

export type MigrationSource = { id: number; name: string; sql: string };

export type TemplateStamp = {
  format: 1;
  /** The PGlite version that made the folder: another version may not read it. */
  pglite: string;
  /** What the template holds, so a template made by newer code (unknown migrations) is never used. */
  migrations: { id: number; name: string; sha256: string }[];
  /** What scripts/build.mjs compares to know whether the template is current. */
  inputs?: string;
};

/** The log lines the database makes while opening (pino's shape: details first, then the message). */
export type DatabaseLog = {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
};

export const SILENT_LOG: DatabaseLog = { info: () => undefined, warn: () => undefined };

export function migrationStamp(migrations: readonly MigrationSource[]): TemplateStamp['migrations'] {
  return migrations.map((m) => ({
    id: m.id,
    name: m.name,
    sha256: crypto.createHash('sha256').update(m.sql).digest('hex'),
  }));
}

/** The installed PGlite's version, from its package.json (the package does not export that file). */
export function installedPgliteVersion(): string {
  let dir = path.dirname(require.resolve('@electric-sql/pglite'));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@electric-sql/pglite' && pkg.version) return pkg.version;
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the version of @electric-sql/pglite');
    dir = up;
  }
}

/** True when `folder` holds no database yet (missing or empty): only then is it made from the template. */
export function isNewDataFolder(folder: string): boolean {
  try {
    return fs.readdirSync(folder).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/** Why the template cannot be used, or null when it can. */
export function templateProblem(template: string, known: readonly MigrationSource[]): string | null {
  let stamp: TemplateStamp;
  try {
    stamp = JSON.parse(fs.readFileSync(path.join(template, TEMPLATE_STAMP), 'utf8')) as TemplateStamp;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no template' : `unreadable ${TEMPLATE_STAMP}`;
  }
  if (stamp.format !== 1 || !Array.isArray(stamp.migrations)) return `unknown ${TEMPLATE_STAMP} format`;
  const version = installedPgliteVersion();
  if (stamp.pglite !== version) return `made by PGlite ${stamp.pglite}, this is ${version}`;
  const expected = new Map(migrationStamp(known).map((m) => [m.id, m]));
  for (const m of stamp.migrations) {
    const mine = expected.get(m.id);
    if (!mine || mine.name !== m.name || mine.sha256 !== m.sha256)
      return `holds migration ${m.id} (${m.name}), which this code does not have as is`;
  }
  for (const file of ['PG_VERSION', path.join('global', 'pg_control')])
    if (!fs.existsSync(path.join(template, 'pgdata', file))) return `pgdata/${file} is missing`;
  return null;
}
