import path from 'node:path';
import type { Browser } from 'playwright-core';
import * as addon from '../../addon/main';
import { ADDON_DIST, execute, sheetRecords, startTeam } from '../support/addon-harness';
import { launchChromium, openAddonPage, serveFolder } from '../support/browser';
import type { AppsScriptEnvironment } from '../fakes/apps-script-globals';

describe('the Import orders dialog in headless Chromium', () => {
  let browser: Browser;
  let team: Awaited<ReturnType<typeof startTeam>>;
  let site: Awaited<ReturnType<typeof serveFolder>>;
  beforeAll(async () => {
    [browser, team, site] = await Promise.all([launchChromium(), startTeam('pglite'), serveFolder(ADDON_DIST)]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), team?.close(), site?.close()]);
  });

  async function open(env: AppsScriptEnvironment) {
    const { page } = await openAddonPage(browser, site.url, 'import-dialog.html', addon, (work) => execute(env, work));
    await page.waitForSelector('#format option', { state: 'attached' });
    return page;
  }

  test('a chosen Amazon report is imported and the Orders sheet shows its orders; a bad pasted row is explained', async () => {
    const key = await team.memberKey('cs@shop.test', ['cs']);
    const env = team.person('cs@shop.test');
    execute(env, () => addon.setupSheets());
    execute(env, () => addon.saveConnection({ url: team.url, key }));
    const page = await open(env);
    await page.setInputFiles('#file', path.resolve(__dirname, '..', 'fixtures', 'orders', 'amazon-unshipped-orders.txt'));
    await page.waitForFunction(() => (document.querySelector('#text') as HTMLTextAreaElement).value.includes('order-id'));
    expect(await page.inputValue('#format')).toBe('amazon');
    await page.click('#run');
    await page.waitForSelector('#result.ok');
    expect(await page.textContent('#result')).toBe('imported 2, skipped 0, rejected 0');
    expect(sheetRecords(env, 'Orders').map((r) => r['Order no.'])).toEqual(['AMZ-114-3941689-8772232', 'AMZ-114-3941689-8772232', 'AMZ-302-5512094-1183320']);

    await page.selectOption('#format', 'template');
    await page.fill('#text', 'order_no,sku,qty\nP-1,MUG,0');
    await page.click('#run');
    await page.waitForSelector('#result.error');
    expect(await page.textContent('#result')).toBe('imported 0, skipped 0, rejected 1\nRow 2: quantity "0" is not a positive whole number');
  });
});
