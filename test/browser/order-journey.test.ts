import { SETUP_OVERRIDE } from '../support/inventory-fixture';
import type { Browser, Page } from 'playwright-core';
import * as addon from '../../addon/main';
import { ADDON_DIST, columnOf, execute, rowOf, startTeam } from '../support/addon-harness';
import { launchChromium, openAddonPage, serveFolder } from '../support/browser';
import { row } from '../support/logistics-fixture';
import type { AppsScriptEnvironment } from '../fakes/apps-script-globals';

/** The order sidebar's "Order journey" section, in headless Chromium, bound to the add-on and a real server. */
describe('the order journey in the order sidebar', () => {
  let browser: Browser;
  let team: Awaited<ReturnType<typeof startTeam>>;
  let site: Awaited<ReturnType<typeof serveFolder>>;
  let csKey: string;
  beforeAll(async () => {
    [browser, team, site] = await Promise.all([launchChromium(), startTeam('pglite'), serveFolder(ADDON_DIST)]);
    csKey = await team.memberKey('cs@shop.test', ['cs']);
    await team.api('POST', '/v1/sync/push', {
      clientId: 'journey-seed-01',
      mutationId: 1,
      tables: {
        products: [row('MUG', { name_en: 'Mug' })],
        warehouses: [row('FR1', { name: 'Paris', countries: ['FR'], rank: 1 })],
      },
    });
    await team.api('POST', '/v1/sync/push', {
      clientId: 'journey-seed-01',
      mutationId: 2,
      tables: { stock: [row('MUG@FR1', { on_hand: 10 })] },
    });
    const header =
      'Order no.,SKU,Qty,Unit price,Currency,Payment,Recipient,Phone,Address line 1,City,Postal code,Country';
    const lines = ['J1', 'J2', 'J3'].map(
      (no, i) => `${no},MUG,1,10,EUR,prepaid,Client ${no},+3361234560${i},${i + 1} rue Cler,Paris,75007,FR`,
    );
    await team.api('POST', '/v1/orders/import', { format: 'template', text: [header, ...lines].join('\n') });
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), team?.close(), site?.close()]);
  });

  function person(locale: string, timeZone: string): AppsScriptEnvironment {
    const env = team.person('cs@shop.test', { locale, timeZone });
    execute(env, () => addon.setupSheets());
    execute(env, () => addon.saveConnection({ url: team.url, key: csKey }));
    execute(env, () => addon.syncNow());
    return env;
  }

  const openSidebar = (env: AppsScriptEnvironment) =>
    openAddonPage(browser, site.url, 'order-sidebar.html', addon, (work) => execute(env, work));

  const texts = (page: Page, selector: string) => page.locator(selector).allTextContents();

  /** An ISO instant as the sidebar shows it in `timeZone` (yyyy-MM-dd HH:mm). */
  const local = (iso: string, timeZone: string) =>
    new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(iso));

  test('one order selected: its steps oldest first, in the sheet time zone; several: a hint; a refusal: its message', async () => {
    const env = person('en_US', 'America/New_York');
    const j1 = rowOf(env, 'Orders', 'J1/1');
    env.spreadsheet.select('Orders', `A${j1}`);
    const { page } = await openSidebar(env);
    await page.waitForSelector('#journey li');
    expect(await page.textContent('#journey-title')).toBe('Order journey');
    expect(await page.textContent('#journey-caption')).toBe('Times in America/New_York');
    expect(await texts(page, '#journey .step-text')).toEqual(['Imported']);

    // Approve from the sidebar: the reloaded journey shows the approval and the reservation after the import.
    await page.click('button[data-action=approve]');
    await page.waitForSelector('#message.ok, #message.error');
    expect(await page.getAttribute('#message', 'class')).toContain('ok');
    await page.waitForFunction(() => document.querySelectorAll('#journey li').length > 1);
    const server = (await team.api('GET', '/v1/orders/J1/journey?lang=en', undefined, csKey)).body as {
      steps: { at: string; kind: string; subject: string; text: string }[];
    };
    const shown = await texts(page, '#journey .step-text');
    expect(shown).toEqual(server.steps.map((s) => s.text));
    expect(shown).toEqual(['Imported', 'Approve', 'Stock reserved', 'Fully reserved']);
    expect(await texts(page, '#journey .subject')).toEqual(server.steps.map(() => 'J1'));
    expect(await texts(page, '#journey .at')).toEqual(server.steps.map((s) => local(s.at, 'America/New_York')));
    expect(await page.locator('#journey li').evaluateAll((li) => li.map((l) => l.getAttribute('data-kind')))).toEqual(
      server.steps.map(() => 'order'),
    );
    expect(await page.isVisible('#journey-note')).toBe(false);
    await page.screenshot({ path: '.test-results/order-journey.png', fullPage: true });

    // One order selected: the state call fetches its history and its journey; several: neither.
    let before = env.urlFetch.calls.length;
    expect(execute(env, () => addon.getOrderSidebarState()).journey?.steps).toHaveLength(server.steps.length);
    expect(env.urlFetch.calls.length - before).toBe(2);
    env.spreadsheet.select('Orders', `A${rowOf(env, 'Orders', 'J2/1')}:A${rowOf(env, 'Orders', 'J3/1')}`);
    before = env.urlFetch.calls.length;
    expect(execute(env, () => addon.getOrderSidebarState()).journey).toMatchObject({ steps: [], failed: false });
    expect(env.urlFetch.calls.length - before).toBe(0);
    const several = await openSidebar(env);
    await several.page.waitForSelector('#journey-note.note');
    expect(await several.page.textContent('#journey-note')).toBe('Select one order to see its journey');
    expect(await several.page.isVisible('#journey')).toBe(false);
    expect(await texts(several.page, '#orders li')).toHaveLength(2);

    // An order the server does not know (a typo in the sheet): the server's message, the rest of the sidebar works.
    const j3 = rowOf(env, 'Orders', 'J3/1');
    env.spreadsheet
      .getSheetByName('Orders')!
      .getRange(j3, columnOf(env, 'Orders', 'Order no.'))
      .setValue('GHOST');
    env.spreadsheet.select('Orders', `A${j3}`);
    const ghost = await openSidebar(env);
    await ghost.page.waitForSelector('#journey-note.error');
    expect(await ghost.page.textContent('#journey-note')).toBe(
      'The server answered 404: There is no order GHOST in this workspace.',
    );
    expect(await texts(ghost.page, '#orders li')).toEqual(['GHOSTPending review']);
    expect(await ghost.page.locator('button[data-action]').count()).toBeGreaterThan(0);
  });

  test('in a Chinese spreadsheet the journey and its hint are in Chinese, in the sheet time zone', async () => {
    const env = person('zh_CN', 'Asia/Shanghai');
    await team.api('POST', '/v1/orders/moves', {
      idempotencyKey: 'journey-approve-J2',
      action: 'approve',
      ...SETUP_OVERRIDE,
      orderNos: ['J2'],
    });
    execute(env, () => addon.syncNow());
    env.spreadsheet.select('订单', `A${rowOf(env, '订单', 'J2/1')}`);
    const { page } = await openSidebar(env);
    await page.waitForSelector('#journey li');
    expect(await page.textContent('#journey-title')).toBe('订单轨迹');
    expect(await page.textContent('#journey-caption')).toBe('时间按 Asia/Shanghai 时区');
    const server = (await team.api('GET', '/v1/orders/J2/journey?lang=zh', undefined, csKey)).body as {
      steps: { at: string; text: string }[];
    };
    const shown = await texts(page, '#journey .step-text');
    expect(shown).toEqual(server.steps.map((s) => s.text));
    expect(shown).toEqual(['已导入', '审核通过', '已锁定库存', '库存已锁定']);
    expect(await texts(page, '#journey .at')).toEqual(server.steps.map((s) => local(s.at, 'Asia/Shanghai')));
    await page.screenshot({ path: '.test-results/order-journey-zh.png', fullPage: true });

    env.spreadsheet.select('订单', `A${rowOf(env, '订单', 'J1/1')}:A${rowOf(env, '订单', 'J2/1')}`);
    const several = await openSidebar(env);
    await several.page.waitForSelector('#journey-note.note');
    expect(await several.page.textContent('#journey-note')).toBe('选中一个订单以查看其轨迹');
  });
});
