/**
 * A stand-in for the report routes, answering from prepared pages exactly as the contract says
 * (domain/contracts/reports.ts: `ReportPage` JSON, an opaque `after` cursor, `next: null` on the last
 * page). It runs in a worker thread: the add-on's UrlFetchApp fake blocks the test's own thread while it
 * waits for an answer. Used before the real routes exist and by the refresh benchmark.
 */
import { Worker } from 'node:worker_threads';
import type { ReportPage } from '../../domain/contracts/reports';

/** Per path (`/v1/reports/order-lines`): the pages, or a refusal with its status and error body. */
export type PageRoutes = Record<string, ReportPage[] | { status: number; body: unknown }>;
/** Rows made inside the worker (large page sets are not copied between threads): see `generated`. */
export type GeneratedRoute = { generate: 'order_lines'; rows: number; pageSize: number; columns: string[] };

const WORKER = `
const http = require('node:http');
const { parentPort } = require('node:worker_threads');
let routes = {};
const log = [];
function generated(spec) {
  const pages = [];
  for (let start = 0; start < spec.rows; start += spec.pageSize) {
    const rows = [];
    for (let i = start; i < Math.min(spec.rows, start + spec.pageSize); i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const month = String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0');
      const byKey = {
        order_no: 'ORD-' + String(Math.floor(i / 2)).padStart(7, '0'), line_no: 1 + (i % 2),
        order_date: '2026-' + month + '-' + day, month: '2026-' + month, channel: ['shopify', 'amazon', 'manual'][i % 3],
        country: ['FR', 'DE', 'US', 'GB'][i % 4], sku: 'SKU-' + (i % 500), product: 'Product ' + (i % 500),
        sales_owner: 'sales' + (i % 5) + '@shop.test', status: 'Shipped', qty: 1 + (i % 3), currency: 'EUR',
        revenue: (10 + (i % 90)) + '.50', shipping: '2.00', discounts: '0.00', platform_fee: '1.20', payment_fee: '0.35',
        cogs: '4.10', freight: '3.00', refunds: '0.00', profit: (3 + (i % 80)) + '.85', missing: null,
      };
      rows.push(spec.columns.map((key) => (key in byKey ? byKey[key] : null)));
    }
    pages.push({ source: 'order_lines', base_currency: 'EUR', columns: spec.columns, rows, next: null });
  }
  pages.forEach((page, i) => (page.next = i + 1 < pages.length ? String(i + 1) : null));
  return pages.map((page) => JSON.stringify(page));
}
function prepare(raw) {
  const out = {};
  for (const [path, route] of Object.entries(raw)) {
    const next = (i, all) => (i + 1 < all.length ? String(i + 1) : null);
    if (Array.isArray(route)) out[path] = route.map((page, i, all) => JSON.stringify({ ...page, next: next(i, all) }));
    else if (route.generate) out[path] = generated(route);
    else out[path] = route;
  }
  return out;
}
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://stub');
  log.push(req.url);
  const route = routes[url.pathname];
  const send = (status, body) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(body); };
  if (!route) return send(404, JSON.stringify({ error: { code: 'not_found', message: 'No route ' + url.pathname } }));
  if (!Array.isArray(route)) return send(route.status, JSON.stringify(route.body));
  const index = Number(url.searchParams.get('after') ?? '0');
  const badCursor = { error: { code: 'bad_cursor', message: 'Bad cursor' } };
  if (!(index >= 0 && index < route.length)) return send(400, JSON.stringify(badCursor));
  send(200, route[index]);
});
parentPort.on('message', (message) => {
  if (message.type === 'routes') { routes = prepare(message.routes); parentPort.postMessage({ type: 'ok' }); }
  if (message.type === 'log') parentPort.postMessage({ type: 'log', log: log.splice(0) });
  if (message.type === 'close') server.close(() => parentPort.postMessage({ type: 'closed' }));
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ type: 'listening', port: server.address().port }));
`;

export async function startReportPageServer(routes: Record<string, PageRoutes[string] | GeneratedRoute> = {}) {
  const worker = new Worker(WORKER, { eval: true });
  const next = (type: string) =>
    new Promise<any>((resolve, reject) => {
      const onMessage = (message: { type: string }) => {
        if (message.type !== type) return;
        worker.off('message', onMessage);
        worker.off('error', reject);
        resolve(message);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  const { port } = await next('listening');
  const setRoutes = async (next_: Record<string, PageRoutes[string] | GeneratedRoute>) => {
    const answered = next('ok');
    worker.postMessage({ type: 'routes', routes: next_ });
    await answered;
  };
  await setRoutes(routes);
  return {
    url: `http://127.0.0.1:${port}`,
    setRoutes,
    /** The request URLs (path and query) answered since the last call. */
    async requests(): Promise<string[]> {
      const answered = next('log');
      worker.postMessage({ type: 'log' });
      return (await answered).log;
    },
    async close() {
      const closed = next('closed');
      worker.postMessage({ type: 'close' });
      await closed;
      await worker.terminate();
    },
  };
}
