/// <reference types="google-apps-script" />
import type { AppsScriptEnvironment } from '../test/fakes/apps-script-globals';

/**
 * Wraps the fake UrlFetchApp to time the calls: the add-on side of a run is its wall time minus the time
 * spent inside UrlFetch (the server's work and the network).
 */
export function timeFetches(env: AppsScriptEnvironment): { total: () => number; count: () => number } {
  const fetcher = env.globals.UrlFetchApp;
  const original = fetcher.fetch.bind(fetcher);
  let ms = 0;
  let calls = 0;
  (fetcher as { fetch: typeof fetcher.fetch }).fetch = ((
    url: string,
    params?: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions,
  ) => {
    const start = process.hrtime.bigint();
    try {
      return original(url, params ?? {});
    } finally {
      ms += Number(process.hrtime.bigint() - start) / 1e6;
      calls += 1;
    }
  }) as typeof fetcher.fetch;
  return { total: () => ms, count: () => calls };
}

/** One Apps Script execution of `env` in this process: its globals installed, its locks released after. */
export function installed<T>(env: AppsScriptEnvironment, work: () => T): T {
  Object.assign(globalThis, env.globals);
  try {
    return work();
  } finally {
    env.endExecution();
  }
}

/** `total` products (SKU-000000 …), pushed 10,000 per request with the server's admin key. */
export async function seedProducts(server: { url: string; key: string }, total: number): Promise<void> {
  for (let start = 0; start < total; start += 10_000) {
    const rows = Array.from({ length: Math.min(10_000, total - start) }, (_, i) => ({
      key: `SKU-${String(start + i).padStart(6, '0')}`,
      baseVersion: null,
      values: {
        name_en: `Product ${start + i}`,
        attributes: ['general'],
        weight_g: 250,
        unit_cost: '3.5',
        cost_currency: 'USD',
        supplier: 'Yiwu',
        active: true,
      },
    }));
    const response = await fetch(`${server.url}/v1/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'bench-seeder', mutationId: start + 1, tables: { products: rows } }),
    });
    if (response.status !== 200) throw new Error(`seed failed: ${response.status} ${await response.text()}`);
  }
}
