import type { Lang } from '../domain/i18n/lang';
import type { Connection } from './connection-store';
import { text } from './ui-text';
import { countUrlFetch } from './usage-meter';

/** A failure to show a person: already in the sheet's language. */
export class ServerCallError extends Error {
  readonly status: number;
  readonly code: string;
  /** Per-field reasons the server gave (e.g. `lines.1.qty`), for callers that can place them. */
  readonly details: { field: string; message: string }[];
  constructor(message: string, status: number, code: string, details: { field: string; message: string }[] = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

type Method = 'get' | 'post';

/**
 * One JSON call with UrlFetchApp. A call that throws before an answer (timeout, network) is retried
 * once with the same body: pushes carry a mutation id, so the server applies them once either way.
 */
export function callServer<T>(
  connection: Pick<Connection, 'url' | 'key'>,
  lang: Lang,
  method: Method,
  path: string,
  body?: unknown,
): T {
  const url = connection.url.replace(/\/+$/, '') + path;
  const credential = connection.key || googleIdentity(lang);
  const params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {
    method,
    muteHttpExceptions: true,
    // The sheet's language also for refusals raised before the server reads a body (authentication, rate limits).
    headers: { Authorization: `Bearer ${credential}`, Accept: 'application/json', 'Accept-Language': lang },
  };
  if (body !== undefined) {
    params.contentType = 'application/json';
    params.payload = JSON.stringify(body);
  }
  let response: GoogleAppsScript.URL_Fetch.HTTPResponse;
  try {
    response = fetchWithOneRetry(url, params);
  } catch (error) {
    throw new ServerCallError(
      text(lang, 'server_unreachable', { url: connection.url, reason: (error as Error).message }),
      0,
      'unreachable',
    );
  }
  const status = response.getResponseCode();
  const raw = response.getContentText();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ServerCallError(text(lang, 'server_error', { status, message: raw.slice(0, 200) }), status, 'not_json');
  }
  if (status >= 400) {
    const error = (
      parsed as { error?: { code?: string; message?: string; details?: { field: string; message: string }[] } }
    ).error;
    throw new ServerCallError(
      text(lang, 'server_error', { status, message: error?.message ?? raw.slice(0, 200) }),
      status,
      error?.code ?? 'http_error',
      error?.details ?? [],
    );
  }
  return parsed as T;
}

/**
 * Google sign-in: a fresh ID token per call (Apps Script caches and renews it), so an expired one is
 * never sent twice. Empty when the manifest lacks the openid/userinfo.email scopes.
 */
function googleIdentity(lang: Lang): string {
  let token = '';
  try {
    token = ScriptApp.getIdentityToken();
  } catch {
    token = '';
  }
  if (!token) throw new ServerCallError(text(lang, 'signin_unavailable'), 0, 'signin_unavailable');
  return token;
}

function fetchWithOneRetry(
  url: string,
  params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions,
): GoogleAppsScript.URL_Fetch.HTTPResponse {
  try {
    countUrlFetch();
    return UrlFetchApp.fetch(url, params);
  } catch {
    Utilities.sleep(1000);
    countUrlFetch();
    return UrlFetchApp.fetch(url, params);
  }
}
