import { SETUP_OVERRIDE } from '../support/inventory-fixture';
import type { Browser, Page } from 'playwright-core';
import * as addon from '../../addon/main';
import { ADDON_DIST, execute, rowOf, sheetRecords, startTeam } from '../support/addon-harness';
import { launchChromium, openAddonPage, serveFolder } from '../support/browser';
import { rateRow, row, shippable } from '../support/logistics-fixture';
import type { AppsScriptEnvironment } from '../fakes/apps-script-globals';

/** The shipment sidebar in headless Chromium, bound to the add-on's real entry points and a real server. */
describe('the shipment sidebar in headless Chromium', () => {
  let browser: Browser;
  let team: Awaited<ReturnType<typeof startTeam>>;
  let site: Awaited<ReturnType<typeof serveFolder>>;
  let key: string;
  beforeAll(async () => {
    [browser, team, site] = await Promise.all([launchChromium(), startTeam('pglite'), serveFolder(ADDON_DIST)]);
    key = await team.memberKey('lg@shop.test', ['logistics']);
    await team.api('POST', '/v1/sync/push', {
      clientId: 'sidebar-seed-01',
      mutationId: 1,
      tables: {
        products: [shippable('MUG')],
        warehouses: [row('FR1', { name: 'Paris', countries: ['FR'], rank: 1 })],
        carriers: [row('POST-FR', { name: 'La Poste', adapter: 'manual', countries: ['FR'], priority: 20 })],
        rates: [rateRow('POST-FR', 'FR', 0, 2000, { first_price: '10' })],
      },
    });
    await team.api('POST', '/v1/sync/push', {
      clientId: 'sidebar-seed-01',
      mutationId: 2,
      tables: { stock: [row('MUG@FR1', { on_hand: 10 })] },
    });
    await importAndApprove(['M1', 'M2']);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), team?.close(), site?.close()]);
  });

  let customers = 0;
  /** Imports and approves one-line orders, each for a customer of its own. */
  async function importAndApprove(orderNos: string[]) {
    const lines = orderNos.map((no) => {
      const n = ++customers;
      return `${no},MUG,1,10,EUR,prepaid,Client ${no},+3361234567${n},${n} rue Cler,Paris,75007,FR`;
    });
    const header =
      'Order no.,SKU,Qty,Unit price,Currency,Payment,Recipient,Phone,Address line 1,City,Postal code,Country';
    await team.api('POST', '/v1/orders/import', { format: 'template', text: [header, ...lines].join('\n') });
    const moved = await team.api('POST', '/v1/orders/moves', {
      idempotencyKey: `sidebar-approve-${orderNos.join('-')}`,
      action: 'approve',
      ...SETUP_OVERRIDE,
      orderNos,
    });
    expect(moved.body).toMatchObject({ moved: orderNos.length });
  }

  const person = (locale = 'en_US') => team.connected('lg@shop.test', key, locale);
  const openSidebar = (env: AppsScriptEnvironment) =>
    openAddonPage(browser, site.url, 'shipment-sidebar.html', addon, (work) => execute(env, work));
  const texts = (page: Page, selector: string) => page.locator(selector).allTextContents();
  /** Waits for the answer of a press: the busy message gives way to ok or error. */
  const answered = async (page: Page) => {
    await page.waitForSelector('#message.ok, #message.error');
    return (await page.textContent('#message')) ?? '';
  };

  test('preview the selected orders, confirm, book (refused: manual carrier), type tracking numbers, paste them to ship', async () => {
    const env = person();
    env.spreadsheet.select('Orders', `A${rowOf(env, 'Orders', 'M1/1')}:B${rowOf(env, 'Orders', 'M2/1')}`);
    const { page, calls } = await openSidebar(env);
    await page.waitForFunction(() => document.getElementById('plan-scope')!.textContent !== '');
    expect(await page.textContent('#plan-scope')).toBe('For the 2 orders selected in the Orders sheet.');
    expect(await page.textContent('#book-scope')).toBe('No shipment selected in the Shipments sheet: every draft (0).');
    expect(await page.textContent('#ship-scope')).toBe(
      'Select rows in the Shipments sheet, or paste tracking numbers below.',
    );

    await page.click('#preview');
    expect(await answered(page)).toBe('2 parcels, 0 orders skipped. Nothing is created until you confirm.');
    const parcels = await texts(page, '#parcels li');
    expect(parcels).toHaveLength(2);
    expect(parcels[0]).toContain('FR1 → FR');
    expect(parcels[0]).toContain('Carrier service: POST-FR');
    expect(parcels[0]).toContain('Chargeable weight: 200 g');
    expect(parcels[0]).toContain('Freight estimate: 15 CNY');
    expect(parcels[0]).toMatch(/Why: POST-FR: priority 20/);
    expect(await page.isVisible('#confirm')).toBe(true);
    expect((await team.api('GET', '/v1/shipments')).body.shipments).toEqual([]);

    // The first Confirm loses its answer (the call and its automatic retry): pressed again, it is the same
    // request (same key and orders), so the server answers what it did the first time.
    env.urlFetch.dropResponseNext(2);
    await page.click('#confirm');
    expect(await answered(page)).toMatch(/^The server at http:\/\/\S+ could not be reached/);
    expect(await page.isVisible('#confirm')).toBe(true);
    await page.click('#confirm');
    expect(await answered(page)).toMatch(/^Planned 2 shipments: SH\d{6}, SH\d{6}$/);
    expect(await page.isVisible('#confirm')).toBe(false);
    const numbers = sheetRecords(env, 'Shipments').map((r) => String(r.Shipment));
    expect(numbers).toHaveLength(2);
    await page.waitForFunction(() => /every draft \(2\)/.test(document.getElementById('book-scope')!.textContent!));

    await page.click('#book');
    expect(await answered(page)).toBe('0 done, 2 refused, 0 failed');
    expect(await page.locator('#results li[data-outcome=refused]').count()).toBe(2);
    expect((await texts(page, '#results li'))[0]).toMatch(/goes by POST-FR \(manual\)/);

    // A line without a tracking number refuses the form; nothing is sent.
    const [sh1, sh2] = numbers as [string, string];
    await page.fill('#tracking-lines', `${sh1} 1Z999AA10000000001\n${sh2}`);
    await page.click('#save-tracking');
    expect(await answered(page)).toBe('Type a shipment number and its tracking number on each line first.');
    expect(await texts(page, '#results li')).toEqual([
      'Refused' + 'Line 2: needs a shipment number and a tracking number',
    ]);
    // Both lines with the same number: the second is refused on its own line.
    await page.fill('#tracking-lines', `${sh1} 1Z999AA10000000001\n${sh2}\t1Z999AA10000000001`);
    await page.click('#save-tracking');
    expect(await answered(page)).toBe('1 done, 1 refused, 0 failed');
    expect(await page.getAttribute(`#results li[data-shipment=${sh1}]`, 'data-outcome')).toBe('done');
    expect(await page.getAttribute(`#results li[data-shipment=${sh2}]`, 'data-line')).toBe('2');
    expect(await page.textContent(`#results li[data-shipment=${sh2}]`)).toContain(`1Z999AA10000000001`);
    await page.fill('#tracking-lines', `${sh2}, 1Z999AA10000000002`);
    await page.click('#save-tracking');
    expect(await answered(page)).toBe('1 done, 0 refused, 0 failed');
    expect(await page.inputValue('#tracking-lines')).toBe('');
    expect(sheetRecords(env, 'Shipments').map((r) => [r.Status, r['Tracking number']])).toEqual([
      ['Label ready', '1Z999AA10000000001'],
      ['Label ready', '1Z999AA10000000002'],
    ]);

    await page.fill('#tracking-paste', '1Z999AA10000000001\n1Z999AA10000000002\nNOPE\n');
    await page.click('#ship');
    expect(await answered(page)).toBe('2 done, 1 refused, 0 failed\nOrders shipped: M1, M2');
    expect(await texts(page, '#results li[data-outcome=refused]')).toEqual([
      'Refused' + 'No shipment has tracking number NOPE',
    ]);
    expect(
      sheetRecords(env, 'Orders')
        .filter((r) => ['M1', 'M2'].includes(String(r['Order no.'])))
        .map((r) => [r.Status, r.Shipping]),
    ).toEqual([
      ['Shipped', '1/1 shipped · 1Z999AA10000000001'],
      ['Shipped', '1/1 shipped · 1Z999AA10000000002'],
    ]);
    expect(calls.filter((c) => c !== 'getShipmentSidebarState')).toEqual([
      'planShipmentsFromSidebar',
      'planShipmentsFromSidebar',
      'planShipmentsFromSidebar',
      'bookShipmentLabels',
      'enterTrackingNumbersFromSidebar',
      'enterTrackingNumbersFromSidebar',
      'enterTrackingNumbersFromSidebar',
      'markShipmentsShipped',
    ]);
    await page.screenshot({ path: '.test-results/shipment-sidebar.png', fullPage: true });
  });

  test('in a Chinese spreadsheet the sidebar, the preview and its reasons are in Chinese', async () => {
    await importAndApprove(['M3']);
    const env = person('zh_CN');
    env.spreadsheet.select('产品', 'A1');
    const { page } = await openSidebar(env);
    await page.waitForFunction(() => document.getElementById('plan-scope')!.textContent !== '');
    expect(await page.textContent('#plan-title')).toBe('安排发货');
    expect(await page.textContent('#plan-scope')).toBe('订单表中未选订单：安排所有待发货订单。');
    expect(await page.textContent('#preview')).toBe('预览');
    expect(await page.textContent('#book')).toBe('下单取面单');
    expect(await page.textContent('#tracking-title')).toBe('运单号（手工渠道）');
    expect(await page.textContent('#ship')).toBe('标记已发货');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await page.click('#preview');
    expect(await answered(page)).toBe('1 个包裹，跳过 0 个订单。确认之前不会创建任何发货单。');
    const parcel = (await texts(page, '#parcels li'))[0]!;
    expect(parcel).toContain('物流渠道：POST-FR');
    expect(parcel).toContain('原因：POST-FR：优先级 20，计费重 200 克，运费 15 CNY');
    await page.click('#ship');
    expect(await answered(page)).toBe('请先在发货单表中选择行，或粘贴运单号。');
    await page.screenshot({ path: '.test-results/shipment-sidebar-zh.png', fullPage: true });
  });

  test('a merged draft is split by quantity and unmerged from the sidebar; bad lines are named', async () => {
    const header =
      'Order no.,SKU,Qty,Unit price,Currency,Payment,Recipient,Phone,Address line 1,City,Postal code,Country';
    const same = 'Client Sam,+33612340099,9 rue Cler,Paris,75007,FR';
    await team.api('POST', '/v1/orders/import', {
      format: 'template',
      text: [header, `S1,MUG,2,10,EUR,prepaid,${same}`, `S2,MUG,1,10,EUR,prepaid,${same}`].join('\n'),
    });
    await team.api('POST', '/v1/orders/moves', {
      idempotencyKey: 'sidebar-approve-S1-S2',
      action: 'approve',
      ...SETUP_OVERRIDE,
      orderNos: ['S1', 'S2'],
    });
    const env = person();
    env.spreadsheet.select('Orders', `A${rowOf(env, 'Orders', 'S1/1')}:B${rowOf(env, 'Orders', 'S2/1')}`);
    const { page } = await openSidebar(env);
    await page.waitForFunction(() => document.getElementById('plan-scope')!.textContent !== '');
    await page.click('#preview');
    expect(await answered(page)).toBe('1 parcels, 0 orders skipped. Nothing is created until you confirm.');
    await page.click('#confirm');
    const merged = /SH\d{6}/.exec(await answered(page))![0];

    // No row selected and no number typed: the sidebar asks for one parcel.
    await page.fill('#split-lines', 'S1 1 1');
    await page.click('#split');
    expect(await answered(page)).toBe('Select exactly one shipment in the Shipments sheet, or type its number.');
    await page.fill('#edit-number', merged);
    await page.fill('#split-lines', 'S1 1 1\nS2 one 1');
    await page.click('#split');
    expect(await answered(page)).toBe('Lines 2: write each as order number, line number and quantity (SO-1001 1 2).');
    await page.fill('#split-lines', 'S1/1 5');
    await page.click('#split');
    expect(await answered(page)).toBe(
      `The server answered 422: Nothing was changed: ${merged}: order S1 line 1 has 2 in this parcel; 5 cannot move`,
    );
    await page.fill('#split-lines', 'S1 1 1');
    await page.click('#split');
    expect(await answered(page)).toBe('Done: 2 parcels now.');
    expect(await page.inputValue('#split-lines')).toBe('');
    expect(await texts(page, '#results li')).toEqual([
      expect.stringContaining('S1, S2: MUG ×1, MUG ×1 · POST-FR'),
      expect.stringContaining('S1: MUG ×1 · POST-FR'),
    ]);
    await page.click('#unmerge');
    expect(await answered(page)).toBe('Done: 2 parcels now.');
    const rows = sheetRecords(env, 'Shipments').filter((r) => /S[12]/.test(String(r.Orders)));
    expect(rows.map((r) => [r.Orders, r.Lines]).sort()).toEqual([
      ['S1', 'MUG x1'],
      ['S1', 'MUG x1'],
      ['S2', 'MUG x1'],
    ]);
  });
});
