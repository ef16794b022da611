import type { OutcomesResponse, ShipBody, ShipmentOutcome } from '../../domain/contracts/logistics';
import type { Lang } from '../../domain/i18n/lang';
import { logisticsMessage } from '../../domain/logistics/logistics-messages';
import { LEFT_WAREHOUSE, shipmentStatusLabel } from '../../domain/logistics/shipment-status';
import { applyMove } from '../../domain/orders/order-moves';
import { isOrderStatus, statusLabel, type OrderStatus } from '../../domain/orders/order-status';
import type { Principal } from '../access/principal';
import { run, type Database } from '../db/database';
import { consumeForShipping, heldForShipping, type ShippedUnits } from '../inventory/stock-shipping';
import { selectShipments, updateShipmentStates, type ShipmentRecord } from '../logistics/shipment-sql';
import { shipmentView, type LabelLinker } from '../logistics/shipment-views';
import { addShippedQty, selectFullyShipped, selectOrdersForUpdate, updateOrderStatuses } from '../orders/order-sql';
import { runCommand } from './command-runner';
import { selectCarriers, type CarrierRow } from '../logistics/carrier-sql';
import { loadRecipients } from '../logistics/plan-inputs';
import { startTracking, type ParcelToTrack } from '../tracking/tracking-jobs';
import { tally } from './label-booking';
import { refreshShipping } from './shipment-planning';

/**
 * "Mark shipped" (docs/logistics.md), by shipment numbers or a pasted list of tracking numbers: each
 * parcel with a label leaves the warehouse in one transaction with everything it moves — its units leave
 * on hand and their reservations are consumed, and each order whose every line is now in shipped parcels
 * becomes shipped. A parcel whose order is no longer pending shipment, or whose stock is not held where
 * it ships from, is refused on its own with the reason.
 */
