/**
 * The dispatch center (docs/dispatch.md): how long each order and parcel has been in its status (stuck
 * rules and the Flow sheet read it through an index instead of the event log), the runs of syncs, imports
 * and polls, the dispatch thresholds, and an event log that refuses to be changed.
 */
export const DISPATCH = `
-- Set by a trigger, so every writer (there are many) keeps it right without knowing: the time the row
-- entered its status, taken from the writer's own updated_at (the injected clock in tests).
CREATE FUNCTION crossdock_status_since() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status THEN
    NEW.status_since := NEW.updated_at;
  END IF;
  RETURN NEW;
END
$fn$;

ALTER TABLE orders ADD COLUMN status_since timestamptz;
UPDATE orders SET status_since = updated_at;
ALTER TABLE orders ALTER COLUMN status_since SET NOT NULL;
CREATE TRIGGER orders_status_since BEFORE INSERT OR UPDATE ON orders
  FOR EACH ROW EXECUTE FUNCTION crossdock_status_since();
CREATE INDEX orders_status_since ON orders (workspace_id, status, status_since);

ALTER TABLE shipments ADD COLUMN status_since timestamptz;
UPDATE shipments SET status_since = updated_at;
ALTER TABLE shipments ALTER COLUMN status_since SET NOT NULL;
CREATE TRIGGER shipments_status_since BEFORE INSERT OR UPDATE ON shipments
  FOR EACH ROW EXECUTE FUNCTION crossdock_status_since();
CREATE INDEX shipments_status_since ON shipments (workspace_id, status, status_since);

CREATE INDEX purchase_orders_status ON purchase_orders (workspace_id, status, expected_on);
CREATE INDEX after_sale_cases_status ON after_sale_cases (workspace_id, status, created_at);

-- How many rows of each center are in each status, kept by statement triggers (one grouped upsert per
-- statement, whatever its size), so the Flow reads a few rows instead of counting a million orders.
-- Writers of a workspace already run one at a time (the workspace lock): the counter rows add no waiting.
CREATE TABLE status_counts (
  workspace_id text NOT NULL,
  center text NOT NULL,
  status text NOT NULL,
  n bigint NOT NULL,
  PRIMARY KEY (workspace_id, center, status)
);
CREATE FUNCTION crossdock_count_statuses() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO status_counts (workspace_id, center, status, n)
    SELECT workspace_id, TG_ARGV[0], status, count(*) FROM new_rows GROUP BY workspace_id, status
    ON CONFLICT (workspace_id, center, status) DO UPDATE SET n = status_counts.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO status_counts (workspace_id, center, status, n)
    SELECT workspace_id, TG_ARGV[0], status, -count(*) FROM old_rows GROUP BY workspace_id, status
    ON CONFLICT (workspace_id, center, status) DO UPDATE SET n = status_counts.n + excluded.n;
  ELSE
    INSERT INTO status_counts (workspace_id, center, status, n)
    SELECT workspace_id, TG_ARGV[0], status, sum(d) FROM (
      SELECT workspace_id, status, 1 AS d FROM new_rows
      UNION ALL SELECT workspace_id, status, -1 FROM old_rows) AS moved
    GROUP BY workspace_id, status HAVING sum(d) <> 0
    ON CONFLICT (workspace_id, center, status) DO UPDATE SET n = status_counts.n + excluded.n;
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER orders_count_insert AFTER INSERT ON orders REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crossdock_count_statuses('orders');
CREATE TRIGGER orders_count_update AFTER UPDATE ON orders REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crossdock_count_statuses('orders');
CREATE TRIGGER orders_count_delete AFTER DELETE ON orders REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crossdock_count_statuses('orders');
INSERT INTO status_counts SELECT workspace_id, 'orders', status, count(*) FROM orders GROUP BY workspace_id, status;
CREATE TRIGGER shipments_count_insert AFTER INSERT ON shipments REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crossdock_count_statuses('logistics');
CREATE TRIGGER shipments_count_update AFTER UPDATE ON shipments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crossdock_count_statuses('logistics');
CREATE TRIGGER shipments_count_delete AFTER DELETE ON shipments REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crossdock_count_statuses('logistics');
INSERT INTO status_counts SELECT workspace_id, 'logistics', status, count(*) FROM shipments GROUP BY workspace_id, status;
CREATE TRIGGER purchase_orders_count_insert AFTER INSERT ON purchase_orders REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crossdock_count_statuses('purchasing');
CREATE TRIGGER purchase_orders_count_update AFTER UPDATE ON purchase_orders REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crossdock_count_statuses('purchasing');
CREATE TRIGGER purchase_orders_count_delete AFTER DELETE ON purchase_orders REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crossdock_count_statuses('purchasing');
INSERT INTO status_counts SELECT workspace_id, 'purchasing', status, count(*) FROM purchase_orders GROUP BY workspace_id, status;
CREATE TRIGGER after_sale_cases_count_insert AFTER INSERT ON after_sale_cases REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crossdock_count_statuses('after_sale');
CREATE TRIGGER after_sale_cases_count_update AFTER UPDATE ON after_sale_cases REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crossdock_count_statuses('after_sale');
CREATE TRIGGER after_sale_cases_count_delete AFTER DELETE ON after_sale_cases REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crossdock_count_statuses('after_sale');
INSERT INTO status_counts SELECT workspace_id, 'after_sale', status, count(*) FROM after_sale_cases GROUP BY workspace_id, status;

-- The log is append-only: no update, delete or truncate, whoever asks (nothing prunes it).
CREATE FUNCTION crossdock_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'events are append-only: % refused', TG_OP USING ERRCODE = 'P0001';
END
$fn$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION crossdock_events_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION crossdock_events_append_only();
-- An order's journey follows the commands that touched it (a PO receipt that reserved its stock).
CREATE INDEX events_correlation ON events (workspace_id, correlation_id);

-- One row per sync push or pull, import, tracking poll or publish: what it did and how it ended.
CREATE TABLE job_runs (
  id bigserial PRIMARY KEY,
  workspace_id text REFERENCES workspaces(id),
  kind text NOT NULL CHECK (kind IN ('sync_push', 'sync_pull', 'import', 'tracking_poll', 'publish')),
  actor text NOT NULL,
  started_at timestamptz NOT NULL,
  duration_ms integer NOT NULL CHECK (duration_ms >= 0),
  ok boolean NOT NULL,
  counts jsonb NOT NULL DEFAULT '{}',
  errors integer NOT NULL DEFAULT 0,
  throttled integer NOT NULL DEFAULT 0,
  error text
);
CREATE INDEX job_runs_recent ON job_runs (workspace_id, kind, started_at);

ALTER TABLE workspace_settings ADD COLUMN dispatch jsonb NOT NULL DEFAULT '{}';
`;
