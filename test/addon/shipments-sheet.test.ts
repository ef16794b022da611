import { SETUP_OVERRIDE } from '../support/inventory-fixture';
import { DATABASE_KINDS } from '../support/databases';
import { columnOf, loadBundle, rowOf, sheetRecords, startTeam } from '../support/addon-harness';
import { freshRequest } from '../support/fresh-http';
import { row, sandboxService, shippable, startSandboxCarrierProcess } from '../support/logistics-fixture';
import type { AppsScriptEnvironment } from '../fakes/apps-script-globals';
import { startTrackingSandbox, type TrackingSandbox } from '../../sync-server/tracking/sandbox/tracking-sandbox';

/**
 * The logistics center from the sheet, through the BUILT add-on (dist/addon/Code.js in a vm) against a
 * server process that books labels at the sandbox carrier: plan (preview, confirm), book, pick list, ship.
 */
describe.each(DATABASE_KINDS)('the Shipments sheet and sidebar, built add-on, on %s', (kind) => {
  let team: Awaited<ReturnType<typeof startTeam>>;
  let key: string;
  let env: AppsScriptEnvironment;
  let run: ReturnType<typeof loadBundle>['run'];
  let tracking: TrackingSandbox;
  beforeAll(async () => {
    const carrier = await startSandboxCarrierProcess();
    tracking = await startTrackingSandbox({ port: 0 });
    team = await startTeam(kind, {
      env: {
        CROSSDOCK_SANDBOX_CARRIER_URL: carrier.url,
        // Webhooks only: the poller looks at the sandbox, which knows no parcel until a test adds one.
        CROSSDOCK_17TRACK_URL: tracking.url,
        CROSSDOCK_17TRACK_TOKEN: 'test-token',
        CROSSDOCK_17TRACK_WEBHOOK_KEY: tracking.webhookKeys['17track'],
      },
    });
    key = await team.memberKey('lg@shop.test', ['logistics']);
    const push = async (mutationId: number, tables: Record<string, unknown[]>) => {
      const answer = await team.api('POST', '/v1/sync/push', { clientId: 'ship-seed-01', mutationId, tables });
      for (const rows of Object.values(answer.body.results as Record<string, { status: string }[]>))
        expect(rows.filter((r) => r.status !== 'applied')).toEqual([]);
    };
    await push(1, {
      products: [shippable('CASE'), shippable('CABLE', { weight_g: 50, name_en: '=HYPERLINK("x") cable' })],
      warehouses: [row('DE1', { name: 'Berlin', countries: ['FR', 'DE'], rank: 1 })],
      carriers: [sandboxService('SBX-EU')],
    });
    await push(2, { stock: [row('CASE@DE1', { on_hand: 5 }), row('CABLE@DE1', { on_hand: 5 })] });
    const customer = (no: string, who: string, n: number, sku: string, qty: number) =>
      `${no},${sku},${qty},10,EUR,prepaid,Client ${who},+3361234560${n},${n} rue de la Paix,Paris,75002,FR`;
    const csv = [
      'Order no.,SKU,Qty,Unit price,Currency,Payment,Recipient,Phone,Address line 1,City,Postal code,Country',
      customer('A1', 'amy', 1, 'CASE', 1),
      customer('A2', 'amy', 1, 'CASE', 1),
      customer('B1', 'bob', 2, 'CASE', 1),
      customer('B1', 'bob', 2, 'CABLE', 2),
    ].join('\n');
    expect((await team.api('POST', '/v1/orders/import', { format: 'template', text: csv })).body).toMatchObject({
      imported: 3,
    });
    const approved = await team.api('POST', '/v1/orders/moves', {
      idempotencyKey: 'ship-approve-01',
      action: 'approve',
      ...SETUP_OVERRIDE,
      orderNos: ['A1', 'A2', 'B1'],
    });
    expect(approved.body).toMatchObject({ moved: 3 });

    env = team.person('lg@shop.test');
    ({ run } = loadBundle(env));
    run('onOpen');
    run('setupSheets');
    expect(run('saveConnection', { url: team.url, key })).toMatchObject({ ok: true });
    run('syncNow');
  });
  afterAll(async () => {
    await team?.close();
    await tracking?.close();
  });

  const record = (sheet: string, field: string, value: string) =>
    sheetRecords(env, sheet).find((r) => r[field] === value)!;

  test('the menu opens the sidebar and writes the pick list; a Carriers adapter is a dropdown', () => {
    const items = env.ui.menuItems();
    const logistics = items.filter((i) => ['showShipmentSidebar', 'writePickListSheet'].includes(i.functionName));
    expect(logistics.map((i) => [i.caption, i.functionName])).toEqual([
      ['Shipments…', 'showShipmentSidebar'],
      ['Pick list', 'writePickListSheet'],
    ]);
    run('showShipmentSidebar');
    expect(env.ui.lastShown()?.html).toContain('planShipmentsFromSidebar');
    const carriers = env.spreadsheet.getSheetByName('Carriers')!;
    const rule = carriers.getRange(2, columnOf(env, 'Carriers', 'Adapter')).getDataValidation()!;
    expect([String(rule.getCriteriaType()), rule.getCriteriaValues()[0]]).toEqual([
      'VALUE_IN_LIST',
      ['manual', 'sandbox', 'yunexpress'],
    ]);
    expect(record('Carriers', 'Service', 'SBX-EU')).toMatchObject({ Adapter: 'sandbox' });
  });

  test('a rate typed in the Rates sheet gets its key and prices the parcels', () => {
    const sheet = env.spreadsheet.getSheetByName('Rates')!;
    const typed: [string, string | number][] = [
      ['Service', 'SBX-EU'],
      ['Country or zone', 'FR'],
      ['From (g)', 0],
      ['To (g)', 2000],
      ['First weight (g)', 100],
      ['First weight price', 30],
      ['Step (g)', 100],
      ['Step price', 5],
      ['Currency', 'CNY'],
    ];
    for (const [header, value] of typed) sheet.getRange(2, columnOf(env, 'Rates', header)).setValue(value);
    run('syncNow');
    expect(sheetRecords(env, 'Rates')[0]).toMatchObject({ 'Rate line': 'SBX-EU@FR@0', 'Sync note': '' });
  });

  test('plan: a preview of the selected orders creates nothing; Confirm plans them once, also when retried', async () => {
    const first = rowOf(env, 'Orders', 'A1/1');
    env.spreadsheet.select('Orders', `A${first}:A${rowOf(env, 'Orders', 'A2/1')}`);
    expect(run('getShipmentSidebarState')).toMatchObject({ orderNos: ['A1', 'A2'], drafts: 0, problem: null });
    const preview = run('planShipmentsFromSidebar', { idempotencyKey: 'ship-preview-01', dryRun: true });
    expect(preview).toMatchObject({ ok: true, dryRun: true, orderNos: ['A1', 'A2'], skipped: [] });
    expect(preview.message).toBe('1 parcels, 0 orders skipped. Nothing is created until you confirm.');
    expect(preview.parcels).toEqual([
      {
        shipmentNo: null,
        warehouse: 'DE1',
        country: 'FR',
        orders: 'A1, A2',
        lines: 'A1: CASE ×1, A2: CASE ×1',
        service: 'SBX-EU',
        chargeable: '400 g',
        freight: '45 CNY',
        why: expect.stringMatching(/^SBX-EU: priority 10, 45 CNY for 400 g chargeable/),
        blocked: false,
      },
    ]);
    expect((await team.api('GET', '/v1/shipments')).body.shipments).toEqual([]);

    env.spreadsheet.select('Products', 'A1'); // nothing selected in Orders: every order pending shipment
    const all = run('planShipmentsFromSidebar', { idempotencyKey: 'ship-preview-02', dryRun: true });
    expect(all.parcels.map((p: { orders: string }) => p.orders).sort()).toEqual(['A1, A2', 'B1']);

    const confirm = { idempotencyKey: 'ship-confirm-01', dryRun: false, orderNos: preview.orderNos };
    const planned = run('planShipmentsFromSidebar', confirm);
    expect(planned).toMatchObject({ ok: true, dryRun: false, message: 'Planned 1 shipments: SH000001' });
    expect(run('planShipmentsFromSidebar', confirm)).toEqual(planned); // the same press again: answered once
    expect(record('Shipments', 'Shipment', 'SH000001')).toMatchObject({
      Status: 'Draft',
      Orders: 'A1, A2',
      Service: 'SBX-EU',
      'Chargeable (g)': 400,
    });

    // B1's Confirm loses its answer (the call and its automatic retry): pressed again with its key, planned once.
    env.urlFetch.dropResponseNext(2);
    const lost = { idempotencyKey: 'ship-confirm-02', dryRun: false, orderNos: ['B1'] };
    expect(run('planShipmentsFromSidebar', lost)).toMatchObject({ ok: false, retry: true });
    expect(run('planShipmentsFromSidebar', lost)).toMatchObject({ message: 'Planned 1 shipments: SH000002' });
    expect((await team.api('GET', '/v1/shipments')).body.shipments).toHaveLength(2);
    expect(record('Orders', 'Order no.', 'B1')).toMatchObject({ Shipping: '0/1 shipped' });
  });

  test('book labels for every draft: tracking numbers, label links, the Shipments and Orders sheets follow', async () => {
    env.spreadsheet.select('Shipments', 'A1'); // the header only: no shipment selected
    expect(run('getShipmentSidebarState')).toMatchObject({ selected: [], drafts: 2 });
    const booked = run('bookShipmentLabels', { idempotencyKey: 'ship-book-01' });
    expect(booked).toMatchObject({ ok: true, message: '2 done, 0 refused, 0 failed', sent: ['SH000001', 'SH000002'] });
    for (const r of booked.results) {
      expect(r).toMatchObject({
        outcome: 'done',
        outcomeLabel: 'Done',
        trackingNo: expect.stringMatching(/^SBX\d{10}$/),
      });
      const pdf = await freshRequest(r.labelUrl);
      expect([pdf.status, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
    }
    const tracking = booked.results[0].trackingNo;
    expect(record('Shipments', 'Shipment', 'SH000001')).toMatchObject({
      Status: 'Label ready',
      'Tracking number': tracking,
    });
    expect(record('Orders', 'Order no.', 'A1')).toMatchObject({ Shipping: `0/1 shipped · ${tracking}` });
    // Selected rows with a label show its link in the sidebar.
    env.spreadsheet.select('Shipments', `A${rowOf(env, 'Shipments', 'SH000001')}`);
    expect(run('getShipmentSidebarState').selected).toEqual([
      {
        shipmentNo: 'SH000001',
        label: 'Label ready',
        trackingNo: tracking,
        labelUrl: expect.stringContaining('/labels/'),
      },
    ]);
    expect(run('bookShipmentLabels', { idempotencyKey: 'ship-book-02' })).toMatchObject({
      ok: false,
      message: '0 done, 1 refused, 0 failed',
      results: [{ shipmentNo: 'SH000001', outcome: 'refused', outcomeLabel: 'Refused' }],
    });
  });

  test('the pick list sheet lists the booked parcels line by line; outside text stays text', () => {
    expect(run('writePickListSheet')).toEqual({ ok: true, message: 'Pick list: 4 lines in 2 parcels.' });
    const sheet = env.spreadsheet.getSheetByName('Pick list')!;
    expect(sheet.getRange(1, 1, 1, 8).getValues()[0]).toEqual([
      'Warehouse',
      'Shipment',
      'Service',
      'Tracking number',
      'SKU',
      'Name',
      'Qty',
      'Order',
    ]);
    const cable = sheetRecords(env, 'Pick list').find((r) => r.SKU === 'CABLE')!;
    expect(cable).toMatchObject({ Shipment: 'SH000002', Qty: 2, Order: 'B1', Name: '=HYPERLINK("x") cable' });
    expect(sheet.getDataRange().getFormulas().flat().filter(Boolean)).toEqual([]);
    expect(env.spreadsheet.toasts.at(-1)?.message).toBe('Pick list: 4 lines in 2 parcels.');
  });

  test('a Chinese spreadsheet: sidebar texts, Shipments sheet and pick list in Chinese', () => {
    const zh = team.person('lg@shop.test', { locale: 'zh_CN' });
    const bundle = loadBundle(zh);
    bundle.run('onOpen');
    expect(
      zh.ui
        .menuItems()
        .filter((i) => ['showShipmentSidebar', 'writePickListSheet'].includes(i.functionName))
        .map((i) => i.caption),
    ).toEqual(['发货…', '拣货单']);
    bundle.run('setupSheets');
    expect(bundle.run('saveConnection', { url: team.url, key })).toMatchObject({ ok: true });
    bundle.run('syncNow');
    const state = bundle.run('getShipmentSidebarState');
    expect(state.texts).toMatchObject({ ship_plan_title: '安排发货', ship_preview: '预览', ship_confirm: '确认' });
    expect(sheetRecords(zh, '发货单').find((r) => r['发货单号'] === 'SH000002')).toMatchObject({ 状态: '已出面单' });
    expect(bundle.run('writePickListSheet')).toEqual({ ok: true, message: '拣货单：2 个包裹，共 4 行。' });
    expect(zh.spreadsheet.getSheetByName('拣货单')!.getRange(1, 1, 1, 8).getValues()[0]).toEqual([
      '仓库',
      '发货单号',
      '渠道',
      '运单号',
      'SKU',
      '商品名称',
      '数量',
      '订单号',
    ]);
    expect(bundle.run('bookShipmentLabels', { idempotencyKey: 'ship-book-zh' })).toMatchObject({
      message: '没有可下单的草稿发货单：请先安排发货，或在发货单表中选择行。',
    });
  });

  test('mark shipped: the selected row, then a pasted tracking number; the Orders sheet shows Shipped and 1/1', () => {
    env.spreadsheet.select('Shipments', `A${rowOf(env, 'Shipments', 'SH000001')}`);
    expect(run('markShipmentsShipped', { idempotencyKey: 'ship-ship-01', trackingText: '' })).toMatchObject({
      ok: true,
      message: '1 done, 0 refused, 0 failed\nOrders shipped: A1, A2',
    });
    const b1Tracking = String(record('Shipments', 'Shipment', 'SH000002')['Tracking number']);
    env.spreadsheet.select('Products', 'A1');
    expect(
      run('markShipmentsShipped', { idempotencyKey: 'ship-ship-02', trackingText: `\n ${b1Tracking}\n` }),
    ).toMatchObject({
      ok: true,
      message: '1 done, 0 refused, 0 failed\nOrders shipped: B1',
    });
    for (const orderNo of ['A1', 'A2', 'B1'])
      expect(record('Orders', 'Order no.', orderNo)).toMatchObject({
        Status: 'Shipped',
        Shipping: expect.stringMatching(/^1\/1 shipped · SBX\d{10}$/),
      });
    expect(record('Shipments', 'Shipment', 'SH000002')).toMatchObject({ Status: 'Shipped' });
    expect(run('markShipmentsShipped', { idempotencyKey: 'ship-ship-03', trackingText: '' })).toMatchObject({
      ok: false,
      message: 'Select rows in the Shipments sheet or paste tracking numbers first.',
    });
  });

  test('tracking: the last scan, its time and the days since it, counted again by every sync', async () => {
    const trackingNo = String(record('Shipments', 'Shipment', 'SH000002')['Tracking number']);
    const sandbox = async (path: string, body: unknown) => {
      const answer = await freshRequest(`${tracking.url}/_sandbox/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: answer.status, body: answer.text };
    };
    const scannedAt = new Date(Date.now() - 3 * 86_400_000 - 3_600_000).toISOString();
    const scan = { status: 'in_transit', description: 'Arrived at hub', location: 'Paris', time: scannedAt };
    await sandbox('parcels', { parcels: [{ trackingNo, events: [scan] }] });
    const webhook = { provider: '17track', url: `${team.url}/webhooks/17track`, trackingNo };
    expect(JSON.parse((await sandbox('webhooks', webhook)).body)).toMatchObject({ status: 200 });
    // Applied by the server's inbox shortly after the answer: wait for it in the order's journey.
    for (;;) {
      const journey = await team.api('GET', '/v1/orders/B1/journey');
      if (JSON.stringify(journey.body).includes('Arrived at hub')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    run('syncNow');
    const days = 'Days since last scan';
    expect(record('Shipments', 'Shipment', 'SH000002')).toMatchObject({
      Status: 'In transit',
      'Last scan': 'Arrived at hub · Paris',
      'Last scan (UTC)': new Date(scannedAt).toISOString(),
      [days]: 3,
    });
    // Not scanned yet: nothing to count.
    expect(record('Shipments', 'Shipment', 'SH000001')[days]).toBe('');
    // Yesterday's count, as the last sync left it: the next sync counts again, with no note and no push.
    const sheet = env.spreadsheet.getSheetByName('Shipments')!;
    const cell = sheet.getRange(rowOf(env, 'Shipments', 'SH000002'), columnOf(env, 'Shipments', days));
    cell.setValue(2);
    expect(run('syncNow')).toMatchObject({ pushed: 0, restored: 0, rejected: 0, writes: 1 });
    expect(record('Shipments', 'Shipment', 'SH000002')).toMatchObject({ [days]: 3, 'Sync note': '' });
    // Delivered: no longer counted.
    await sandbox('parcels', {
      parcels: [
        {
          trackingNo,
          events: [scan, { status: 'delivered', description: 'Delivered', time: new Date().toISOString() }],
        },
      ],
    });
    expect(JSON.parse((await sandbox('webhooks', webhook)).body)).toMatchObject({ status: 200 });
    for (;;) {
      const orders = await team.api('GET', '/v1/orders?status=delivered');
      if (JSON.stringify(orders.body).includes('"B1"')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    run('syncNow');
    expect(record('Shipments', 'Shipment', 'SH000002')).toMatchObject({ Status: 'Delivered', [days]: '' });
    expect(record('Orders', 'Order no.', 'B1')).toMatchObject({ Status: 'Delivered' });
  });
});
