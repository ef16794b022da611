import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorStatus, errorText, type ErrorCode, type ErrorParams } from '../../domain/errors/error-codes';
import { langFromLocale } from '../../domain/i18n/lang';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import { ProviderError, type TrackingProvider } from '../tracking/providers/tracking-provider';
import { inboxWriter } from '../tracking/webhook-inbox';
import { errorBody } from './error-responses';

const PATH = /^\/webhooks\/([a-z0-9-]+)\/?(?:\?.*)?$/;
const BODY_LIMIT = 5 * 1024 * 1024;

export type WebhookReceiver = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * POST /webhooks/<provider> (docs/tracking.md), served before express: a provider may send thousands a
 * minute, and express's request setup and router cost more than the whole receipt (BENCHMARKS.md). The
 * provider's signature is checked on the raw body before anything is read or stored (401 otherwise); a
 * verified webhook is written to the inbox and answered at once, and the job runner applies the inbox in
 * batches. Events are stored once, whether they came by webhook or poll, so a provider retrying a webhook
 * changes nothing; numbers we do not know are dropped there (a refusal would only make the provider retry).
 * Returns false for any other request (express takes it).
 */
export function trackingWebhooks(options: {
  db: Database;
  logger: Logger;
  now: () => Date;
  providers: () => readonly TrackingProvider[];
  onQueued?: () => void;
}): WebhookReceiver {
  const queue = inboxWriter(options.db.pool);
  return (req, res) => {
    const name = req.method === 'POST' ? PATH.exec(req.url ?? '')?.[1] : undefined;
    if (!name) return false;
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Math.round(Number(process.hrtime.bigint() - start) / 1e6);
      options.logger.info({ method: 'POST', path: '/webhooks/:provider', status: res.statusCode, ms }, 'request');
    });
    const refuse = <C extends ErrorCode>(code: C, params?: ErrorParams<C>) => {
      const lang = langFromLocale(req.headers['accept-language']);
      answer(res, errorStatus(code), errorBody(code, errorText(lang, code, params as ErrorParams<C>)));
    };
    const provider = options.providers().find((p) => p.name === name && p.readWebhook);
    if (!provider) {
      req.resume();
      refuse('not_found', { method: 'POST', path: req.url ?? '' });
      return true;
    }
    readBody(req)
      .then(
        async (rawBody) => {
          if (!rawBody) return refuse('body_too_large');
          const headers: Record<string, string | undefined> = {};
          for (const [key, value] of Object.entries(req.headers))
            headers[key] = Array.isArray(value) ? value[0] : value;
          let results: ReturnType<NonNullable<TrackingProvider['readWebhook']>>;
          try {
            results = provider.readWebhook!({ rawBody, headers });
          } catch (error) {
            // Signed, but not the documented shape: refused as a bad request (the provider shows it; no retry storm).
            if (!(error instanceof ProviderError)) throw error;
            return refuse('invalid_request', { problems: error.message });
          }
          if (!results) return refuse('webhook_signature');
          if (results.length) {
            await queue({ provider: provider.name, results }, options.now());
            options.onQueued?.();
          }
          answer(res, 200, { ok: true, accepted: results.length });
        },
        () => res.destroy(),
      )
      .catch((error: unknown) => {
        // Not stored: 503 makes the provider deliver it again later.
        options.logger.warn({ provider: name, error: (error as Error).message }, 'webhook not stored');
        if (!res.headersSent) refuse('not_ready');
      });
    return true;
  };
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** The raw body, or null when it is larger than BODY_LIMIT (the rest is read and dropped). */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => resolve(size > BODY_LIMIT ? null : Buffer.concat(chunks)));
  });
}
