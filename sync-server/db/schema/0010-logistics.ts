/**
 * The logistics center (docs/logistics.md): carrier services and their rates (synced sheets), shipments
 * holding order lines (one order in several parcels, several orders in one), capacity booked per service
 * per day, stored labels, and on each order line how many units have left in shipped parcels.
 */
export const LOGISTICS = `
ALTER TABLE products ADD COLUMN declared_name_en text;
ALTER TABLE products ADD COLUMN declared_name_zh text;
ALTER TABLE products ADD COLUMN hs_code text;
ALTER TABLE products ADD COLUMN declared_value numeric;
ALTER TABLE products ADD COLUMN declared_currency text;

CREATE TABLE carriers (
  workspace_id text NOT NULL REFERENCES workspaces(id),
  code text NOT NULL,
  name text NOT NULL,
  adapter text NOT NULL,
  carrier_product text,
  countries text[] NOT NULL,
  attributes text[] NOT NULL,
  max_weight_g integer,
  max_side_cm numeric,
  daily_capacity integer,
  priority integer NOT NULL,
  volumetric_divisor integer NOT NULL,
  fuel_surcharge_pct numeric NOT NULL,
  tracking_provider text,
  tracking_carrier text,
  active boolean NOT NULL,
  version integer NOT NULL,
  change_no bigint NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (workspace_id, code)
);
CREATE INDEX carriers_changes ON carriers (workspace_id, change_no);

CREATE TABLE rates (
  workspace_id text NOT NULL REFERENCES workspaces(id),
  rate_key text NOT NULL,
  service text NOT NULL,
  zone text NOT NULL,
  countries text[] NOT NULL,
  from_g integer NOT NULL,
  to_g integer NOT NULL,
  first_g integer NOT NULL,
  first_price numeric NOT NULL,
  step_g integer,
  step_price numeric,
  currency text NOT NULL,
  version integer NOT NULL,
  change_no bigint NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (workspace_id, rate_key)
);
CREATE INDEX rates_changes ON rates (workspace_id, change_no);

CREATE SEQUENCE shipment_numbers;
CREATE TABLE shipments (
  workspace_id text NOT NULL REFERENCES workspaces(id),
  shipment_no text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'booking', 'label_ready', 'shipped', 'in_transit', 'out_for_delivery',
                                         'delivered', 'exception', 'returned', 'cancelled')),
  warehouse text NOT NULL,
  country text NOT NULL,
  attributes text[] NOT NULL,
  actual_g integer,
  volume_cm3 numeric,
  longest_side_cm numeric,
  service text,
  chargeable_g integer,
  freight numeric,
  freight_currency text,
  -- Why this service (and why not each other), and what data the parcel lacks: rendered per reader's language.
  -- json, not jsonb: written for every parcel of a plan and only read back whole (jsonb's parse costs ~40%).
  choice json NOT NULL DEFAULT '[]',
  missing json NOT NULL DEFAULT '[]',
  tracking_no text,
  carrier_reference text,
  -- The day whose capacity the label took (released when the label is cancelled).
  booked_on date,
  booking_error text,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  shipped_at timestamptz,
  version integer NOT NULL,
  change_no bigint NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (workspace_id, shipment_no)
);
CREATE INDEX shipments_changes ON shipments (workspace_id, change_no);
CREATE INDEX shipments_open ON shipments (workspace_id, status) WHERE status IN ('draft', 'booking', 'label_ready');
CREATE UNIQUE INDEX shipments_tracking ON shipments (workspace_id, tracking_no)
  WHERE tracking_no IS NOT NULL AND status <> 'cancelled';

CREATE TABLE shipment_lines (
  workspace_id text NOT NULL,
  shipment_no text NOT NULL,
  order_no text NOT NULL,
  line_no integer NOT NULL,
  sku text NOT NULL,
  qty integer NOT NULL CHECK (qty > 0),
  PRIMARY KEY (workspace_id, shipment_no, order_no, line_no),
  FOREIGN KEY (workspace_id, shipment_no) REFERENCES shipments (workspace_id, shipment_no),
  FOREIGN KEY (workspace_id, order_no, line_no) REFERENCES order_lines (workspace_id, order_no, line_no)
);
CREATE INDEX shipment_lines_order ON shipment_lines (workspace_id, order_no);

-- Parcels booked per service per day: the conditional increment is what keeps concurrent bookings within capacity.
CREATE TABLE carrier_capacity (
  workspace_id text NOT NULL,
  service text NOT NULL,
  day date NOT NULL,
  booked integer NOT NULL CHECK (booked >= 0),
  PRIMARY KEY (workspace_id, service, day)
);

CREATE TABLE shipment_labels (
  workspace_id text NOT NULL,
  shipment_no text NOT NULL,
  tracking_no text NOT NULL,
  pdf bytea NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, shipment_no, tracking_no)
);

-- Secrets the server makes for itself (the key that signs label links), shared by every server process.
CREATE TABLE server_secrets (
  name text PRIMARY KEY,
  value text NOT NULL
);

-- Units of a line that left in shipped parcels: allocation and the ledger count only the rest.
ALTER TABLE order_lines ADD COLUMN shipped_qty integer NOT NULL DEFAULT 0;
ALTER TABLE order_lines ADD CONSTRAINT order_line_never_over_shipped CHECK (shipped_qty <= qty);
-- What the Orders sheet shows of an order's parcels: {"parcels": n, "shipped": n, "tracking": [...]}.
ALTER TABLE orders ADD COLUMN parcels jsonb NOT NULL DEFAULT '{}';

CREATE OR REPLACE VIEW order_rows AS
SELECT o.workspace_id,
       o.order_no || '/' || l.line_no AS row_key,
       o.order_no, o.status, o.review_notes, o.call_attempts, o.channel, o.external_id, o.ordered_at,
       l.sku, l.name AS product, l.qty, l.unit_price, o.currency, o.payment_method, o.recipient_name, o.phone, o.email,
       o.address1, o.address2, o.city, o.province, o.postal_code, o.country,
       o.version, o.change_no, o.updated_at, o.updated_by,
       o.review_flags,
       o.waiting,
       l.fulfilment,
       jsonb_build_object('order', o.note, 'customization', l.customization) AS notes,
       o.parcels
  FROM orders o
  JOIN order_lines l ON l.workspace_id = o.workspace_id AND l.order_no = o.order_no;

-- The Shipments sheet: one row per shipment, its orders and lines as text.
CREATE VIEW shipment_rows AS
SELECT s.workspace_id, s.shipment_no, s.status AS shipment_status, s.warehouse, s.country,
       (SELECT string_agg(DISTINCT sl.order_no, ', ') FROM shipment_lines sl
         WHERE sl.workspace_id = s.workspace_id AND sl.shipment_no = s.shipment_no) AS orders,
       (SELECT string_agg(sl.sku || ' x' || sl.qty, ', ' ORDER BY sl.order_no, sl.line_no) FROM shipment_lines sl
         WHERE sl.workspace_id = s.workspace_id AND sl.shipment_no = s.shipment_no) AS lines,
       s.service, s.chargeable_g, s.freight, s.freight_currency, s.tracking_no,
       json_build_object('choice', s.choice, 'missing', s.missing, 'error', s.booking_error) AS reasons,
       s.version, s.change_no, s.updated_at, s.updated_by
  FROM shipments s;
`;
