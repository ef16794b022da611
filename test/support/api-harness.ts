import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ROLES, type Role } from '../../domain/access/roles';
import type { IdTokenVerifier } from '../../sync-server/access/id-tokens';
import type { Database } from '../../sync-server/db/database';
import { apiRoutes, createRequestListener } from '../../sync-server/http/app';
import { createLogger } from '../../sync-server/logger';
import { addMember, createApiKey, createWorkspace } from '../../sync-server/workflows/workspace-admin';
import { openTestDatabase, type DatabaseKind } from './databases';
import { replyChecker } from './reply-contract';
import { carrierRegistry, type CarrierSettings } from '../../sync-server/logistics/carriers/carrier-registry';
import type { TrackingProvider } from '../../sync-server/tracking/providers/tracking-provider';

export type ApiAnswer<T = any> = { status: number; body: T; headers: Headers };

/** The real express app over real HTTP on 127.0.0.1, on a real database of the given kind. */
export type ApiHarness = {
  db: Database;
  url: string;
  call<T = any>(
    method: string,
    path: string,
    options?: { key?: string; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<ApiAnswer<T>>;
  workspace(
    name?: string,
  ): Promise<{ id: string; adminKey: string; keyFor(email: string, roles: Role[]): Promise<string> }>;
  close(): Promise<void>;
};

/** `now`: the server's clock, for tests that need history (stock-out days, sales windows) on given dates. */
export async function startApiHarness(
  kind: DatabaseKind,
  options: {
    bodyLimit?: string;
    rateLimitPerMinute?: number;
    verifyIdToken?: IdTokenVerifier;
    now?: () => Date;
    /** Carrier adapters (the sandbox carrier's address, a fake carrier's). */
    carriers?: CarrierSettings;
    /** Tracking providers whose webhooks the server takes. */
    trackingProviders?: TrackingProvider[];
  } = {},
): Promise<ApiHarness> {
  const { db, dispose } = await openTestDatabase(kind);
  const listener = createRequestListener({
    db,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    verifyIdToken: options.verifyIdToken ?? null,
    bodyLimit: options.bodyLimit ?? '20mb',
    rateLimitPerMinute: options.rateLimitPerMinute ?? 100_000,
    ...(options.now ? { now: options.now } : {}),
    ...(options.carriers ? { logistics: { carriers: carrierRegistry(options.carriers) } } : {}),
    ...(options.trackingProviders ? { trackingProviders: options.trackingProviders } : {}),
  });
  const server: http.Server = await new Promise((resolve) => {
    const s = http.createServer(listener).listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const checkReply = replyChecker(apiRoutes(db, options.now ?? (() => new Date())));
  return {
    db,
    url,
    async call(method, path, o = {}) {
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      if (o.key) headers.authorization = `Bearer ${o.key}`;
      let body: string | undefined;
      if (o.raw !== undefined) body = o.raw;
      else if (o.body !== undefined) body = JSON.stringify(o.body);
      if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
      const response = await fetch(url + path, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text so the test can show it
      }
      checkReply(method, path, response.status, parsed, response.headers.get('content-type'));
      return { status: response.status, body: parsed as never, headers: response.headers };
    },
    async workspace(name = 'Test shop') {
      const ws = await createWorkspace(db, name);
      const admin = await createApiKey(db, { workspaceId: ws.id, name: 'admin', roles: [...ROLES] });
      return {
        id: ws.id,
        adminKey: admin.secret,
        async keyFor(email, roles) {
          await addMember(db, ws.id, email, roles);
          return (await createApiKey(db, { workspaceId: ws.id, name: email, memberEmail: email })).secret;
        },
      };
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await dispose();
    },
  };
}
