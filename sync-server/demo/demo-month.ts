import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ROLES } from '../../domain/access/roles';
import type { Database } from '../db/database';
import { sql } from '../db/sql-query';
import { createRequestListener } from '../http/app';
import { carrierRegistry } from '../logistics/carriers/carrier-registry';
import { startSandboxCarrier } from '../logistics/carriers/sandbox/sandbox-server';
import { createLogger } from '../logger';
import { createApiKey, createWorkspace } from '../workflows/workspace-admin';
import { DEMO_PRODUCTS, DEMO_WAREHOUSES } from './demo-catalog';
import { DemoApi, monthOf, setUpDemoShop } from './demo-setup';
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
  refunds: number;
  /** Parcels whose actual freight came on a carrier bill (the others keep their estimate). */
  freightBilled: number;
  from: string;
  to: string;
};

type BookOutcome = {
  shipmentNo: string;
  outcome: string;
  shipment?: { trackingNo: string | null; freight: { amount: string; currency: string } | null };
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
  const api = new DemoApi(base, admin.secret, `demo-${ws.id}`);
  try {
    await setUpDemoShop(api, [monthOf(start), monthOf(start + days * DAY)]);
    log(
      `workspace ${ws.id}: ${DEMO_PRODUCTS.length} products, ${DEMO_WAREHOUSES.length} warehouses, opening stock counted`,
    );

    const random = seededRandom(20261130);
    const pos: { poNo: string; lines: { lineNo: number; ordered: number }[]; arrives: number }[] = [];
    let orders = 0;
    let booked: string[] = [];
    let shipments = 0;
    let shipped = 0;
    let refunds = 0;
    let freightBilled = 0;
    const shippedOrders: string[] = [];
    const placedOrders = new Map<string, DemoOrder>();
    const bill: { trackingNo: string; amount: string; currency: string }[] = [];
    for (let d = 0; d < days; d++) {
      const dayStart = start + d * DAY;
      clock = dayStart + 9 * HOUR;
      // Buying: a restock from Shenzhen on day 1 and day 12, arriving a week later (some lines in two parts).
      if (d === 1 || d === 12) {
        // The supplier's price moves a little between orders, so the moving-average cost moves too.
        const cost = (p: (typeof DEMO_PRODUCTS)[number], i: number) => ({
          unitCost: (Number(p.cost) * (1 + (((i + d) % 5) - 2) / 100)).toFixed(2),
          currency: 'CNY',
        });
        const placed = await api.run('/v1/purchasing/orders', {
          lines: DEMO_PRODUCTS.flatMap((p, i) => [
            { sku: p.sku, qty: 40 + ((i * 13 + d) % 30), warehouse: 'DE1', ...cost(p, i) },
            { sku: p.sku, qty: 30 + ((i * 7 + d) % 25), warehouse: 'US1', ...cost(p, i) },
          ]),
        });
        for (const po of placed.orders as { poNo: string; lines: { lineNo: number; ordered: number }[] }[])
          pos.push({ poNo: po.poNo, lines: po.lines, arrives: d + 7 });
      }
      for (const po of pos.filter((p) => p.arrives === d)) {
        await api.run('/v1/purchasing/receipts', {
          poNo: po.poNo,
          lines: po.lines.map((l) => ({ lineNo: l.lineNo, qty: d % 2 ? l.ordered : Math.max(1, l.ordered - 5) })),
        });
      }
      const today = demoOrdersForDay(new Date(dayStart), d, random);
      const orderNos = await importDay(api, today, placedOrders);
      orders += today.length;
      clock = dayStart + 15 * HOUR;
      await api.run('/v1/orders/moves', {
        action: 'approve',
        orderNos,
        override: true,
        reason: 'Demo data: every order checked by hand',
      });
      // Yesterday's labels leave the warehouse today; today's approved orders are planned and booked.
      if (booked.length) {
        const out = await api.run('/v1/shipments/ship', { shipmentNos: booked });
        shipped += out.done as number;
        shippedOrders.push(...((out.ordersShipped as string[] | undefined) ?? []));
      }
      clock = dayStart + 17 * HOUR;
      const plan = await api.run('/v1/shipments/plan', {});
      const numbers = (plan.shipments as { shipmentNo: string }[]).map((s) => s.shipmentNo);
      shipments += numbers.length;
      booked = [];
      if (numbers.length) {
        const book = await api.run('/v1/shipments/book', { shipmentNos: numbers });
        const done = (book.results as BookOutcome[]).filter((r) => r.outcome === 'done');
        booked = done.map((r) => r.shipmentNo);
        for (const r of done)
          if (r.shipment?.trackingNo && r.shipment.freight)
            bill.push({ trackingNo: r.shipment.trackingNo, ...r.shipment.freight });
      }
      // Mid-month the carrier's bill for the first two weeks arrives: a fuel surcharge over the estimates.
      if (d === 16 && bill.length) {
        const entries = bill.map((b) => ({
          trackingNo: b.trackingNo,
          amount: (Number(b.amount) * 1.06).toFixed(2),
          currency: b.currency,
        }));
        freightBilled = ((await api.run('/v1/logistics/freight-bills', { entries })).applied as unknown[]).length;
      }
      // Now and then a customer gets money back for a damaged item (after-sale refund).
      if (d % 9 === 8 && shippedOrders.length) {
        const orderNo = shippedOrders[(d * 7) % shippedOrders.length]!;
        const order = placedOrders.get(orderNo)!;
        await api.run('/v1/after-sale/cases', {
          orderNo,
          kinds: ['refund'],
          reason: 'damaged',
          note: 'Arrived with a cracked corner (demo)',
          lines: [{ lineNo: 1, qty: 1 }],
          refund: { amount: order.lines[0]!.price, currency: order.currency },
        });
        refunds++;
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
    // A month arrived in minutes: fresh planner statistics, so the reports' joins are planned for this size
    // (PGlite has no autovacuum; without them the order-line report ran for minutes on PGlite).
    await db.query(sql('ANALYZE'));
    return {
      workspaceId: ws.id,
      adminKey: admin.secret,
      orders,
      shipments,
      shipped,
      purchaseOrders: pos.length,
      refunds,
      freightBilled,
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
async function importDay(api: DemoApi, orders: DemoOrder[], placed: Map<string, DemoOrder>): Promise<string[]> {
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
    for (const o of result.orders as { orderNo: string; externalId: string }[]) {
      numbers.push(o.orderNo);
      placed.set(
        o.orderNo,
        orders.find((x) => x.no === o.externalId)!,
      );
    }
  }
  return numbers;
}
