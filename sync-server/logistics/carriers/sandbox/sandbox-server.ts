import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DomainError } from '../../../../domain/domain-error';

/**
 * A local stand-in for a carrier's label API (`npx crossdock carrier-sandbox`, and the carrier tests): books
 * labels idempotently by reference, serves each label as a real PDF, cancels, quotes, and fails on request
 * (`/_sandbox/faults`) so error handling can be tried without a real carrier. State lives in memory.
 */
export type SandboxCarrier = { url: string; close(): Promise<void> };
export type SandboxOptions = { port?: number; host?: string; apiKey?: string };

type Label = { reference: string; trackingNumber: string; status: 'booked' | 'cancelled'; body: Body };
type Body = Record<string, unknown>;
type Reply = { status: number; body?: unknown; pdf?: Buffer };
type Fault = { kind: 'status'; status: number; message: string; times: number } | { kind: 'hang'; times: number };

const MAX_BODY_BYTES = 1_000_000;
const fail = (status: number, code: string, message: string): Reply => ({ status, body: { error: { code, message } } });

export async function startSandboxCarrier(options: SandboxOptions = {}): Promise<SandboxCarrier> {
  const labels = new Map<string, Label>();
  const bookedByReference = new Map<string, Label>();
  let counter = 0;
  let fault: Fault | null = null;
  // Requests held by a "hang" fault: answered (processed normally) when the fault is cleared, dropped on close.
  let hanging: Array<() => void> = [];

  function api(method: string, path: string, body: Body | null, req: http.IncomingMessage): Reply {
    const auth = req.headers.authorization;
    if (options.apiKey && auth !== `Bearer ${options.apiKey}`) {
      return fail(401, 'unauthorized', 'Missing or invalid API key (send Authorization: Bearer <key>).');
    }
    if (method === 'POST' && (path === '/v1/labels' || path === '/v1/quote')) {
      const problem = parcelProblem(body);
      if (problem) return fail(422, problem.code, problem.message);
      const parcel = body as Body;
      if (path === '/v1/quote')
        return { status: 200, body: { amount: quoteAmount(parcel.weightG as number), currency: 'USD' } };
      const reference = parcel.reference as string;
      const existing = bookedByReference.get(reference);
      // Same reference while still booked: the carrier recognises a retried booking.
      if (existing) return { status: 200, body: labelReply(existing, req) };
      counter += 1;
      const label: Label = {
        reference,
        trackingNumber: `SBX${String(counter).padStart(10, '0')}`,
        status: 'booked',
        body: parcel,
      };
      labels.set(label.trackingNumber, label);
      bookedByReference.set(reference, label);
      return { status: 201, body: labelReply(label, req) };
    }
    const pdfMatch = /^\/v1\/labels\/([^/]+)\.pdf$/.exec(path);
    if (method === 'GET' && pdfMatch) {
      const label = labels.get(pdfMatch[1]!);
      return label ? { status: 200, pdf: labelPdf(label) } : fail(404, 'not_found', 'No such label.');
    }
    const cancelMatch = /^\/v1\/labels\/([^/]+)$/.exec(path);
    if (method === 'DELETE' && cancelMatch) {
      const label = labels.get(cancelMatch[1]!);
      if (!label) return fail(404, 'not_found', 'No such label.');
      if (label.status === 'cancelled') {
        return fail(409, 'already_cancelled', `Label ${label.trackingNumber} is already cancelled.`);
      }
      label.status = 'cancelled';
      bookedByReference.delete(label.reference);
      return { status: 204 };
    }
    return fail(404, 'not_found', `No endpoint ${method} ${path}.`);
  }

  function control(method: string, path: string, body: Body | null): Reply {
    if (path === '/_sandbox/labels' && method === 'GET') {
      const list = [...labels.values()].map(({ body: _parcel, ...listed }) => listed);
      return { status: 200, body: { labels: list } };
    }
    if (path === '/_sandbox/faults' && method === 'DELETE') {
      fault = null;
      const released = hanging;
      hanging = [];
      for (const answer of released) answer();
      return { status: 204 };
    }
    if (path === '/_sandbox/faults' && method === 'POST') {
      const parsed = parseFault(body ?? {});
      if (typeof parsed === 'string') return fail(422, 'invalid_fault', parsed);
      fault = parsed;
      return { status: 204 };
    }
    return fail(404, 'not_found', `No endpoint ${method} ${path}.`);
  }

  const server = http.createServer((req, res) => {
    const send = ({ status, body, pdf }: Reply) => {
      if (res.destroyed) return; // a released "hang" whose client gave up: the booking still happened
      const payload = pdf ?? (body === undefined ? '' : JSON.stringify(body));
      if (payload.length) res.setHeader('content-type', pdf ? 'application/pdf' : 'application/json');
      res.statusCode = status;
      res.end(payload);
    };
    readJson(req)
      .then((body) => {
        if (body === 'too_large') return send(fail(413, 'too_large', 'Request body over 1 MB.'));
        if (body === 'invalid') return send(fail(400, 'invalid_json', 'Request body is not a JSON object.'));
        const method = req.method ?? 'GET';
        const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
        if (path.startsWith('/_sandbox/')) return send(control(method, path, body));
        const answer = () => send(api(method, path, body, req));
        if (!fault) return answer();
        const current = fault;
        if (--current.times === 0) fault = null;
        if (current.kind === 'hang') hanging.push(answer);
        else send(fail(current.status, 'sandbox_fault', current.message));
      })
      .catch(() => res.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        hanging = [];
        server.close(() => resolve());
        // Keep-alive sockets and hanging requests would otherwise hold close() open.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** The fault to inject, or why the request is not one. */
function parseFault(body: Body): Fault | string {
  const times = body.times ?? 1;
  if (!Number.isInteger(times) || (times as number) < 1) return 'times must be a positive integer.';
  if (body.kind === 'hang') return { kind: 'hang', times: times as number };
  const status = body.status as number;
  if (body.kind !== 'status' || !Number.isInteger(status) || status < 400 || status > 599) {
    return 'kind must be "hang", or "status" with a status from 400 to 599.';
  }
  const message = typeof body.message === 'string' ? body.message : `Sandbox fault: HTTP ${status}.`;
  return { kind: 'status', status, message, times: times as number };
}

/** `null` for an empty body (GET, DELETE); `invalid` for anything that is not a JSON object. */
function readJson(req: http.IncomingMessage): Promise<Body | null | 'invalid' | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return resolve('too_large');
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text.trim()) return resolve(null);
      try {
        const parsed: unknown = JSON.parse(text);
        resolve(parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Body) : 'invalid');
      } catch {
        resolve('invalid');
      }
    });
  });
}

