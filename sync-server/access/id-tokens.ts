import fs from 'node:fs';
import { OAuth2Client } from 'google-auth-library';
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
  const client = new OAuth2Client();
  const localCerts = options.certsFile
    ? (JSON.parse(fs.readFileSync(options.certsFile, 'utf8')) as Record<string, string>)
    : null;
  return async (token) => {
    let payload;
    try {
      if (localCerts) {
        const ticket = await client.verifySignedJwtWithCertsAsync(token, localCerts, options.audience, GOOGLE_ISSUERS);
        payload = ticket.getPayload();
      } else {
        const ticket = await client.verifyIdToken({ idToken: token, audience: options.audience });
        payload = ticket.getPayload();
      }
    } catch (error) {
      const why = `The Google identity token was refused: ${(error as Error).message}`;
      throw new DomainError('unauthenticated', {}, [credentialDetail('id_token_refused', why)]);
    }
    if (!payload?.email || payload.email_verified === false) {
      const why = 'The Google identity token carries no verified email (scope userinfo.email is needed).';
      throw new DomainError('unauthenticated', {}, [credentialDetail('no_verified_email', why)]);
    }
    return { email: payload.email.toLowerCase() };
  };
}
