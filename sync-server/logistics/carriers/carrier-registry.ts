import type { CarrierAdapter } from './carrier-adapter';
import { sandboxAdapter } from './sandbox/sandbox-adapter';
import { yunExpressAdapter } from './yunexpress/yunexpress-adapter';

/** Where each adapter reaches its carrier; credentials come from the server's settings, never from the sheet. */
export type CarrierSettings = {
  sandbox: { url: string; apiKey?: string };
  yunexpress?: { url: string; customerCode: string; apiSecret: string };
  timeoutMs?: number;
  fetch?: typeof fetch;
};

/** The settings an adapter needs, named for the message when one is missing. */
const SETTINGS_NAMES: Record<string, string> = {
  yunexpress: 'CROSSDOCK_YUNEXPRESS_CUSTOMER_CODE, CROSSDOCK_YUNEXPRESS_API_SECRET',
};

export type CarrierRegistry = {
  /** The adapter by the Carriers sheet's name, or the settings it still needs. `manual` has none. */
  adapter(name: string): CarrierAdapter | { missing: string };
};

export function carrierRegistry(settings: CarrierSettings): CarrierRegistry {
  const made = new Map<string, CarrierAdapter>();
  const common = { timeoutMs: settings.timeoutMs, ...(settings.fetch ? { fetch: settings.fetch } : {}) };
  const build = (name: string): CarrierAdapter | null => {
    if (name === 'sandbox')
      return sandboxAdapter({ baseUrl: settings.sandbox.url, apiKey: settings.sandbox.apiKey, ...common });
    if (name === 'yunexpress' && settings.yunexpress)
      return yunExpressAdapter({
        baseUrl: settings.yunexpress.url,
        customerCode: settings.yunexpress.customerCode,
        apiSecret: settings.yunexpress.apiSecret,
        ...common,
      });
    return null;
  };
  return {
    adapter(name) {
      const known = made.get(name) ?? build(name);
      if (!known) return { missing: SETTINGS_NAMES[name] ?? name };
      made.set(name, known);
      return known;
    },
  };
}
