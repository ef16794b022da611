/** Purchasing parameters (docs/purchasing.md): suppliers, per-SKU safety stock and coverage, and sales by order date. */
export const PURCHASING = `
CREATE TABLE suppliers (
  workspace_id text NOT NULL REFERENCES workspaces(id),
  code text NOT NULL,
  name text,
  lead_days integer NOT NULL,
  qc_days integer NOT NULL,
  transit_days integer NOT NULL,
  moq integer NOT NULL,
  pack integer NOT NULL CHECK (pack >= 1),
  version integer NOT NULL,
  change_no bigint NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (workspace_id, code)
);
CREATE INDEX suppliers_changes ON suppliers (workspace_id, change_no);

ALTER TABLE products ADD COLUMN safety_stock integer NOT NULL DEFAULT 0;
ALTER TABLE products ADD COLUMN coverage_days integer NOT NULL DEFAULT 30;

-- Sales windows read orders by order date.
CREATE INDEX orders_ordered_at ON orders (workspace_id, ordered_at);

-- Purchase orders: one per supplier and destination warehouse; lines never receive more than ordered.
CREATE TABLE purchase_orders (
  workspace_id text NOT NULL REFERENCES workspaces(id),
  po_no text NOT NULL,
  supplier text NOT NULL,
  warehouse text NOT NULL,
  status text NOT NULL,
  expected_on date,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  version integer NOT NULL,
  change_no bigint NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (workspace_id, po_no)
);
CREATE TABLE purchase_order_lines (
  workspace_id text NOT NULL,
  po_no text NOT NULL,
  line_no integer NOT NULL,
  sku text NOT NULL,
  ordered_qty integer NOT NULL CHECK (ordered_qty > 0),
  received_qty integer NOT NULL DEFAULT 0 CHECK (received_qty >= 0),
  short_closed_qty integer NOT NULL DEFAULT 0 CHECK (short_closed_qty >= 0),
  short_reason text,
  PRIMARY KEY (workspace_id, po_no, line_no),
  FOREIGN KEY (workspace_id, po_no) REFERENCES purchase_orders (workspace_id, po_no),
  CONSTRAINT po_line_never_over_received CHECK (received_qty + short_closed_qty <= ordered_qty)
);
CREATE TABLE purchase_receipts (
  id bigserial PRIMARY KEY,
  workspace_id text NOT NULL,
  po_no text NOT NULL,
  line_no integer NOT NULL,
  qty integer NOT NULL CHECK (qty > 0),
  received_at timestamptz NOT NULL,
  actor text NOT NULL,
  note text,
  FOREIGN KEY (workspace_id, po_no, line_no) REFERENCES purchase_order_lines (workspace_id, po_no, line_no)
);
CREATE INDEX purchase_orders_changes ON purchase_orders (workspace_id, change_no);

-- The POs sheet: one row per purchase-order line (a PO's change number covers its lines).
CREATE VIEW po_rows AS
SELECT p.workspace_id, p.po_no || '/' || l.line_no AS row_key, p.po_no, p.supplier, p.warehouse, p.status AS po_status, l.sku,
       l.ordered_qty, l.received_qty, l.short_closed_qty, l.ordered_qty - l.received_qty - l.short_closed_qty AS open_qty, l.short_reason,
       p.expected_on::text AS expected_on, p.version, p.change_no, p.updated_at, p.updated_by
  FROM purchase_orders p
  JOIN purchase_order_lines l ON l.workspace_id = p.workspace_id AND l.po_no = p.po_no;
`;
