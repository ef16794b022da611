import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import * as addon from '../../addon/main';
import { ADDON_DIST, execute, rowOf, startTeam } from '../support/addon-harness';
import { launchChromium, openAddonPage, serveFolder } from '../support/browser';
import type { AppsScriptEnvironment } from '../fakes/apps-script-globals';

const shopify = fs.readFileSync(
  path.resolve(__dirname, '..', 'fixtures', 'orders', 'shopify-orders-export.csv'),
  'utf8',
);

/** What showConnectDialog asks Sheets for (setWidth/setHeight), and the width Sheets gives every sidebar. */
const DIALOG = { width: 460, height: 340 };
const SIDEBAR = { width: 300, height: 640 };

/** Nothing wider than the frame (Sheets would show a horizontal scrollbar) and `selector` fully inside it. */
async function fits(page: Page, frame: { width: number; height: number }, selector: string) {
  const box = await page.locator(selector).boundingBox();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  return {
    width: width <= frame.width,
    inside: !!box && box.x + box.width <= frame.width && box.y + box.height <= frame.height,
  };
}

describe('Google sign-in and the sidebars at the sizes Sheets gives them, in headless Chromium', () => {
  let browser: Browser;
  let team: Awaited<ReturnType<typeof startTeam>>;
  let site: Awaited<ReturnType<typeof serveFolder>>;
  beforeAll(async () => {
    [browser, team, site] = await Promise.all([
      launchChromium(),
      startTeam('pglite', { google: true }),
      serveFolder(ADDON_DIST),
    ]);
    await team.addMember('amy@shop.test', ['cs']);
    await team.api('POST', '/v1/orders/import', { format: 'shopify', text: shopify });
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), team?.close(), site?.close()]);
  });

  const open = (env: AppsScriptEnvironment, page: string, frame: { width: number; height: number }) =>
    openAddonPage(browser, site.url, page, addon, (work) => execute(env, work), frame);

  test.each(['en_US', 'zh_CN'])(
    'Connect with the server URL only signs in with Google (%s, 460×340)',
    async (locale) => {
      const env = team.person('amy@shop.test', { locale });
      execute(env, () => addon.setupSheets());
      const { page, calls } = await open(env, 'connect-dialog.html', DIALOG);
      await page.waitForFunction(() => document.querySelector('[data-text=dialog_key_help]')?.textContent !== '');
      await page.fill('#url', team.url);
      await page.click('#save');
      const result = await page.waitForSelector('#result.ok, #result.error');
      expect(await result.getAttribute('class')).toBe('ok');
      expect(await result.textContent()).toContain(
        locale === 'en_US' ? 'as amy@shop.test (cs)' : '身份 amy@shop.test（cs）',
      );
      expect(calls).toEqual(['getConnectDialogState', 'saveConnection']);
      expect(env.scriptApp.identityTokenCalls).toBe(1);
      expect(await fits(page, DIALOG, '#result')).toEqual({ width: true, inside: true });
      await page.screenshot({ path: `.test-results/connect-google-${locale}.png` });
    },
  );

  test.each(['order-sidebar.html', 'shipment-sidebar.html', 'after-sale-sidebar.html'])(
    '%s fits the 300 px sidebar',
    async (file) => {
      const env = team.person('amy@shop.test');
      execute(env, () => addon.setupSheets());
      execute(env, () => addon.saveConnection({ url: team.url, key: '' }));
      execute(env, () => addon.syncNow());
      const first = rowOf(env, 'Orders', 'SH-1001/1');
      env.spreadsheet.select('Orders', `A${first}:C${first}`);
      const { page } = await open(env, file, SIDEBAR);
      // Loaded: its texts arrived (a button with text), or it says what is wrong.
      await page.waitForFunction(() =>
        [...document.querySelectorAll('button, .error, #message, #problem')].some((n) => n.textContent?.trim()),
      );
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIDEBAR.width);
      await page.screenshot({ path: `.test-results/${file.replace('.html', '')}-300px.png` });
    },
  );
});
