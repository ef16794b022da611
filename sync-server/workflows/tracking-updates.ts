import { eventKey, nextStatus } from '../../domain/tracking/tracking-history';
import { FINAL_TRACKING, isTrackingStatus, type TrackingStatus } from '../../domain/tracking/tracking-status';
import { applyMove } from '../../domain/orders/order-moves';
import type { OrderStatus } from '../../domain/orders/order-status';
import type { Principal } from '../access/principal';
import { inTransaction, run, type Database } from '../db/database';
import type { InventoryContext } from '../inventory/allocation-service';
import { selectOrdersForUpdate, updateOrderStatuses } from '../orders/order-sql';
import type { TrackingResult } from '../tracking/providers/tracking-provider';
import {
  insertTrackingEvents,
  selectFullyDelivered,
  selectTrackedShipments,
  updateTrackingStates,
  type EventWrite,
  type TrackedShipment,
  type TrackingStateWrite,
} from '../tracking/tracking-sql';
import { runInWorkspace } from './command-runner';
import { refreshShipping } from './shipment-planning';

/** One provider answer for one of our parcels. */
export type TrackingUpdate = { workspaceId: string; shipmentNo: string; provider: string; result: TrackingResult };

export type TrackingOutcome = { stored: number; repeated: number; wentBack: number; ordersDelivered: string[] };

/** The shipment status a tracking status means (DESIGN 3.4's list); null keeps the shipment's own. */
const SHIPMENT_STATUS: Record<TrackingStatus, string | null> = {
  pending: null,
  info_received: null,
  in_transit: 'in_transit',
  available_for_pickup: 'out_for_delivery',
  out_for_delivery: 'out_for_delivery',
  delivery_failed: 'exception',
  exception: 'exception',
  returning: 'exception',
  returned: 'returned',
  delivered: 'delivered',
  expired: null,
};

/** Days without a carrier scan after which a parcel on its way is flagged (DESIGN 3.7's default). */
const NO_SCAN_DAYS = 7;

/** Statuses that put a parcel in front of a person. */
const FLAGGED: readonly TrackingStatus[] = ['delivery_failed', 'exception', 'returning', 'expired'];

/**
 * Stores what providers said about our parcels (docs/tracking.md), by poll or by webhook alike: each event
 * once, the parcel's status only forward (a step back is logged and flagged), flags for exceptions and
 * failed deliveries, and each order whose every parcel is delivered moves to delivered — per workspace,
 * one transaction each.
 */
export async function applyTrackingUpdates(
  db: Database,
  updates: readonly TrackingUpdate[],
  source: 'poll' | 'webhook',
  now: () => Date,
): Promise<TrackingOutcome> {
  const outcome: TrackingOutcome = { stored: 0, repeated: 0, wentBack: 0, ordersDelivered: [] };
  const byWorkspace = new Map<string, TrackingUpdate[]>();
  for (const u of updates) byWorkspace.set(u.workspaceId, [...(byWorkspace.get(u.workspaceId) ?? []), u]);
  for (const [workspaceId, list] of byWorkspace) {
    const system: Principal = { workspaceId, actor: `system:tracking`, roles: [], via: 'api_key' };
    await inTransaction(db, (client) =>
      runInWorkspace(client, system, now(), `tracking:${source}`, (ctx) =>
        applyInWorkspace(ctx, list, source, outcome),
      ),
    );
  }
  return outcome;
}

