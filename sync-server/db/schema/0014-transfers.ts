/**
 * Transfers between warehouses (docs/inventory.md): stock leaves the source's on hand at dispatch (an
 * adjustment), waits as `in_transit` on the destination's stock line, and arrives into on hand there (an
 * adjustment). `in_transit` always equals what the open transfers still carry (the ledger check says so).
 */
export const TRANSFERS = `
ALTER TABLE stock ADD COLUMN in_transit integer NOT NULL DEFAULT 0 CHECK (in_transit >= 0);

CREATE TABLE transfers (
  workspace_id text NOT NULL REFERENCES workspaces(id),
  transfer_no text NOT NULL,
  from_warehouse text NOT NULL,
  to_warehouse text NOT NULL,
  status text NOT NULL,
  carrier text,
  reference text,
  expected_on date,
  note text,
  cancel_reason text,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  dispatched_at timestamptz,
  version integer NOT NULL,
  change_no bigint NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (workspace_id, transfer_no),
  CONSTRAINT transfer_between_two CHECK (from_warehouse <> to_warehouse)
);
CREATE INDEX transfers_changes ON transfers (workspace_id, change_no);

CREATE TABLE transfer_lines (
  workspace_id text NOT NULL,
  transfer_no text NOT NULL,
  line_no integer NOT NULL,
  sku text NOT NULL,
  qty integer NOT NULL CHECK (qty > 0),
  received_qty integer NOT NULL DEFAULT 0 CHECK (received_qty >= 0),
  short_closed_qty integer NOT NULL DEFAULT 0 CHECK (short_closed_qty >= 0),
  short_reason text,
  PRIMARY KEY (workspace_id, transfer_no, line_no),
  FOREIGN KEY (workspace_id, transfer_no) REFERENCES transfers (workspace_id, transfer_no),
  CONSTRAINT transfer_line_never_over_received CHECK (received_qty + short_closed_qty <= qty)
);

-- The Transfers sheet: one row per transfer line (a transfer's change number covers its lines).
CREATE VIEW transfer_rows AS
SELECT t.workspace_id, t.transfer_no || '/' || l.line_no AS row_key, t.transfer_no, t.from_warehouse, t.to_warehouse,
       t.status AS transfer_status, l.sku, l.qty, l.received_qty, l.short_closed_qty,
       CASE WHEN t.status IN ('in_transit', 'partially_received') THEN l.qty - l.received_qty - l.short_closed_qty ELSE 0 END
         AS in_transit_qty,
       l.short_reason, t.carrier, t.reference, t.expected_on::text AS expected_on, t.note, t.cancel_reason,
       t.version, t.change_no, t.updated_at, t.updated_by
  FROM transfers t
  JOIN transfer_lines l ON l.workspace_id = t.workspace_id AND l.transfer_no = t.transfer_no;
`;
