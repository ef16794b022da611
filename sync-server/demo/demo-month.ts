import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ROLES } from '../../domain/access/roles';
import type { Database } from '../db/database';
import { createRequestListener } from '../http/app';
import { carrierRegistry } from '../logistics/carriers/carrier-registry';
import { startSandboxCarrier } from '../logistics/carriers/sandbox/sandbox-server';
import { createLogger } from '../logger';
import { createApiKey, createWorkspace } from '../workflows/workspace-admin';
import { DEMO_CARRIERS, DEMO_SUPPLIERS, DEMO_OPENING_STOCK, DEMO_PRODUCTS, DEMO_WAREHOUSES } from './demo-catalog';
import {
  amazonReport,
  demoOrdersForDay,
  seededRandom,
  shopifyExport,
  templateFile,
  type DemoOrder,
} from './demo-orders';

/**
 * `npx crossdock demo` (docs/reports.md, "Demo"): a new workspace lived through a month, day by day, by
 * the product's own HTTP API in this process (the real routes, checks and workflows: nothing is inserted
 * behind their back), with the server's clock set to each day. The sandbox carrier books the labels.
 */
export type DemoSummary = {
  workspaceId: string;
  adminKey: string;
  orders: number;
  shipments: number;
  shipped: number;
  purchaseOrders: number;
  from: string;
  to: string;
};

const DAY = 86_400_000;
const HOUR = 3_600_000;

export async function runDemoMonth(
  db: Database,
  options: { today: Date; days?: number; log?: (line: string) => void },
): Promise<DemoSummary> {
  const days = options.days ?? 30;
  const log = options.log ?? (() => undefined);
  const start =
    Date.UTC(options.today.getUTCFullYear(), options.today.getUTCMonth(), options.today.getUTCDate()) - days * DAY;
  let clock = start + 8 * HOUR;
  const ws = await createWorkspace(db, 'Demo shop');
  const admin = await createApiKey(db, { workspaceId: ws.id, name: 'demo admin', roles: [...ROLES] });
  const carrier = await startSandboxCarrier({ port: 0, host: '127.0.0.1' });
  const listener = createRequestListener({
    db,
    logger: createLogger('silent'),
    verifyIdToken: null,
    bodyLimit: '50mb',
    rateLimitPerMinute: 1_000_000,
    now: () => new Date(clock),
    logistics: { carriers: carrierRegistry({ sandbox: { url: carrier.url } }) },
  });
  const server = http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let n = 0;
  const api = new DemoApi(base, admin.secret, () => `demo-${ws.id}-${++n}`);
  try {
    await api.push({
      suppliers: Object.entries(DEMO_SUPPLIERS).map(([code, name]) =>
        row(code, { name, lead_days: 7, transit_days: 7 }),
      ),
      products: DEMO_PRODUCTS.map((p) =>
        row(p.sku, {
          name_en: p.name,
          name_zh: p.nameZh,
          weight_g: p.weightG,
          length_cm: p.size[0],
          width_cm: p.size[1],
          height_cm: p.size[2],
          unit_cost: p.cost,
          cost_currency: 'CNY',
          supplier: p.supplier,
          declared_name_en: p.declared,
          hs_code: '392690',
          declared_value: String(Math.max(2, Math.round(p.price / 3))),
          declared_currency: 'USD',
          sales_owner: p.owner,
        }),
      ),
      warehouses: DEMO_WAREHOUSES.map((w) => row(w.code, { name: w.name, countries: [...w.countries], rank: w.rank })),
      carriers: DEMO_CARRIERS.map((c) =>
        row(c.code, {
          name: c.name,
          adapter: 'sandbox',
          carrier_product: 'SBX-STD',
          countries: [...c.countries],
          priority: c.priority,
        }),
      ),
      rates: DEMO_CARRIERS.flatMap((c) =>
        c.countries.map((country) =>
          row(`${c.code}@${country}@0`, {
            service: c.code,
            zone: country,
            from_g: 0,
            to_g: 2000,
            first_g: 100,
            first_price: c.first,
            step_g: 100,
            step_price: c.step,
            currency: 'CNY',
          }),
        ),
      ),
    });
    await api.push({ stock: Object.entries(DEMO_OPENING_STOCK).map(([key, onHand]) => row(key, { on_hand: onHand })) });
    log(
      `workspace ${ws.id}: ${DEMO_PRODUCTS.length} products, ${DEMO_WAREHOUSES.length} warehouses, opening stock counted`,
    );

    const random = seededRandom(20261130);
    const pos: { poNo: string; lines: { lineNo: number; ordered: number }[]; arrives: number }[] = [];
    let orders = 0;
    let booked: string[] = [];
    let shipments = 0;
    let shipped = 0;
    for (let d = 0; d < days; d++) {
      const dayStart = start + d * DAY;
      clock = dayStart + 9 * HOUR;
      // Buying: a restock from Shenzhen on day 1 and day 12, arriving a week later (some lines in two parts).
      if (d === 1 || d === 12) {
        const placed = await api.call('POST', '/v1/purchasing/orders', {
          lines: DEMO_PRODUCTS.flatMap((p, i) => [
            { sku: p.sku, qty: 40 + ((i * 13 + d) % 30), warehouse: 'DE1' },
            { sku: p.sku, qty: 30 + ((i * 7 + d) % 25), warehouse: 'US1' },
          ]),
        });
        for (const po of placed.orders as { poNo: string; lines: { lineNo: number; ordered: number }[] }[])
          pos.push({ poNo: po.poNo, lines: po.lines, arrives: d + 7 });
      }
      for (const po of pos.filter((p) => p.arrives === d)) {
        await api.call('POST', '/v1/purchasing/receipts', {
          poNo: po.poNo,
          lines: po.lines.map((l) => ({ lineNo: l.lineNo, qty: d % 2 ? l.ordered : Math.max(1, l.ordered - 5) })),
        });
      }
      const today = demoOrdersForDay(new Date(dayStart), d, random);
      const orderNos = await importDay(api, today);
      orders += today.length;
      clock = dayStart + 15 * HOUR;
      await api.call('POST', '/v1/orders/moves', {
        action: 'approve',
        orderNos,
        override: true,
        reason: 'Demo data: every order checked by hand',
      });
      // Yesterday's labels leave the warehouse today; today's approved orders are planned and booked.
      if (booked.length) {
        const out = await api.call('POST', '/v1/shipments/ship', { shipmentNos: booked });
        shipped += out.done as number;
      }
      clock = dayStart + 17 * HOUR;
      const plan = await api.call('POST', '/v1/shipments/plan', {});
      const numbers = (plan.shipments as { shipmentNo: string }[]).map((s) => s.shipmentNo);
      shipments += numbers.length;
      booked = [];
      if (numbers.length) {
        const book = await api.call('POST', '/v1/shipments/book', { shipmentNos: numbers });
        booked = (book.results as { shipmentNo: string; outcome: string }[])
          .filter((r) => r.outcome === 'done')
          .map((r) => r.shipmentNo);
      }
      const skipped = plan.skipped as { code: string }[];
      log(
        `${new Date(dayStart).toISOString().slice(0, 10)}: ${today.length} orders, ${booked.length} parcels booked` +
          (numbers.length > booked.length ? ` (${numbers.length - booked.length} refused by the carrier)` : '') +
          (skipped.length
            ? `, ${skipped.length} not planned (${[...new Set(skipped.map((s) => s.code))].join(', ')})`
            : ''),
      );
    }
    return {
      workspaceId: ws.id,
      adminKey: admin.secret,
      orders,
      shipments,
      shipped,
      purchaseOrders: pos.length,
      from: new Date(start).toISOString().slice(0, 10),
      to: new Date(start + (days - 1) * DAY).toISOString().slice(0, 10),
    };
  } finally {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await carrier.close();
  }
}

