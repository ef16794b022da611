/**
 * Background work and carrier tracking (docs/tracking.md). `jobs` is the database job queue both PGlite and
 * PostgreSQL run: due jobs are claimed with FOR UPDATE SKIP LOCKED and a lease a killed process loses, so
 * several server processes share the work and none is done twice at once. Tracking keeps every carrier
 * event once (its dedupe key) and the parcel's normalized status on the shipment.
 */
export const TRACKING = `
CREATE TABLE jobs (
  id bigserial PRIMARY KEY,
  queue text NOT NULL,
  key text NOT NULL,
  payload jsonb NOT NULL,
  run_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  locked_by text,
  locked_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL,
  UNIQUE (queue, key)
);
CREATE INDEX jobs_due ON jobs (queue, run_at);

-- A provider's rate, shared by every server process: each request takes the next free slot.
CREATE TABLE provider_slots (
  provider text PRIMARY KEY,
  next_at timestamptz NOT NULL,
  paused_until timestamptz
);

CREATE TABLE tracking_events (
  id bigserial PRIMARY KEY,
  workspace_id text NOT NULL,
  shipment_no text NOT NULL,
  provider text NOT NULL,
  tracking_no text NOT NULL,
  at timestamptz NOT NULL,
  local_text text NOT NULL,
  zone_source text NOT NULL,
  status text NOT NULL,
  raw_code text NOT NULL,
  description text NOT NULL,
  location text,
  source text NOT NULL CHECK (source IN ('poll', 'webhook')),
  received_at timestamptz NOT NULL,
  dedupe_key text NOT NULL,
  UNIQUE (workspace_id, dedupe_key)
);
CREATE INDEX tracking_events_shipment ON tracking_events (workspace_id, shipment_no, at);

ALTER TABLE shipments ADD COLUMN tracking_status text;
ALTER TABLE shipments ADD COLUMN tracking_provider text;
ALTER TABLE shipments ADD COLUMN last_event_at timestamptz;
ALTER TABLE shipments ADD COLUMN last_event text;
-- Why a person should look: [{code, at, ...}] (a status going back, an exception, a failed delivery, no scan).
ALTER TABLE shipments ADD COLUMN tracking_flags jsonb NOT NULL DEFAULT '[]';
ALTER TABLE shipments ADD COLUMN registered_at timestamptz;
ALTER TABLE shipments ADD COLUMN delivered_at timestamptz;
CREATE INDEX shipments_tracking_no ON shipments (tracking_no) WHERE tracking_no IS NOT NULL;

CREATE OR REPLACE VIEW shipment_rows AS
SELECT s.workspace_id, s.shipment_no, s.status AS shipment_status, s.warehouse, s.country,
       (SELECT string_agg(DISTINCT sl.order_no, ', ') FROM shipment_lines sl
         WHERE sl.workspace_id = s.workspace_id AND sl.shipment_no = s.shipment_no) AS orders,
       (SELECT string_agg(sl.sku || ' x' || sl.qty, ', ' ORDER BY sl.order_no, sl.line_no) FROM shipment_lines sl
         WHERE sl.workspace_id = s.workspace_id AND sl.shipment_no = s.shipment_no) AS lines,
       s.service, s.chargeable_g, s.freight, s.freight_currency, s.tracking_no,
       json_build_object('choice', s.choice, 'missing', s.missing, 'error', s.booking_error) AS reasons,
       s.version, s.change_no, s.updated_at, s.updated_by,
       json_build_object('status', s.tracking_status, 'flags', s.tracking_flags) AS tracking,
       s.last_event, s.last_event_at
  FROM shipments s;
`;