const labelReply = (label: Label, req: http.IncomingMessage) => ({
  trackingNumber: label.trackingNumber,
  labelUrl: `http://${req.headers.host ?? 'localhost'}/v1/labels/${label.trackingNumber}.pdf`,
});

const filled = (value: unknown) => typeof value === 'string' && value.trim() !== '';

/** The first thing wrong with a label request, naming the field, as a carrier would refuse it. */
function parcelProblem(body: Body | null): { code: string; message: string } | null {
  const invalid = (message: string) => ({ code: 'validation_failed', message });
  if (!body) return invalid('Request body is required.');
  if (!filled(body.reference)) return invalid('reference is required.');
  if (!filled(body.product)) return invalid('product is required.');
  if ((body.product as string).startsWith('BAD')) {
    return { code: 'product_unavailable', message: `product not available: ${body.product as string}.` };
  }
  const recipient = (body.recipient ?? {}) as Body;
  for (const field of ['name', 'address1', 'country']) {
    if (!filled(recipient[field])) return invalid(`recipient.${field} is required.`);
  }
  if (!/^[A-Za-z]{2}$/.test(recipient.country as string)) {
    return invalid('recipient.country must be a 2-letter ISO 3166-1 code.');
  }
  if (!Number.isInteger(body.weightG) || (body.weightG as number) <= 0) {
    return invalid('weightG must be a positive integer (grams).');
  }
  if (!Array.isArray(body.items) || body.items.length === 0) return invalid('items must list at least one item.');
  for (const [i, item] of (body.items as Body[]).entries()) {
    if (!filled(item?.declaredNameEn)) return invalid(`items[${i}].declaredNameEn is required.`);
    if (!filled(item?.hsCode)) return invalid(`items[${i}].hsCode is required.`);
  }
  return null;
}

/** USD 4.50 plus 0.85 per started 100 g, in whole cents so the string is exact. */
export function quoteAmount(weightG: number): string {
  const cents = 450 + Math.ceil(weightG / 100) * 85;
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** PDF string literal text: Helvetica here has only ASCII, and ( ) \ must be escaped. */
function pdfText(value: unknown, max = 44): string {
  const ascii = String(value ?? '').replace(/[^\x20-\x7e]/g, '?');
  const cut = ascii.length > max ? `${ascii.slice(0, max - 3)}...` : ascii;
  return cut.replace(/[\\()]/g, (c) => `\\${c}`);
}

/** A one-page 4x6 inch PDF 1.4, written by hand: five objects and an xref of their byte offsets. */
function labelPdf(label: Label): Buffer {
  const recipient = (label.body.recipient ?? {}) as Body;
  const lines: Array<[size: number, text: string]> = [
    [10, 'SANDBOX CARRIER - NOT A REAL LABEL'],
    [20, pdfText(label.trackingNumber)],
    [11, `Reference: ${pdfText(label.reference, 33)}`],
    [11, `Product: ${pdfText(label.body.product, 35)}`],
    [11, 'Ship to:'],
    [13, pdfText(recipient.name, 38)],
    [13, `${pdfText(recipient.city ?? '', 30)} ${pdfText(recipient.country, 2)}`.trim()],
    [14, label.status === 'cancelled' ? 'CANCELLED' : ''],
  ];
  let y = 420;
  const content = lines
    .filter(([, text]) => text !== '')
    .map(([size, text]) => {
      y -= size + 8;
      return `BT /F1 ${size} Tf 24 ${y} Td (${text}) Tj ET`;
    })
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 288 432] /Contents 5 0 R /Resources << /Font << /F1 4 0 R >> >> >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((object, i) => {
    const offset = pdf.length;
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

const signalled = () =>
  new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
  });

/** `npx crossdock carrier-sandbox`: runs until `until` settles (SIGINT or SIGTERM by default), then exits 0. */
export async function runSandboxCommand(
  opts: { port?: string; host?: string; key?: string },
  out: { log(line: string): void },
  until?: Promise<void>,
): Promise<number> {
  const port = opts.port === undefined ? 4010 : Number(opts.port);
  if (!/^\d+$/.test(opts.port ?? '0') || port > 65535) {
    throw new DomainError('usage', `--port must be 0 to 65535 (0 picks a free port), not "${opts.port}".`);
  }
  const host = opts.host ?? '127.0.0.1';
  const sandbox = await startSandboxCarrier({ port, host, apiKey: opts.key || undefined }).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new DomainError('usage', `Port ${port} is in use: pass another --port (0 = any).`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
      throw new DomainError('usage', `Cannot listen on --host ${host} (${code}).`);
    throw error;
  });
  out.log(`Sandbox carrier listening on ${sandbox.url} (Ctrl+C stops it)`);
  await (until ?? signalled());
  await sandbox.close();
  return 0;
}
