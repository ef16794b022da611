import crypto from 'node:crypto';
import express, { type Request, type RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { hasAnyRole } from '../../domain/access/roles';
import { DomainError } from '../../domain/domain-error';
import { authenticate } from '../access/authenticate';
import type { IdTokenVerifier } from '../access/id-tokens';
import type { Principal } from '../access/principal';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import { adminRoutes } from './admin-routes';
import { errorBody, errorHandler } from './error-responses';
import { openApiDocument } from './openapi';
import type { Route } from './route';
import { syncRoutes } from './sync-routes';

export type AppOptions = {
  db: Database;
  logger: Logger;
  verifyIdToken: IdTokenVerifier | null;
  bodyLimit: string;
  rateLimitPerMinute: number;
  now?: () => Date;
  version?: string;
};

export function createApp(options: AppOptions): express.Express {
  const { db, logger } = options;
  const now = options.now ?? (() => new Date());
  const routes = [...syncRoutes(db, now), ...adminRoutes(db)];
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(requestLog(logger));

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await db.pool.query('SELECT 1');
      res.json({ ok: true, database: db.kind });
    } catch {
      res.status(503).json(errorBody('not_ready', 'The database is not reachable.'));
    }
  });
  const openapi = openApiDocument(routes, options.version ?? '0.1.0');
  app.get('/v1/openapi.json', (_req, res) => {
    res.json(openapi);
  });

  app.use(
    '/v1',
    rateLimit({
      windowMs: 60_000,
      limit: options.rateLimitPerMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      // Per credential when there is one, so one busy sheet does not throttle a whole office behind one IP.
      keyGenerator: (req) => {
        const authorization = req.get('authorization');
        return authorization ? crypto.createHash('sha256').update(authorization).digest('hex') : ipKeyGenerator(req.ip ?? '');
      },
      handler: (_req, res) => {
        res.status(429).json(errorBody('rate_limited', 'Too many requests; wait a minute and try again.'));
      },
    }),
  );
  app.use(express.json({ limit: options.bodyLimit, strict: true, type: ['application/json', 'application/*+json'] }));

  for (const r of routes) app[r.method](r.path, handle(r, db, options.verifyIdToken));
  app.use((req, res) => {
    res.status(404).json(errorBody('not_found', `No route ${req.method} ${req.path}. The API is described at /v1/openapi.json.`));
  });
  app.use(errorHandler(logger));
  return app;
}

function handle(r: Route, db: Database, verifyIdToken: IdTokenVerifier | null): RequestHandler {
  return async (req, res) => {
    const principal = await authenticate(db, verifyIdToken, req.get('authorization'), req.get('x-crossdock-workspace') ?? undefined);
    authorize(r, principal);
    res.locals.workspaceId = principal.workspaceId;
    if (r.body && (req.body === undefined || !req.is('application/json'))) {
      throw new DomainError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
    }
    const input = {
      principal,
      body: r.body ? r.body.parse(req.body) : undefined,
      query: r.query ? r.query.parse(req.query) : undefined,
      params: r.params ? r.params.parse(req.params) : undefined,
      req,
    };
    const result = await r.handler(input as Parameters<Route['handler']>[0]);
    res.status(r.status ?? 200).json(result);
  };
}

function authorize(r: Route, principal: Principal): void {
  if (r.access === 'member') return;
  if (!hasAnyRole(principal.roles, ['admin', ...r.access])) {
    throw new DomainError('forbidden', `This needs one of the roles: ${['admin', ...r.access].join(', ')}. Yours: ${principal.roles.join(', ') || 'none'}.`);
  }
}

/** One line per request: method, route, status, duration. No headers, bodies or query values. */
function requestLog(logger: Logger): RequestHandler {
  return (req: Request, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      logger.info({ method: req.method, path: req.route?.path ?? '(unmatched)', status: res.statusCode, ms: Math.round(ms), workspace: res.locals.workspaceId }, 'request');
    });
    next();
  };
}