export async function shipShipments(
  db: Database,
  principal: Principal,
  body: ShipBody,
  now: () => Date,
  link: LabelLinker,
): Promise<OutcomesResponse> {
  return runCommand(db, principal, body.idempotencyKey, body, now, async (ctx) => {
    const lang = body.lang;
    const byNumber = body.shipmentNos?.map((n) => n.trim()) ?? [];
    const byTracking = [...new Set(body.trackingNos?.map((n) => n.trim()) ?? [])];
    const results: ShipmentOutcome[] = [];
    const found = (
      await run<ShipmentRecord>(
        ctx.client,
        selectShipments(
          ctx.workspaceId,
          byTracking.length ? { trackingNos: byTracking } : { shipmentNos: byNumber },
          true,
        ),
      )
    ).rows;
    const known = new Set(found.map((s) => (byTracking.length ? s.tracking_no! : s.shipment_no)));
    for (const asked of byTracking.length ? byTracking : [...new Set(byNumber)])
      if (!known.has(asked))
        results.push({
          shipmentNo: byTracking.length ? '' : asked,
          outcome: 'refused',
          code: byTracking.length ? 'no_such_tracking' : 'shipment_not_found',
          message: byTracking.length
            ? logisticsMessage(lang, 'no_such_tracking', { tracking: asked })
            : logisticsMessage(lang, 'shipment_not_found', { shipment: asked }),
        });
    const orderNos = [...new Set(found.flatMap((s) => s.lines.map((l) => l.order_no)))].sort();
    const orders = new Map(
      (
        await run<{ order_no: string; status: string; call_attempts: number }>(
          ctx.client,
          selectOrdersForUpdate(ctx.workspaceId, orderNos),
        )
      ).rows.map((o) => [o.order_no, o]),
    );
    const candidates = found.filter((s) => {
      const refusal = statusRefusal(s, orders, lang);
      if (refusal) results.push({ shipmentNo: s.shipment_no, ...refusal });
      return !refusal;
    });
    const takes = (s: ShipmentRecord): ShippedUnits[] =>
      s.lines.map((l) => ({
        orderNo: l.order_no,
        lineNo: Number(l.line_no),
        sku: l.sku,
        warehouse: s.warehouse,
        qty: Number(l.qty),
      }));
    const { held, short } = await heldForShipping(ctx, candidates.flatMap(takes));
    const shortOf = (s: ShipmentRecord) =>
      short.find(
        (x) =>
          s.lines.some((l) => l.order_no === x.orderNo && Number(l.line_no) === x.lineNo) &&
          x.warehouse === s.warehouse,
      );
    const shipping = candidates.filter((s) => {
      const gap = shortOf(s);
      if (gap)
        results.push({
          shipmentNo: s.shipment_no,
          outcome: 'refused',
          code: 'stock_not_held',
          message: logisticsMessage(lang, 'stock_not_held', {
            shipment: s.shipment_no,
            order: gap.orderNo,
            line: gap.lineNo,
            held: gap.held,
            sku: gap.sku,
            warehouse: gap.warehouse,
            qty: gap.qty,
          }),
        });
      return !gap;
    });
    if (!shipping.length) return tally(results);

    const units = shipping.flatMap(takes);
    await consumeForShipping(ctx, units, held);
    await run(
      ctx.client,
      addShippedQty(
        ctx.workspaceId,
        units.map((u) => ({ order_no: u.orderNo, line_no: u.lineNo, qty: u.qty })),
      ),
    );
    await run(
      ctx.client,
      updateShipmentStates(
        ctx.workspaceId,
        shipping.map((s) => ({
          shipment_no: s.shipment_no,
          status: 'shipped',
          tracking_no: s.tracking_no,
          carrier_reference: s.carrier_reference,
          booked_on: s.booked_on,
          booking_error: null,
          change_no: ++ctx.changeNo,
        })),
        ctx.at,
        ctx.actor,
      ),
    );
    for (const s of shipping)
      ctx.events.push({
        actor: ctx.actor,
        entity: 'shipments',
        entityKey: s.shipment_no,
        action: 'shipped',
        before: { status: s.status },
        after: { status: 'shipped', tracking: s.tracking_no, orders: [...new Set(s.lines.map((l) => l.order_no))] },
        correlationId: ctx.correlationId,
      });
    // Parcels whose service is tracked at a provider are polled from now on (docs/tracking.md).
    const carriers = new Map(
      (await run<CarrierRow>(ctx.client, selectCarriers(ctx.workspaceId))).rows.map((c) => [c.code, c]),
    );
    const recipients = await loadRecipients(
      ctx.client,
      ctx.workspaceId,
      shipping.map((s) => s.lines[0]!.order_no),
    );
    await startTracking(
      ctx.client,
      shipping.flatMap((s) => {
        const carrier = carriers.get(s.service ?? '');
        if (!carrier?.tracking_provider || !s.tracking_no) return [];
        const parcel: ParcelToTrack = {
          workspaceId: ctx.workspaceId,
          shipmentNo: s.shipment_no,
          trackingNo: s.tracking_no,
          provider: carrier.tracking_provider,
          carrierCode: carrier.tracking_carrier,
          postalCode: recipients.get(s.lines[0]!.order_no)?.postal_code ?? null,
        };
        return [parcel];
      }),
      ctx.at,
    );
    const touched = [...new Set(units.map((u) => u.orderNo))].sort();
    const complete = (
      await run<{ order_no: string }>(ctx.client, selectFullyShipped(ctx.workspaceId, touched))
    ).rows.map((r) => r.order_no);
    const moves = complete.map((orderNo) => {
      const o = orders.get(orderNo)!;
      const moved = applyMove(
        { orderNo, status: o.status as OrderStatus, callAttempts: Number(o.call_attempts) },
        { action: 'ship', actor: { kind: 'system', why: 'shipment' }, at: ctx.at.toISOString() },
      );
      for (const e of moved.events)
        ctx.events.push({
          actor: e.actor,
          entity: 'orders',
          entityKey: orderNo,
          action: e.action,
          before: e.before,
          after: {
            ...e.after,
            by: ctx.actor,
            shipments: shipping.filter((s) => s.lines.some((l) => l.order_no === orderNo)).map((s) => s.shipment_no),
          },
          correlationId: ctx.correlationId,
        });
      return {
        order_no: orderNo,
        status: moved.order.status,
        call_attempts: moved.order.callAttempts,
        approved: false,
        change_no: ++ctx.changeNo,
      };
    });
    if (moves.length) await run(ctx.client, updateOrderStatuses(ctx.workspaceId, moves, ctx.at, ctx.actor));
    await refreshShipping(ctx, touched);
    const fresh = (
      await run<ShipmentRecord>(
        ctx.client,
        selectShipments(ctx.workspaceId, { shipmentNos: shipping.map((s) => s.shipment_no) }),
      )
    ).rows;
    for (const s of fresh)
      results.push({ shipmentNo: s.shipment_no, outcome: 'done', shipment: shipmentView(s, lang, link) });
    return { ...tally(results), ordersShipped: complete };
  });
}

function statusRefusal(
  s: ShipmentRecord,
  orders: Map<string, { status: string }>,
  lang: Lang,
): { outcome: 'refused' | 'done'; code: string; message: string } | null {
  const shown = shipmentStatusLabel(s.status, lang);
  if ((LEFT_WAREHOUSE as readonly string[]).includes(s.status))
    return {
      outcome: 'done',
      code: 'unchanged',
      message: logisticsMessage(lang, 'already_done', { shipment: s.shipment_no, status: shown }),
    };
  if (s.status === 'draft')
    return {
      outcome: 'refused',
      code: 'needs_label',
      message: logisticsMessage(lang, 'needs_label', { shipment: s.shipment_no }),
    };
  if (s.status !== 'label_ready')
    return {
      outcome: 'refused',
      code: 'wrong_status',
      message: logisticsMessage(lang, 'wrong_status', {
        shipment: s.shipment_no,
        status: shown,
        need: logisticsMessage(lang, 'needs_label', { shipment: s.shipment_no }),
      }),
    };
  for (const orderNo of new Set(s.lines.map((l) => l.order_no))) {
    const status = orders.get(orderNo)?.status ?? '';
    if (status !== 'pending_shipment')
      return {
        outcome: 'refused',
        code: 'order_not_shippable',
        message: logisticsMessage(lang, 'order_not_shippable', {
          shipment: s.shipment_no,
          order: orderNo,
          status: isOrderStatus(status) ? statusLabel(status, lang) : status,
        }),
      };
  }
  return null;
}
