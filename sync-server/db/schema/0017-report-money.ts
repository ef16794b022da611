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
`;
