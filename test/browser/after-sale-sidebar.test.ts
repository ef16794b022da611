import type { Browser, Page } from 'playwright-core';
import * as addon from '../../addon/main';
import { ADDON_DIST, execute, rowOf, sheetRecords, startTeam } from '../support/addon-harness';
import { launchChromium, openAddonPage, serveFolder } from '../support/browser';
import { SETUP_OVERRIDE } from '../support/inventory-fixture';
import { rateRow, row, shippable } from '../support/logistics-fixture';
import type { AppsScriptEnvironment } from '../fakes/apps-script-globals';

/**
 * The After-sale sidebar in headless Chromium, bound to the add-on's real entry points and a real server:
 * customer service opens a case for a shipped order, receives the return and closes the case.
 */
describe('the after-sale sidebar in headless Chromium', () => {
  let browser: Browser;
  let team: Awaited<ReturnType<typeof startTeam>>;
  let site: Awaited<ReturnType<typeof serveFolder>>;
  let key: string;
  beforeAll(async () => {
    [browser, team, site] = await Promise.all([launchChromium(), startTeam('pglite'), serveFolder(ADDON_DIST)]);
    key = await team.memberKey('cs@shop.test', ['cs']);
    await shipOrders([
      ['M1', 2],
      ['M2', 1],
    ]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), team?.close(), site?.close()]);
  });

  /** One-line MUG orders at 10 EUR a unit, imported, approved, planned (manual carrier), tracked and shipped. */
  async function shipOrders(orders: [string, number][]) {
    const ok = (answer: { status: number; body: unknown }) => {
      expect([answer.status, answer.body]).toEqual([200, expect.anything()]);
      return answer.body as any;
    };
    ok(
      await team.api('POST', '/v1/sync/push', {
        clientId: 'after-sale-seed-01',
        mutationId: 1,
        tables: {
          products: [shippable('MUG')],
          warehouses: [row('FR1', { name: 'Paris', countries: ['FR'], rank: 1 })],
          carriers: [row('POST-FR', { name: 'La Poste', adapter: 'manual', countries: ['FR'], priority: 20 })],
          rates: [rateRow('POST-FR', 'FR', 0, 2000, { first_price: '10' })],
        },
      }),
    );
    ok(
      await team.api('POST', '/v1/sync/push', {
        clientId: 'after-sale-seed-01',
        mutationId: 2,
        tables: { stock: [row('MUG@FR1', { on_hand: 10 })] },
      }),
    );
    const header =
      'Order no.,SKU,Qty,Unit price,Currency,Payment,Recipient,Phone,Address line 1,City,Postal code,Country';
    const lines = orders.map(
      ([no, qty], n) => `${no},MUG,${qty},10,EUR,prepaid,Client ${no},+3361234567${n},${n} rue Cler,Paris,75007,FR`,
    );
    await team.api('POST', '/v1/orders/import', { format: 'template', text: [header, ...lines].join('\n') });
    const orderNos = orders.map(([no]) => no);
    const body = { ...SETUP_OVERRIDE, orderNos };
    ok(
      await team.api('POST', '/v1/orders/moves', { idempotencyKey: 'after-sale-approve', action: 'approve', ...body }),
    );
    const planned = ok(await team.api('POST', '/v1/shipments/plan', { idempotencyKey: 'after-sale-plan', orderNos }));
    const entries = planned.shipments.map((s: { shipmentNo: string }, i: number) => ({
      shipmentNo: s.shipmentNo,
      trackingNo: `1Z999AA1000000000${i}`,
    }));
    ok(await team.api('POST', '/v1/shipments/tracking-numbers', { idempotencyKey: 'after-sale-tracking', entries }));
    const trackingNos = entries.map((e: { trackingNo: string }) => e.trackingNo);
    const shipped = ok(
      await team.api('POST', '/v1/shipments/ship', { idempotencyKey: 'after-sale-ship', trackingNos }),
    );
    expect(shipped.ordersShipped.sort()).toEqual(orderNos);
  }

  const person = (locale = 'en_US') => team.connected('cs@shop.test', key, locale);
  const openSidebar = (env: AppsScriptEnvironment, page = 'after-sale-sidebar.html') =>
    openAddonPage(browser, site.url, page, addon, (work) => execute(env, work));
  /** Waits for `selector` once the sidebar has loaded; a failed load fails the test with its message. */
  async function loaded(page: Page, selector: string): Promise<void> {
    await page.waitForSelector(`${selector}, #message.error, #hint:not(:empty)`);
    expect([await page.textContent('#hint'), await page.locator('#message.error').count()]).toEqual(['', 0]);
  }
  const texts = (page: Page, selector: string) => page.locator(selector).allTextContents();
  /** The answer of a press: waits for either kind, so a refusal fails the test with its text. */
  async function outcome(page: Page): Promise<string> {
    const message = await page.waitForSelector('#message.ok, #message.error');
    return `${(await message.getAttribute('class'))!.includes('ok') ? 'ok' : 'error'}: ${await message.textContent()}`;
  }
  const caseRow = (env: AppsScriptEnvironment) =>
    sheetRecords(env, 'After-sale').find((r) => r['Case line'] === 'AS-00001/1');

  test('open a return + refund for a shipped order, refuse an over-return, receive it into stock, close it', async () => {
    const env = person();
    env.spreadsheet.select('Orders', `B${rowOf(env, 'Orders', 'M1/1')}`);
    const { page, calls } = await openSidebar(env);
    await loaded(page, '#open:not(.hidden)');
    expect(await page.textContent('#order-title')).toBe('New case for M1 (Shipped)');
    expect(await texts(page, '#lines li')).toEqual(['1 · MUG ×2']);
    expect(await page.textContent('#refund-label')).toBe('Refund amount (EUR)');
    expect(await texts(page, '#cases li')).toEqual(['No case yet.']);

    // Nothing ticked: the sidebar asks before sending anything.
    await page.click('#open-case');
    expect(await outcome(page)).toBe('error: Tick at least one kind.');
    await page.check('input[name=kind][value=return]');
    await page.check('input[name=kind][value=refund]');
    await page.selectOption('#reason', 'damaged');
    await page.fill('#note', 'mug arrived cracked');
    await page.fill('#lines input[data-line="1"]', '1');
    await page.fill('#refund-amount', '10.00');
    await page.click('#open-case');
    expect(await outcome(page)).toBe('ok: Opened AS-00001 for M1: Refund + Return.');
    await page.waitForSelector('#cases li[data-case="AS-00001"]');
    expect(await texts(page, '#cases li')).toEqual(['AS-00001' + 'Refund + Return · Requested · Damaged · 10.00 EUR']);
    expect(caseRow(env)).toMatchObject({
      'Order no.': 'M1',
      Kind: 'Refund + Return',
      Status: 'Requested',
      Qty: 1,
      'Expected back': 1,
      Refund: '10.00',
    });

    // 2 shipped, 1 on the first case: 2 more are refused next to the line, and nothing is written.
    await page.check('input[name=kind][value=return]');
    await page.fill('#lines input[data-line="1"]', '2');
    await page.click('#open-case');
    expect(await outcome(page)).toMatch(/^error: The server answered 422: /);
    expect(await page.textContent('.field-error[data-field="line-1"]')).toBe(
      'M1 line 1 (MUG): 2 asked but only 1 left (2 shipped, 1 on earlier cases)',
    );
    expect(sheetRecords(env, 'After-sale')).toHaveLength(1);

    // The case selected in the After-sale sheet: restock its unit into FR1, then close it.
    env.spreadsheet.select('After-sale', `C${rowOf(env, 'After-sale', 'AS-00001/1')}`);
    const again = await openSidebar(env);
    await loaded(again.page, '#case:not(.hidden)');
    expect(await again.page.textContent('#case-title')).toBe('Case AS-00001 · M1');
    expect(await again.page.isVisible('#open')).toBe(false);
    expect(await texts(again.page, '#warehouse option')).toEqual(['FR1 · Paris']);
    expect(await texts(again.page, '#case-lines li > div:first-child')).toEqual(['1 · MUG · 1 expected back']);
    await again.page.click('#receive-case');
    expect(await outcome(again.page)).toBe('ok: AS-00001: 1 restocked, 0 written off, 0 still expected back.');
    expect(caseRow(env)).toMatchObject({
      Status: 'Received',
      Restocked: 1,
      'Restocked into': 'FR1',
      'Expected back': 0,
    });
    await again.page.waitForSelector('#receive.hidden', { state: 'attached' });
    await again.page.fill('#close-note', 'refunded in the shop');
    await again.page.click('#close-case');
    expect(await outcome(again.page)).toBe('ok: AS-00001 is closed.');
    expect(caseRow(env)).toMatchObject({ Status: 'Closed', 'Close note': 'refunded in the shop' });
    await again.page.waitForSelector('#close.hidden', { state: 'attached' });
    const stock = await team.api('GET', '/v1/stock?sku=MUG');
    expect(stock.body.rows).toEqual([expect.objectContaining({ on_hand: 8 })]); // 10, 2 + 1 shipped, 1 back
    expect(calls.filter((c) => c !== 'getAfterSaleSidebarState')).toEqual([
      'openAfterSaleCaseFromSidebar',
      'openAfterSaleCaseFromSidebar',
    ]);
    await again.page.screenshot({ path: '.test-results/after-sale-sidebar.png', fullPage: true });

    // The order shows its cases: the order sidebar's journey has the case's steps.
    env.spreadsheet.select('Orders', `A${rowOf(env, 'Orders', 'M1/1')}`);
    const orders = await openSidebar(env, 'order-sidebar.html');
    await orders.page.waitForSelector('#journey li.after_sale, #journey-note:not(.hidden)');
    const steps = await texts(orders.page, '#journey li.after_sale .step-text');
    expect(steps).toEqual(['After-sale case opened', 'Return received', 'After-sale case closed']);
  });

  test('in a Chinese spreadsheet the sidebar, its labels and the refusals are in Chinese', async () => {
    const env = person('zh_CN');
    env.spreadsheet.select('订单', `A${rowOf(env, '订单', 'M2/1')}`);
    const { page } = await openSidebar(env);
    await loaded(page, '#open:not(.hidden)');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.textContent('#order-title')).toBe('新建售后单 M2 (已发货)');
    expect(await texts(page, '#kinds label')).toEqual(['退款', '退货', '换货']);
    expect(await texts(page, '#reason option')).toEqual([
      '商品破损',
      '发错商品',
      '与描述不符',
      '未收到货',
      '不想要了',
      '其他',
    ]);
    expect(await page.textContent('#open-case')).toBe('创建售后单');
    expect(await page.textContent('#cases-title')).toBe('该订单的售后单');
    await page.check('input[name=kind][value=refund]');
    await page.click('#open-case');
    expect(await outcome(page)).toBe('error: 请至少填写一行的数量。');
    // Reason "other" without a note, and more than was paid: both refused at once, each next to its field.
    await page.selectOption('#reason', 'other');
    await page.fill('#lines input[data-line="1"]', '1');
    await page.fill('#refund-amount', '999');
    await page.click('#open-case');
    expect(await outcome(page)).toMatch(/^error: 服务器返回 422/);
    expect(await page.textContent('.field-error[data-field="note"]')).toBe('原因为“其他”时需要填写说明');
    expect(await page.textContent('.field-error[data-field="refund.amount"]')).toContain('可退金额仅剩 10');
    await page.screenshot({ path: '.test-results/after-sale-sidebar-zh.png', fullPage: true });

    // An exchange instead: the replacement order is named, and the After-sale sheet (售后) shows it.
    await page.uncheck('input[name=kind][value=refund]');
    await page.check('input[name=kind][value=exchange]');
    await page.selectOption('#reason', 'wrong_item');
    await page.click('#open-case');
    expect(await outcome(page)).toBe('ok: 已为 M2 创建售后单 AS-00002：换货。\n已创建补发订单 M2-R1，按普通订单发货。');
    expect(sheetRecords(env, '售后').find((r) => r['售后单号'] === 'AS-00002')).toMatchObject({
      类型: '换货',
      状态: '已申请',
      原因: '发错商品',
      补发订单: 'M2-R1',
    });
    await page.waitForSelector('#cases li[data-case="AS-00002"]');
    expect(await texts(page, '#cases li')).toEqual(['AS-00002 → M2-R1' + '换货 · 已申请 · 发错商品']);
  });
});
