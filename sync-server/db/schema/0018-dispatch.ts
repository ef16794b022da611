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
