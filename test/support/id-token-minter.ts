import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './cleanup';

/** Mints Google-shaped ID tokens with a local RSA key; the certs file stands in for Google's published keys. */
export function createIdTokenMinter(audience: string) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = crypto.randomBytes(8).toString('hex');
  const certsFile = path.join(tempDir('crossdock-certs-'), 'certs.json');
  fs.writeFileSync(certsFile, JSON.stringify({ [kid]: publicKey.export({ type: 'spki', format: 'pem' }) }));
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return {
    certsFile,
    mint(claims: Record<string, unknown> & { email: string }, signWith: crypto.KeyObject = privateKey): string {
      const now = Math.floor(Date.now() / 1000);
      const header = b64({ alg: 'RS256', typ: 'JWT', kid });
      const payload = b64({
        iss: 'https://accounts.google.com',
        aud: audience,
        sub: '1234567890',
        email_verified: true,
        iat: now,
        exp: now + 3600,
        ...claims,
      });
      const signature = crypto.sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), signWith).toString('base64url');
      return `${header}.${payload}.${signature}`;
    },
  };
}
