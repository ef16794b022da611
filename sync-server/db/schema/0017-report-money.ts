/**
 * The money reports need (docs/reports.md): an order's discount, a PO line's unit cost, each SKU's moving
 * average cost, the cost a reservation took (COGS at the moment of reserving), a shipment's actual freight
 * from the carrier's bill, FX rates per currency and month, and platform/payment fees per channel.
 */
export const REPORT_MONEY = `
ALTER TABLE orders ADD COLUMN discount numeric;
ALTER TABLE workspace_settings ADD COLUMN reports jsonb NOT NULL DEFAULT '{}';

ALTER TABLE purchase_order_lines ADD COLUMN unit_cost numeric CHECK (unit_cost >= 0);
ALTER TABLE purchase_order_lines ADD COLUMN cost_currency text;
ALTER TABLE purchase_order_lines ADD CONSTRAINT po_line_cost_has_currency
  CHECK ((unit_cost IS NULL) = (cost_currency IS NULL));

-- The moving average of what was received, in the currency of the latest receipt.
CREATE TABLE sku_costs (
  workspace_id text NOT NULL REFERENCES workspaces(id),
  sku text NOT NULL,
  avg_cost numeric NOT NULL CHECK (avg_cost >= 0),
  currency text NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, sku)
);

ALTER TABLE reservations ADD COLUMN unit_cost numeric;
ALTER TABLE reservations ADD COLUMN cost_currency text;
CREATE INDEX reservations_order_line ON reservations (workspace_id, order_no, line_no);

ALTER TABLE shipments ADD COLUMN actual_freight numeric CHECK (actual_freight >= 0);
ALTER TABLE shipments ADD COLUMN actual_freight_currency text;
ALTER TABLE shipments ADD COLUMN actual_freight_ref text;
ALTER TABLE shipments ADD CONSTRAINT shipment_actual_freight_currency
  CHECK ((actual_freight IS NULL) = (actual_freight_currency IS NULL));

CREATE TABLE fx_rates (
  workspace_id text NOT NULL REFERENCES workspaces(id),
  fx_key text NOT NULL,
  currency text NOT NULL,
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  rate numeric NOT NULL CHECK (rate > 0),
  version integer NOT NULL,
  change_no bigint NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (workspace_id, fx_key),
  UNIQUE (workspace_id, currency, month)
);
CREATE INDEX fx_rates_changes ON fx_rates (workspace_id, change_no);

CREATE TABLE channel_fees (
  workspace_id text NOT NULL REFERENCES workspaces(id),
  channel text NOT NULL,
  platform_fee_pct numeric NOT NULL DEFAULT 0,
  platform_fee_fixed numeric NOT NULL DEFAULT 0,
  payment_fee_pct numeric NOT NULL DEFAULT 0,
  payment_fee_fixed numeric NOT NULL DEFAULT 0,
  version integer NOT NULL,
  change_no bigint NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (workspace_id, channel)
);
CREATE INDEX channel_fees_changes ON channel_fees (workspace_id, change_no);

CREATE OR REPLACE VIEW po_rows AS
SELECT p.workspace_id, p.po_no || '/' || l.line_no AS row_key, p.po_no, p.supplier, p.warehouse, p.status AS po_status, l.sku,
       l.ordered_qty, l.received_qty, l.short_closed_qty,
       l.ordered_qty - l.received_qty - l.short_closed_qty - l.cancelled_qty AS open_qty, l.short_reason,
       p.expected_on::text AS expected_on, p.version, p.change_no, p.updated_at, p.updated_by,
       l.cancelled_qty, l.cancel_reason, l.unit_cost, l.cost_currency
  FROM purchase_orders p
  JOIN purchase_order_lines l ON l.workspace_id = p.workspace_id AND l.po_no = p.po_no;

-- Profit per order line, kept up to date rather than computed on every read (docs/reports.md: report data):
-- what a report reads. Writers never compute it: triggers note which orders changed (report_dirty; a NULL
-- order means every order: a rate, a fee, a setting changed), and the next report read recomputes those.
CREATE TABLE report_lines (
  workspace_id text NOT NULL,
  order_no text NOT NULL,
  line_no integer NOT NULL,
  order_date text,
  month text,
  channel text,
  country text,
  sku text,
  product text,
  sales_owner text,
  status text,
  qty integer,
  currency text,
  revenue numeric,
  shipping numeric,
  discounts numeric,
  platform_fee numeric,
  payment_fee numeric,
  cogs numeric,
  freight numeric,
  refunds numeric,
  profit numeric,
  missing text[],
  PRIMARY KEY (workspace_id, order_no, line_no)
);
-- No unique key: a writer only ever appends a note, so it never waits for a report being recomputed.
CREATE TABLE report_dirty (
  id bigserial PRIMARY KEY,
  workspace_id text NOT NULL,
  order_no text
);
CREATE INDEX report_dirty_workspace ON report_dirty (workspace_id, id);
-- A workspace that never had its report computed starts with everything to compute.
INSERT INTO report_dirty (workspace_id, order_no) SELECT id, NULL FROM workspaces;

CREATE FUNCTION report_mark_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty (workspace_id, order_no) SELECT DISTINCT workspace_id, order_no FROM changed;
  RETURN NULL;
END $$;
CREATE FUNCTION report_mark_skus() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty (workspace_id, order_no)
  SELECT DISTINCT l.workspace_id, l.order_no
    FROM (SELECT DISTINCT workspace_id, sku FROM changed) c
    JOIN order_lines l ON l.workspace_id = c.workspace_id AND l.sku = c.sku;
  RETURN NULL;
END $$;
CREATE FUNCTION report_mark_shipments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty (workspace_id, order_no)
  SELECT DISTINCT l.workspace_id, l.order_no
    FROM (SELECT DISTINCT workspace_id, shipment_no FROM changed) c
    JOIN shipment_lines l ON l.workspace_id = c.workspace_id AND l.shipment_no = c.shipment_no;
  RETURN NULL;
END $$;
CREATE FUNCTION report_mark_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty (workspace_id, order_no) SELECT DISTINCT workspace_id, NULL::text FROM changed;
  RETURN NULL;
END $$;
CREATE FUNCTION report_mark_workspace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty (workspace_id, order_no) SELECT id, NULL FROM changed;
  RETURN NULL;
END $$;
CREATE TRIGGER report_orders_insert AFTER INSERT ON orders REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_orders();
CREATE TRIGGER report_orders_update AFTER UPDATE ON orders REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_orders();
CREATE TRIGGER report_order_lines_insert AFTER INSERT ON order_lines REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_orders();
CREATE TRIGGER report_reservations_insert AFTER INSERT ON reservations REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_orders();
CREATE TRIGGER report_reservations_update AFTER UPDATE ON reservations REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_orders();
CREATE TRIGGER report_shipment_lines_insert AFTER INSERT ON shipment_lines REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_orders();
CREATE TRIGGER report_shipment_lines_delete AFTER DELETE ON shipment_lines REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_orders();
CREATE TRIGGER report_after_sale_cases_insert AFTER INSERT ON after_sale_cases REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_orders();
CREATE TRIGGER report_after_sale_cases_update AFTER UPDATE ON after_sale_cases REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_orders();
CREATE TRIGGER report_after_sale_lines_insert AFTER INSERT ON after_sale_lines REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_orders();
CREATE TRIGGER report_after_sale_lines_update AFTER UPDATE ON after_sale_lines REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_orders();
CREATE TRIGGER report_shipments_update AFTER UPDATE ON shipments REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_shipments();
CREATE TRIGGER report_products_insert AFTER INSERT ON products REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_skus();
CREATE TRIGGER report_products_update AFTER UPDATE ON products REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_skus();
CREATE TRIGGER report_sku_costs_insert AFTER INSERT ON sku_costs REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_skus();
CREATE TRIGGER report_sku_costs_update AFTER UPDATE ON sku_costs REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_skus();
CREATE TRIGGER report_fx_rates_insert AFTER INSERT ON fx_rates REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_all();
CREATE TRIGGER report_fx_rates_update AFTER UPDATE ON fx_rates REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_all();
CREATE TRIGGER report_fx_rates_delete AFTER DELETE ON fx_rates REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_all();
CREATE TRIGGER report_channel_fees_insert AFTER INSERT ON channel_fees REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_all();
CREATE TRIGGER report_channel_fees_update AFTER UPDATE ON channel_fees REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_all();
CREATE TRIGGER report_channel_fees_delete AFTER DELETE ON channel_fees REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_all();
CREATE TRIGGER report_workspace_settings_insert AFTER INSERT ON workspace_settings REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_all();
CREATE TRIGGER report_workspace_settings_update AFTER UPDATE ON workspace_settings REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_all();
CREATE TRIGGER report_workspaces_insert AFTER INSERT ON workspaces REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_workspace();
`;
