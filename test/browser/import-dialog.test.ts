import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { Browser } from 'playwright-core';
import * as addon from '../../addon/main';
import { ADDON_DIST, execute, sheetRecords, startTeam } from '../support/addon-harness';
import { launchChromium, openAddonPage, serveFolder } from '../support/browser';
import type { AppsScriptEnvironment } from '../fakes/apps-script-globals';
import type { ImportForm } from '../../addon/order-import-flow';
import { japaneseReportText } from '../support/japanese-report';
import { tempDir } from '../support/cleanup';

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

  async function open(env: AppsScriptEnvironment, entries: Record<string, unknown> = addon) {
    const { page } = await openAddonPage(browser, site.url, 'import-dialog.html', entries, (work) =>
      execute(env, work),
    );
    await page.waitForSelector('#format option', { state: 'attached' });
    return page;
  }

  test('a chosen Amazon report is imported and the Orders sheet shows its orders; a bad pasted row is explained', async () => {
    const key = await team.memberKey('cs@shop.test', ['cs']);
    const env = team.person('cs@shop.test');
    execute(env, () => addon.setupSheets());
    execute(env, () => addon.saveConnection({ url: team.url, key }));
    const page = await open(env);
    await page.setInputFiles(
      '#file',
      path.resolve(__dirname, '..', 'fixtures', 'orders', 'amazon-unshipped-orders.txt'),
    );
    await page.waitForSelector('#chosen:has-text("amazon-unshipped-orders.txt")');
    expect(await page.textContent('#chosen')).toMatch(/^File chosen: amazon-unshipped-orders\.txt \(\d+ KB\)$/);
    expect(await page.inputValue('#text')).toBe('');
    expect(await page.inputValue('#format')).toBe('amazon');
    await page.click('#run');
    await page.waitForSelector('#result.ok');
    expect(await page.textContent('#result')).toBe('imported 2, skipped 0, rejected 0');
    expect(sheetRecords(env, 'Orders').map((r) => r['Order no.'])).toEqual([
      'AMZ-114-3941689-8772232',
      'AMZ-114-3941689-8772232',
      'AMZ-302-5512094-1183320',
    ]);

    await page.selectOption('#format', 'template');
    await page.fill('#text', 'order_no,sku,qty\nP-1,MUG,0');
    await page.click('#run');
    await page.waitForSelector('#result.error');
    expect(await page.textContent('#result')).toBe(
      'imported 0, skipped 0, rejected 1\nRow 2: quantity "0" is not a whole number from 1 to 1,000,000',
    );
  });

  test('a chosen Shift_JIS report goes to the server as its exact bytes (base64) and is stored undamaged', async () => {
    const bytes = iconv.encode(japaneseReportText(), 'cp932');
    const file = path.join(tempDir('crossdock-jp-'), 'UnshippedOrders-jp.txt');
    fs.writeFileSync(file, bytes);

    const key = await team.memberKey('cs-jp@shop.test', ['cs']);
    const env = team.person('cs-jp@shop.test');
    execute(env, () => addon.setupSheets());
    execute(env, () => addon.saveConnection({ url: team.url, key }));
    const forms: ImportForm[] = [];
    const recording = (form: ImportForm) => (forms.push(form), addon.importOrdersFromDialog(form));
    const page = await open(env, { ...addon, importOrdersFromDialog: recording });
    await page.setInputFiles('#file', file);
    await page.waitForSelector('#chosen:has-text("UnshippedOrders-jp.txt")');
    await page.click('#run');
    await page.waitForSelector('#result.ok');
    expect(forms).toEqual([{ format: 'amazon', data: expect.any(String), fileName: 'UnshippedOrders-jp.txt' }]);
    expect(Buffer.from(forms[0]!.data!, 'base64').equals(bytes)).toBe(true);
    expect(await page.textContent('#result')).toBe('imported 1, skipped 0, rejected 0');
    expect(sheetRecords(env, 'Orders').map((r) => r['Recipient'])).toContain('髙﨑 太郎'); // the workspace is the first test's too
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
