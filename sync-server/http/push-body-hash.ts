import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * A push is applied once per (client, mutation); a retry must send the same body. For /v1/sync/push the
 * body's own bytes are hashed while the JSON parser has them (express.json's `verify`), so the 3 MB of a
 * 10,000-row push is never serialized again just to be hashed.
 */
const HASHED = new WeakMap<IncomingMessage, string>();

export function hashPushBody(req: IncomingMessage, _res: unknown, buf: Buffer): void {
  if (req.url?.startsWith('/v1/sync/push')) HASHED.set(req, crypto.createHash('sha256').update(buf).digest('hex'));
}

export function pushBodyHash(req: IncomingMessage): string | undefined {
  return HASHED.get(req);
}
