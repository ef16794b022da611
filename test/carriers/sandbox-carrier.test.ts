import { DomainError } from '../../domain/domain-error';
import { CarrierError, type ParcelForCarrier } from '../../sync-server/logistics/carriers/carrier-adapter';
import { sandboxAdapter } from '../../sync-server/logistics/carriers/sandbox/sandbox-adapter';
import {
  runSandboxCommand,
  startSandboxCarrier,
  type SandboxCarrier,
  type SandboxOptions,
} from '../../sync-server/logistics/carriers/sandbox/sandbox-server';

// Real HTTP on free ports; every sandbox started is closed after its test, passed or failed.
const running: SandboxCarrier[] = [];
async function sandbox(options: SandboxOptions = {}): Promise<SandboxCarrier> {
  const started = await startSandboxCarrier({ port: 0, ...options });
  running.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

function parcel(overrides: Partial<ParcelForCarrier> = {}): ParcelForCarrier {
  return {
    reference: 'SH-000123',
    product: 'SBX-STANDARD',
    recipient: {
      name: 'José (Pepe) 李',
      phone: '+1 415 555 0100',
      email: null,
      address1: '1 Market St',
      address2: null,
      city: 'San Francisco',
      province: 'CA',
      postalCode: '94105',
      country: 'US',
    },
    weightG: 420,
    dimensionsCm: { length: 20, width: 15, height: 5 },
    items: [
      {
        sku: 'MUG-1',
        qty: 2,
        declaredNameEn: 'Ceramic mug',
        declaredNameZh: '陶瓷杯',
        hsCode: '691200',
        declaredValue: '4.50',
        currency: 'USD',
        weightG: 200,
      },
    ],
    ...overrides,
  };
}

async function carrierError(promise: Promise<unknown>): Promise<CarrierError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CarrierError) return error;
    throw error;
  }
  throw new Error('expected a CarrierError, the call succeeded');
}

const listed = async (url: string) =>
  ((await (await fetch(`${url}/_sandbox/labels`)).json()) as { labels: Array<Record<string, string>> }).labels;

