import { aftership } from './aftership';
import { dhlUnified } from './dhl-unified';
import { seventeenTrack } from './seventeen-track';
import type { TrackingProvider } from './tracking-provider';

/** The tracking providers this server has accounts with (server settings, never the sheet: they are secrets). */
export type TrackingSettings = {
  seventeenTrack?: { url: string; token: string; webhookKey?: string };
  aftership?: { url: string; apiKey: string; webhookSecret?: string };
  dhl?: { url: string; apiKey: string };
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Calls a day each provider allows (the health check counts against it). */
  dailyCalls?: Partial<Record<TrackingProvider['name'], number>>;
};

export function trackingProviders(settings: TrackingSettings): TrackingProvider[] {
  const common = { timeoutMs: settings.timeoutMs, ...(settings.fetch ? { fetch: settings.fetch } : {}) };
  const providers: TrackingProvider[] = [];
  if (settings.seventeenTrack)
    providers.push(
      seventeenTrack({
        baseUrl: settings.seventeenTrack.url,
        token: settings.seventeenTrack.token,
        webhookKey: settings.seventeenTrack.webhookKey,
        ...common,
      }),
    );
  if (settings.aftership)
    providers.push(
      aftership({
        baseUrl: settings.aftership.url,
        apiKey: settings.aftership.apiKey,
        webhookSecret: settings.aftership.webhookSecret,
        ...common,
      }),
    );
  if (settings.dhl) providers.push(dhlUnified({ baseUrl: settings.dhl.url, apiKey: settings.dhl.apiKey, ...common }));
  return providers;
}
