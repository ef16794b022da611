import type {
  PlanBody,
  PlanResponse,
  ShipmentsResponse,
  SplitBody,
  UnmergeBody,
} from '../../domain/contracts/logistics';
import { DomainError } from '../../domain/domain-error';
import { chooseCarrier } from '../../domain/logistics/carrier-choice';
import { logisticsMessage } from '../../domain/logistics/logistics-messages';
import { parcelOf, type PlanUnit } from '../../domain/logistics/parcel-plan';
import { planShipments as planParcelsWithCarriers, type PlannedShipment } from '../../domain/logistics/shipment-plan';
import { shipmentStatusLabel } from '../../domain/logistics/shipment-status';
import type { Principal } from '../access/principal';
import { inTransaction, run, type Database } from '../db/database';
import type { InventoryContext } from '../inventory/allocation-service';
import { loadCarrierSetup } from '../logistics/carrier-setup';
import { loadPlanInputs, loadProducts, productFacts } from '../logistics/plan-inputs';
import {
  insertShipments,
  nextShipmentNos,
  refreshOrderShipping,
  selectShipments,
  updateShipmentPlans,
  writeShipmentLines,
  type ShipmentRecord,
  type ShipmentWrite,
} from '../logistics/shipment-sql';
import { plannedView, shipmentView, shipmentWrite } from '../logistics/shipment-views';
import { runCommand } from './command-runner';

/**
 * "Plan shipments" (docs/logistics.md): parcels for the orders pending shipment, merged by recipient and
 * warehouse, split by warehouse and by what cannot travel together, each with its carrier and why. A dry
 * run answers without writing; otherwise the parcels become draft shipments, once per idempotency key.
 */
export async function planShipments(
  db: Database,
  principal: Principal,
  body: PlanBody,
  now: () => Date,
): Promise<PlanResponse> {
  const orderNos = body.orderNos ? [...new Set(body.orderNos.map((n) => n.trim()))] : null;
  if (body.dryRun) {
    return inTransaction(db, async (client) => {
      const at = now();
      const inputs = await loadPlanInputs(client, principal.workspaceId, orderNos, false, body.lang);
      const setup = await loadCarrierSetup(client, principal.workspaceId, at);
      const plans = planParcelsWithCarriers(
        inputs.orders,
        inputs.products,
        setup.services,
        setup.rates,
        setup.capacityLeft,
      );
      return { dryRun: true, shipments: plans.map((p) => plannedView(p, null, body.lang)), skipped: inputs.skipped };
    });
  }
  return runCommand(db, principal, body.idempotencyKey, { ...body, orderNos }, now, async (ctx) => {
    const inputs = await loadPlanInputs(ctx.client, ctx.workspaceId, orderNos, true, body.lang);
    const setup = await loadCarrierSetup(ctx.client, ctx.workspaceId, ctx.at);
    const plans = planParcelsWithCarriers(
      inputs.orders,
      inputs.products,
      setup.services,
      setup.rates,
      setup.capacityLeft,
    );
    const numbers = plans.length
      ? (await run<{ shipment_no: string }>(ctx.client, nextShipmentNos(plans.length))).rows.map((r) => r.shipment_no)
      : [];
    await writePlans(ctx, plans, numbers);
    return {
      dryRun: false,
      shipments: plans.map((p, i) => plannedView(p, numbers[i]!, body.lang)),
      skipped: inputs.skipped,
    };
  });
}

