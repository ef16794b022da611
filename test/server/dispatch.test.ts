import { DATABASE_KINDS } from '../support/databases';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { approve, importOrders, seedCatalog, supplyFrom } from '../support/inventory-fixture';
import { key, pushRows, rateRow, row, shippable } from '../support/logistics-fixture';

const T0 = new Date('2026-11-02T08:00:00.000Z');
const H = 3_600_000;
const D = 24 * H;

/** The dispatch center over HTTP (docs/dispatch.md), on a clock the test moves. */
describe.each(DATABASE_KINDS)('dispatch center, on %s', (kind) => {
  let api: ApiHarness;
  let clock = T0;
  const at = (ms: number) => {
    clock = new Date(T0.getTime() + ms);
  };
  beforeAll(async () => {
    api = await startApiHarness(kind, { now: () => clock });
  });
  afterAll(async () => {
    await api.close();
  });

  test('each stuck rule hits at its threshold, not just under it', async () => {
    at(0);
    const ws = await api.workspace();
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    const buyer = await ws.keyFor('buyer@shop.test', ['purchasing']);
    await seedCatalog(api, ws, {
      skus: ['CASE', 'PC', 'LAMP'],
      warehouses: [{ code: 'FR1', countries: [], rank: 1 }],
      stock: { 'CASE@FR1': 5 },
    });
    await supplyFrom(api, buyer, 'SUP1', ['PC']); // lead 7 days (the supplier's defaults)
    await importOrders(api, cs, [
      ['R1', 'FR', [['CASE', 1]]],
      ['C1', 'FR', [['CASE', 1]]],
      ['C2', 'FR', [['CASE', 1]]],
      ['S1', 'FR', [['CASE', 1]]],
      ['P1', 'FR', [['PC', 1]]],
      ['P2', 'FR', [['LAMP', 1]]],
    ]);
    const move = (action: string, orderNos: string[], extra: object = {}) =>
      api.call('POST', '/v1/orders/moves', {
        key: cs,
        body: { idempotencyKey: key(action), action, orderNos, ...extra },
      });
    expect((await move('needs_contact', ['C1', 'C2'])).status).toBe(200);
    for (let i = 0; i < 3; i++)
      expect((await move('log_call', ['C2'], { call: { result: 'no_answer' } })).status).toBe(200);
    await approve(api, cs, ['S1', 'P1', 'P2']);
    const po = await api.call('POST', '/v1/purchasing/orders', {
      key: buyer,
      body: { idempotencyKey: key('po'), warehouse: 'FR1', lines: [{ sku: 'PC', qty: 1 }] },
    });
    expect(po.body.orders[0]).toMatchObject({ poNo: 'PO-00001', expectedOn: '2026-11-09' });

    const stuck = async () => {
      const answer = await api.call('GET', '/v1/dispatch/stuck?lang=en', { key: cs });
      expect(answer.status).toBe(200);
      return (answer.body.hits as { rule: string; key: string }[]).map((h) => `${h.rule}:${h.key}`).sort();
    };
    // Three calls without an answer: stuck at once, however young.
    expect(await stuck()).toEqual(['pending_contact:C2']);
    at(24 * H - 1);
    expect(await stuck()).toEqual(['pending_contact:C2']);
    at(24 * H);
    expect(await stuck()).toEqual(['pending_contact:C2', 'pending_review:R1']);
    at(48 * H - 1);
    expect(await stuck()).toEqual(['pending_contact:C2', 'pending_review:R1']);
    at(48 * H);
    expect(await stuck()).toEqual([
      'pending_contact:C1',
      'pending_contact:C2',
      'pending_review:R1',
      'pending_shipment:S1',
    ]);
    // P1's SKU comes from SUP1 (7 days); PO-00001 is due 2026-11-09, late from the 10th at 00:00 UTC.
    at(7 * D - 1);
    expect(await stuck()).not.toContain('pending_purchase:P1');
    at(7 * D);
    expect(await stuck()).toContain('pending_purchase:P1');
    clock = new Date('2026-11-09T23:59:59.999Z');
    expect(await stuck()).not.toContain('po_late:PO-00001');
    clock = new Date('2026-11-10T00:00:00.000Z');
    expect(await stuck()).toContain('po_late:PO-00001');
    // P2's SKU has no supplier: the Settings sheet's fallback (30 days) applies.
    at(30 * D - 1);
    expect(await stuck()).not.toContain('pending_purchase:P2');
    at(30 * D);
    expect(await stuck()).toContain('pending_purchase:P2');

    // The thresholds come from the settings (synced from the Settings sheet).
    const synced = await api.call('POST', '/v1/sync', {
      key: ws.adminKey,
      body: { clientId: 'settings-sheet', since: 0, settings: { dispatch: { reviewHours: '1000' } } },
    });
    expect(synced.body.settings.errors).toEqual([]);
    expect(synced.body.settings.dispatch.reviewHours).toBe('1000');
    expect(await stuck()).not.toContain('pending_review:R1');
    const refused = await api.call('POST', '/v1/sync', {
      key: cs,
      body: { clientId: 'settings-sheet', since: 0, lang: 'zh', settings: { dispatch: { reviewHours: '2' } } },
    });
    expect(refused.body.settings.errors[0].message).toContain('调度阈值');

    const hit = (await api.call('GET', '/v1/dispatch/stuck?lang=zh', { key: cs })).body.hits.find(
      (h: { key: string }) => h.key === 'P2',
    );
    expect(hit).toMatchObject({ entity: 'order', role: 'purchasing', roleLabel: '采购', age: '30天' });
  });

  test('shipment rules: no first scan, quiet tracking, open exception', async () => {
    at(0);
    const ws = await api.workspace();
    // Parcels as the logistics center leaves them (their own flows are tested in logistics-*.test.ts).
    const parcel = (no: string, status: string, lastEventAt: Date | null) =>
      api.db.pool.query(
        `INSERT INTO shipments (workspace_id, shipment_no, status, warehouse, country, attributes, created_at, created_by,
                                shipped_at, last_event_at, version, change_no, updated_at, updated_by)
         VALUES ($1, $2, $3, 'FR1', 'FR', '{}', $4, 'test', $4, $5, 1, 1, $4, 'test')`,
        [ws.id, no, status, clock, lastEventAt],
      );
    await parcel('SH-1', 'shipped', null);
    await parcel('SH-2', 'in_transit', T0);
    await parcel('SH-3', 'exception', T0);
    const stuck = async () =>
      ((await api.call('GET', '/v1/dispatch/stuck', { key: ws.adminKey })).body.hits as { rule: string; key: string }[])
        .map((h) => `${h.rule}:${h.key}`)
        .sort();
    at(2 * D - 1);
    expect(await stuck()).toEqual([]);
    at(2 * D);
    expect(await stuck()).toEqual(['exception_open:SH-3']);
    at(3 * D - 1);
    expect(await stuck()).toEqual(['exception_open:SH-3']);
    at(3 * D);
    expect(await stuck()).toEqual(['exception_open:SH-3', 'no_first_scan:SH-1']);
    at(7 * D - 1);
    expect(await stuck()).not.toContain('tracking_quiet:SH-2');
    at(7 * D);
    expect(await stuck()).toContain('tracking_quiet:SH-2');

    const flow = await api.call('GET', '/v1/dispatch/flow', { key: ws.adminKey });
    expect(flow.body.lines.find((l: { status: string }) => l.status === 'exception')).toMatchObject({
      center: 'logistics',
      count: 1,
      oldestAgeMs: 7 * D,
    });
  });

  test('an order journey runs from import through purchase, receipt, shipment and delivery, in order', async () => {
    at(0);
    const ws = await api.workspace();
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    const buyer = await ws.keyFor('buyer@shop.test', ['purchasing']);
    const wh = await ws.keyFor('wh@shop.test', ['warehouse']);
    const lg = await ws.keyFor('lg@shop.test', ['logistics']);
    await pushRows(api, ws, {
      products: [shippable('CASE')],
      warehouses: [row('FR1', { name: 'Paris', countries: ['FR'], rank: 1 })],
      carriers: [row('POST', { name: 'La Poste', adapter: 'manual', countries: ['FR'], priority: 10 })],
      rates: [rateRow('POST', 'FR', 0, 2000)],
    });
    await supplyFrom(api, buyer, 'SUP1', ['CASE']);
    await importOrders(api, cs, [
      ['J1', 'FR', [['CASE', 1]]],
      ['J2', 'FR', [['CASE', 2]]],
    ]);
    const step = async (ms: number, work: () => Promise<{ status: number; body: unknown }>) => {
      at(ms);
      const answer = await work();
      expect([answer.status, answer.body]).toEqual([200, expect.anything()]);
      return answer.body as any;
    };
    await step(H, () => approve(api, cs, ['J1']));
    await step(H + 1, () => approve(api, cs, ['J2']));
    const po = await step(2 * H, () =>
      api.call('POST', '/v1/purchasing/orders', {
        key: buyer,
        body: { idempotencyKey: key('po'), warehouse: 'FR1', lines: [{ sku: 'CASE', qty: 1 }] },
      }),
    );
    // Pending purchase, before any receipt: the journey already names the PO line raised for the order.
    const waiting = (await api.call('GET', '/v1/orders/J1/journey?lang=zh', { key: cs })).body.steps as any[];
    expect(waiting.filter((s) => s.kind === 'purchase')).toEqual([
      {
        at: new Date(T0.getTime() + 2 * H).toISOString(),
        kind: 'purchase',
        subject: po.orders[0].poNo,
        text: '已下采购单',
      },
      {
        at: new Date(T0.getTime() + 2 * H).toISOString(),
        kind: 'purchase',
        subject: po.orders[0].poNo,
        text: '已为本订单下采购单第 1 行：CASE ×1',
      },
    ]);
    // Its one unit serves J1, approved first; J2, approved after, waits on no PO yet.
    const second = (await api.call('GET', '/v1/orders/J2/journey', { key: cs })).body.steps as any[];
    expect(second.filter((s) => s.kind === 'purchase')).toEqual([]);
    await step(3 * D, () =>
      api.call('POST', '/v1/purchasing/receipts', {
        key: wh,
        body: { idempotencyKey: key('receipt'), poNo: po.orders[0].poNo, lines: [{ lineNo: 1, qty: 1 }] },
      }),
    );
    const plan = await step(3 * D + H, () =>
      api.call('POST', '/v1/shipments/plan', { key: lg, body: { idempotencyKey: key('plan') } }),
    );
    const shipmentNo = plan.shipments[0].shipmentNo;
    await step(3 * D + 2 * H, () =>
      api.call('POST', '/v1/shipments/tracking-numbers', {
        key: lg,
        body: { idempotencyKey: key('track'), entries: [{ shipmentNo, trackingNo: 'LP0001FR' }] },
      }),
    );
    await step(3 * D + 3 * H, () =>
      api.call('POST', '/v1/shipments/ship', {
        key: wh,
        body: { idempotencyKey: key('ship'), trackingNos: ['LP0001FR'] },
      }),
    );
    await step(6 * D, () =>
      api.call('POST', '/v1/orders/moves', {
        key: cs,
        body: { idempotencyKey: key('deliver'), action: 'deliver', orderNos: ['J1'], reason: 'customer confirmed' },
      }),
    );
    const journey = await api.call('GET', '/v1/orders/J1/journey?lang=en', { key: cs });
    expect(journey.status).toBe(200);
    const steps = journey.body.steps as { at: string; kind: string; subject: string; text: string }[];
    const path = steps.map((s) => `${s.kind}:${s.text}`);
    const order = [
      'order:Imported',
      'order:Approve',
      'purchase:Purchase order placed',
      'purchase:Purchase order line 1 raised for this order: CASE × 1',
      'purchase:Purchase order received',
      'order:Stock reserved',
      'shipment:Parcel planned',
      'shipment:Tracking number entered',
      'shipment:Parcel shipped',
      'order:Mark delivered',
    ];
    const found = order.map((text) => path.indexOf(text));
    expect(found.every((i) => i >= 0) ? found : path).toEqual([...found].sort((a, b) => a - b));
    expect(steps.map((s) => s.at)).toEqual([...steps.map((s) => s.at)].sort());
    expect(steps.find((s) => s.kind === 'purchase')?.subject).toBe(po.orders[0].poNo);
    const flow = await api.call('GET', '/v1/dispatch/flow', { key: cs });
    expect(flow.body.lines.find((l: any) => l.center === 'orders' && l.status === 'delivered').count).toBe(1);
    // The trigger-kept counters the Flow reads agree with the rows, after every move of the journey.
    const kept = await api.db.pool.query(
      `SELECT center, status, n::int AS n FROM status_counts WHERE workspace_id = $1 AND n <> 0 ORDER BY 1, 2`,
      [ws.id],
    );
    const counted = await api.db.pool.query(
      `SELECT center, status, count(*)::int AS n FROM (
         SELECT 'orders' AS center, status FROM orders WHERE workspace_id = $1
         UNION ALL SELECT 'logistics', status FROM shipments WHERE workspace_id = $1
         UNION ALL SELECT 'purchasing', status FROM purchase_orders WHERE workspace_id = $1
         UNION ALL SELECT 'after_sale', status FROM after_sale_cases WHERE workspace_id = $1) AS all_rows
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [ws.id],
    );
    expect(kept.rows).toEqual(counted.rows);
    expect(kept.rows.length).toBeGreaterThanOrEqual(3);
  });

  test('job runs record syncs and imports, failures with their error; health and metrics agree', async () => {
    at(0);
    const ws = await api.workspace();
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    await seedCatalog(api, ws, { skus: ['CASE'], warehouses: [{ code: 'FR1', countries: [], rank: 1 }] });
    await importOrders(api, cs, [['M1', 'FR', [['CASE', 1]]]]);
    const bad = await api.call('POST', '/v1/orders/import', {
      key: cs,
      body: { format: 'shopify', text: 'not,a\nshop' },
    });
    expect(bad.status).toBe(400);
    const runs = (await api.call('GET', '/v1/dispatch/jobs', { key: cs })).body.runs as any[];
    expect(runs.filter((r) => r.kind === 'sync_push')).toHaveLength(1);
    expect(runs.filter((r) => r.kind === 'import').map((r) => [r.ok, r.counts.imported ?? null])).toEqual([
      [false, null],
      [true, 1],
    ]);
    const failed = (await api.call('GET', '/v1/dispatch/jobs?failed=true&lang=zh', { key: cs })).body.runs;
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ kind: 'import', kindLabel: '订单导入', ok: false });
    expect(failed[0].error).toMatch(/^unreadable_file: /);

    const health = await api.call('GET', '/v1/dispatch/health', { key: cs });
    expect(health.body.status).toBe('fail');
    expect(health.body.checks.map((c: any) => [c.check, c.status])).toEqual([
      ['ledger', 'ok'],
      ['capacity', 'ok'],
      ['providers', 'ok'],
      ['jobs', 'fail'],
    ]);

    const metrics = await api.call('GET', '/metrics', { key: cs });
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = metrics.body as string;
    expect(text).toContain(`crossdock_items{workspace="${ws.id}",center="orders",status="pending_review"} 1\n`);
    expect(text).toContain(`crossdock_job_runs_failed{workspace="${ws.id}",kind="import"} 1\n`);
    expect(text).toContain(`crossdock_health_ok{workspace="${ws.id}",check="ledger"} 1\n`);
    // Every line is a comment or `name{labels} number`: what a Prometheus scraper parses.
    for (const line of text.trimEnd().split('\n'))
      expect(line).toMatch(
        /^(# (HELP|TYPE) crossdock_\w+ .+|crossdock_\w+\{(\w+="[^"\n]*",?)+\} -?\d+(\.\d+)?(e-?\d+)?)$/,
      );
    expect(text).not.toContain('M1'); // no order numbers, names or addresses
    expect((await api.call('GET', '/metrics')).status).toBe(401);
  });

  test('the event log refuses updates and deletes', async () => {
    await expect(api.db.pool.query(`UPDATE events SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(api.db.pool.query(`DELETE FROM events`)).rejects.toThrow(/append-only/);
  });
});
