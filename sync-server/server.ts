import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createIdTokenVerifier } from './access/id-tokens';
import { describeDatabase, type ServerConfig } from './config';
import { openDatabase, type Database } from './db/database';
import { migrate, MIGRATIONS } from './db/migrations';
import type { PgliteHeadStart } from './db/pglite-head-start';
import type { PostgresHeadStart } from './db/postgres-head-start';
import { scheduleReplayRetention } from './db/replay-retention';
import { createRequestListener } from './http/app';
import { carrierRegistry } from './logistics/carriers/carrier-registry';
import os from 'node:os';
import { jobRunner } from './jobs/job-runner';
import { trackingProviders } from './tracking/providers/provider-registry';
import { trackingInboxHandler } from './workflows/tracking-inbox';
import { INBOX_QUEUE } from './tracking/webhook-inbox';
import { trackingPollHandler } from './workflows/tracking-poll';
import type { Logger } from './logger';
import { ensureFirstWorkspace } from './workflows/first-start';
import { startImportWorker } from './workflows/import-reader';
import { readReportPage } from './reports/report-reads';

export type RunningServer = {
  url: string;
  db: Database;
  firstStart: Awaited<ReturnType<typeof ensureFirstWorkspace>>;
  close(): Promise<void>;
};

export class StartError extends Error {}

function listenError(error: Error, config: ServerConfig): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return new StartError(`Port ${config.port} is already in use: stop what uses it, or set PORT to another port.`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return new StartError(
      `HOST=${config.host} is not an address of this machine: leave HOST unset (0.0.0.0) or use 127.0.0.1.`,
    );
  if (code === 'EACCES')
    return new StartError(`Port ${config.port} needs more privileges: use a port above 1024 (PORT).`);
  return error;
}

/** What main.ts began before the server's modules loaded: PGlite's open, or PostgreSQL's migration. */
export type HeadStart = PgliteHeadStart | PostgresHeadStart;

async function openAndMigrate(config: ServerConfig, logger: Logger, headStart?: HeadStart): Promise<Database> {
  const pglite = headStart?.kind === 'pglite' ? headStart : undefined;
  const db = await openDatabase(config.database, { log: logger, migrations: MIGRATIONS, headStart: pglite });
  try {
    const early = headStart?.kind === 'postgres' ? await headStart.migrated : null;
    if (early && 'failed' in early) logger.debug({ problem: early.failed }, 'the early migration did not apply');
    // Without a head start, or after one that failed (a race, an error this migrate then reports): migrate here.
    const applied = early && 'applied' in early ? early.applied : await migrate(db);
    logger.info({ database: describeDatabase(config), migrationsApplied: applied }, 'database ready');
    return db;
  } catch (error) {
    await db.close();
    // pg connects lazily: an unreachable or refusing server shows up here, named by its setting.
    if (config.database.kind === 'postgres')
      throw new StartError(
        `Could not use the database in DATABASE_URL (${describeDatabase(config)}): ${(error as Error).message}`,
      );
    throw error;
  }
}

/**
 * Opens the database, migrates, listens, and makes the first workspace if needed. `headStart`: PGlite's open or
 * PostgreSQL's migration, begun before this module was loaded (main.ts); the server owns it from here.
 */
export async function startServer(config: ServerConfig, logger: Logger, headStart?: HeadStart): Promise<RunningServer> {
  const db = await openAndMigrate(config, logger, headStart);
  try {
    const verifyIdToken = config.googleClientId
      ? createIdTokenVerifier({ audience: config.googleClientId, certsFile: config.idTokenCertsFile })
      : null;
    const providers = trackingProviders(config.tracking);
    // Tracking polls and the webhook inbox run in every server process; the database hands each due job to
    // one of them.
    const now = () => new Date();
    // The Sheets client is loaded only when the publisher is on: most servers never pay for it at start.
    const publishing = config.reports
      ? (await import('./workflows/report-publish')).reportPublishing({
          config: config.reports,
          db,
          logger,
          now,
          readPage: readReportPage,
        })
      : null;
    const background = jobRunner({
      db,
      now,
      worker: `${os.hostname()}:${process.pid}`,
      handlers: [
        ...providers.map((provider) =>
          trackingPollHandler({
            db,
            provider,
            now,
            leaseMs: config.tracking.leaseMs,
            dailyCalls: config.tracking.dailyCalls?.[provider.name],
          }),
        ),
        ...(providers.some((p) => p.readWebhook) ? [trackingInboxHandler({ db, now })] : []),
        ...(publishing ? [publishing.handler] : []),
      ],
      idleMs: config.tracking.idleMs,
      onError: (error, queue) => logger.warn({ queue, error: (error as Error).message }, 'background job failed'),
    });
    const listener = createRequestListener({
      db,
      logger,
      verifyIdToken,
      bodyLimit: config.bodyLimit,
      rateLimitPerMinute: config.rateLimitPerMinute,
      logistics: { carriers: carrierRegistry(config.carriers), publicUrl: config.publicUrl },
      trackingProviders: providers,
      onWebhookQueued: () => background.wake(INBOX_QUEUE),
    });
    // Listen before making the first workspace: if the port is taken, no key is made and lost.
    const server: http.Server = await new Promise((resolve, reject) => {
      const s = http.createServer(listener);
      s.once('error', (error) => reject(listenError(error, config)));
      s.listen(config.port, config.host, () => resolve(s));
    });
    // An idle keep-alive socket closed by the server just as a client reuses it is a reset request. Clients
    // (fetch/undici: 4 s, proxies: 60 s) must give up on a socket before the server does, also under load.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    const firstStart = await ensureFirstWorkspace(db).catch((error: unknown) => {
      server.close();
      throw error;
    });
    const port = (server.address() as AddressInfo).port;
    const url = config.publicUrl ?? `http://localhost:${port}`;
    const retention = scheduleReplayRetention(db, config.replayDays, logger);
    if (publishing) {
      await publishing.schedule();
      logger.info({ at: config.reports!.at, lang: config.reports!.lang }, 'reports publisher on (nightly, UTC)');
    }
    if (providers.length || publishing) background.start();
    // PGlite's imports read files in the import worker: its modules load in a thread of its own once the server
    // answers.
    if (db.kind === 'pglite') startImportWorker();
    let closing: Promise<void> | null = null;
    return {
      url,
      db,
      firstStart,
      close: () =>
        (closing ??= (async () => {
          await retention.stop();
          await background.stop();
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
