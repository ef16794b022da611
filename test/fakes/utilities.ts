/// <reference types="google-apps-script" />
// Utilities: digests and signatures as signed byte arrays (like Apps Script's Java bytes),
// base64, UUIDs, blobs, and formatDate with SimpleDateFormat patterns. sleep() does not block.
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { FakeBlob, fromBytes, toSignedBytes } from './blob';
import { enumOf, isDate, ScriptRealm } from './script-realm';
import { formatJavaPattern, zonedDate } from './time-zone';

type Bytes = number[];
type U = GoogleAppsScript.Utilities.Utilities;
type UtilitiesMethod =
  | 'Charset'
  | 'DigestAlgorithm'
  | 'MacAlgorithm'
  | 'base64Decode'
  | 'base64DecodeWebSafe'
  | 'base64Encode'
  | 'base64EncodeWebSafe'
  | 'computeDigest'
  | 'computeHmacSha256Signature'
  | 'computeHmacSignature'
  | 'formatDate'
  | 'formatString'
  | 'getUuid'
  | 'newBlob'
  | 'parseCsv'
  | 'parseDate'
  | 'sleep';

export const Charset = enumOf(['US_ASCII', 'UTF_8'] as const);
export const DigestAlgorithm = enumOf(['MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512'] as const);
export const MacAlgorithm = enumOf(['HMAC_MD5', 'HMAC_SHA_1', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512'] as const);

const NODE_HASH: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

function toBuffer(data: string | Bytes, charset?: GoogleAppsScript.Utilities.Charset): Buffer {
  if (Array.isArray(data)) return fromBytes(data);
  // US-ASCII encodes anything else as '?', as Java does.
  if (String(charset) === 'US_ASCII') return Buffer.from(String(data).replace(/[^\x00-\x7f]/g, '?'), 'latin1');
  return Buffer.from(String(data), 'utf8');
}

/** Java-style formatting: %s, %d, %f with precision (%.2f), %%. */
export function formatString(template: string, ...args: unknown[]): string {
  let next = 0;
  return template.replace(/%(\.\d+)?([sdf%])/g, (_m, precision: string | undefined, type: string) => {
    if (type === '%') return '%';
    const value = args[next++];
    if (type === 'd') return String(Math.trunc(Number(value)));
    if (type === 'f') return Number(value).toFixed(precision ? Number(precision.slice(1)) : 6);
    return typeof value === 'object' && value !== null && !isDate(value) ? JSON.stringify(value) : String(value);
  });
}

export class FakeUtilities implements Pick<U, UtilitiesMethod> {
  readonly Charset = Charset as unknown as typeof GoogleAppsScript.Utilities.Charset;
  readonly DigestAlgorithm = DigestAlgorithm as unknown as typeof GoogleAppsScript.Utilities.DigestAlgorithm;
  readonly MacAlgorithm = MacAlgorithm as unknown as typeof GoogleAppsScript.Utilities.MacAlgorithm;
  /** Total milliseconds the script asked to sleep (the fake returns at once). */
  sleptMs = 0;

  constructor(private readonly realm: ScriptRealm = new ScriptRealm()) {}

  computeDigest(
    algorithm: GoogleAppsScript.Utilities.DigestAlgorithm,
    value: string | Bytes,
    charset?: GoogleAppsScript.Utilities.Charset,
  ): Bytes {
    const hash = NODE_HASH[String(algorithm)];
    if (!hash) throw this.realm.error(`Unsupported digest algorithm: ${String(algorithm)}`);
    return toSignedBytes(createHash(hash).update(toBuffer(value, charset)).digest());
  }
  computeHmacSignature(
    algorithm: GoogleAppsScript.Utilities.MacAlgorithm,
    value: string | Bytes,
    key: string | Bytes,
    charset?: GoogleAppsScript.Utilities.Charset,
  ): Bytes {
    const hash = NODE_HASH[String(algorithm).replace(/^HMAC_/, '')];
    if (!hash) throw this.realm.error(`Unsupported MAC algorithm: ${String(algorithm)}`);
    return toSignedBytes(createHmac(hash, toBuffer(key, charset)).update(toBuffer(value, charset)).digest());
  }
  computeHmacSha256Signature(
    value: string | Bytes,
    key: string | Bytes,
    charset?: GoogleAppsScript.Utilities.Charset,
  ): Bytes {
    return this.computeHmacSignature(
      MacAlgorithm.HMAC_SHA_256 as unknown as GoogleAppsScript.Utilities.MacAlgorithm,
      value,
      key,
      charset,
    );
  }
  base64Encode(data: string | Bytes, charset?: GoogleAppsScript.Utilities.Charset): string {
    return toBuffer(data, charset).toString('base64');
  }
  /** Web-safe alphabet, padding kept, as Apps Script does. */
  base64EncodeWebSafe(data: string | Bytes, charset?: GoogleAppsScript.Utilities.Charset): string {
    return this.base64Encode(data, charset).replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(encoded: string): Bytes {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded.replace(/\s/g, ''))) throw this.realm.error('Could not decode string.');
    return toSignedBytes(Buffer.from(encoded, 'base64'));
  }
  base64DecodeWebSafe(encoded: string): Bytes {
    return this.base64Decode(encoded.replace(/-/g, '+').replace(/_/g, '/'));
  }
  getUuid(): string {
    return randomUUID();
  }
  sleep(milliseconds: number): void {
    if (!(milliseconds >= 0) || milliseconds > 300000) throw this.realm.error('Invalid argument: milliseconds');
    this.sleptMs += milliseconds;
  }
  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    if (!isDate(date)) throw this.realm.error('Invalid argument: date');
    try {
      return formatJavaPattern(new Date(date.getTime()), timeZone, format);
    } catch (error) {
      throw this.realm.error(error instanceof Error ? error.message : String(error));
    }
  }
  /** SimpleDateFormat parsing of numeric fields (y M d H m s) and literal separators, in `timeZone`. */
  parseDate(date: string, timeZone: string, format: string): Date {
    const tokens = format.match(/'(?:[^']|'')*'|([A-Za-z])\1*|[^A-Za-z']+/g) ?? [];
    const fields: Record<string, number> = { y: 1970, M: 1, d: 1, H: 0, m: 0, s: 0 };
    let rest = String(date);
    for (const token of tokens) {
      const letter = token[0]!;
      if (letter in fields) {
        const match = /^\d+/.exec(rest);
        if (!match) throw this.realm.error(`Unparseable date: "${date}"`);
        fields[letter] = Number(match[0]);
        rest = rest.slice(match[0].length);
      } else {
        const literal = letter === "'" ? token.slice(1, -1).replace(/''/g, "'") : token;
        if (/[A-Za-z]/.test(letter) && letter !== "'") throw this.realm.error(`Illegal pattern character '${letter}'`);
        if (!rest.startsWith(literal)) throw this.realm.error(`Unparseable date: "${date}"`);
        rest = rest.slice(literal.length);
      }
    }
    const { y, M, d, H, m, s } = fields as Record<'y' | 'M' | 'd' | 'H' | 'm' | 's', number>;
    return this.realm.date(zonedDate(timeZone, y, M, d, H, m, s).getTime());
  }
  formatString(template: string, ...args: unknown[]): string {
    return formatString(template, ...args);
  }
  newBlob(data: string | Bytes, contentType?: string, name?: string): GoogleAppsScript.Base.Blob {
    return new FakeBlob(toBuffer(data), contentType ?? null, name ?? null).asBlob();
  }
  /** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF rows. */
  parseCsv(csv: string, delimiter = ','): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < csv.length; i++) {
      const ch = csv[i]!;
      if (quoted) {
        if (ch === '"' && csv[i + 1] === '"') ((field += '"'), i++);
        else if (ch === '"') quoted = false;
        else field += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === delimiter) (row.push(field), (field = ''));
      else if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && csv[i + 1] === '\n') i++;
        (row.push(field), rows.push(row), (row = []), (field = ''));
      } else field += ch;
    }
    if (field !== '' || row.length > 0) (row.push(field), rows.push(row));
    return rows;
  }
}
