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
