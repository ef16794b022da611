import fs from 'node:fs';
import type { OAuth2Client } from 'google-auth-library';
import { DomainError, type FieldError } from '../../domain/domain-error';

const GOOGLE_ISSUERS = ['accounts.google.com', 'https://accounts.google.com'];

export type IdTokenVerifier = (token: string) => Promise<{ email: string }>;

/**
 * Why a credential was refused, beyond the catalog's text: a diagnostic for whoever runs the server (the
 * verifier's own reason is English only), so it goes in `details`, not in the message a sheet shows.
 */
export function credentialDetail(code: string, message: string): FieldError {
  return { field: 'authorization', code, message };
}

/**
 * Verifies Google ID tokens (ScriptApp.getIdentityToken) for signature, audience, issuer and expiry.
 * `certsFile` (JSON: {kid: PEM}) replaces Google's published certificates, for tests and offline use.
 */
export function createIdTokenVerifier(options: { audience: string; certsFile?: string }): IdTokenVerifier {
  // Loaded at the first token, not at start: the library costs the server's start ~50 ms.
  let loaded: Promise<OAuth2Client> | null = null;
  const oauthClient = () => (loaded ??= import('google-auth-library').then(({ OAuth2Client: Client }) => new Client()));
  const localCerts = options.certsFile
    ? (JSON.parse(fs.readFileSync(options.certsFile, 'utf8')) as Record<string, string>)
    : null;
  return async (token) => {
    let payload;
    try {
      const client = await oauthClient();
      if (localCerts) {
        const ticket = await client.verifySignedJwtWithCertsAsync(token, localCerts, options.audience, GOOGLE_ISSUERS);
        payload = ticket.getPayload();
      } else {
        const ticket = await client.verifyIdToken({ idToken: token, audience: options.audience });
        payload = ticket.getPayload();
      }
    } catch (error) {
      throw new DomainError(refusalCode((error as Error).message));
    }
    if (!payload?.email) throw new DomainError('id_token_email_unverified', { email: '-' });
    if (payload.email_verified !== true && String(payload.email_verified) !== 'true') {
      throw new DomainError('id_token_email_unverified', { email: payload.email });
    }
    return { email: payload.email.toLowerCase() };
  };
}

/**
 * google-auth-library says why in English prose that quotes the token and its payload (an email): only
 * the reason is kept, so neither reaches a log or an answer.
 */
function refusalCode(message: string) {
  if (/too late/i.test(message)) return 'id_token_expired' as const;
  if (/wrong recipient|audience/i.test(message)) return 'id_token_wrong_audience' as const;
  if (/invalid issuer/i.test(message)) return 'id_token_wrong_issuer' as const;
  return 'id_token_invalid' as const;
}
