/** Workspaces, access, the synced catalog tables, sync mutations and the event log. */
export const FOUNDATION = `
CREATE TABLE workspaces (
  id text PRIMARY KEY,
  name text NOT NULL,
  -- Per-workspace change counter: bumped under the workspace row lock, so change numbers commit in order
  -- and a pull cursor never skips a row that commits late.
  change_no bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE members (
  workspace_id text NOT NULL REFERENCES workspaces(id),
  email text NOT NULL,
  roles text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, email)
);

CREATE TABLE api_keys (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  name text NOT NULL,
  member_email text,
  roles text[] NOT NULL,
  key_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX api_keys_workspace ON api_keys (workspace_id);

CREATE TABLE products (
  workspace_id text NOT NULL REFERENCES workspaces(id),
  sku text NOT NULL,
  name_en text NOT NULL,
  name_zh text,
  attributes text[] NOT NULL,
  weight_g integer,
  length_cm numeric,
  width_cm numeric,
  height_cm numeric,
  unit_cost numeric,
  cost_currency text,
  supplier text,
  sales_owner text,
  active boolean NOT NULL,
  version integer NOT NULL,
  change_no bigint NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (workspace_id, sku)
);
CREATE INDEX products_changes ON products (workspace_id, change_no);

CREATE TABLE warehouses (
  workspace_id text NOT NULL REFERENCES workspaces(id),
  code text NOT NULL,
  name text NOT NULL,
  countries text[] NOT NULL,
  rank integer NOT NULL,
  active boolean NOT NULL,
  version integer NOT NULL,
  change_no bigint NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (workspace_id, code)
);
CREATE INDEX warehouses_changes ON warehouses (workspace_id, change_no);

-- A push is applied once, ever: the first answer is kept and replayed for retries.
CREATE TABLE sync_mutations (
  workspace_id text NOT NULL REFERENCES workspaces(id),
  client_id text NOT NULL,
  mutation_id bigint NOT NULL,
  request_hash text NOT NULL,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, client_id, mutation_id)
);

-- Append-only: rows are inserted, never updated or deleted.
CREATE TABLE events (
  id bigserial PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  occurred_at timestamptz NOT NULL,
  actor text NOT NULL,
  entity text NOT NULL,
  entity_key text NOT NULL,
  action text NOT NULL,
  before jsonb,
  after jsonb,
  correlation_id text NOT NULL
);
CREATE INDEX events_entity ON events (workspace_id, entity, entity_key, id);
`;
