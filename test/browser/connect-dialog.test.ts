import type { Browser } from 'playwright-core';
import * as addon from '../../addon/main';
import { ADDON_DIST, execute, startTeam } from '../support/addon-harness';
import { launchChromium, openAddonPage, serveFolder } from '../support/browser';
import type { AppsScriptEnvironment } from '../fakes/apps-script-globals';

type Team = Awaited<ReturnType<typeof startTeam>>;

describe('the Connect to server dialog in headless Chromium', () => {
  let browser: Browser;
  let team: Team;
  let site: Awaited<ReturnType<typeof serveFolder>>;
  beforeAll(async () => {
    [browser, team, site] = await Promise.all([launchChromium(), startTeam('pglite'), serveFolder(ADDON_DIST)]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), team?.close(), site?.close()]);
  });

  /** The page with google.script.run bound to the add-on's real entry points, as `env`. */
  const openDialog = (env: AppsScriptEnvironment) =>
    openAddonPage(browser, site.url, 'connect-dialog.html', addon, (work) => execute(env, work));

  test('a person pastes a URL and key, tests them, and sees who they are connected as', async () => {
    const key = await team.memberKey('cs@shop.test', ['cs']);
    const env = team.person('cs@shop.test');
    const { page, calls } = await openDialog(env);
    await page.getByLabel('Server URL').fill(team.url);
    await page.getByLabel('API key (optional)').fill(key);
    await page.getByRole('button', { name: 'Test and save' }).click();
    await page.waitForSelector('#result.ok');
    expect(await page.textContent('#result')).toContain('as cs@shop.test (cs)');
    expect(await page.inputValue('#key')).toBe('');
    expect(calls).toEqual(['getConnectDialogState', 'saveConnection']);
    expect(env.spreadsheet.documentProperties.data.get('crossdock.serverUrl')).toBe(team.url);
    await page.getByRole('button', { name: 'Close' }).click();
    expect(await page.evaluate(() => (window as unknown as { __closed: boolean }).__closed)).toBe(true);
    await page.screenshot({ path: '.test-results/connect-dialog.png' });
  });

  test('in a Chinese spreadsheet the dialog speaks Chinese and a wrong key is explained', async () => {
    const env = team.person('cs2@shop.test', { locale: 'zh_CN' });
    const { page } = await openDialog(env);
    await page.waitForFunction(() => document.querySelector('#save')?.textContent === '测试并保存');
    expect(await page.textContent('label[for=url]')).toBe('服务器地址');
    await page.fill('#url', team.url);
    await page.fill('#key', 'cdk_wrongwrongwrongwrongwrongwrong');
    await page.click('#save');
    await page.waitForSelector('#result.error');
    expect(await page.textContent('#result')).toContain('服务器返回 401');
    // The add-on sends Accept-Language from the sheet: the server's own refusal is Chinese too.
    expect(await page.textContent('#result')).toContain('服务器不接受此凭据');
    expect(env.spreadsheet.documentProperties.data.get('crossdock.serverUrl')).toBeUndefined();
  });
});
