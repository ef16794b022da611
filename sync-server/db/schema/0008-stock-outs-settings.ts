/**
 * Purchasing settings beside the review settings, sales dated by when an undated order came in, and when each stock line was out of stock (available
 * 0), so sales velocity can leave those days out (docs/purchasing.md). A span is opened and closed by the same
 * statement that writes the stock line; a line that did not exist yet was out of stock.
 */
export const STOCK_OUTS_SETTINGS = `
ALTER TABLE workspace_settings ALTER COLUMN review SET DEFAULT '{}';

-- "FR1 35, US1 25": a supplier's transit days to particular warehouses (docs/purchasing.md: transit to the warehouse).
ALTER TABLE suppliers ADD COLUMN transit_by_warehouse text;

-- An order without a date (typed or imported without one) counts as sold when it came in.
CREATE INDEX orders_sold_at ON orders (workspace_id, (coalesce(ordered_at, imported_at)));
DROP INDEX orders_ordered_at;
ALTER TABLE workspace_settings ADD COLUMN purchasing jsonb NOT NULL DEFAULT '{}';

CREATE TABLE stock_outs (
  id bigserial PRIMARY KEY,
  workspace_id text NOT NULL,
  stock_key text NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  FOREIGN KEY (workspace_id, stock_key) REFERENCES stock (workspace_id, stock_key),
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
-- At most one open span per line: a second "went out" without a "came back" is a bug, refused here.
CREATE UNIQUE INDEX stock_outs_open ON stock_outs (workspace_id, stock_key) WHERE ended_at IS NULL;
CREATE INDEX stock_outs_line ON stock_outs (workspace_id, stock_key, started_at);

-- Lines that exist already: out of stock before their first adjustment; still out if nothing is available
-- now (since when is not on record, so the whole past counts as out).
INSERT INTO stock_outs (workspace_id, stock_key, started_at, ended_at)
SELECT s.workspace_id, s.stock_key, '-infinity', CASE WHEN s.on_hand - s.reserved > 0 THEN coalesce(a.first_at, s.updated_at) END
  FROM stock s
  LEFT JOIN (SELECT workspace_id, stock_key, min(at) AS first_at FROM stock_adjustments GROUP BY workspace_id, stock_key) a
    ON a.workspace_id = s.workspace_id AND a.stock_key = s.stock_key;
`;
