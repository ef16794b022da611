/** Purchasing parameters (DESIGN 3.3): suppliers, per-SKU safety stock and coverage, and sales by order date. */
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
`;