async function inject(url: string, fault: object): Promise<void> {
  const reply = await fetch(`${url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify(fault) });
  expect(reply.status).toBe(204);
}

describe('sandbox carrier through its adapter', () => {
  test('book returns a tracking number and a valid PDF label naming the parcel', async () => {
    const { url } = await sandbox();
    const label = await sandboxAdapter({ baseUrl: url }).book(parcel());
    expect(label.trackingNumber).toBe('SBX0000000001');
    expect(label.carrierReference).toBeNull();
    const pdf = label.labelPdf.toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    // Every xref entry points at its object, and startxref at the table: readers rely on the offsets.
    const xrefAt = Number(/startxref\n(\d+)\n/.exec(pdf)![1]);
    expect(pdf.slice(xrefAt, xrefAt + 4)).toBe('xref');
    const entries = [...pdf.slice(xrefAt).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(entries).toHaveLength(5);
    entries.forEach((offset, i) => expect(pdf.slice(offset)).toMatch(new RegExp(`^${i + 1} 0 obj\\n`)));
    for (const text of ['SBX0000000001', 'SH-000123', 'SBX-STANDARD', 'Jos? \\(Pepe\\) ?', 'San Francisco US']) {
      expect(pdf).toContain(text);
    }
    expect(/[^\x00-\x7f]/.test(pdf)).toBe(false);
    const served = await fetch(`${url}/v1/labels/${label.trackingNumber}.pdf`);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect((await fetch(`${url}/v1/labels/SBX9999999999.pdf`)).status).toBe(404);
  });

  test('booking the same reference again returns the same label and books once', async () => {
    const { url } = await sandbox();
    const adapter = sandboxAdapter({ baseUrl: url });
    const first = await adapter.book(parcel());
    const again = await adapter.book(parcel());
    expect(again.trackingNumber).toBe(first.trackingNumber);
    expect(await listed(url)).toEqual([
      { reference: 'SH-000123', trackingNumber: first.trackingNumber, status: 'booked' },
    ]);
  });

  test('cancelling twice is refused with the carrier message; the reference can then be booked anew', async () => {
    const { url } = await sandbox();
    const adapter = sandboxAdapter({ baseUrl: url });
    const label = await adapter.book(parcel());
    const booked = { reference: 'SH-000123', trackingNumber: label.trackingNumber, carrierReference: null };
    await adapter.cancel(booked);
    const error = await carrierError(adapter.cancel(booked));
    expect(error).toMatchObject({ kind: 'refused', carrier: 'sandbox', status: 409 });
    expect(error.message).toBe(`Label ${label.trackingNumber} is already cancelled.`);
    const rebooked = await adapter.book(parcel());
    expect(rebooked.trackingNumber).toBe('SBX0000000002');
    expect((await listed(url)).map((l) => l.status)).toEqual(['cancelled', 'booked']);
    const unknown = await carrierError(adapter.cancel({ ...booked, trackingNumber: 'SBX0000000099' }));
    expect(unknown).toMatchObject({ kind: 'refused', status: 404 });
  });

  test.each([
    ['recipient name', { recipient: { ...parcel().recipient, name: '' } }, 'recipient.name is required.'],
    ['country', { recipient: { ...parcel().recipient, country: 'USA' } }, 'recipient.country must be a 2-letter'],
    ['weight', { weightG: 12.5 }, 'weightG must be a positive integer'],
    ['items', { items: [] }, 'items must list at least one item.'],
    ['hs code', { items: [{ ...parcel().items[0]!, hsCode: '' }] }, 'items[0].hsCode is required.'],
    ['product', { product: 'BAD-EXPRESS' }, 'product not available'],
  ])('a refused %s reaches CarrierError.message as a refusal', async (_what, overrides, message) => {
    const { url } = await sandbox();
    const error = await carrierError(sandboxAdapter({ baseUrl: url }).book(parcel(overrides)));
    expect(error).toMatchObject({ kind: 'refused', status: 422 });
    expect(error.message).toContain(message);
    expect(await listed(url)).toEqual([]);
  });

  test('an injected 503 is unavailable, for as many requests as asked', async () => {
    const { url } = await sandbox();
    const adapter = sandboxAdapter({ baseUrl: url });
    await inject(url, { kind: 'status', status: 503, message: 'Carrier down for maintenance', times: 1 });
    const error = await carrierError(adapter.book(parcel()));
    expect(error).toMatchObject({ kind: 'unavailable', status: 503, message: 'Carrier down for maintenance' });
    expect((await adapter.book(parcel())).trackingNumber).toBe('SBX0000000001');
  });

  test('a request the carrier never answers times out; once released it was booked, and the retry finds it', async () => {
    const { url } = await sandbox();
    const adapter = sandboxAdapter({ baseUrl: url, timeoutMs: 200 });
    await inject(url, { kind: 'hang', times: 1 });
    const error = await carrierError(adapter.book(parcel()));
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('may have been booked');
    expect((await fetch(`${url}/_sandbox/faults`, { method: 'DELETE' })).status).toBe(204);
    expect(await listed(url)).toHaveLength(1);
    expect((await adapter.book(parcel())).trackingNumber).toBe('SBX0000000001');
    expect(await listed(url)).toHaveLength(1);
  });

  test('close() ends a hanging request instead of waiting for it', async () => {
    const carrier = await sandbox();
    await inject(carrier.url, { kind: 'hang', times: 1 });
    const pending = carrierError(sandboxAdapter({ baseUrl: carrier.url, timeoutMs: 60_000 }).book(parcel()));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await carrier.close();
    expect((await pending).kind).toBe('unavailable');
    expect((await carrierError(sandboxAdapter({ baseUrl: carrier.url }).book(parcel()))).kind).toBe('unavailable');
  });

  test('a wrong key is refused with 401 and the key never shows in a message', async () => {
    const { url } = await sandbox({ apiKey: 'sbx-right-key' });
    const wrong = await carrierError(sandboxAdapter({ baseUrl: url, apiKey: 'sbx-wrong-key' }).book(parcel()));
    expect(wrong).toMatchObject({ kind: 'refused', status: 401 });
    expect(wrong.message).not.toContain('sbx-');
    const right = sandboxAdapter({ baseUrl: url, apiKey: 'sbx-right-key' });
    expect((await right.book(parcel())).labelPdf.length).toBeGreaterThan(100);
    // A carrier that echoes the key back: the adapter masks it.
    const echo = sandboxAdapter({
      baseUrl: url,
      apiKey: 'sbx-secret',
      fetch: async () =>
        Response.json({ error: { code: 'bad', message: 'key sbx-secret is blocked' } }, { status: 403 }),
    });
    expect((await carrierError(echo.book(parcel()))).message).toBe('key *** is blocked');
  });

  test('a reply not in the documented shape is unavailable', async () => {
    const adapter = sandboxAdapter({
      baseUrl: 'http://carrier.invalid',
      fetch: async () => Response.json({ ok: true }, { status: 201 }),
    });
    expect(await carrierError(adapter.book(parcel()))).toMatchObject({ kind: 'unavailable', status: null });
  });

  test('a quote is an exact decimal string from the weight', async () => {
    const { url } = await sandbox();
    const adapter = sandboxAdapter({ baseUrl: url });
    expect(await adapter.quote!(parcel())).toEqual({ amount: '8.75', currency: 'USD' });
    expect(await adapter.quote!(parcel({ weightG: 2001 }))).toEqual({ amount: '22.35', currency: 'USD' });
    expect(await listed(url)).toEqual([]);
  });
});

describe('carrier-sandbox command', () => {
  test('prints the bound URL, serves until told to stop, then closes and exits 0', async () => {
    const lines: string[] = [];
    let stop!: () => void;
    const until = new Promise<void>((resolve) => (stop = resolve));
    let printed!: (line: string) => void;
    const firstLine = new Promise<string>((resolve) => (printed = resolve));
    const log = (line: string) => {
      lines.push(line);
      printed(line);
    };
    const exit = runSandboxCommand({ port: '0', key: 'k1' }, { log }, until);
    // A failed start rejects `exit` instead of printing: the race keeps the test from waiting forever.
    const line = await Promise.race([firstLine, exit.then((code) => `exited ${code}`)]);
    const match = /^Sandbox carrier listening on (http:\/\/127\.0\.0\.1:(\d+)) \(Ctrl\+C stops it\)$/.exec(line);
    expect(match).not.toBeNull();
    expect(Number(match![2])).toBeGreaterThan(0);
    const url = match![1]!;
    try {
      expect((await sandboxAdapter({ baseUrl: url, apiKey: 'k1' }).book(parcel())).trackingNumber).toMatch(
        /^SBX\d{10}$/,
      );
    } finally {
      stop();
    }
    expect(await exit).toBe(0);
    expect(lines).toHaveLength(1);
    await expect(fetch(`${url}/_sandbox/labels`)).rejects.toThrow();
  });

  test('a bad --port is a usage error', async () => {
    await expect(runSandboxCommand({ port: 'http' }, { log: () => {} }, Promise.resolve())).rejects.toThrow(
      DomainError,
    );
  });
});
