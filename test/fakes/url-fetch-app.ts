/// <reference types="google-apps-script" />
// UrlFetchApp: synchronous like Apps Script, yet making real HTTP requests, by running
// fetch-child.cjs with spawnSync (the server under test must run in another process or thread,
// since this blocks the event loop). Header names in responses come back lowercased (Node's fetch).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { FakeBlob, toSignedBytes } from './blob';
import { ScriptRealm } from './script-realm';

type HTTPResponse = GoogleAppsScript.URL_Fetch.HTTPResponse;
type RequestOptions = GoogleAppsScript.URL_Fetch.URLFetchRequestOptions & {
  /** Seconds (undocumented in Apps Script, accepted by it). */
  deadline?: number;
  /** Seconds; a fake-only alias of deadline. */
  timeout?: number;
};
type Request = RequestOptions & { url: string };

export interface FetchCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  payloadBytes: number;
  via: 'fetch' | 'fetchAll';
  /** 'response', 'failed-before-send' (failNext), 'dropped' (dropResponseNext) or 'network-error'. */
  outcome: 'response' | 'failed-before-send' | 'dropped' | 'network-error';
  status?: number;
}

type ChildResult =
  | { status: number; headers: Array<[string, string]>; setCookies: string[]; body: string }
  | { error: 'dns' | 'refused' | 'timeout' | 'other'; detail: string };

const CHILD = path.join(__dirname, 'fetch-child.cjs');
const USER_AGENT =
  'Mozilla/5.0 (compatible; Google-Apps-Script; beanserver; +https://script.google.com; id: UAEmdDd-fake)';
const MAX_URL_LENGTH = 2082;
const NETWORK_ERROR = {
  dns: 'DNS error',
  refused: 'Address unavailable',
  timeout: 'Timeout',
  other: 'Unexpected error',
};

export class FakeHttpResponse implements Pick<
  HTTPResponse,
  'getAllHeaders' | 'getBlob' | 'getContent' | 'getContentText' | 'getHeaders' | 'getResponseCode'
> {
  constructor(
    private readonly status: number,
    private readonly headers: Array<[string, string]>,
    private readonly setCookies: string[],
    private readonly body: string,
  ) {}

  getResponseCode(): number {
    return this.status;
  }
  getContentText(): string {
    return this.body;
  }
  getContent(): number[] {
    return toSignedBytes(Buffer.from(this.body, 'utf8'));
  }
  getHeaders(): Record<string, string> {
    const result: Record<string, string> = Object.fromEntries(this.headers);
    if (this.setCookies.length > 0) result['set-cookie'] = this.setCookies[0]!;
    return result;
  }
  getAllHeaders(): Record<string, string | string[]> {
    const result: Record<string, string | string[]> = Object.fromEntries(this.headers);
    if (this.setCookies.length > 0)
      result['set-cookie'] = this.setCookies.length === 1 ? this.setCookies[0]! : [...this.setCookies];
    return result;
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    const type = this.headers.find(([name]) => name === 'content-type')?.[1] ?? null;
    return new FakeBlob(Buffer.from(this.body, 'utf8'), type).asBlob();
  }
}

interface Prepared {
  request: {
    url: string;
    method: string;
    headers: Record<string, string>;
    body: string | null;
    redirect: 'follow' | 'manual';
    timeoutMs: number;
  };
  mute: boolean;
}

export class FakeUrlFetchApp implements Pick<
  GoogleAppsScript.URL_Fetch.UrlFetchApp,
  'fetch' | 'fetchAll' | 'getRequest'
