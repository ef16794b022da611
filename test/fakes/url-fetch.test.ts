/// <reference types="google-apps-script" />
// UrlFetchApp fake against a real HTTP server. The server runs in a child process: the fake's
// spawnSync blocks this process's event loop while a request is in flight.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import * as net from 'node:net';
import { createAppsScriptGlobals } from './apps-script-globals';

const SERVER = `
const http = require('node:http');
let count = 0;
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.url === '/count') return res.end(String(count));
    count += 1;
    if (req.url === '/denied') { res.writeHead(401, { 'Content-Type': 'application/json' }); return res.end('{"error":"bad token"}'); }
    if (req.url === '/redirect') { res.writeHead(302, { Location: '/echo' }); return res.end(); }
    if (req.url === '/slow') return setTimeout(() => res.end('late'), 3000);
    res.setHeader('Set-Cookie', ['a=1', 'b=2']);
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

let server: ChildProcess;
let base = '';

beforeAll(async () => {
  server = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    server.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  base = `http://127.0.0.1:${port}`;
});

afterAll(() => {
  server.kill();
});

function fetchApp() {
  const env = createAppsScriptGlobals();
  return { env, UrlFetchApp: env.globals.UrlFetchApp };
}

type Echo = { method: string; url: string; headers: Record<string, string>; body: string };

test('fetch is synchronous and sends method, headers and payload', () => {
  const { env, UrlFetchApp } = fetchApp();
  const response = UrlFetchApp.fetch(`${base}/echo`, {
    method: 'post',
    contentType: 'application/json',
    headers: { Authorization: 'Bearer t1' },
    payload: JSON.stringify({ rows: [1, 2] }),
  });
  expect(response.getResponseCode()).toBe(200);
  const echo = JSON.parse(response.getContentText()) as Echo;
  expect(echo).toMatchObject({ method: 'POST', url: '/echo', body: '{"rows":[1,2]}' });
  expect(echo.headers).toMatchObject({ authorization: 'Bearer t1', 'content-type': 'application/json' });
  expect(echo.headers['user-agent']).toContain('Google-Apps-Script');
  expect(response.getHeaders()).toMatchObject({ 'content-type': 'application/json' });
  expect((response.getAllHeaders() as Record<string, unknown>)['set-cookie']).toEqual(['a=1', 'b=2']);
  expect(JSON.parse(response.getBlob().getDataAsString()).method).toBe('POST');
  expect(env.urlFetch.calls).toEqual([
    expect.objectContaining({
      method: 'POST',
      url: `${base}/echo`,
      payloadBytes: 14,
      outcome: 'response',
      status: 200,
    }),
  ]);
});

test('object payloads are form-encoded; GET sends no body', () => {
  const { UrlFetchApp } = fetchApp();
  const posted = JSON.parse(
    UrlFetchApp.fetch(`${base}/form`, { method: 'post', payload: { a: 'x y', b: 2 } }).getContentText(),
  ) as Echo;
  expect(posted.body).toBe('a=x+y&b=2');
  expect(posted.headers['content-type']).toBe('application/x-www-form-urlencoded');
  const got = JSON.parse(UrlFetchApp.fetch(`${base}/get`, { payload: 'ignored' }).getContentText()) as Echo;
  expect([got.method, got.body]).toEqual(['GET', '']);
});

test('HTTP errors throw unless muteHttpExceptions', () => {
  const { UrlFetchApp } = fetchApp();
  expect(() => UrlFetchApp.fetch(`${base}/denied`)).toThrow(
    `Request failed for ${base}/denied returned code 401. Truncated server response: {"error":"bad token"} (use muteHttpExceptions option to examine full response)`,
  );
  const muted = UrlFetchApp.fetch(`${base}/denied`, { muteHttpExceptions: true });
  expect([muted.getResponseCode(), muted.getContentText()]).toEqual([401, '{"error":"bad token"}']);
});

test('redirects are followed unless followRedirects is false', () => {
  const { UrlFetchApp } = fetchApp();
  expect((JSON.parse(UrlFetchApp.fetch(`${base}/redirect`).getContentText()) as Echo).url).toBe('/echo');
  const manual = UrlFetchApp.fetch(`${base}/redirect`, { followRedirects: false });
  expect(manual.getResponseCode()).toBe(302);
  expect((manual.getHeaders() as Record<string, string>).location).toBe('/echo');
});

test('fetchAll runs requests in parallel and returns responses in order', () => {
  const { env, UrlFetchApp } = fetchApp();
  const responses = UrlFetchApp.fetchAll([`${base}/one`, { url: `${base}/two`, method: 'put', payload: 'p' }]);
  expect(responses.map((r) => (JSON.parse(r.getContentText()) as Echo).url)).toEqual(['/one', '/two']);
  expect(env.urlFetch.calls.map((c) => [c.via, c.method])).toEqual([
    ['fetchAll', 'GET'],
    ['fetchAll', 'PUT'],
  ]);
});

async function closedPort(): Promise<number> {
  const probe = net.createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

test('network errors, injected failures and lost responses', async () => {
  const { env, UrlFetchApp } = fetchApp();
  const count = () => Number(UrlFetchApp.fetch(`${base}/count`).getContentText());
  const closed = `http://127.0.0.1:${await closedPort()}/x`;
  expect(() => UrlFetchApp.fetch(closed)).toThrow(`Address unavailable: ${closed}`);
  expect(() => UrlFetchApp.fetch('http://no-such-host.invalid/x')).toThrow('DNS error: http://no-such-host.invalid/x');
  expect(() => UrlFetchApp.fetch('not a url')).toThrow('Invalid argument: not a url');
  const before = count();
  env.urlFetch.failNext(1, 'DNS error: injected');
  expect(() => UrlFetchApp.fetch(`${base}/push`)).toThrow('DNS error: injected');
  expect(count()).toBe(before);
  env.urlFetch.dropResponseNext();
  expect(() => UrlFetchApp.fetch(`${base}/push`, { method: 'post', payload: 'x' })).toThrow(`Timeout: ${base}/push`);
  expect(count()).toBe(before + 1);
  expect(env.urlFetch.calls.filter((c) => c.url.endsWith('/push')).map((c) => c.outcome)).toEqual([
    'failed-before-send',
    'dropped',
  ]);
  expect(() =>
    UrlFetchApp.fetch(`${base}/slow`, { deadline: 0.5 } as GoogleAppsScript.URL_Fetch.URLFetchRequestOptions),
  ).toThrow(`Timeout: ${base}/slow`);
});