async function writePlans(ctx: InventoryContext, plans: PlannedShipment[], numbers: string[]): Promise<void> {
  if (!plans.length) return;
  const writes = plans.map((plan, i) => shipmentWrite(plan, numbers[i]!, ++ctx.changeNo));
  await run(ctx.client, insertShipments(ctx.workspaceId, writes, ctx.at, ctx.actor));
  const lines = plans.flatMap((plan, i) =>
    plan.lines.map((l) => ({
      shipment_no: numbers[i]!,
      order_no: l.orderNo,
      line_no: l.lineNo,
      sku: l.sku,
      qty: l.qty,
    })),
  );
  for (const query of writeShipmentLines(ctx.workspaceId, lines)) await run(ctx.client, query);
  for (const [i, w] of writes.entries())
    ctx.events.push({
      actor: ctx.actor,
      entity: 'shipments',
      entityKey: w.shipment_no,
      action: 'planned',
      before: null,
      // The lines are in shipment_lines; the event says where the orders went.
      after: { warehouse: w.warehouse, service: w.service, orders: plans[i]!.orderNos },
      correlationId: ctx.correlationId,
    });
  await refreshShipping(
    ctx,
    plans.flatMap((p) => p.orderNos),
  );
}

/** The Orders sheet's "Shipping" of these orders, recomputed (each order once, with a new change number). */
export async function refreshShipping(ctx: InventoryContext, orderNos: readonly string[]): Promise<void> {
  const unique = [...new Set(orderNos)].sort();
  if (!unique.length) return;
  await run(ctx.client, refreshOrderShipping(ctx.workspaceId, unique, ctx.changeNo + 1, ctx.at, ctx.actor));
  ctx.changeNo += unique.length;
}

/** Moves quantities of a draft parcel into a new parcel (split by hand); both get their carrier again. */
export async function splitShipment(
  db: Database,
  principal: Principal,
  body: SplitBody,
  now: () => Date,
): Promise<ShipmentsResponse> {
  return runCommand(db, principal, body.idempotencyKey, body, now, async (ctx) => {
    const shipment = await lockDraft(ctx, body.shipmentNo, body.lang);
    const present = new Map(shipment.lines.map((l) => [`${l.order_no}\u0000${l.line_no}`, l]));
    const taken = new Map<string, number>();
    for (const want of body.lines) {
      const id = `${want.orderNo.trim()}\u0000${want.lineNo}`;
      const line = present.get(id);
      const total = (taken.get(id) ?? 0) + want.qty;
      if (!line || total > Number(line.qty))
        throw new DomainError('split_refused', {
          message: logisticsMessage(body.lang, 'split_too_much', {
            shipment: body.shipmentNo,
            order: want.orderNo,
            line: want.lineNo,
            present: line ? Number(line.qty) : 0,
            qty: total,
          }),
        });
      taken.set(id, total);
    }
    const moved = shipment.lines.map((l) => ({ ...l, qty: taken.get(`${l.order_no}\u0000${l.line_no}`) ?? 0 }));
    const kept = shipment.lines.map((l, i) => ({ ...l, qty: Number(l.qty) - moved[i]!.qty }));
    if (kept.every((l) => l.qty === 0))
      throw new DomainError('split_refused', {
        message: logisticsMessage(body.lang, 'split_everything', { shipment: body.shipmentNo }),
      });
    return { shipments: await reparcel(ctx, shipment, kept, [moved.filter((l) => l.qty > 0)], body.lang) };
  });
}

/** Takes orders out of a merged draft parcel, each into a parcel of its own. */
export async function unmergeShipment(
  db: Database,
  principal: Principal,
  body: UnmergeBody,
  now: () => Date,
): Promise<ShipmentsResponse> {
  return runCommand(db, principal, body.idempotencyKey, body, now, async (ctx) => {
    const shipment = await lockDraft(ctx, body.shipmentNo, body.lang);
    const orders = [...new Set(shipment.lines.map((l) => l.order_no))];
    if (orders.length < 2)
      throw new DomainError('split_refused', {
        message: logisticsMessage(body.lang, 'unmerge_single', { shipment: body.shipmentNo }),
      });
    const out = body.orderNos ? [...new Set(body.orderNos.map((n) => n.trim()))] : orders.slice(1);
    const stranger = out.find((o) => !orders.includes(o));
    if (stranger)
      throw new DomainError('split_refused', {
        message: logisticsMessage(body.lang, 'order_not_in', { shipment: body.shipmentNo, order: stranger }),
      });
    const kept = shipment.lines.map((l) => ({ ...l, qty: out.includes(l.order_no) ? 0 : Number(l.qty) }));
    if (kept.every((l) => l.qty === 0))
      throw new DomainError('split_refused', {
        message: logisticsMessage(body.lang, 'split_everything', { shipment: body.shipmentNo }),
      });
    const groups = out.map((orderNo) => shipment.lines.filter((l) => l.order_no === orderNo));
    return { shipments: await reparcel(ctx, shipment, kept, groups, body.lang) };
  });
}

