import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export function chromiumPath(): string {
  const executable = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(executable))
    throw new Error(`Chromium not found at ${executable}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return executable;
}

// Playwright's 30 s defaults (launch, navigation, waitForSelector, click) are time budgets that a loaded
// machine can exceed: 0 turns them off; a page that never gets there still fails at jest's testTimeout.
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    timeout: 0,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Serves one folder on 127.0.0.1 (init scripts only run on real navigations, not setContent). */
export async function serveFolder(folder: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const file = path.join(folder, path.basename(new URL(req.url ?? '/', 'http://x').pathname));
    if (!fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * google.script.run as Apps Script gives it to a dialog: a chain of withSuccessHandler /
 * withFailureHandler, then a call by function name that answers asynchronously. Calls go to
 * `window.__scriptCall(name, argsJson)`, which the test binds to the add-on's real functions.
 */
export const GOOGLE_SCRIPT_RUN_SHIM = `
(() => {
  function runner(onSuccess, onFailure) {
    return new Proxy({}, {
      get(_target, name) {
        if (name === 'withSuccessHandler') return (fn) => runner(fn, onFailure);
        if (name === 'withFailureHandler') return (fn) => runner(onSuccess, fn);
        if (name === 'withUserObject') return () => runner(onSuccess, onFailure);
        return (...args) => {
          window.__scriptCall(String(name), JSON.stringify(args)).then((answer) => {
            const parsed = JSON.parse(answer);
            if (parsed.ok) onSuccess && onSuccess(parsed.value);
            else onFailure && onFailure(new Error(parsed.error));
          });
        };
      },
    });
  }
  window.__closed = false;
  window.google = { script: { run: runner(null, null), host: { close: () => { window.__closed = true; } } } };
})();
`;

/**
 * Opens one of the add-on's HTML pages with google.script.run bound to the add-on's real entry points,
 * run as one Apps Script execution of `env` each. `calls` records the function names, in order.
 */
export async function openAddonPage(
  browser: Browser,
  siteUrl: string,
  page: string,
  entries: Record<string, unknown>,
  run: <T>(work: () => T) => T,
  /** The frame Sheets gives it: a dialog's setWidth/setHeight, or a sidebar's 300 px width. */
  viewport?: { width: number; height: number },
): Promise<{ page: import('playwright-core').Page; calls: string[] }> {
  const tab = await browser.newPage(viewport ? { viewport } : {});
  tab.setDefaultTimeout(0);
  const calls: string[] = [];
  await tab.exposeFunction('__scriptCall', (name: string, argsJson: string) => {
    calls.push(name);
    const entry = entries[name];
    if (typeof entry !== 'function') return JSON.stringify({ ok: false, error: `Script function not found: ${name}` });
    try {
      return JSON.stringify({
        ok: true,
        value: run(() => (entry as (...args: unknown[]) => unknown)(...(JSON.parse(argsJson) as unknown[]))),
      });
    } catch (error) {
      return JSON.stringify({ ok: false, error: (error as Error).message });
    }
  });
  await tab.addInitScript(GOOGLE_SCRIPT_RUN_SHIM);
  await tab.goto(`${siteUrl}/${page}`);
  return { page: tab, calls };
}
