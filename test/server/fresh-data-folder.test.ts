import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DataDirLockedError, lockDataDir } from '../../sync-server/db/data-dir-lock';
import { openDatabase, PGLITE_SHARED_BUFFERS, type Database } from '../../sync-server/db/database';
import { migrate, MIGRATIONS } from '../../sync-server/db/migrations';
import { startPgliteOpen } from '../../sync-server/db/pglite-head-start';
import { TEMPLATE_STAMP, templateProblem, type DatabaseLog } from '../../sync-server/db/pglite-seed';
import { makePgliteTemplate } from '../../sync-server/db/pglite-template';
import { ensureFirstWorkspace } from '../../sync-server/workflows/first-start';
import { tempDir } from '../support/cleanup';
import { copyTemplate } from '../support/pglite-template';
import { DATABASE_KINDS, freshDatabaseConfig } from '../support/databases';
import { cliOn } from '../support/cli-harness';
import { startServerProcess, databaseEnv } from '../support/server-process';

/** Log lines of one open, as the server's logger would get them. */
function recordingLog(): DatabaseLog & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (details: object, message: string) =>
    lines.push(`${level} ${message} ${JSON.stringify(details)}`);
  return { lines, info: record('info'), warn: record('warn') };
}

/** A new data folder opened the way the server opens it: from `template`, then migrated. */
async function openFromTemplate(template: string, log = recordingLog()) {
  const dataDir = path.join(tempDir('crossdock-fresh-'), 'data');
  const db = await openDatabase({ kind: 'pglite', dataDir, template }, { log, migrations: MIGRATIONS });
  const applied = await migrate(db);
  return { db, dataDir, applied, log };
}

async function withClosed<T>(db: Database, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    await db.close();
  }
}

