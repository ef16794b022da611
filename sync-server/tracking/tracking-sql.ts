import { sql, type SqlQuery } from '../db/sql-query';
import type { TrackingEvent } from './providers/tracking-provider';

/** SQL for carrier events and the parcels' tracking state: small builders, run by the tracking workflows. */

export type TrackedShipment = {
  workspace_id: string;
  shipment_no: string;
  status: string;
  tracking_no: string;
  tracking_status: string | null;
  tracking_flags: { code: string; at: string; [key: string]: unknown }[];
  last_event_at: Date | null;
  last_event: string | null;
  registered_at: Date | null;
  shipped_at: Date | null;
  delivered_at: Date | null;
  order_nos: string[];
};

/** Shipments of a workspace by number (locked, in number order, when `lock`). */
export function selectTrackedShipments(by: { workspaceId: string; shipmentNos: string[] }, lock: boolean): SqlQuery {
  return sql(
    `SELECT s.workspace_id, s.shipment_no, s.status, s.tracking_no, s.tracking_status, s.tracking_flags, s.last_event_at,
            s.last_event, s.registered_at, s.shipped_at, s.delivered_at,
            coalesce((SELECT array_agg(DISTINCT l.order_no) FROM shipment_lines l
                       WHERE l.workspace_id = s.workspace_id AND l.shipment_no = s.shipment_no), '{}') AS order_nos
       FROM shipments s WHERE s.workspace_id = $1 AND s.shipment_no = ANY($2::text[])
      ORDER BY s.workspace_id, s.shipment_no ${lock ? 'FOR UPDATE OF s' : ''}`,
    [by.workspaceId, by.shipmentNos],
  );
}

/** Which workspace's parcel holds each tracking number (a webhook names only the number). */
export function selectParcelsByNumber(trackingNos: string[]): SqlQuery {
  return sql(
    `SELECT s.workspace_id, s.shipment_no, s.tracking_no FROM shipments s
      WHERE s.tracking_no = ANY($1::text[]) AND s.status NOT IN ('draft', 'booking', 'cancelled')`,
    [trackingNos],
  );
}

export type EventWrite = TrackingEvent & {
  shipment_no: string;
  provider: string;
  tracking_no: string;
  dedupe_key: string;
};

/** Stores events once (the dedupe key); answers the ones that were new. */
export function insertTrackingEvents(
  workspaceId: string,
  rows: EventWrite[],
  source: 'poll' | 'webhook',
  at: Date,
): SqlQuery {
  return sql(
    `INSERT INTO tracking_events (workspace_id, shipment_no, provider, tracking_no, at, local_text, zone_source, status,
                                 raw_code, description, location, source, received_at, dedupe_key)
     SELECT $1, r.shipment_no, r.provider, r.tracking_no, r.at, r."localText", r."zoneSource", r.status, r."rawCode",
            r.description, r.location, $3, $4, r.dedupe_key
       FROM json_to_recordset($2::json) AS r(shipment_no text, provider text, tracking_no text, at timestamptz,
            "localText" text, "zoneSource" text, status text, "rawCode" text, description text, location text, dedupe_key text)
     ON CONFLICT (workspace_id, dedupe_key) DO NOTHING
     RETURNING dedupe_key`,
    [workspaceId, JSON.stringify(rows), source, at],
  );
}

export type TrackingStateWrite = {
  shipment_no: string;
  status: string;
  tracking_status: string;
  last_event_at: string | null;
  last_event: string | null;
  tracking_flags: unknown;
  delivered_at: string | null;
  change_no: number;
};

export function updateTrackingStates(
  workspaceId: string,
  rows: TrackingStateWrite[],
  at: Date,
  actor: string,
): SqlQuery {
  return sql(
    `UPDATE shipments s SET status = r.status, tracking_status = r.tracking_status,
            last_event_at = coalesce(r.last_event_at, s.last_event_at), last_event = coalesce(r.last_event, s.last_event),
            tracking_flags = r.tracking_flags, delivered_at = coalesce(s.delivered_at, r.delivered_at),
            version = s.version + 1, change_no = r.change_no, updated_at = $3, updated_by = $4
       FROM json_to_recordset($2::json) AS r(shipment_no text, status text, tracking_status text, last_event_at timestamptz,
            last_event text, tracking_flags jsonb, delivered_at timestamptz, change_no bigint)
      WHERE s.workspace_id = $1 AND s.shipment_no = r.shipment_no`,
    [workspaceId, JSON.stringify(rows), at, actor],
  );
}

export function markRegistered(workspaceId: string, shipmentNos: string[], at: Date): SqlQuery {
  return sql(
    `UPDATE shipments SET registered_at = coalesce(registered_at, $3) WHERE workspace_id = $1 AND shipment_no = ANY($2::text[])`,
    [workspaceId, shipmentNos, at],
  );
}

/** Orders whose every parcel (not cancelled) is delivered. */
export function selectFullyDelivered(workspaceId: string, orderNos: string[]): SqlQuery {
  return sql(
    `SELECT l.order_no FROM shipment_lines l JOIN shipments s ON s.workspace_id = l.workspace_id AND s.shipment_no = l.shipment_no
      WHERE l.workspace_id = $1 AND l.order_no = ANY($2::text[]) AND s.status <> 'cancelled'
      GROUP BY l.order_no HAVING bool_and(s.status = 'delivered')`,
    [workspaceId, orderNos],
  );
}

/** An order's whole carrier journey (the sidebar's timeline). */
export function selectEventsOfOrder(workspaceId: string, orderNo: string): SqlQuery {
  return sql(
    `SELECT e.shipment_no, e.tracking_no, e.at, e.local_text, e.zone_source, e.status, e.description, e.location
       FROM tracking_events e
      WHERE e.workspace_id = $1 AND e.shipment_no IN
            (SELECT shipment_no FROM shipment_lines WHERE workspace_id = $1 AND order_no = $2)
      ORDER BY e.at, e.id`,
    [workspaceId, orderNo],
  );
}
