import crypto from 'node:crypto';
import { run, type Queryable } from '../db/database';
import { sql } from '../db/sql-query';

/** How long a label link opened from the sheet works (a new one is made on every answer and pull). */
export const LABEL_LINK_DAYS = 7;

export type LabelRef = { workspaceId: string; shipmentNo: string; trackingNo: string };

const secrets = new WeakMap<object, Buffer>();

/**
 * The key that signs label links: made once per database (so every server process signs alike) and
 * never leaves it. `owner` caches it per open database.
 */
export async function labelLinkSecret(client: Queryable, owner: object): Promise<Buffer> {
  const cached = secrets.get(owner);
  if (cached) return cached;
  await run(
    client,
    sql(`INSERT INTO server_secrets (name, value) VALUES ('label_links', $1) ON CONFLICT (name) DO NOTHING`, [
      crypto.randomBytes(32).toString('base64'),
    ]),
  );
  const stored = (
    await run<{ value: string }>(client, sql(`SELECT value FROM server_secrets WHERE name = 'label_links'`))
  ).rows[0]!;
  const secret = Buffer.from(stored.value, 'base64');
  secrets.set(owner, secret);
  return secret;
}

/** A token naming one label and when it stops working, signed so nobody can make or alter one. */
export function signLabelLink(secret: Buffer, ref: LabelRef, expiresAt: Date): string {
  const payload = Buffer.from(
    JSON.stringify([ref.workspaceId, ref.shipmentNo, ref.trackingNo, Math.floor(expiresAt.getTime() / 1000)]),
  ).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

/** The label a token names, or null when it was altered or has expired. */
export function readLabelLink(secret: Buffer, token: string, now: Date): LabelRef | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  try {
    const [workspaceId, shipmentNo, trackingNo, expires] = JSON.parse(Buffer.from(payload, 'base64url').toString());
    if (typeof expires !== 'number' || expires * 1000 <= now.getTime()) return null;
    return { workspaceId: String(workspaceId), shipmentNo: String(shipmentNo), trackingNo: String(trackingNo) };
  } catch {
    return null;
  }
}

function mac(secret: Buffer, payload: string): string {
  return crypto.createHmac('sha256', secret).update(payload).digest('base64url');
}

export function labelExpiry(now: Date): Date {
  return new Date(now.getTime() + LABEL_LINK_DAYS * 86_400_000);
}
