import pLimit from 'p-limit';
import type { BookBody, OutcomesResponse, ShipmentOutcome } from '../../domain/contracts/logistics';
import type { Lang } from '../../domain/i18n/lang';
import { logisticsMessage } from '../../domain/logistics/logistics-messages';
import { shipmentStatusLabel } from '../../domain/logistics/shipment-status';
import type { Principal } from '../access/principal';
import { inTransaction, run, type Database } from '../db/database';
import type { InventoryContext } from '../inventory/allocation-service';
import { giveBackCapacity } from '../logistics/carrier-sql';
import { parcelForCarrier } from '../logistics/carrier-parcel';
import { loadCarrierSetup } from '../logistics/carrier-setup';
import { CarrierError, type BookedLabel, type ParcelForCarrier } from '../logistics/carriers/carrier-adapter';
import type { CarrierRegistry } from '../logistics/carriers/carrier-registry';
import { loadProducts, loadRecipients, type ProductRow } from '../logistics/plan-inputs';
import { selectShipments, updateShipmentStates, type ShipmentRecord } from '../logistics/shipment-sql';
import { insertLabel } from '../logistics/label-sql';
import { shipmentView, type LabelLinker } from '../logistics/shipment-views';
import { runCommand, runInWorkspace } from './command-runner';
import { chooseAndTake, tally } from './label-claims';
import { refreshShipping } from './shipment-planning';

export { tally, takePlace } from './label-claims';

/** A booking left in `booking` this long (its server died mid-call) may be taken up by another request. */
const STALE_BOOKING_MS = 10 * 60_000;
/** Labels asked of carriers at once: enough to hide latency, few enough for a carrier's rate limit. */
const CARRIER_CALLS_AT_ONCE = 4;

type Claim = { shipmentNo: string; adapter: string; service: string; day: string; parcel: ParcelForCarrier };
type Claimed = { claims: Claim[]; refused: ShipmentOutcome[] };
type Booked = { claim: Claim } & ({ label: BookedLabel } | { error: CarrierError });

/**
 * "Book labels" (docs/logistics.md), in three steps so no carrier call holds the workspace's lock:
 * 1. one transaction (once per idempotency key) checks each draft, chooses its carrier again with today's
 *    capacity, takes one place of it and marks the shipment `booking`;
 * 2. the carriers are asked, a few at a time (a retried booking is the same booking: our shipment number
 *    is the carrier's reference);
 * 3. one transaction stores each tracking number and label (label_ready), or gives the place back and
 *    keeps the carrier's reason on the draft.
 * A replay of the key finishes what a crash left in `booking` and answers from the shipments as they are.
 */
export async function bookLabels(
  db: Database,
  principal: Principal,
  body: BookBody,
  now: () => Date,
  carriers: CarrierRegistry,
  link: LabelLinker,
): Promise<OutcomesResponse> {
  const shipmentNos = [...new Set(body.shipmentNos.map((n) => n.trim()))];
  const claimed = await runCommand<Claimed>(db, principal, body.idempotencyKey, { ...body, shipmentNos }, now, (ctx) =>
    claimShipments(ctx, shipmentNos, body.lang, carriers),
  );
  const pending = await stillBooking(db, principal.workspaceId, claimed.claims);
  const limit = pLimit(CARRIER_CALLS_AT_ONCE);
  const booked = await Promise.all(
    pending.map((claim) =>
      limit(async (): Promise<Booked> => {
        const adapter = carriers.adapter(claim.adapter);
        if ('missing' in adapter) return { claim, error: new CarrierError('refused', claim.adapter, adapter.missing) };
        try {
          return { claim, label: await adapter.book(claim.parcel) };
        } catch (error) {
          const known =
            error instanceof CarrierError ? error : new CarrierError('unavailable', claim.adapter, String(error));
          return { claim, error: known };
        }
      }),
    ),
  );
  const failures = new Map<string, CarrierError>();
  if (booked.length)
    await inTransaction(db, (client) =>
      runInWorkspace(client, principal, now(), `command:${body.idempotencyKey}`, (ctx) =>
        storeBookings(ctx, booked, failures),
      ),
    );
  return outcomes(db, principal, claimed, failures, body.lang, link);
}