async function lockDraft(ctx: InventoryContext, shipmentNo: string, lang: PlanBody['lang']): Promise<ShipmentRecord> {
  const [shipment] = (
    await run<ShipmentRecord>(ctx.client, selectShipments(ctx.workspaceId, { shipmentNos: [shipmentNo.trim()] }, true))
  ).rows;
  if (!shipment) throw new DomainError('shipment_not_found', { shipment: shipmentNo });
  if (shipment.status !== 'draft')
    throw new DomainError('shipment_not_draft', {
      shipment: shipmentNo,
      status: shipmentStatusLabel(shipment.status, lang),
    });
  return shipment;
}

type LineQty = ShipmentRecord['lines'][number];

/** Rewrites a parcel to `kept` and makes one new parcel per group; each gets its facts and carrier again. */
async function reparcel(
  ctx: InventoryContext,
  shipment: ShipmentRecord,
  kept: LineQty[],
  groups: LineQty[][],
  lang: PlanBody['lang'],
): Promise<ShipmentsResponse['shipments']> {
  const skus = [...new Set(shipment.lines.map((l) => l.sku))];
  const products = productFacts(await loadProducts(ctx.client, ctx.workspaceId, skus));
  const setup = await loadCarrierSetup(ctx.client, ctx.workspaceId, ctx.at);
  const plan = (lines: LineQty[]): PlannedShipment => {
    const units: PlanUnit[] = lines
      .filter((l) => Number(l.qty) > 0)
      .map((l) => ({
        orderNo: l.order_no,
        lineNo: Number(l.line_no),
        sku: l.sku,
        warehouse: shipment.warehouse,
        qty: Number(l.qty),
      }));
    const attributes = new Set(units.flatMap((u) => products.get(u.sku)?.attributes ?? []));
    const parcel = parcelOf(shipment.warehouse, shipment.country, units, attributes, products);
    const choice = parcel.facts ? chooseCarrier(parcel.facts, setup.services, setup.rates, setup.capacityLeft) : null;
    return { ...parcel, choice };
  };
  const numbers = (await run<{ shipment_no: string }>(ctx.client, nextShipmentNos(groups.length))).rows.map(
    (r) => r.shipment_no,
  );
  const keptPlan = plan(kept);
  const rewritten: ShipmentWrite = shipmentWrite(keptPlan, shipment.shipment_no, ++ctx.changeNo);
  await run(ctx.client, updateShipmentPlans(ctx.workspaceId, [rewritten], ctx.at, ctx.actor));
  for (const query of writeShipmentLines(
    ctx.workspaceId,
    kept.map((l) => ({
      shipment_no: shipment.shipment_no,
      order_no: l.order_no,
      line_no: Number(l.line_no),
      sku: l.sku,
      qty: l.qty,
    })),
  ))
    await run(ctx.client, query);
  const newPlans = groups.map(plan);
  await writePlans(ctx, newPlans, numbers);
  ctx.events.push({
    actor: ctx.actor,
    entity: 'shipments',
    entityKey: shipment.shipment_no,
    action: 'split',
    before: { lines: shipment.lines },
    after: { lines: keptPlan.lines, into: numbers },
    correlationId: ctx.correlationId,
  });
  await refreshShipping(
    ctx,
    shipment.lines.map((l) => l.order_no),
  );
  const records = (
    await run<ShipmentRecord>(
      ctx.client,
      selectShipments(ctx.workspaceId, { shipmentNos: [shipment.shipment_no, ...numbers] }),
    )
  ).rows;
  return records.map((r) => shipmentView(r, lang, null));
}