async function applyInWorkspace(
  ctx: InventoryContext,
  updates: TrackingUpdate[],
  source: 'poll' | 'webhook',
  outcome: TrackingOutcome,
): Promise<void> {
  const shipments = new Map(
    (
      await run<TrackedShipment>(
        ctx.client,
        selectTrackedShipments(
          { workspaceId: ctx.workspaceId, shipmentNos: [...new Set(updates.map((u) => u.shipmentNo))] },
          true,
        ),
      )
    ).rows.map((s) => [s.shipment_no, s]),
  );
  const events: EventWrite[] = updates.flatMap((u) =>
    u.result.events.map((e) => ({
      ...e,
      shipment_no: u.shipmentNo,
      provider: u.provider,
      tracking_no: u.result.trackingNo,
      dedupe_key: eventKey(u.provider, u.result.trackingNo, e.at, e.status, e.description),
    })),
  );
  const unique = [...new Map(events.map((e) => [e.dedupe_key, e])).values()];
  const fresh = unique.length
    ? ((await run(ctx.client, insertTrackingEvents(ctx.workspaceId, unique, source, ctx.at))).rowCount ?? 0)
    : 0;
  outcome.stored += fresh;
  outcome.repeated += events.length - fresh;

  // One write per parcel: a batch may hold several answers about one parcel (webhooks), applied in order.
  const states = new Map<string, TrackingStateWrite>();
  const delivered: string[] = [];
  // Orders show their parcels' statuses (not their checkpoints): only a status change rewrites them.
  const moved = new Set<string>();
  for (const u of updates) {
    const s = shipments.get(u.shipmentNo);
    if (!s) continue;
    const current: TrackingStatus =
      s.tracking_status && isTrackingStatus(s.tracking_status) ? s.tracking_status : 'pending';
    const verdict = nextStatus(current, u.result.status);
    const flags = [...(s.tracking_flags ?? [])];
    const flagsBefore = flags.length;
    if (verdict.regression) {
      outcome.wentBack += 1;
      flags.push({ code: 'went_back', at: ctx.at.toISOString(), ...verdict.regression });
    }
    if (verdict.status !== current && FLAGGED.includes(verdict.status))
      flags.push({ code: verdict.status, at: ctx.at.toISOString() });
    const latest = [...u.result.events].sort((a, b) => b.at.localeCompare(a.at))[0];
    const newer = latest && (!s.last_event_at || new Date(latest.at) > new Date(s.last_event_at));
    const status = SHIPMENT_STATUS[verdict.status] ?? s.status;
    // Nothing scanned for days while still on its way: put it in front of a person, once per silence.
    const lastScan = new Date((newer ? latest.at : null) ?? s.last_event_at ?? s.shipped_at ?? ctx.at).getTime();
    const silentDays = Math.floor((ctx.at.getTime() - lastScan) / 86_400_000);
    const silent =
      silentDays >= NO_SCAN_DAYS &&
      !FINAL_TRACKING.includes(verdict.status) &&
      !flags.some((f) => f.code === 'no_scan' && new Date(String(f.at)).getTime() > lastScan);
    if (silent) flags.push({ code: 'no_scan', at: ctx.at.toISOString(), days: silentDays });
    if (verdict.status === current && !newer && !verdict.regression && !silent) continue;
    if (status === 'delivered' && s.status !== 'delivered') delivered.push(...s.order_nos);
    const before = { status: s.status, tracking: current };
    if (newer) {
      s.last_event_at = new Date(latest.at);
      s.last_event = [latest.description, latest.location].filter(Boolean).join(' · ');
    }
    if (status === 'delivered') s.delivered_at ??= new Date(latest?.at ?? ctx.at.toISOString());
    Object.assign(s, { status, tracking_status: verdict.status, tracking_flags: flags });
    states.set(s.shipment_no, {
      shipment_no: s.shipment_no,
      status,
      tracking_status: verdict.status,
      last_event_at: s.last_event_at ? new Date(s.last_event_at).toISOString() : null,
      last_event: s.last_event ?? null,
      tracking_flags: flags,
      delivered_at: s.delivered_at ? new Date(s.delivered_at).toISOString() : null,
      change_no: ++ctx.changeNo,
    });
    const changed = before.status !== status || before.tracking !== verdict.status;
    if (changed) for (const orderNo of s.order_nos) moved.add(orderNo);
    // The log holds each change of status and each flag; a checkpoint alone is in tracking_events.
    if (changed || flags.length > flagsBefore)
      ctx.events.push({
        actor: ctx.actor,
        entity: 'shipments',
        entityKey: s.shipment_no,
        action: verdict.regression ? 'tracking_went_back' : 'tracking',
        before,
        after: { status, tracking: verdict.status, reported: u.result.status, source, provider: u.provider },
        correlationId: `shipment:${s.shipment_no}`,
      });
  }
  if (states.size)
    await run(ctx.client, updateTrackingStates(ctx.workspaceId, [...states.values()], ctx.at, ctx.actor));
  outcome.ordersDelivered.push(...(await deliverOrders(ctx, [...new Set(delivered)])));
  await refreshShipping(ctx, [...moved]);
}

/** Orders whose every parcel is now delivered move to delivered (the domain's system move). */
async function deliverOrders(ctx: InventoryContext, orderNos: string[]): Promise<string[]> {
  if (!orderNos.length) return [];
  const complete = new Set(
    (await run<{ order_no: string }>(ctx.client, selectFullyDelivered(ctx.workspaceId, orderNos))).rows.map(
      (r) => r.order_no,
    ),
  );
  const orders = (
    await run<{ order_no: string; status: string; call_attempts: number }>(
      ctx.client,
      selectOrdersForUpdate(ctx.workspaceId, [...complete].sort()),
    )
  ).rows.filter((o) => o.status === 'shipped');
  const moves = orders.map((o) => {
    const moved = applyMove(
      { orderNo: o.order_no, status: o.status as OrderStatus, callAttempts: Number(o.call_attempts) },
      { action: 'tracking_delivered', actor: { kind: 'system', why: 'tracking' }, at: ctx.at.toISOString() },
    );
    for (const e of moved.events)
      ctx.events.push({
        actor: e.actor,
        entity: 'orders',
        entityKey: o.order_no,
        action: e.action,
        before: e.before,
        after: e.after,
        correlationId: `order:${o.order_no}`,
      });
    return {
      order_no: o.order_no,
      status: 'delivered',
      call_attempts: Number(o.call_attempts),
      approved: false,
      change_no: ++ctx.changeNo,
    };
  });
  if (moves.length) await run(ctx.client, updateOrderStatuses(ctx.workspaceId, moves, ctx.at, ctx.actor));
  return moves.map((m) => m.order_no);
}