async function claimShipments(
  ctx: InventoryContext,
  shipmentNos: string[],
  lang: Lang,
  carriers: CarrierRegistry,
): Promise<Claimed> {
  const records = new Map(
    (await run<ShipmentRecord>(ctx.client, selectShipments(ctx.workspaceId, { shipmentNos }, true))).rows.map((r) => [
      r.shipment_no,
      r,
    ]),
  );
  const setup = await loadCarrierSetup(ctx.client, ctx.workspaceId, ctx.at);
  const skus = [...new Set([...records.values()].flatMap((r) => r.lines.map((l) => l.sku)))];
  const products = await loadProducts(ctx.client, ctx.workspaceId, skus);
  const recipients = await loadRecipients(
    ctx.client,
    ctx.workspaceId,
    [...records.values()].map((r) => r.lines[0]?.order_no ?? ''),
  );
  const claims: Claim[] = [];
  const refused: ShipmentOutcome[] = [];
  const states: Parameters<typeof updateShipmentStates>[1] = [];
  const refuse = (shipmentNo: string, code: string, message: string) =>
    refused.push({ shipmentNo, outcome: 'refused', code, message });
  for (const shipmentNo of shipmentNos) {
    const s = records.get(shipmentNo);
    if (!s) {
      refuse(shipmentNo, 'shipment_not_found', logisticsMessage(lang, 'shipment_not_found', { shipment: shipmentNo }));
      continue;
    }
    const staleBooking =
      s.status === 'booking' && ctx.at.getTime() - new Date(s.updated_at).getTime() > STALE_BOOKING_MS;
    if (s.status === 'booking' && !staleBooking) {
      refuse(shipmentNo, 'being_booked', logisticsMessage(lang, 'being_booked', { shipment: shipmentNo }));
      continue;
    }
    const stale = staleBooking ? setup.services.find((x) => x.code === s.service) : undefined;
    if (stale && s.booked_on) {
      // Its place was taken when it was claimed; only the carrier call is missing.
      claims.push(claimOf(s, stale.adapter, stale.code, s.booked_on, recipients, products, stale.product));
      continue;
    }
    if (staleBooking) {
      refuse(
        shipmentNo,
        'wrong_status',
        logisticsMessage(lang, 'wrong_status', {
          shipment: shipmentNo,
          status: shipmentStatusLabel(s.status, lang),
          need: logisticsMessage(lang, 'need_bookable', {}),
        }),
      );
      continue;
    }
    if (s.status !== 'draft') {
      const done = s.status === 'label_ready' || s.status === 'shipped';
      refuse(
        shipmentNo,
        done ? 'already_done' : 'wrong_status',
        done
          ? logisticsMessage(lang, 'already_done', {
              shipment: shipmentNo,
              status: shipmentStatusLabel(s.status, lang),
            })
          : logisticsMessage(lang, 'wrong_status', {
              shipment: shipmentNo,
              status: shipmentStatusLabel(s.status, lang),
              need: logisticsMessage(lang, 'need_bookable', {}),
            }),
      );
      continue;
    }
    const verdict = await chooseAndTake(ctx, s, setup, products, lang, carriers);
    if ('refusal' in verdict) {
      refuse(shipmentNo, verdict.refusal.code, verdict.refusal.message);
      continue;
    }
    ctx.changeNo += 1;
    states.push({
      shipment_no: shipmentNo,
      status: 'booking',
      service: verdict.service.code,
      tracking_no: null,
      carrier_reference: null,
      booked_on: setup.day,
      booking_error: null,
      choice: verdict.notes,
      change_no: ctx.changeNo,
    });
    claims.push(
      claimOf(
        s,
        verdict.service.adapter,
        verdict.service.code,
        setup.day,
        recipients,
        products,
        verdict.service.product,
      ),
    );
  }
  if (states.length) await run(ctx.client, updateShipmentStates(ctx.workspaceId, states, ctx.at, ctx.actor));
  return { claims, refused };
}

function claimOf(
  s: ShipmentRecord,
  adapter: string,
  service: string,
  day: string,
  recipients: Awaited<ReturnType<typeof loadRecipients>>,
  products: ReadonlyMap<string, ProductRow>,
  product: string | null,
): Claim {
  const recipient = recipients.get(s.lines[0]!.order_no)!;
  return {
    shipmentNo: s.shipment_no,
    adapter,
    service,
    day,
    parcel: parcelForCarrier(s, recipient, products, product ?? service),
  };
}