describe('a new PGlite data folder made from the template', () => {
  // One real template for the file, made by the build's own maker, one migration short of the code:
  // a template older than the code. (Its initdb is the slow part; the tests copy it.)
  let template: string;
  beforeAll(async () => {
    template = path.join(tempDir('crossdock-template-'), 'pglite-template');
    await makePgliteTemplate(template, { migrations: MIGRATIONS.slice(0, -1) });
  });

  test('holds the migrations and no rows: no workspace, key or secret is ever copied', async () => {
    const stamp = JSON.parse(fs.readFileSync(path.join(template, TEMPLATE_STAMP), 'utf8'));
    expect(stamp.migrations.map((m: { id: number }) => m.id)).toEqual(MIGRATIONS.slice(0, -1).map((m) => m.id));
    expect(fs.existsSync(path.join(template, 'pgdata', 'postmaster.pid'))).toBe(false);
    expect(fs.existsSync(path.join(template, 'crossdock.lock'))).toBe(false);
    expect(templateProblem(template, MIGRATIONS)).toBeNull();
    // One database (PGlite's postgres): template0 and template1 are dropped, half the files a new folder copies.
    expect(fs.readdirSync(path.join(template, 'pgdata', 'base'))).toHaveLength(1);
  });

  test('gets the migrations the template lacks, then its own workspace and key; two folders never share them', async () => {
    const first = await openFromTemplate(template);
    const one = await withClosed(first.db, async () => {
      expect(first.applied).toEqual([MIGRATIONS.at(-1)!.id]);
      expect(first.log.lines.join('\n')).toMatch(/^info new data folder made from the PGlite template/);
      const databases = await first.db.query<{ datname: string }>({
        text: 'SELECT datname FROM pg_database',
        values: [],
      });
      expect(databases.rows).toEqual([{ datname: 'postgres' }]);
      // The data folder's lock is held as for any PGlite folder.
      expect(() => lockDataDir(first.dataDir)).toThrow(DataDirLockedError);
      return ensureFirstWorkspace(first.db);
    });
    const second = await openFromTemplate(template);
    const two = await withClosed(second.db, () => ensureFirstWorkspace(second.db));
    expect(one).not.toBeNull();
    expect(two).not.toBeNull();
    expect(two!.workspaceId).not.toBe(one!.workspaceId);
    expect(two!.keyId).not.toBe(one!.keyId);
    expect(two!.secret).not.toBe(one!.secret);

    // Opened again, the folder is the one it became: no template, no new workspace.
    const log = recordingLog();
    const again = await openDatabase(
      { kind: 'pglite', dataDir: first.dataDir, template },
      { log, migrations: MIGRATIONS },
    );
    await withClosed(again, async () => {
      expect(await migrate(again)).toEqual([]);
      expect(await ensureFirstWorkspace(again)).toBeNull();
      const ws = await again.query<{ id: string }>({ text: 'SELECT id FROM workspaces', values: [] });
      expect(ws.rows.map((r) => r.id)).toEqual([one!.workspaceId]);
    });
    expect(log.lines).toEqual([]);
  });

  test('a damaged template (its copy does not open) falls back to initdb, with a log line', async () => {
    const damaged = path.join(tempDir('crossdock-damaged-'), 'pglite-template');
    fs.cpSync(template, damaged, { recursive: true });
    fs.writeFileSync(path.join(damaged, 'pgdata', 'global', 'pg_control'), Buffer.alloc(100, 7));
    const opened = await openFromTemplate(damaged);
    await withClosed(opened.db, async () => {
      expect(opened.log.lines.join('\n')).toMatch(/warn the copy of the PGlite template did not open/);
      expect(opened.applied).toEqual(MIGRATIONS.map((m) => m.id));
      expect(await ensureFirstWorkspace(opened.db)).not.toBeNull();
    });
  });

  test('a copy that fails part-way leaves no half folder: initdb makes the database, with a log line', async () => {
    // A named pipe cannot be copied: the copy (on its worker thread) fails after some files are written.
    const broken = path.join(tempDir('crossdock-broken-'), 'pglite-template');
    fs.cpSync(template, broken, { recursive: true });
    execFileSync('mkfifo', [path.join(broken, 'pgdata', 'zz-pipe')]);
    const opened = await openFromTemplate(broken);
    await withClosed(opened.db, async () => {
      expect(opened.log.lines.join('\n')).toMatch(/warn could not copy the PGlite template/);
      expect(opened.applied).toEqual(MIGRATIONS.map((m) => m.id));
      expect(fs.readdirSync(opened.dataDir).filter((name) => name.includes('seeding'))).toEqual([]);
    });
  });

  test('a staging copy left by a start that was stopped is removed; the head start holds the lock', async () => {
    const dataDir = path.join(tempDir('crossdock-stopped-'), 'data');
    fs.mkdirSync(path.join(dataDir, 'pgdata.seeding-99999', 'base'), { recursive: true });
    const log = recordingLog();
    const config = { kind: 'pglite' as const, dataDir, template };
    const headStart = startPgliteOpen(config, { log, migrations: MIGRATIONS });
    expect(() => startPgliteOpen(config)).toThrow(DataDirLockedError);
    const db = await openDatabase(config, { headStart });
    await withClosed(db, async () => {
      expect(await migrate(db)).toEqual([MIGRATIONS.at(-1)!.id]);
      expect(log.lines.join('\n')).toMatch(/^info new data folder made from the PGlite template/);
    });
    expect(fs.readdirSync(dataDir).sort()).toEqual(['pgdata']);
    // Closed, the lock is free again; a head start whose open fails gives it back too.
    const again = startPgliteOpen({ ...config, sharedBuffers: 'not a size' });
    await expect(openDatabase(config, { headStart: again })).rejects.toThrow();
    lockDataDir(dataDir).release();
  });

  test('a template that is missing, of another PGlite, or made by newer code is not used', () => {
    const missing = path.join(tempDir('crossdock-none-'), 'pglite-template');
    expect(templateProblem(missing, MIGRATIONS)).toBe('no template');
    const edited = (change: (stamp: Record<string, unknown>) => void) => {
      const copy = path.join(tempDir('crossdock-stamp-'), 'pglite-template');
      fs.mkdirSync(copy);
      fs.symlinkSync(path.join(template, 'pgdata'), path.join(copy, 'pgdata'));
      const stamp = JSON.parse(fs.readFileSync(path.join(template, TEMPLATE_STAMP), 'utf8'));
      change(stamp);
      fs.writeFileSync(path.join(copy, TEMPLATE_STAMP), JSON.stringify(stamp));
      return copy;
    };
    expect(
      templateProblem(
        edited((s) => (s.pglite = '0.0.1')),
        MIGRATIONS,
      ),
    ).toMatch(/made by PGlite 0\.0\.1/);
    const newer = edited((s) => (s.migrations as unknown[]).push({ id: 999, name: 'future', sha256: 'x' }));
    expect(templateProblem(newer, MIGRATIONS)).toMatch(/holds migration 999 \(future\)/);
    const changed = edited((s) => ((s.migrations as { sha256: string }[])[0]!.sha256 = 'y'));
    expect(templateProblem(changed, MIGRATIONS)).toMatch(/holds migration 1 /);
    fs.writeFileSync(path.join(changed, TEMPLATE_STAMP), '{not json');
    expect(templateProblem(changed, MIGRATIONS)).toBe(`unreadable ${TEMPLATE_STAMP}`);
  });
});

