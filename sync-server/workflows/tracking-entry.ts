import type { OutcomesResponse, ShipmentOutcome, TrackingNumbersBody } from '../../domain/contracts/logistics';
import type { Lang } from '../../domain/i18n/lang';
import type { ChoiceNote } from '../../domain/logistics/carrier-choice';
import { logisticsMessage } from '../../domain/logistics/logistics-messages';
import { shipmentStatusLabel } from '../../domain/logistics/shipment-status';
import type { Principal } from '../access/principal';
import { run, type Database } from '../db/database';
import { loadCarrierSetup, type CarrierSetup, type ServiceSetup } from '../logistics/carrier-setup';
import { chooseCarrier } from '../../domain/logistics/carrier-choice';
import { storedFacts } from '../logistics/shipment-facts';
import { selectShipments, updateShipmentStates, type ShipmentRecord } from '../logistics/shipment-sql';
import { shipmentView, type LabelLinker } from '../logistics/shipment-views';
import { readTrackingCsv } from '../logistics/tracking-csv';
import { runCommand } from './command-runner';
import { tally, takePlace } from './label-booking';
import { refreshShipping } from './shipment-planning';

/**
 * Tracking numbers of a manual service (typed in the shipment sidebar, or a carrier's CSV): each draft
 * shipment on a manual service takes one place of its service's day and becomes label_ready with the
 * number. Each entry is applied or refused on its own; the whole request once per idempotency key.
 */
export async function enterTrackingNumbers(
  db: Database,
  principal: Principal,
  body: TrackingNumbersBody,
  now: () => Date,
  link: LabelLinker,
): Promise<OutcomesResponse> {
  const file = body.csv ? readTrackingCsv(body.csv, body.lang) : null;
  const entries = file ? file.entries : (body.entries ?? []).map((e, i) => ({ ...e, row: i + 1 }));
  return runCommand(db, principal, body.idempotencyKey, body, now, async (ctx) => {
    const lang = body.lang;
    const results: ShipmentOutcome[] = (file?.errors ?? []).map((e) => ({
      shipmentNo: '',
      outcome: 'refused' as const,
      code: 'csv_row',
      message: e.message,
    }));
    const shipmentNos = [...new Set(entries.map((e) => e.shipmentNo.trim()))];
    const trackingNos = [...new Set(entries.map((e) => e.trackingNo.trim()))];
    const records = new Map(
      (await run<ShipmentRecord>(ctx.client, selectShipments(ctx.workspaceId, { shipmentNos }, true))).rows.map((r) => [
        r.shipment_no,
        r,
      ]),
    );
    const holders = new Map(
      (await run<ShipmentRecord>(ctx.client, selectShipments(ctx.workspaceId, { trackingNos }))).rows.map((r) => [
        r.tracking_no!,
        r.shipment_no,
      ]),
    );
    const setup = await loadCarrierSetup(ctx.client, ctx.workspaceId, ctx.at);
    const states: Parameters<typeof updateShipmentStates>[1] = [];
    const done: string[] = [];
    for (const entry of entries) {
      const shipmentNo = entry.shipmentNo.trim();
      const trackingNo = entry.trackingNo.trim();
      const s = records.get(shipmentNo);
      const resolved = resolveService(s, shipmentNo, trackingNo, holders, setup, lang);
      if (!('service' in resolved)) {
        results.push({ shipmentNo, outcome: resolved.code === 'unchanged' ? 'done' : 'refused', ...resolved });
        continue;
      }
      const service = resolved.service;
      if (!(await takePlace(ctx, service.code, setup.day, service.dailyCapacity))) {
        const full: ChoiceNote = {
          key: 'excluded_capacity',
          params: { service: service.code, capacity: service.dailyCapacity ?? 0 },
        };
        results.push({
          shipmentNo,
          outcome: 'refused',
          code: 'capacity_full',
          message: logisticsMessage(lang, 'all_full', {
            shipment: shipmentNo,
            reasons: logisticsMessage(lang, full.key, full.params),
          }),
        });
        continue;
      }
      holders.set(trackingNo, shipmentNo);
      s!.status = 'label_ready';
      ctx.changeNo += 1;
      states.push({
        shipment_no: shipmentNo,
        status: 'label_ready',
        service: service.code,
        tracking_no: trackingNo,
        carrier_reference: null,
        booked_on: setup.day,
        booking_error: null,
        change_no: ctx.changeNo,
      });
      ctx.events.push({
        actor: ctx.actor,
        entity: 'shipments',
        entityKey: shipmentNo,
        action: 'tracking_entered',
        before: { status: 'draft' },
        after: { status: 'label_ready', tracking: trackingNo, service: service.code, row: entry.row },
        correlationId: ctx.correlationId,
      });
      done.push(shipmentNo);
    }
    if (states.length) {
      await run(ctx.client, updateShipmentStates(ctx.workspaceId, states, ctx.at, ctx.actor));
      await refreshShipping(
        ctx,
        done.flatMap((no) => records.get(no)!.lines.map((l) => l.order_no)),
      );
      const fresh = new Map(
        (await run<ShipmentRecord>(ctx.client, selectShipments(ctx.workspaceId, { shipmentNos: done }))).rows.map(
          (r) => [r.shipment_no, r],
        ),
      );
      for (const no of done)
        results.push({ shipmentNo: no, outcome: 'done', shipment: shipmentView(fresh.get(no)!, lang, link) });
    }
    return tally(results);
  });
}

