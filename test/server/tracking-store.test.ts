import fc from 'fast-check';
import { DATABASE_KINDS } from '../support/databases';
import type { ApiHarness } from '../support/api-harness';
import {
  approveAll,
  importCustomerOrders,
  key,
  pushRows,
  rateRow,
  row,
  sandboxService,
  shippable,
  startLogisticsApi,
} from '../support/logistics-fixture';
import { ordersOf } from '../support/inventory-fixture';
import { applyTrackingUpdates } from '../../sync-server/workflows/tracking-updates';
import type { TrackingEvent, TrackingResult } from '../../sync-server/tracking/providers/tracking-provider';
import type { TrackingStatus } from '../../domain/tracking/tracking-status';

/** What providers say about a parcel is stored once and only moves it forward (docs/tracking.md). */
describe.each(DATABASE_KINDS)('tracking updates, on %s', (kind) => {
  let api: ApiHarness;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ api, close } = await startLogisticsApi(kind));
  });
  afterAll(async () => {
    await close?.();
  });

  /** Ships orders through the sandbox carrier; answers each order's parcels as [shipmentNo, trackingNo]. */
  async function shipOrders(orders: { no: string; lines: [string, number][] }[]) {
    const ws = await api.workspace();
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    const lg = await ws.keyFor('lg@shop.test', ['logistics']);
    await pushRows(api, ws, {
      products: [shippable('CASE'), shippable('LAMP')],
      warehouses: [
        row('DE1', { name: 'Berlin', countries: ['FR'], rank: 1 }),
        row('FR1', { name: 'Paris', countries: ['FR'], rank: 2 }),
      ],
      carriers: [sandboxService('SBX', { tracking_provider: '17track', tracking_carrier: '190008' })],
      rates: [rateRow('SBX', 'FR', 0, 30_000)],
    });
    await pushRows(api, ws, { stock: [row('CASE@DE1', { on_hand: 50 }), row('LAMP@FR1', { on_hand: 50 })] });
    await importCustomerOrders(api, cs, orders);
    await approveAll(
      api,
      cs,
      orders.map((o) => o.no),
    );
    const plan = await api.call('POST', '/v1/shipments/plan', { key: lg, body: { idempotencyKey: key('plan') } });
    const numbers = plan.body.shipments.map((s: any) => s.shipmentNo);
    const booked = await api.call('POST', '/v1/shipments/book', {
      key: lg,
      body: { idempotencyKey: key('book'), shipmentNos: numbers },
    });
    await api.call('POST', '/v1/shipments/ship', {
      key: lg,
      body: { idempotencyKey: key('ship'), shipmentNos: numbers },
    });
    const parcels = booked.body.results.map((r: any) => ({
      shipmentNo: r.shipmentNo,
      trackingNo: r.shipment.trackingNo,
      orders: r.shipment.orderNos,
    }));
    return { ws, cs, lg, parcels: parcels as { shipmentNo: string; trackingNo: string; orders: string[] }[] };
  }

  const event = (at: string, status: TrackingStatus, description: string): TrackingEvent => ({
    at,
    localText: at,
    zoneSource: 'utc',
    status,
    rawCode: status,
    description,
    location: 'LONDON, GB',
  });
  const JOURNEY = [
    event('2026-10-08T09:00:00.000Z', 'info_received', 'Shipment information received'),
    event('2026-10-09T03:00:00.000Z', 'in_transit', 'Departed origin facility'),
    event('2026-10-10T21:00:00.000Z', 'in_transit', 'Arrived at destination hub'),
    event('2026-10-11T06:20:00.000Z', 'out_for_delivery', 'Out for delivery'),
    event('2026-10-11T11:05:00.000Z', 'delivered', 'Delivered, left with neighbour'),
  ];

  test('answers in any order, repeated, by poll or webhook, leave the same history; status never goes back', async () => {
    const { ws, parcels } = await shipOrders([{ no: 'T1', lines: [['CASE', 1]] }]);
    const [{ shipmentNo, trackingNo }] = parcels as [(typeof parcels)[number]];
    // Each answer: the events seen so far (a prefix of the journey), with the latest one's status.
    const answers = JOURNEY.map((_, i): TrackingResult => ({
      trackingNo,
      status: JOURNEY[i]!.status,
      rawStatus: JOURNEY[i]!.status,
      events: JOURNEY.slice(0, i + 1),
    }));
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ answer: fc.integer({ min: 0, max: 4 }), source: fc.constantFrom('poll', 'webhook') }), {
          minLength: 1,
          maxLength: 8,
        }),
        async (sequence) => {
          round += 1;
          // A fresh parcel per run: the same tracking number on a new shipment row of a fresh workspace is heavy,
          // so each run starts by forgetting what the last one stored.
          await api.db.pool.query(`DELETE FROM tracking_events WHERE workspace_id = $1`, [ws.id]);
          await api.db.pool.query(
            `UPDATE shipments SET tracking_status = 'pending', status = 'shipped', last_event_at = NULL, tracking_flags = '[]' WHERE workspace_id = $1`,
            [ws.id],
          );
          for (const step of sequence)
            await applyTrackingUpdates(
              api.db,
              [{ workspaceId: ws.id, shipmentNo, provider: '17track', result: answers[step.answer]! }],
              step.source as 'poll' | 'webhook',
              () => new Date(`2026-10-12T00:00:${String(round % 60).padStart(2, '0')}Z`),
            );
          const furthest = Math.max(...sequence.map((s) => s.answer));
          const stored = await api.db.pool.query(
            `SELECT at, description FROM tracking_events WHERE workspace_id = $1 ORDER BY at`,
            [ws.id],
          );
          expect(stored.rows.map((r: any) => r.description)).toEqual(
            JOURNEY.slice(0, furthest + 1).map((e) => e.description),
          );
          const state = await api.db.pool.query(
            `SELECT tracking_status, tracking_flags FROM shipments WHERE workspace_id = $1`,
            [ws.id],
          );
          expect(state.rows[0].tracking_status).toBe(JOURNEY[furthest]!.status);
          // Every step back in the sequence (an older answer after a newer one) was flagged, never applied.
          let seen = -1;
          let back = 0;
          for (const s of sequence) {
            if (JOURNEY[s.answer]!.status !== JOURNEY[Math.max(seen, 0)]!.status && s.answer < seen) back += 1;
            seen = Math.max(seen, s.answer);
          }
          expect(state.rows[0].tracking_flags.filter((f: any) => f.code === 'went_back').length).toBe(back);
        },
      ),
      { numRuns: 12 },
    );
  });

  test('an order split in two parcels is delivered when both are; a late scan after delivery is flagged', async () => {
    const { ws, cs, parcels } = await shipOrders([
      {
        no: 'D1',
        lines: [
          ['CASE', 1],
          ['LAMP', 1],
        ],
      },
    ]);
    expect(parcels).toHaveLength(2);
    const deliver = (p: (typeof parcels)[number], result: Partial<TrackingResult> = {}) =>
      applyTrackingUpdates(
        api.db,
        [
          {
            workspaceId: ws.id,
            shipmentNo: p.shipmentNo,
            provider: '17track',
            result: {
              trackingNo: p.trackingNo,
              status: 'delivered',
              rawStatus: 'Delivered',
              events: JOURNEY,
              ...result,
            },
          },
        ],
        'webhook',
        () => new Date('2026-10-12T08:00:00Z'),
      );
    const first = await deliver(parcels[0]!);
    expect(first).toMatchObject({ stored: 5, ordersDelivered: [] });
    expect((await ordersOf(api, cs)).D1!.status).toBe('shipped');
    const rows = await api.call('GET', '/v1/sync/pull?since=0&tables=order_rows', { key: cs });
    expect(rows.body.changes.order_rows[0].values.shipping).toMatch(/^2\/2 shipped/);
    // "Delivered" with no checkpoints at all (real webhooks do that) still delivers.
    const second = await deliver(parcels[1]!, { events: [] });
    expect(second.ordersDelivered).toEqual(['D1']);
    expect((await ordersOf(api, cs)).D1!.status).toBe('delivered');
    const late = await deliver(parcels[0]!, {
      status: 'in_transit',
      events: [event('2026-10-12T07:00:00.000Z', 'in_transit', 'Processed at hub')],
    });
    expect(late).toMatchObject({ stored: 1, wentBack: 1 });
    const shipments = await api.call('GET', '/v1/shipments', { key: cs });
    expect(shipments.body.shipments.map((s: any) => s.status)).toEqual(['delivered', 'delivered']);
    const journey = await api.call('GET', '/v1/orders/D1/journey?lang=zh', { key: cs });
    const texts = journey.body.steps.map((s: any) => `${s.kind}:${s.text}`);
    expect(texts).toEqual(expect.arrayContaining(['order:审核通过', 'shipment:已安排包裹', 'shipment:包裹已发出']));
    expect(texts).toContain('carrier:已签收 · Delivered, left with neighbour · LONDON, GB');
    expect(journey.body.steps.map((s: any) => s.at)).toEqual([...journey.body.steps.map((s: any) => s.at)].sort());
    expect((await api.call('GET', '/v1/orders/NOPE/journey', { key: cs })).status).toBe(404);
    const log = await api.call('GET', `/v1/events?entity=shipments&key=${parcels[0]!.shipmentNo}`, { key: cs });
    expect(log.body.events[0]).toMatchObject({
      action: 'tracking_went_back',
      after: { tracking: 'delivered', reported: 'in_transit' },
    });
  });
});
