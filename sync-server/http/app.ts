import type http from 'node:http';
import crypto from 'node:crypto';
import { hashPushBody } from './push-body-hash';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { hasAnyRole } from '../../domain/access/roles';
import { DomainError } from '../../domain/domain-error';
import { authenticate } from '../access/authenticate';
import type { IdTokenVerifier } from '../access/id-tokens';
import type { Principal } from '../access/principal';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import { adminRoutes } from './admin-routes';
import { errorHandler, sendError } from './error-responses';
import { openApiDocument } from './openapi';
import type { Route } from './route';
import { CsvPages, CsvReply, JsonText, TextReply } from './csv-reply';
import { sendCsvPages } from './csv-download';
import { dispatchRoutes } from './dispatch-routes';
import { FileReply } from './file-reply';
import { exportRoutes } from './export-routes';
import { inventoryRoutes } from './inventory-routes';
import { orderRoutes } from './order-routes';
import { settingsRoutes } from './settings-routes';
import { purchasingRoutes } from './purchasing-routes';
import { transferRoutes } from './transfer-routes';
import { afterSaleRoutes } from './after-sale-routes';
import { reportRoutes } from './report-routes';
import { syncRoutes } from './sync-routes';
import { readRoutes } from './read-routes';
import { requestLang, zodErrorMap } from './request-lang';
import { logisticsRoutes, type LogisticsOptions } from './logistics-routes';
import { labelDownload } from './label-download';
import { carrierRegistry } from '../logistics/carriers/carrier-registry';
import type { TrackingProvider } from '../tracking/providers/tracking-provider';
import { trackingWebhooks } from './tracking-webhooks';
import { trackingRoutes } from './tracking-routes';

/** 50 MB of file as base64 (66.7 MB) plus the JSON around it. */
const IMPORT_BODY_LIMIT = '68mb';

export type AppOptions = {
  db: Database;
  logger: Logger;
  verifyIdToken: IdTokenVerifier | null;
  bodyLimit: string;
  rateLimitPerMinute: number;
  now?: () => Date;
  version?: string;
  /** Carrier adapters and the address label links use (docs/logistics.md). */
  logistics?: LogisticsOptions;
  /** Tracking providers whose webhooks this server takes (docs/tracking.md). */
  trackingProviders?: readonly TrackingProvider[];
  /** Called when a webhook was queued (the server wakes its job runner). */
  onWebhookQueued?: () => void;
};

const DEFAULT_LOGISTICS: LogisticsOptions = {
  carriers: carrierRegistry({ sandbox: { url: 'http://127.0.0.1:4010' } }),
};

/** Every API operation, each with its contract (tests check every reply against its schema with these). */
export function apiRoutes(db: Database, now: () => Date, logistics: LogisticsOptions = DEFAULT_LOGISTICS): Route[] {
  return [
    ...logisticsRoutes(db, now, logistics),
    ...trackingRoutes(db),
    ...syncRoutes(db, now),
    ...orderRoutes(db, now),
    ...inventoryRoutes(db, now),
    ...purchasingRoutes(db, now),
    ...transferRoutes(db, now),
    ...afterSaleRoutes(db, now),
    ...reportRoutes(db, now),
    ...exportRoutes(db, now),
    ...settingsRoutes(db, now),
    ...readRoutes(db),
    ...dispatchRoutes(db, now),
    ...adminRoutes(db),
  ];
}

/**
 * What the HTTP server runs: provider webhooks first (their signature over the raw body is the credential,
 * served without express: docs/tracking.md), then the express app.
 */
export function createRequestListener(options: AppOptions): http.RequestListener {
  const app = createApp(options);
  const webhooks = trackingWebhooks({
    db: options.db,
    logger: options.logger,
    now: options.now ?? (() => new Date()),
    providers: () => options.trackingProviders ?? [],
    onQueued: () => options.onWebhookQueued?.(),
  });
  return (req, res) => {
    if (!webhooks(req, res)) app(req, res);
  };
}

