import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from './config';
import { DataDirLockedError } from './db/data-dir-lock';
import { MIGRATIONS } from './db/migration-list';
import { startPgliteOpen } from './db/pglite-head-start';
import { startPostgresMigration } from './db/postgres-head-start';
import { createLogger } from './logger';
import type { HeadStart, RunningServer } from './server';

/** `npm start`: the sync server on PGlite (default) or PostgreSQL (DATABASE_URL). */
/** dist/server/main.cjs → the checkout: the default data folder is the project's, wherever npm start runs. */
const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, process.cwd(), PROJECT_ROOT);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  // Signal handlers come first: a stop requested while starting (or right as the banner is read)
  // must still close the database cleanly and release the data folder's lock.
  let server: RunningServer | null = null;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), 10_000).unref();
    if (!server) return; // startServer finishes first, then sees `stopping`
    server
      .close()
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  try {
    // PGlite's lock, a new folder's copy and the wasm's compile, or PostgreSQL's migration, start before the
    // server's modules load (the import below): they run on other threads, or in PostgreSQL, meanwhile.
    const headStart: HeadStart =
      config.database.kind === 'pglite'
        ? startPgliteOpen(config.database, { log: logger, migrations: MIGRATIONS })
        : await startPostgresMigration(config.database.url, MIGRATIONS);
    let startServer: typeof import('./server').startServer;
    try {
      ({ startServer } = await import('./server'));
    } catch (error) {
      if (headStart.kind === 'pglite') {
        await headStart.seeded.catch(() => undefined);
        headStart.lock.release();
      }
      throw error;
    }
    server = await startServer(config, logger, headStart);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(3);
    }
    throw error;
  }
  if (stopping) {
    await server.close();
    process.exit(0);
  }
  logger.info({ url: server.url, database: server.db.kind }, 'listening');
  const banner = [`Crossdock sync server listening on ${server.url}`];
  if (server.firstStart) {
    banner.push(`First start: created workspace ${server.firstStart.workspaceId}.`);
    if (process.stdout.isTTY) {
      // A terminal shows it once; when stdout is not a terminal it is usually log storage, so use a file.
      banner.push(`Admin API key (shown once, keep it safe): ${server.firstStart.secret}`);
    } else {
      banner.push(
        `Admin API key written to ${writeFirstKey(config.dataDir, server.firstStart.secret)} (readable by this user only; delete it once copied).`,
      );
    }
    banner.push('In the spreadsheet: Crossdock > Connect to server, then paste the URL and this key.');
    if (!config.publicUrl) {
      banner.push(
        'Google runs the add-on on its servers: they reach this server only at a public https:// address (a host with a certificate, or a tunnel). Set CROSSDOCK_PUBLIC_URL to it.',
      );
    }
  }
  process.stdout.write(`${banner.join('\n')}\n`);
}

function writeFirstKey(dataDir: string, secret: string): string {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'first-start-admin-key.txt');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return file;
}

main().catch((error: unknown) => {
  process.stderr.write(`Crossdock failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
