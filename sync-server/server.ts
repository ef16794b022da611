import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createIdTokenVerifier } from './access/id-tokens';
import { describeDatabase, type ServerConfig } from './config';
import { openDatabase, type Database } from './db/database';
import { migrate } from './db/migrations';
import { createApp } from './http/app';
import type { Logger } from './logger';
import { ensureFirstWorkspace } from './workspaces/first-start';

export type RunningServer = {
  url: string;
  db: Database;
  firstStart: Awaited<ReturnType<typeof ensureFirstWorkspace>>;
  close(): Promise<void>;
};

/** Opens the database, migrates, makes the first workspace if needed, and listens. */
export async function startServer(config: ServerConfig, logger: Logger): Promise<RunningServer> {
  const db = await openDatabase(config.database);
  try {
    const applied = await migrate(db);
    logger.info({ database: describeDatabase(config), migrationsApplied: applied }, 'database ready');
    const firstStart = await ensureFirstWorkspace(db);
    const verifyIdToken = config.googleClientId
      ? createIdTokenVerifier({ audience: config.googleClientId, certsFile: config.idTokenCertsFile })
      : null;
    const app = createApp({ db, logger, verifyIdToken, bodyLimit: config.bodyLimit, rateLimitPerMinute: config.rateLimitPerMinute });
    const server: http.Server = await new Promise((resolve, reject) => {
      const s = app.listen(config.port, config.host, () => resolve(s));
      s.once('error', reject);
    });
    const port = (server.address() as AddressInfo).port;
    const url = config.publicUrl ?? `http://localhost:${port}`;
    let closing: Promise<void> | null = null;
    return {
      url,
      db,
      firstStart,
      close: () =>
        (closing ??= (async () => {
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeIdleConnections();
          });
          await db.close();
        })()),
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