type Resolved = { service: ServiceSetup } | { code: string; message: string };

/** The manual service a typed number belongs to: the planned one, or (none planned) the one the rule picks now. */
function resolveService(
  s: ShipmentRecord | undefined,
  shipmentNo: string,
  trackingNo: string,
  holders: Map<string, string>,
  setup: CarrierSetup,
  lang: Lang,
): Resolved {
  const say = (notes: ChoiceNote[]) => notes.map((n) => logisticsMessage(lang, n.key, n.params)).join('; ');
  if (!s)
    return {
      code: 'shipment_not_found',
      message: logisticsMessage(lang, 'shipment_not_found', { shipment: shipmentNo }),
    };
  const holder = holders.get(trackingNo);
  if (s.status === 'label_ready' && s.tracking_no === trackingNo)
    return {
      code: 'unchanged',
      message: logisticsMessage(lang, 'already_done', {
        shipment: shipmentNo,
        status: shipmentStatusLabel(s.status, lang),
      }),
    };
  if (holder && holder !== shipmentNo)
    return {
      code: 'tracking_taken',
      message: logisticsMessage(lang, 'tracking_taken', { tracking: trackingNo, other: holder }),
    };
  if (s.status !== 'draft')
    return {
      code: 'wrong_status',
      message: logisticsMessage(lang, 'wrong_status', {
        shipment: shipmentNo,
        status: shipmentStatusLabel(s.status, lang),
        need: logisticsMessage(lang, 'need_bookable', {}),
      }),
    };
  const facts = storedFacts(s);
  if (!facts)
    return {
      code: 'blocked',
      message: logisticsMessage(lang, 'blocked', {
        shipment: shipmentNo,
        reasons: say((s.missing as ChoiceNote[]) ?? []),
      }),
    };
  const planned = setup.services.find((x) => x.code === s.service);
  if (planned && planned.adapter !== 'manual')
    return {
      code: 'not_manual',
      message: logisticsMessage(lang, 'not_manual', {
        shipment: shipmentNo,
        service: planned.code,
        adapter: planned.adapter,
      }),
    };
  if (planned) return { service: planned };
  const manual = setup.services.filter((x) => x.adapter === 'manual');
  const choice = chooseCarrier(facts, manual, setup.rates, setup.capacityLeft);
  if (choice.chosen) return { service: manual.find((x) => x.code === choice.chosen!.service)! };
  const full = choice.notes.some((n) => n.key === 'excluded_capacity');
  return full
    ? {
        code: 'capacity_full',
        message: logisticsMessage(lang, 'all_full', { shipment: shipmentNo, reasons: say(choice.notes) }),
      }
    : {
        code: 'blocked',
        message: logisticsMessage(lang, 'blocked', { shipment: shipmentNo, reasons: say(choice.notes) }),
      };
}