describe('npx crossdock on a new data folder', () => {
  test('--help opens no database; a command copies the template (no initdb warning) and finds no workspace', () => {
    const dataDir = path.join(tempDir('crossdock-cli-'), 'data');
    const cli = cliOn({ kind: 'pglite', dataDir });
    const help = cli('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('npx crossdock workspace create NAME');
    expect(fs.existsSync(dataDir)).toBe(false);
    const list = cli('workspace', 'list');
    expect({ status: list.status, stdout: list.stdout, stderr: list.stderr }).toEqual({
      status: 0,
      stdout: '',
      stderr: '',
    });
    expect(fs.existsSync(path.join(dataDir, 'pgdata', 'PG_VERSION'))).toBe(true);
  });
});

describe('the embedded database’s memory', () => {
  test('shared_buffers is the setting’s when given, 32MB otherwise (not the folder’s 128MB)', async () => {
    const shown = async (sharedBuffers?: string) => {
      const dataDir = copyTemplate();
      const db = await openDatabase({ kind: 'pglite', dataDir, ...(sharedBuffers ? { sharedBuffers } : {}) });
      return withClosed(db, async () => (await db.query({ text: 'SHOW shared_buffers', values: [] })).rows[0]);
    };
    expect(await shown('24MB')).toEqual({ shared_buffers: '24MB' });
    expect(await shown()).toEqual({ shared_buffers: PGLITE_SHARED_BUFFERS });
    expect(PGLITE_SHARED_BUFFERS).toBe('32MB');
  });
});

describe.each(DATABASE_KINDS)('the first start on a new %s database (npm start)', (kind) => {
  test('makes its own workspace and key, from the build’s template on PGlite', async () => {
    const starts = [];
    for (let i = 0; i < 2; i++) {
      // On PGlite a new, empty folder: what `npm start` meets the first time (not the test helper's copy).
      const fresh = kind === 'postgres' ? await freshDatabaseConfig(kind) : null;
      const env = fresh ? databaseEnv(fresh.config) : { CROSSDOCK_DATA_DIR: tempDir('crossdock-first-') };
      const server = await startServerProcess({ ...env, LOG_LEVEL: 'info' });
      starts.push({
        key: server.adminKey,
        workspace: /created workspace (\S+)\./.exec(server.output())?.[1],
        log: server.output(),
      });
      expect(await server.stop()).toBe(0);
      await fresh?.dispose();
    }
    for (const start of starts) {
      expect(start.key).toMatch(/^cdk_/);
      expect(start.workspace).toMatch(/^ws_/);
      if (kind === 'pglite') expect(start.log).toContain('new data folder made from the PGlite template');
    }
    expect(starts[1]!.workspace).not.toBe(starts[0]!.workspace);
    expect(starts[1]!.key).not.toBe(starts[0]!.key);
  });
});