> {
  /** Every fetch, including those that failed, in order. */
  readonly calls: FetchCall[] = [];
  private failures: Array<Error | string> = [];
  private drops = 0;

  constructor(private readonly realm: ScriptRealm = new ScriptRealm()) {}

  /** The next `count` requests throw `error` without being sent. */
  failNext(count = 1, error: Error | string = 'Address unavailable: (injected failure)'): void {
    for (let i = 0; i < count; i++) this.failures.push(error);
  }
  /** The next `count` requests are sent, but their responses are lost: the call throws a timeout. */
  dropResponseNext(count = 1): void {
    this.drops += count;
  }
  callCount(): number {
    return this.calls.length;
  }

  fetch(url: string, params: RequestOptions = {}): HTTPResponse {
    return this.run([{ ...params, url }], 'fetch')[0]!;
  }
  fetchAll(requests: Array<Request | string>): HTTPResponse[] {
    return this.run(
      requests.map((r) => (typeof r === 'string' ? { url: r } : r)),
      'fetchAll',
    );
  }
  getRequest(url: string, params: RequestOptions = {}): GoogleAppsScript.URL_Fetch.URLFetchRequest {
    const { request } = this.prepare({ ...params, url });
    return {
      url,
      method: request.method.toLowerCase() as GoogleAppsScript.URL_Fetch.HttpMethod,
      headers: request.headers,
      payload: request.body ?? undefined,
    };
  }

  private prepare(request: Request): Prepared {
    const url = String(request.url);
    if (url.length > MAX_URL_LENGTH) throw this.realm.error('Limit Exceeded: URLFetch URL Length.');
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      parsed = null;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol)) throw this.realm.error(`Invalid argument: ${url}`);
    const method = String(request.method ?? 'get').toUpperCase();
    const payload = request.payload;
    let body: string | null = null;
    if (typeof payload === 'string') body = payload;
    else if (payload && typeof (payload as GoogleAppsScript.Base.Blob).getDataAsString === 'function') {
      body = (payload as GoogleAppsScript.Base.Blob).getDataAsString();
    } else if (payload && typeof payload === 'object') {
      body = new URLSearchParams(Object.entries(payload).map(([k, v]) => [k, String(v)])).toString();
    }
    if (method === 'GET' || method === 'HEAD') body = null;
    const headers: Record<string, string> = { 'User-Agent': USER_AGENT };
    for (const [name, value] of Object.entries(request.headers ?? {})) headers[name] = String(value);
    if (body !== null) {
      const given = Object.keys(headers).find((name) => name.toLowerCase() === 'content-type');
      if (given) delete headers[given];
      headers['Content-Type'] = request.contentType ?? 'application/x-www-form-urlencoded';
    }
    const seconds = request.deadline ?? request.timeout ?? 60;
    return {
      request: {
        url,
        method,
        headers,
        body,
        redirect: request.followRedirects === false ? 'manual' : 'follow',
        timeoutMs: seconds * 1000,
      },
      mute: request.muteHttpExceptions === true,
    };
  }

  private run(requests: Request[], via: FetchCall['via']): HTTPResponse[] {
    const prepared = requests.map((r) => this.prepare(r));
    const plans = prepared.map(({ request }) => {
      const call: FetchCall = {
        method: request.method,
        url: request.url,
        headers: { ...request.headers },
        payloadBytes: request.body === null ? 0 : Buffer.byteLength(request.body),
        via,
        outcome: 'response',
      };
      this.calls.push(call);
      const failure = this.failures.shift();
      if (failure !== undefined) call.outcome = 'failed-before-send';
      else if (this.drops > 0) {
        this.drops -= 1;
        call.outcome = 'dropped';
      }
      return { call, failure };
    });
    const toSend = prepared.filter((_, i) => plans[i]!.failure === undefined).map((p) => p.request);
    const results = toSend.length > 0 ? this.spawn(toSend) : [];
    let next = 0;
    const outcomes = plans.map(({ call, failure }, i): HTTPResponse | Error => {
      if (failure !== undefined) return typeof failure === 'string' ? this.realm.error(failure) : failure;
      const result = results[next++]!;
      const url = prepared[i]!.request.url;
      if ('error' in result) {
        call.outcome = 'network-error';
        return this.realm.error(`${NETWORK_ERROR[result.error]}: ${url}`);
      }
      call.status = result.status;
      if (call.outcome === 'dropped') return this.realm.error(`Timeout: ${url}`);
      if (result.status >= 400 && !prepared[i]!.mute) {
        const truncated = result.body.length > 100 ? `${result.body.slice(0, 100)}...` : result.body;
        return this.realm.error(
          `Request failed for ${url} returned code ${result.status}. Truncated server response: ${truncated} (use muteHttpExceptions option to examine full response)`,
        );
      }
      return new FakeHttpResponse(
        result.status,
        result.headers,
        result.setCookies,
        result.body,
      ) as unknown as HTTPResponse;
    });
    const error = outcomes.find((o): o is Error => !('getResponseCode' in o));
    if (error) throw error;
    return outcomes as HTTPResponse[];
  }

  private spawn(requests: Prepared['request'][]): ChildResult[] {
    const longest = Math.max(...requests.map((r) => r.timeoutMs));
    const child = spawnSync(process.execPath, [CHILD], {
      input: JSON.stringify({ requests }),
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      timeout: longest + 10_000,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    if (child.status !== 0 || !child.stdout) {
      throw new Error(
        `fetch-child failed (status ${child.status}, signal ${child.signal}): ${child.stderr || child.error}`,
      );
    }
    return (JSON.parse(child.stdout) as { results: ChildResult[] }).results;
  }
}
