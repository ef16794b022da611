import type { Request } from 'express';
import {
  BookBody,
  CancelBody,
  OutcomesResponse,
  PickListQuery,
  PickListResponse,
  PlanBody,
  PlanResponse,
  ShipBody,
  ShipmentsQuery,
  ShipmentsResponse,
  SplitBody,
  TrackingNumbersBody,
  UnmergeBody,
} from '../../domain/contracts/logistics';
import type { Database } from '../db/database';
import { run } from '../db/database';
import type { CarrierRegistry } from '../logistics/carriers/carrier-registry';
import { labelExpiry, labelLinkSecret, signLabelLink } from '../logistics/label-links';
import { selectPickList, selectShipments, type ShipmentRecord } from '../logistics/shipment-sql';
import { shipmentView, type LabelLinker } from '../logistics/shipment-views';
import { bookLabels } from '../workflows/label-booking';
import { cancelShipments } from '../workflows/shipment-cancel';
import { shipShipments } from '../workflows/shipment-dispatch';
import { planShipments, splitShipment, unmergeShipment } from '../workflows/shipment-planning';
import { enterTrackingNumbers } from '../workflows/tracking-entry';
import { CsvReply, toCsv } from './csv-reply';
import { route, type Route } from './route';

export type LogisticsOptions = { carriers: CarrierRegistry; publicUrl?: string };

/** The logistics center (docs/logistics.md): plan, split, unmerge, book labels, tracking numbers, cancel, ship. */
export function logisticsRoutes(db: Database, now: () => Date, options: LogisticsOptions): Route[] {
  const linker = async (req: Request, workspaceId: string): Promise<LabelLinker> => {
    const secret = await labelLinkSecret(db.pool, db);
    const base = options.publicUrl ?? `${req.protocol}://${req.get('host')}`;
    const expires = labelExpiry(now());
    return (shipmentNo, trackingNo) =>
      `${base.replace(/\/$/, '')}/labels/${signLabelLink(secret, { workspaceId, shipmentNo, trackingNo }, expires)}.pdf`;
  };
  const { carriers } = options;
  return [
    route({
      method: 'post',
      path: '/v1/shipments/plan',
      summary:
        'Plan parcels for orders pending shipment (merge by recipient and warehouse, split by warehouse and attributes) with a carrier each; dryRun answers without creating',
      access: ['logistics'],
      body: PlanBody,
      response: PlanResponse,
      handler: ({ principal, body }) => planShipments(db, principal, body, now),
    }),
    route({
      method: 'post',
      path: '/v1/shipments/split',
      summary: 'Move quantities of a draft parcel into a new parcel; both get their carrier again',
      access: ['logistics'],
      body: SplitBody,
      response: ShipmentsResponse,
      handler: ({ principal, body }) => splitShipment(db, principal, body, now),
    }),
    route({
      method: 'post',
      path: '/v1/shipments/unmerge',
      summary: 'Take orders out of a merged draft parcel, each into a parcel of its own',
      access: ['logistics'],
      body: UnmergeBody,
      response: ShipmentsResponse,
      handler: ({ principal, body }) => unmergeShipment(db, principal, body, now),
    }),
    route({
      method: 'post',
      path: '/v1/shipments/book',
      summary:
        "Book labels at each parcel's carrier (capacity taken per service per day); tracking number and stored label",
      access: ['logistics'],
      body: BookBody,
      response: OutcomesResponse,
      handler: async ({ principal, body, req }) =>
        bookLabels(db, principal, body, now, carriers, await linker(req, principal.workspaceId)),
    }),
    route({
      method: 'post',
      path: '/v1/shipments/tracking-numbers',
      summary: "Tracking numbers of manual carriers, typed or from a carrier's CSV: each draft becomes label_ready",
      access: ['logistics'],
      body: TrackingNumbersBody,
      response: OutcomesResponse,
      handler: async ({ principal, body, req }) =>
        enterTrackingNumbers(db, principal, body, now, await linker(req, principal.workspaceId)),
    }),
    route({
      method: 'post',
      path: '/v1/shipments/cancel',
      summary:
        'Cancel parcels not yet shipped: a label is cancelled at its carrier and its place freed; a draft is given up',
      access: ['logistics'],
      body: CancelBody,
      response: OutcomesResponse,
      handler: async ({ principal, body, req }) =>
        cancelShipments(db, principal, body, now, carriers, await linker(req, principal.workspaceId)),
    }),
    route({
      method: 'post',
      path: '/v1/shipments/ship',
      summary:
        'Mark parcels shipped (by shipment or tracking number): stock leaves, reservations consumed, orders shipped',
      access: ['logistics', 'warehouse'],
      body: ShipBody,
      response: OutcomesResponse,
      handler: async ({ principal, body, req }) =>
        shipShipments(db, principal, body, now, await linker(req, principal.workspaceId)),
    }),
    route({
      method: 'get',
      path: '/v1/shipments',
      summary: 'Shipments with their lines, carrier, why, tracking number and label link (optionally by status)',
      access: 'member',
      query: ShipmentsQuery,
      response: ShipmentsResponse,
      handler: async ({ principal, query, req }) => {
        const link = await linker(req, principal.workspaceId);
        const rows = (
          await run<ShipmentRecord>(db.pool, selectShipments(principal.workspaceId, { status: query.status }))
        ).rows;
        return { shipments: rows.map((r) => shipmentView(r, query.lang, link)) };
      },
    }),
    route({
      method: 'get',
      path: '/v1/pick-list',
      summary: "Pick list per warehouse (booked parcels, line by line) for the warehouse's WMS, as JSON or CSV",
      access: ['logistics', 'warehouse'],
      query: PickListQuery,
      response: PickListResponse,
      handler: async ({ principal, query }) => {
        const rows = (
          await run<{
            warehouse: string;
            shipment_no: string;
            service: string | null;
            tracking_no: string | null;
            sku: string;
            name: string | null;
            qty: number;
            order_no: string;
          }>(db.pool, selectPickList(principal.workspaceId, query.warehouse ?? null))
        ).rows.map((r) => ({
          warehouse: r.warehouse,
          shipmentNo: r.shipment_no,
          service: r.service,
          trackingNo: r.tracking_no,
          sku: r.sku,
          name: r.name,
          qty: Number(r.qty),
          orderNo: r.order_no,
        }));
        if (query.format === 'json') return { rows };
        const headers =
          query.lang === 'zh'
            ? ['仓库', '发货单号', '渠道', '运单号', 'SKU', '商品名称', '数量', '订单号']
            : ['Warehouse', 'Shipment', 'Service', 'Tracking number', 'SKU', 'Name', 'Qty', 'Order'];
        return new CsvReply(
          `pick-list-${query.warehouse ?? 'all'}.csv`,
          toCsv(
            headers,
            rows.map((r) => [r.warehouse, r.shipmentNo, r.service, r.trackingNo, r.sku, r.name, r.qty, r.orderNo]),
          ),
        );
      },
    }),
  ];
}
