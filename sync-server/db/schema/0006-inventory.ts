/**
 * Stock per SKU and warehouse, changed only through reservations and adjustments (docs/inventory.md).
 * The CHECKs are the last line against overselling: no bug above can make reserved exceed on hand.
 */
export const INVENTORY = `
CREATE TABLE stock (
  workspace_id text NOT NULL REFERENCES workspaces(id),
  stock_key text NOT NULL,
  sku text NOT NULL,
  warehouse text NOT NULL,
  on_hand integer NOT NULL CHECK (on_hand >= 0),
  reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  available integer GENERATED ALWAYS AS (on_hand - reserved) STORED,
  incoming integer NOT NULL DEFAULT 0 CHECK (incoming >= 0),
  -- Why the last count changed on hand (typed beside the count; kept with the adjustment).
  count_note text,
  version integer NOT NULL,
  change_no bigint NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (workspace_id, stock_key),
  CONSTRAINT stock_never_oversold CHECK (reserved <= on_hand)
);
CREATE INDEX stock_changes ON stock (workspace_id, change_no);
CREATE INDEX stock_sku ON stock (workspace_id, sku);

-- One row per order line x warehouse x qty; released rows stay (the ledger), active ones have no released_at.
CREATE TABLE reservations (
  id bigserial PRIMARY KEY,
  workspace_id text NOT NULL,
  order_no text NOT NULL,
  line_no integer NOT NULL,
  stock_key text NOT NULL,
  sku text NOT NULL,
  warehouse text NOT NULL,
  qty integer NOT NULL CHECK (qty > 0),
  created_at timestamptz NOT NULL,
  released_at timestamptz,
  release_reason text,
  FOREIGN KEY (workspace_id, order_no, line_no) REFERENCES order_lines (workspace_id, order_no, line_no),
  FOREIGN KEY (workspace_id, stock_key) REFERENCES stock (workspace_id, stock_key)
);
CREATE INDEX reservations_active_stock ON reservations (workspace_id, stock_key) WHERE released_at IS NULL;
CREATE INDEX reservations_active_order ON reservations (workspace_id, order_no) WHERE released_at IS NULL;

-- Every change of on hand: a count, a receipt, a new stock line. Their sum is on hand (the ledger invariant).
CREATE TABLE stock_adjustments (
  id bigserial PRIMARY KEY,
  workspace_id text NOT NULL,
  stock_key text NOT NULL,
  kind text NOT NULL,
  actor text NOT NULL,
  at timestamptz NOT NULL,
  on_hand_before integer NOT NULL,
  on_hand_after integer NOT NULL,
  reason text,
  correlation_id text NOT NULL,
  -- A count from a sheet: which installation sent it, the value it saw, what was typed, the row version it
  -- saw. The same count sent again (its answer was lost) is recognised and not applied twice.
  client_id text,
  count_base integer,
  count_typed integer,
  base_version integer,
  FOREIGN KEY (workspace_id, stock_key) REFERENCES stock (workspace_id, stock_key)
);
CREATE INDEX stock_adjustments_line ON stock_adjustments (workspace_id, stock_key, id);

-- Why an order waits: [{sku, missing}], set by allocation.
ALTER TABLE orders ADD COLUMN waiting jsonb NOT NULL DEFAULT '[]';
CREATE INDEX orders_waiting ON orders (workspace_id, approved_at, order_no) WHERE status IN ('pending_purchase', 'approved');

CREATE OR REPLACE VIEW order_rows AS
SELECT o.workspace_id,
       o.order_no || '/' || l.line_no AS row_key,
       o.order_no, o.status, o.review_notes, o.call_attempts, o.channel, o.external_id, o.ordered_at,
       l.sku, l.name AS product, l.qty, l.unit_price, o.currency, o.payment_method, o.recipient_name, o.phone, o.email,
       o.address1, o.address2, o.city, o.province, o.postal_code, o.country,
       o.version, o.change_no, o.updated_at, o.updated_by,
       o.review_flags,
       o.waiting
  FROM orders o
  JOIN order_lines l ON l.workspace_id = o.workspace_id AND l.order_no = o.order_no;
`;
