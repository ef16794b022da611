import type { CancelBody, OutcomesResponse, ShipmentOutcome } from '../../domain/contracts/logistics';
import { logisticsMessage } from '../../domain/logistics/logistics-messages';
import { shipmentStatusLabel } from '../../domain/logistics/shipment-status';
import type { Principal } from '../access/principal';
import { run, type Database } from '../db/database';
import { giveBackCapacity, selectCarriers, type CarrierRow } from '../logistics/carrier-sql';
import { CarrierError } from '../logistics/carriers/carrier-adapter';
import type { CarrierRegistry } from '../logistics/carriers/carrier-registry';
import { selectShipments, updateShipmentStates, type ShipmentRecord } from '../logistics/shipment-sql';
import { shipmentView, type LabelLinker } from '../logistics/shipment-views';
import { runCommand } from './command-runner';
import { tally } from './label-booking';
import { refreshShipping } from './shipment-planning';

/**
 * Cancels parcels that have not shipped: a draft is given up (its units can be planned again); a label is
 * cancelled at its carrier first (outside any transaction), then the shipment goes back to draft and its
 * place of the day is freed. A carrier that refuses or cannot be reached leaves the label as it was.
 */
export async function cancelShipments(
  db: Database,
  principal: Principal,
  body: CancelBody,
  now: () => Date,
  carriers: CarrierRegistry,
  link: LabelLinker,
): Promise<OutcomesResponse> {
  const shipmentNos = [...new Set(body.shipmentNos.map((n) => n.trim()))];
  const lang = body.lang;
  const before = (await run<ShipmentRecord>(db.pool, selectShipments(principal.workspaceId, { shipmentNos }))).rows;
  const adapters = new Map(
    (await run<CarrierRow>(db.pool, selectCarriers(principal.workspaceId))).rows.map((c) => [c.code, c.adapter]),
  );
  const carrierRefusals = new Map<string, ShipmentOutcome>();
  for (const s of before.filter((x) => x.status === 'label_ready')) {
    const name = adapters.get(s.service ?? '') ?? 'manual';
    if (name === 'manual') continue;
    const adapter = carriers.adapter(name);
    try {
      if ('missing' in adapter) throw new CarrierError('refused', name, adapter.missing);
      await adapter.cancel({
        reference: s.shipment_no,
        trackingNumber: s.tracking_no!,
        carrierReference: s.carrier_reference,
      });
    } catch (error) {
      const e = error instanceof CarrierError ? error : new CarrierError('unavailable', name, String(error));
      carrierRefusals.set(s.shipment_no, {
        shipmentNo: s.shipment_no,
        outcome: e.kind === 'refused' ? 'refused' : 'failed',
        code: e.kind === 'refused' ? 'carrier_refused' : 'carrier_unavailable',
        message: logisticsMessage(lang, e.kind === 'refused' ? 'carrier_refused' : 'carrier_unavailable', {
          shipment: s.shipment_no,
          carrier: e.carrier,
          message: e.message,
        }),
      });
    }
  }
  return runCommand(db, principal, body.idempotencyKey, { ...body, shipmentNos }, now, async (ctx) => {
    const results: ShipmentOutcome[] = [...carrierRefusals.values()];
    const found = new Map(
      (await run<ShipmentRecord>(ctx.client, selectShipments(ctx.workspaceId, { shipmentNos }, true))).rows.map((r) => [
        r.shipment_no,
        r,
      ]),
    );
    const states: Parameters<typeof updateShipmentStates>[1] = [];
    for (const no of shipmentNos) {
      if (carrierRefusals.has(no)) continue;
      const s = found.get(no);
      if (!s) {
        results.push({
          shipmentNo: no,
          outcome: 'refused',
          code: 'shipment_not_found',
          message: logisticsMessage(lang, 'shipment_not_found', { shipment: no }),
        });
        continue;
      }
      if (s.status !== 'draft' && s.status !== 'label_ready') {
        results.push({
          shipmentNo: no,
          outcome: 'refused',
          code: 'wrong_status',
          message: logisticsMessage(lang, 'wrong_status', {
            shipment: no,
            status: shipmentStatusLabel(s.status, lang),
            need: logisticsMessage(lang, 'need_cancellable', {}),
          }),
        });
        continue;
      }
      if (s.status === 'label_ready' && s.booked_on && s.service)
        await run(ctx.client, giveBackCapacity(ctx.workspaceId, s.service, s.booked_on));
      const to = s.status === 'draft' ? 'cancelled' : 'draft';
      states.push({
        shipment_no: no,
        status: to,
        tracking_no: null,
        carrier_reference: null,
        booked_on: null,
        booking_error: null,
        change_no: ++ctx.changeNo,
      });
      ctx.events.push({
        actor: ctx.actor,
        entity: 'shipments',
        entityKey: no,
        action: to === 'cancelled' ? 'cancelled' : 'label_cancelled',
        before: { status: s.status, tracking: s.tracking_no },
        after: { status: to },
        correlationId: ctx.correlationId,
      });
    }
    if (states.length) {
      await run(ctx.client, updateShipmentStates(ctx.workspaceId, states, ctx.at, ctx.actor));
      await refreshShipping(
        ctx,
        states.flatMap((st) => found.get(st.shipment_no)!.lines.map((l) => l.order_no)),
      );
      const fresh = (
        await run<ShipmentRecord>(
          ctx.client,
          selectShipments(ctx.workspaceId, { shipmentNos: states.map((s) => s.shipment_no) }),
        )
      ).rows;
      for (const s of fresh)
        results.push({ shipmentNo: s.shipment_no, outcome: 'done', shipment: shipmentView(s, lang, link) });
    }
    return tally(results);
  });
}
