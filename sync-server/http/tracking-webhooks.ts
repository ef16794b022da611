import express, { type RequestHandler, type Router } from 'express';
import type { Database } from '../db/database';
import { run } from '../db/database';
import { ProviderError, type TrackingProvider } from '../tracking/providers/tracking-provider';
import { selectTrackedShipments, type TrackedShipment } from '../tracking/tracking-sql';
import { applyTrackingUpdates, type TrackingUpdate } from '../workflows/tracking-updates';
import { sendError } from './error-responses';

/**
 * POST /webhooks/<provider> (docs/tracking.md): the provider's signature is checked on the raw body before
 * anything is read or stored (401 otherwise); events are stored once, whether they came by webhook or poll,
 * so a provider retrying a webhook changes nothing. Numbers we do not know are acknowledged and ignored (a
 * refusal would only make the provider retry).
 */
export function trackingWebhooks(db: Database, now: () => Date, providers: () => readonly TrackingProvider[]): Router {
  const router = express.Router();
  router.post('/webhooks/:provider', express.raw({ type: () => true, limit: '5mb' }), handler(db, now, providers));
  return router;
}

function handler(db: Database, now: () => Date, providers: () => readonly TrackingProvider[]): RequestHandler {
  return async (req, res) => {
    const provider = providers().find((p) => p.name === req.params.provider && p.readWebhook);
    if (!provider) {
      sendError(req, res, 'not_found', { method: req.method, path: req.path });
      return;
    }
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value[0] : value;
    let results: ReturnType<NonNullable<TrackingProvider['readWebhook']>>;
    try {
      results = provider.readWebhook!({ rawBody, headers });
    } catch (error) {
      // Signed, but not the documented shape: refused as a bad request (the provider shows it; no retry storm).
      if (!(error instanceof ProviderError)) throw error;
      sendError(req, res, 'invalid_request', { problems: error.message });
      return;
    }
    if (!results) {
      sendError(req, res, 'webhook_signature');
      return;
    }
    const numbers = [...new Set(results.map((r) => r.trackingNo))];
    const shipments = numbers.length
      ? (await run<TrackedShipment>(db.pool, selectTrackedShipments({ trackingNos: numbers }, false))).rows
      : [];
    const updates: TrackingUpdate[] = results.flatMap((result) =>
      shipments
        .filter((s) => s.tracking_no.toUpperCase() === result.trackingNo.toUpperCase())
        .map((s) => ({ workspaceId: s.workspace_id, shipmentNo: s.shipment_no, provider: provider.name, result })),
    );
    const outcome = updates.length
      ? await applyTrackingUpdates(db, updates, 'webhook', now)
      : { stored: 0, repeated: 0, wentBack: 0, ordersDelivered: [] };
    res.json({
      ok: true,
      stored: outcome.stored,
      repeated: outcome.repeated,
      unknown: results.length - updates.length,
    });
  };
}
