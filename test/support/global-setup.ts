import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../sync-server/db/database';
import { migrate, MIGRATIONS } from '../../sync-server/db/migrations';
import { TEMPLATE_DIR } from './pglite-template';

/** Once per run: the results folder, and a migrated PGlite template that test files copy. */
export default async function globalSetup(): Promise<void> {
  fs.mkdirSync(path.dirname(TEMPLATE_DIR), { recursive: true });
  fs.rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  // The build's template (dist/pglite-template) when it is there and current: a copy instead of initdb.
  const template = path.resolve(__dirname, '..', '..', 'dist', 'pglite-template');
  const db = await openDatabase({ kind: 'pglite', dataDir: TEMPLATE_DIR, template }, { migrations: MIGRATIONS });
  await migrate(db);
  await db.close();
  fs.rmSync(path.join(TEMPLATE_DIR, 'crossdock.lock'), { force: true });
  fs.rmSync(path.join(TEMPLATE_DIR, 'pgdata', 'postmaster.pid'), { force: true });
}
