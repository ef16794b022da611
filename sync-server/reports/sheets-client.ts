import fs from 'node:fs';
import { sheets, type sheets_v4 } from '@googleapis/sheets';
import { JWT } from 'google-auth-library';
import { z } from 'zod';

/** The fields of a Google service-account key file the publisher uses (the file holds more). */
const ServiceAccountKey = z.object({
  type: z.literal('service_account'),
  client_email: z.email(),
  private_key: z.string().includes('PRIVATE KEY'),
  private_key_id: z.string().optional(),
  token_uri: z.url().default('https://oauth2.googleapis.com/token'),
});
export type ServiceAccountKey = z.infer<typeof ServiceAccountKey>;

export class PublisherSetupError extends Error {}

/** Reads and checks the key file; the error names the file and the field, never the key. */
export function readServiceAccountKey(file: string): ServiceAccountKey {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new PublisherSetupError(
      `Cannot read the service-account key file ${file}: ${(error as NodeJS.ErrnoException).code}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PublisherSetupError(`The service-account key file ${file} is not JSON.`);
  }
  const parsed = ServiceAccountKey.safeParse(json);
  if (!parsed.success)
    throw new PublisherSetupError(
      `The service-account key file ${file} is not a service-account key (${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}).`,
    );
  return parsed.data;
}

const SCOPES = ['https://www.googleapis.com/auth/spreadsheets'];
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/**
 * A Sheets v4 client signed in as the service account. google-auth-library always asks Google's token
 * endpoint; the key file's `token_uri` (Google's own in a real key; a local one in tests) is honoured by
 * sending that one request there. Retries are ours (report-publisher: Retry-After, bounded), not gaxios'.
 */
export function serviceAccountSheets(key: ServiceAccountKey, rootUrl?: string): sheets_v4.Sheets {
  const auth = new JWT({ email: key.client_email, key: key.private_key, keyId: key.private_key_id, scopes: SCOPES });
  if (key.token_uri !== GOOGLE_TOKEN_URL) {
    const tokenUri = new URL(key.token_uri);
    auth.transporter.interceptors.request.add({
      resolved: async (config) => {
        if (String(config.url) === GOOGLE_TOKEN_URL) config.url = tokenUri;
        return config;
      },
    });
  }
  return sheets({ version: 'v4', auth, retry: false, ...(rootUrl ? { rootUrl } : {}) });
}
