import { SETUP_OVERRIDE } from './inventory-fixture';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startApiHarness, type ApiHarness } from './api-harness';
import type { DatabaseKind } from './databases';
import type { TrackingProvider } from '../../sync-server/tracking/providers/tracking-provider';
import type { CarrierSettings } from '../../sync-server/logistics/carriers/carrier-registry';
import { startSandboxCarrier, type SandboxCarrier } from '../../sync-server/logistics/carriers/sandbox/sandbox-server';
import { cleanUpLater } from './cleanup';

type Workspace = Awaited<ReturnType<ApiHarness['workspace']>>;

let mutation = 0;
let command = 0;

/** A unique idempotency key per call (a test's retries reuse theirs on purpose). */
export const key = (what: string) => `${what}-${process.pid}-${++command}`;

/** Pushes rows as the admin would from the sheet; throws with the server's answer unless every row applied. */
export async function pushRows(api: ApiHarness, ws: Workspace, tables: Record<string, unknown[]>, strict = true) {
  const answer = await api.call('POST', '/v1/sync/push', {
    key: ws.adminKey,
    body: { clientId: 'logistics-seed', mutationId: ++mutation, tables },
  });
  if (answer.status !== 200) throw new Error(`push failed: ${JSON.stringify(answer.body)}`);
  if (strict)
    for (const rows of Object.values(answer.body.results as Record<string, { status: string }[]>)) {
      const refused = rows.filter((r) => r.status !== 'applied');
      if (refused.length) throw new Error(`push refused: ${JSON.stringify(refused)}`);
    }
  return answer.body as {
    results: Record<string, { key: string; status: string; errors?: { field: string; message: string }[] }[]>;
  };
}

export const row = (key: string, values: Record<string, unknown>) => ({ key, baseVersion: null, values });

/** A product ready to ship: weight, size and its customs declaration. */
export const shippable = (sku: string, extra: Record<string, unknown> = {}) =>
  row(sku, {
    name_en: `${sku} product`,
    weight_g: 200,
    length_cm: 20,
    width_cm: 10,
    height_cm: 5,
    declared_name_en: 'Phone case',
    hs_code: '392690',
    declared_value: '5',
    declared_currency: 'USD',
    ...extra,
  });

export type TestOrder = { no: string; country?: string; lines: [string, number][]; customer?: string };

/** Imports template orders; orders with the same `customer` share recipient, phone and address (one parcel). */
export async function importCustomerOrders(api: ApiHarness, key: string, orders: TestOrder[]): Promise<void> {
  const header =
    'Order no.,SKU,Qty,Unit price,Currency,Payment,Recipient,Phone,Address line 1,City,Postal code,Country';
  const rows = orders.flatMap((o, i) => {
    const who = o.customer ?? `solo-${o.no}`;
    const n = o.customer ? [...who].reduce((a, c) => a + c.charCodeAt(0), 0) % 100 : i % 100;
    return o.lines.map(
      ([sku, qty]) =>
        `${o.no},${sku},${qty},10,EUR,prepaid,Client ${who},+336123456${String(n).padStart(2, '0')},${n + 1} rue de la Paix,Paris,75002,${o.country ?? 'FR'}`,
    );
  });
  const answer = await api.call('POST', '/v1/orders/import', {
    key,
    body: { format: 'template', text: [header, ...rows].join('\n') },
  });
  if (answer.status !== 200 || answer.body.rejected) throw new Error(`import failed: ${JSON.stringify(answer.body)}`);
}

export async function approveAll(api: ApiHarness, key: string, orderNos: string[]): Promise<void> {
  const answer = await api.call('POST', '/v1/orders/moves', {
    key,
    body: { idempotencyKey: `approve-${process.pid}-${++command}`, action: 'approve', orderNos, ...SETUP_OVERRIDE },
  });
  if (answer.status !== 200 || answer.body.refused) throw new Error(`approve failed: ${JSON.stringify(answer.body)}`);
}

/** A sandbox service to FR and DE with a simple rate card: 0-500 g 30 CNY for the first 100 g, 5 per 100 g more. */
export function sandboxService(code: string, extra: Record<string, unknown> = {}) {
  return row(code, {
    name: `${code} sandbox`,
    adapter: 'sandbox',
    carrier_product: 'SBX-STD',
    countries: ['FR', 'DE'],
    attributes: ['general'],
    priority: 10,
    ...extra,
  });
}

export function rateRow(service: string, zone: string, from: number, to: number, extra: Record<string, unknown> = {}) {
  return row(`${service}@${zone}@${from}`, {
    service,
    zone,
    from_g: from,
    to_g: to,
    first_g: 100,
    first_price: '30',
    step_g: 100,
    step_price: '5',
    currency: 'CNY',
    ...extra,
  });
}

const CLI_BUNDLE = path.resolve(__dirname, '..', '..', 'dist', 'server', 'cli.cjs');
const EXIT_WITH_PARENT = path.resolve(__dirname, 'exit-with-parent.cjs');

/**
 * The sandbox carrier in a process of its own (`crossdock carrier-sandbox --port 0`), for tests whose
 * add-on blocks this process while it waits for the server (the fake UrlFetchApp): a carrier in this
 * process could not answer the server meanwhile. Stopped after the test (or file) that started it.
 */
export function startSandboxCarrierProcess(): Promise<{ url: string }> {
  const child = spawn(process.execPath, ['--require', EXIT_WITH_PARENT, CLI_BUNDLE, 'carrier-sandbox', '--port', '0'], {
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  cleanUpLater(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  return new Promise((resolve, reject) => {
    const check = () => {
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ url });
    };
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      check();
    });
    child.stderr!.on('data', (chunk) => (out += chunk));
    child.once('close', (code) => reject(new Error(`the sandbox carrier exited with ${code}:\n${out}`)));
    child.once('error', reject);
  });
}

/** The API on a database of `kind`, with the sandbox carrier it books at (both closed by `close`). */
export async function startLogisticsApi(
  kind: DatabaseKind,
  carriers: Omit<CarrierSettings, 'sandbox'> = {},
  trackingProviders: TrackingProvider[] = [],
  now?: () => Date,
): Promise<{ api: ApiHarness; carrier: SandboxCarrier; close(): Promise<void> }> {
  const carrier = await startSandboxCarrier({ port: 0 });
  try {
    const api = await startApiHarness(kind, {
      carriers: { sandbox: { url: carrier.url }, ...carriers },
      trackingProviders,
      ...(now ? { now } : {}),
    });
    const close = async () => {
      await api.close();
      await carrier.close();
    };
    return { api, carrier, close };
  } catch (error) {
    await carrier.close();
    throw error;
  }
}