async function stillBooking(db: Database, workspaceId: string, claims: Claim[]): Promise<Claim[]> {
  if (!claims.length) return [];
  const rows = (
    await run<ShipmentRecord>(db.pool, selectShipments(workspaceId, { shipmentNos: claims.map((c) => c.shipmentNo) }))
  ).rows;
  const booking = new Set(rows.filter((r) => r.status === 'booking').map((r) => r.shipment_no));
  return claims.filter((c) => booking.has(c.shipmentNo));
}

async function storeBookings(
  ctx: InventoryContext,
  booked: Booked[],
  failures: Map<string, CarrierError>,
): Promise<void> {
  const current = new Map(
    (
      await run<ShipmentRecord>(
        ctx.client,
        selectShipments(ctx.workspaceId, { shipmentNos: booked.map((b) => b.claim.shipmentNo) }, true),
      )
    ).rows.map((r) => [r.shipment_no, r]),
  );
  const states: Parameters<typeof updateShipmentStates>[1] = [];
  for (const b of booked) {
    const s = current.get(b.claim.shipmentNo);
    // Another request finished it meanwhile: its answer stands.
    if (!s || s.status !== 'booking') continue;
    ctx.changeNo += 1;
    if ('label' in b) {
      await run(
        ctx.client,
        insertLabel(ctx.workspaceId, s.shipment_no, b.label.trackingNumber, b.label.labelPdf, ctx.at),
      );
      states.push({
        shipment_no: s.shipment_no,
        status: 'label_ready',
        tracking_no: b.label.trackingNumber,
        carrier_reference: b.label.carrierReference,
        booked_on: b.claim.day,
        booking_error: null,
        change_no: ctx.changeNo,
      });
    } else {
      failures.set(s.shipment_no, b.error);
      await run(ctx.client, giveBackCapacity(ctx.workspaceId, b.claim.service, b.claim.day));
      states.push({
        shipment_no: s.shipment_no,
        status: 'draft',
        tracking_no: null,
        carrier_reference: null,
        booked_on: null,
        booking_error: `${b.error.carrier}: ${b.error.message}`,
        change_no: ctx.changeNo,
      });
    }
    ctx.events.push({
      actor: ctx.actor,
      entity: 'shipments',
      entityKey: s.shipment_no,
      action: 'label' in b ? 'label_booked' : 'booking_failed',
      before: { status: 'booking' },
      after:
        'label' in b
          ? { status: 'label_ready', service: b.claim.service, tracking: b.label.trackingNumber }
          : { status: 'draft', kind: b.error.kind, error: b.error.message },
      correlationId: ctx.correlationId,
    });
  }
  if (!states.length) return;
  await run(ctx.client, updateShipmentStates(ctx.workspaceId, states, ctx.at, ctx.actor));
  await refreshShipping(
    ctx,
    booked.flatMap((b) => current.get(b.claim.shipmentNo)?.lines.map((l) => l.order_no) ?? []),
  );
}

async function outcomes(
  db: Database,
  principal: Principal,
  claimed: Claimed,
  failures: Map<string, CarrierError>,
  lang: Lang,
  link: LabelLinker,
): Promise<OutcomesResponse> {
  const rows = claimed.claims.length
    ? (
        await run<ShipmentRecord>(
          db.pool,
          selectShipments(principal.workspaceId, { shipmentNos: claimed.claims.map((c) => c.shipmentNo) }),
        )
      ).rows
    : [];
  const results: ShipmentOutcome[] = [...claimed.refused];
  for (const r of rows) {
    const shipment = shipmentView(r, lang, link);
    const error = failures.get(r.shipment_no);
    if (r.status === 'label_ready' || r.status === 'shipped')
      results.push({ shipmentNo: r.shipment_no, outcome: 'done', shipment });
    else if (error?.kind === 'refused')
      results.push({
        shipmentNo: r.shipment_no,
        outcome: 'refused',
        code: 'carrier_refused',
        message: logisticsMessage(lang, 'carrier_refused', {
          shipment: r.shipment_no,
          carrier: error.carrier,
          message: error.message,
        }),
        shipment,
      });
    else
      results.push({
        shipmentNo: r.shipment_no,
        outcome: 'failed',
        code: 'carrier_unavailable',
        message: logisticsMessage(lang, 'carrier_unavailable', {
          shipment: r.shipment_no,
          carrier: error?.carrier ?? r.service ?? '',
          message: error?.message ?? r.booking_error ?? '',
        }),
        shipment,
      });
  }
  return tally(results);
}
