import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { aftership } from '../../sync-server/tracking/providers/aftership';
import { seventeenTrack } from '../../sync-server/tracking/providers/seventeen-track';
import type { TrackingProvider, TrackingResult } from '../../sync-server/tracking/providers/tracking-provider';
import {
  runTrackingSandboxCommand,
  startTrackingSandbox,
  type TrackingSandbox,
} from '../../sync-server/tracking/sandbox/tracking-sandbox';

// Real HTTP both ways: the sandbox signs and POSTs, a small receiver verifies with the adapter as a server
// would (raw body, then readWebhook). Everything started here is closed after each test, passed or failed.
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function sandbox(): Promise<TrackingSandbox> {
  const started = await startTrackingSandbox();
  closers.push(() => started.close());
  return started;
}

/** A webhook endpoint: 401 when readWebhook refuses the signature, else 200 with what it read. */
async function receiver(provider: TrackingProvider): Promise<{ url: string; got: TrackingResult[][] }> {
  const got: TrackingResult[][] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const results = provider.readWebhook!({ rawBody: Buffer.concat(chunks), headers });
      if (results) got.push(results);
      res.writeHead(results ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: !!results }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`, got };
}

async function admin(s: TrackingSandbox, path: string, body: unknown) {
  const response = await fetch(`${s.url}/_sandbox/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const delivered = {
  parcels: [
    {
      trackingNo: 'YT2527712345678901',
      events: [
        { status: 'out_for_delivery', description: 'Out for delivery', time: '2026-10-11T07:20:00+01:00' },
        { status: 'delivered', description: 'Delivered', time: '2026-10-11T12:05:00+01:00' },
      ],
    },
  ],
};

describe('tracking sandbox: signed webhooks to a real endpoint', () => {
  test('17TRACK: the receiver verifies the sign header with the same key, and refuses a wrong one', async () => {
    const s = await sandbox();
    await admin(s, 'parcels', delivered);
    const adapter = seventeenTrack({ baseUrl: s.url, token: 'api-token', webhookKey: s.webhookKeys['17track'] });
    const hook = await receiver(adapter);
    const webhook = { provider: '17track', url: hook.url, trackingNo: 'YT2527712345678901' };

    expect(await admin(s, 'webhooks', webhook)).toEqual({ status: 200, body: { status: 200, body: '{"ok":true}' } });
    expect(hook.got[0]![0]).toMatchObject({ trackingNo: 'YT2527712345678901', status: 'delivered' });
    expect(hook.got[0]![0]!.events.map((e) => e.at)).toEqual(['2026-10-11T06:20:00.000Z', '2026-10-11T11:05:00.000Z']);

    expect((await admin(s, 'webhooks', { ...webhook, badSignature: true })).body.status).toBe(401);
    await admin(s, 'webhooks', { ...webhook, omitEvents: true });
    expect(hook.got[1]).toEqual([
      { trackingNo: 'YT2527712345678901', status: 'delivered', rawStatus: 'Delivered_Other', events: [] },
    ]);
  });

  test('AfterShip: aftership-hmac-sha256 verifies with the webhook secret; a Delivered with no checkpoints is a delivery', async () => {
    const s = await sandbox();
    await admin(s, 'parcels', delivered);
    const adapter = aftership({ baseUrl: s.url, apiKey: 'k', webhookSecret: s.webhookKeys.aftership });
    const hook = await receiver(adapter);
    const webhook = { provider: 'aftership', url: hook.url, trackingNo: 'YT2527712345678901', omitEvents: true };
    expect((await admin(s, 'webhooks', webhook)).body.status).toBe(200);
    expect(hook.got[0]).toEqual([
      { trackingNo: 'YT2527712345678901', status: 'delivered', rawStatus: 'Delivered_001', events: [] },
    ]);
    expect((await admin(s, 'webhooks', { ...webhook, badSignature: true })).body.status).toBe(401);
    // A receiver keyed with another secret refuses the sandbox's good signature too.
    const stranger = await receiver(aftership({ baseUrl: s.url, apiKey: 'k', webhookSecret: 'another' }));
    expect((await admin(s, 'webhooks', { ...webhook, url: stranger.url })).body.status).toBe(401);
  });

  test('a webhook for a parcel the sandbox does not have is a 404; a bad request a 422', async () => {
    const s = await sandbox();
    expect(
      (await admin(s, 'webhooks', { provider: '17track', url: 'http://127.0.0.1:9/', trackingNo: 'NOPE' })).status,
    ).toBe(404);
    expect((await admin(s, 'webhooks', { provider: 'dhl', url: 'http://127.0.0.1:9/', trackingNo: 'X' })).status).toBe(
      422,
    );
  });
});

describe('npx crossdock tracking-sandbox', () => {
  test('prints the bound URL, serves until told to stop, then closes and exits 0', async () => {
    const lines: string[] = [];
    let stop!: () => void;
    const until = new Promise<void>((resolve) => (stop = resolve));
    const exit = runTrackingSandboxCommand({ port: '0' }, { log: (line) => lines.push(line) }, until);
    closers.push(async () => {
      stop();
      await exit;
    });
    await new Promise<void>((resolve) => {
      const wait = () => (lines.length ? resolve() : setTimeout(wait, 5));
      wait();
    });
    const url = /listening on (http:\/\/\S+)/.exec(lines[0]!)![1]!;
    expect((await fetch(`${url}/_sandbox/stats`)).status).toBe(200);
    stop();
    await expect(exit).resolves.toBe(0);
    await expect(fetch(`${url}/_sandbox/stats`)).rejects.toThrow();
  });

  test('a bad --port is a usage error', async () => {
    await expect(runTrackingSandboxCommand({ port: 'http' }, { log: () => {} }, Promise.resolve())).rejects.toThrow(
      '--port must be 0 to 65535',
    );
  });
});