export function createApp(options: AppOptions): express.Express {
  const { db, logger } = options;
  const now = options.now ?? (() => new Date());
  const routes = apiRoutes(db, now, options.logistics);
  const app = express();
  app.disable('x-powered-by');
  // API answers are never cached: hashing every body for an ETag only cost time (a pull is megabytes).
  app.set('etag', false);
  app.set('trust proxy', 'loopback');
  app.use(requestLog(logger));

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (req, res) => {
    try {
      await db.pool.query('SELECT 1');
      res.json({ ok: true, database: db.kind });
    } catch {
      sendError(req, res, 'not_ready');
    }
  });
  // A label opened from the sheet: the signed, expiring link is the credential (a browser sends no key).
  app.get(
    '/labels/:token',
    limiter(options.rateLimitPerMinute, (req) => ipKeyGenerator(req.ip ?? '')),
    labelDownload(db, now),
  );
  // Made at the first request, not at start: turning every route's zod schemas into JSON Schema is the
  // largest piece of the server's start after the database.
  let openapi: ReturnType<typeof openApiDocument> | null = null;
  app.get('/v1/openapi.json', (_req, res) => {
    res.json((openapi ??= openApiDocument(routes, options.version ?? '0.1.0')));
  });

  // Prometheus scrapes /metrics by convention: the same as /v1/dispatch/metrics, with the same key.
  app.get('/metrics', (req, _res, next) => {
    req.url = '/v1/dispatch/metrics';
    next();
  });

  // Order matters: a cheap limit per address first (also for made-up credentials), then who is calling,
  // then a limit per caller, and only then the body is read: anonymous clients never get a body parsed.
  app.use(
    '/v1',
    limiter(options.rateLimitPerMinute * 4, (req) => ipKeyGenerator(req.ip ?? '')),
  );
  app.use('/v1', authenticateRequest(db, options.verifyIdToken));
  app.use(
    '/v1',
    limiter(
      options.rateLimitPerMinute,
      (_req, res) => (res.locals.principal as Principal).keyId ?? (res.locals.principal as Principal).actor,
    ),
  );
  const json = (limit: string, verify?: typeof hashPushBody) =>
    express.json({ limit, strict: true, type: ['application/json', 'application/*+json'], verify });
  // An order file may be up to 50 MB (as base64, a third more): the import reads larger bodies than a sync. Its
  // bytes are not hashed, so the parser decodes them as they come instead of joining them first (~50 ms for 3 MB).
  app.use('/v1/orders/import', json(IMPORT_BODY_LIMIT));
  app.use(json(options.bodyLimit, hashPushBody));

  for (const r of routes) app[r.method](r.path, handle(r, logger));
  app.use((req, res) => {
    sendError(req, res, 'not_found', { method: req.method, path: req.path });
  });
  app.use(errorHandler(logger));
  return app;
}

function limiter(perMinute: number, key: (req: Request, res: Response) => string): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req, res) => crypto.createHash('sha256').update(key(req, res)).digest('hex'),
    handler: (req, res) => {
      sendError(req, res, 'rate_limited');
    },
  });
}

/** Every /v1 route after the OpenAPI document needs a credential; the principal goes to res.locals. */
function authenticateRequest(db: Database, verifyIdToken: IdTokenVerifier | null): RequestHandler {
  return async (req, res, next) => {
    const principal = await authenticate(
      db,
      verifyIdToken,
      req.get('authorization'),
      req.get('x-crossdock-workspace') ?? undefined,
    );
    if (!principal.roles.length) throw new DomainError('no_roles');
    res.locals.principal = principal;
    res.locals.workspaceId = principal.workspaceId;
    next();
  };
}

function handle(r: Route, logger: Logger): RequestHandler {
  return async (req, res) => {
    const principal = res.locals.principal as Principal;
    authorize(r, principal);
    if (r.body && (req.body === undefined || !req.is('application/json'))) {
      throw new DomainError('unsupported_media_type');
    }
    // zod's own texts in the request's language (texts a schema gives itself stay as written).
    const zod = { error: zodErrorMap(requestLang(req)) };
    const input = {
      principal,
      body: r.body ? r.body.parse(req.body, zod) : undefined,
      query: r.query ? r.query.parse(req.query, zod) : undefined,
      params: r.params ? r.params.parse(req.params, zod) : undefined,
      req,
    };
    const result = await r.handler(input as Parameters<Route['handler']>[0]);
    if (result instanceof CsvPages) {
      await sendCsvPages(req, res, r.status ?? 200, result, logger);
      return;
    }
    if (result instanceof CsvReply) {
      // A BOM, so spreadsheet programs read the file as UTF-8 (names in Chinese, Japanese, Arabic).
      res
        .status(r.status ?? 200)
        .type('text/csv; charset=utf-8')
        .attachment(result.filename)
        .send(`\uFEFF${result.text}`);
      return;
    }
    if (result instanceof JsonText) {
      // Written as text: express's send would first copy megabytes into a Buffer to learn their length.
      res.status(r.status ?? 200).type('application/json; charset=utf-8');
      for (const [name, value] of Object.entries(result.headers)) res.setHeader(name, value);
      res.setHeader(
        'Content-Length',
        result.pieces.reduce((sum, piece) => sum + Buffer.byteLength(piece), 0),
      );
      for (const piece of result.pieces) res.write(piece);
      res.end();
      return;
    }
    if (result instanceof TextReply) {
      // Written as is: res.send would hash the whole body for an ETag (a page of report data is ~4 MB).
      const body = Buffer.from(result.text);
      res
        .status(r.status ?? 200)
        .type(result.contentType)
        .setHeader('content-length', body.length)
        .end(body);
      return;
    }
    if (result instanceof FileReply) {
      res
        .status(r.status ?? 200)
        .type(result.contentType)
        .attachment(result.filename)
        .send(result.body);
      return;
    }
    res.status(r.status ?? 200).json(result);
  };
}

function authorize(r: Route, principal: Principal): void {
  if (r.access === 'member') return;
  if (!hasAnyRole(principal.roles, ['admin', ...r.access])) {
    const needed = [...new Set(['admin', ...r.access])].join(', ');
    throw new DomainError('forbidden', { needed, held: principal.roles.join(', ') || '-' });
  }
}

/** One line per request: method, route, status, duration. No headers, bodies or query values. */
function requestLog(logger: Logger): RequestHandler {
  return (req: Request, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      logger.info(
        {
          method: req.method,
          path: req.route?.path ?? '(unmatched)',
          status: res.statusCode,
          ms: Math.round(ms),
          workspace: res.locals.workspaceId,
        },
        'request',
      );
    });
    next();
  };
}
