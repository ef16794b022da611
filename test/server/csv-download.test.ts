import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { sendCsvPages } from '../../sync-server/http/csv-download';
import { CsvPages } from '../../sync-server/http/csv-reply';
import { csvFile } from '../../sync-server/http/report-routes';
import type { ReportPage } from '../../domain/contracts/reports';
import { createLogger } from '../../sync-server/logger';

/**
 * A CSV file sent page by page (http/csv-download.ts) over real HTTP: whole when every page comes, cut (never
 * a file that looks whole) when a page fails after the first bytes left, and no page read after the client
 * went away.
 */
type Served = { url: string; logged: string[]; close(): Promise<void> };

async function serve(reply: () => CsvPages): Promise<Served> {
  const logged: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logged.push(String(chunk));
      done();
    },
  });
  const logger = createLogger('info', sink);
  const app = express();
  app.get('/file', (req, res) => sendCsvPages(req, res, 200, reply(), logger));
  // What the server's error handler does for a failure before anything was sent.
  app.use((_error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(500).json({ error: 'internal' });
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/file`,
    logged,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A file `a,1` then page `2`, then `failure()`'s error if it gives one, else page `3`. */
function smallFile(failure: () => Error | null): CsvPages {
  return new CsvPages(
    'lines.csv',
    'a\r\n1\r\n',
    (async function* () {
      yield '2\r\n';
      const error = failure();
      if (error) throw error;
      yield '3\r\n';
    })(),
  );
}

describe('a CSV file sent page by page', () => {
  let served: Served | undefined;
  afterEach(async () => served?.close());

  test('arrives whole, with its BOM, in order, without a length announced', async () => {
    const page = (n: number) => Array.from({ length: 1000 }, (_, i) => `${n},${i},商品\r\n`).join('');
    served = await serve(
      () =>
        new CsvPages(
          'lines.csv',
          'page,row,name\r\n' + page(0),
          (async function* () {
            for (let n = 1; n < 50; n++) yield page(n);
          })(),
        ),
    );
    const answer = await fetch(served.url);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toContain('lines.csv');
    expect(answer.headers.get('content-length')).toBeNull();
    // The bytes: fetch's text() drops a BOM.
    const bytes = Buffer.from(await answer.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString();
    expect(text).toBe('page,row,name\r\n' + Array.from({ length: 50 }, (_, n) => page(n)).join(''));
  });

  test('a page that fails after the first bytes left cuts the transfer and is logged', async () => {
    const lost = Object.assign(new Error('connection to the database lost: secret row value'), { code: '57P01' });
    served = await serve(() => smallFile(() => lost));
    const answer = await fetch(served.url);
    expect(answer.status).toBe(200);
    await expect(answer.text()).rejects.toThrow();
    const line = served.logged.find((l) => l.includes('CSV download cut short'));
    expect(line).toContain('57P01');
    expect(line).not.toContain('secret row value');
  });

  test('HTTP/1.0 (no chunks: a cut would look like the end) gets the whole file with its length, or an error', async () => {
    let fail = false;
    served = await serve(() => smallFile(() => (fail ? new Error('lost') : null)));
    const { port } = new URL(served.url);
    const raw = () =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(Number(port), '127.0.0.1', () => socket.write('GET /file HTTP/1.0\r\n\r\n'));
        const chunks: Buffer[] = [];
        socket.on('data', (chunk) => chunks.push(chunk));
        socket.on('end', () => resolve(Buffer.concat(chunks).toString()));
        socket.on('error', reject);
      });
    const whole = await raw();
    expect(whole).toMatch(/^HTTP\/1\.1 200/);
    expect(whole).toMatch(/\r\ncontent-length: 15\r\n/i);
    expect(whole).not.toMatch(/transfer-encoding/i);
    expect(whole.endsWith('\r\n\r\n\uFEFFa\r\n1\r\n2\r\n3\r\n')).toBe(true);
    fail = true;
    expect(await raw()).toMatch(/^HTTP\/1\.1 500[\s\S]*"internal"/);
  });

  test('a client that goes away stops the reading of further pages', async () => {
    let read = 0;
    let stopped!: () => void;
    const finished = new Promise<void>((resolve) => (stopped = resolve));
    served = await serve(
      () =>
        new CsvPages(
          'endless.csv',
          'n\r\n',
          (async function* () {
            try {
              // Pages far larger than the socket's buffers: the writer must wait for the client.
              for (;;) yield `${++read}${'x'.repeat(1 << 20)}\r\n`;
            } finally {
              stopped();
            }
          })(),
        ),
    );
    // The client reads the first bytes, then closes its connection.
    await new Promise<void>((resolve, reject) => {
      const request = http.get(served!.url, (response) => {
        response.once('data', () => {
          request.destroy();
          resolve();
        });
      });
      request.on('error', (error) => (request.destroyed ? undefined : reject(error)));
    });
    await finished;
    const atStop = read;
    expect(atStop).toBeLessThan(50);
    // Nothing is read after the stop.
    await new Promise((resolve) => setImmediate(resolve));
    expect(read).toBe(atStop);
    expect(served.logged.join('')).not.toContain('CSV download cut short');
  });
});

describe('a report as one CSV file', () => {
  const page = (base: string, rows: string[][], next: string | null): ReportPage => ({
    source: 'stock_value',
    base_currency: base,
    columns: ['sku'],
    rows,
    next,
  });

  test('pages after the first follow its header row, each escaped; a base-currency change cuts the file', async () => {
    const pages: Record<string, ReportPage> = {
      a: page('EUR', [['=B']], 'b'),
      b: page('EUR', [['C']], null),
    };
    const file = csvFile('stock_value', 'en', page('EUR', [['A']], 'a'), async (after) => pages[after]!);
    expect(file.filename).toBe('stock-value.csv');
    const rest: string[] = [];
    for await (const part of file.rest) rest.push(part);
    expect(file.first.split('\r\n')[1]).toBe('A');
    expect(rest).toEqual(["'=B\r\n", 'C\r\n']);

    pages.b = page('USD', [['C']], null);
    const cut = csvFile('stock_value', 'en', page('EUR', [['A']], 'a'), async (after) => pages[after]!);
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const part of cut.rest) seen.push(part);
      })(),
    ).rejects.toThrow(/base currency changed/);
    expect(seen).toEqual(["'=B\r\n"]);
  });
});