/** The day's files, imported as CS would; the order numbers Crossdock gave them (SH-…, AMZ-…). */
async function importDay(api: DemoApi, orders: DemoOrder[]): Promise<string[]> {
  const numbers: string[] = [];
  const files = [
    ['shopify', shopifyExport(orders.filter((o) => o.channel === 'shopify'))],
    ['amazon', amazonReport(orders.filter((o) => o.channel === 'amazon'))],
    ['template', templateFile(orders.filter((o) => o.channel === 'template'))],
  ] as const;
  for (const [format, text] of files) {
    if (!orders.some((o) => o.channel === format)) continue;
    const result = await api.call('POST', '/v1/orders/import', { format, text });
    if (result.rejected) throw new Error(`demo ${format} file refused: ${JSON.stringify(result.rejectedRows)}`);
    numbers.push(...(result.orders as { orderNo: string }[]).map((o) => o.orderNo));
  }
  return numbers;
}

const row = (key: string, values: Record<string, unknown>) => ({ key, baseVersion: null, values });

/** The demo's client of the API: every refusal stops the demo with the server's own answer. */
class DemoApi {
  private mutation = 0;
  constructor(
    private readonly base: string,
    private readonly secret: string,
    private readonly nextKey: () => string,
  ) {}

  async call(method: string, path: string, body: Record<string, unknown>): Promise<Record<string, any>> {
    const withKey =
      path.startsWith('/v1/orders/import') || path === '/v1/sync/push'
        ? body
        : { idempotencyKey: this.nextKey(), ...body };
    const response = await fetch(this.base + path, {
      method,
      headers: { authorization: `Bearer ${this.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify(withKey),
    });
    const answer = (await response.json()) as Record<string, any>;
    if (!response.ok) throw new Error(`demo: ${method} ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
    return answer;
  }

  async push(tables: Record<string, unknown[]>): Promise<void> {
    const answer = await this.call('POST', '/v1/sync/push', {
      clientId: 'demo-month-loader',
      mutationId: ++this.mutation,
      tables,
    });
    for (const [table, rows] of Object.entries(answer.results as Record<string, { key: string; status: string }[]>)) {
      const refused = rows.filter((r) => r.status !== 'applied');
      if (refused.length) throw new Error(`demo: ${table} refused: ${JSON.stringify(refused).slice(0, 2000)}`);
    }
  }
}
