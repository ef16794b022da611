/** Orders (docs/orders.md): one row per order, its lines, call attempts, channel SKU mappings, review settings. */
export const ORDERS = `
CREATE TABLE orders (
  workspace_id text NOT NULL REFERENCES workspaces(id),
  order_no text NOT NULL,
  channel text NOT NULL,
  external_id text NOT NULL,
  status text NOT NULL,
  review_notes text NOT NULL DEFAULT '',
  -- The flags behind review_notes, so a later change (a SKU mapping) can re-render them.
  review_flags jsonb NOT NULL DEFAULT '[]',
  review_lang text NOT NULL DEFAULT 'en',
  call_attempts integer NOT NULL DEFAULT 0,
  ordered_at timestamptz,
  ordered_at_local text,
  ordered_at_offset text,
  currency text,
  payment_method text NOT NULL,
  email text,
  phone text,
  recipient_name text,
  address1 text,
  address2 text,
  city text,
  province text,
  postal_code text,
  country text,
  subtotal numeric,
  shipping numeric,
  tax numeric,
  total numeric,
  note text,
  approved_at timestamptz,
  imported_at timestamptz NOT NULL,
  version integer NOT NULL,
  change_no bigint NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (workspace_id, order_no),
  -- Importing the same file twice changes nothing.
  UNIQUE (workspace_id, channel, external_id)
);
CREATE INDEX orders_changes ON orders (workspace_id, change_no);
CREATE INDEX orders_status ON orders (workspace_id, status, ordered_at);

CREATE TABLE order_lines (
  workspace_id text NOT NULL,
  order_no text NOT NULL,
  line_no integer NOT NULL,
  sku text NOT NULL,
  channel_sku text NOT NULL,
  name text,
  qty integer NOT NULL CHECK (qty > 0),
  unit_price numeric,
  PRIMARY KEY (workspace_id, order_no, line_no),
  FOREIGN KEY (workspace_id, order_no) REFERENCES orders (workspace_id, order_no)
);

CREATE TABLE order_calls (
  id bigserial PRIMARY KEY,
  workspace_id text NOT NULL,
  order_no text NOT NULL,
  called_at timestamptz NOT NULL,
  actor text NOT NULL,
  result text NOT NULL,
  note text,
  FOREIGN KEY (workspace_id, order_no) REFERENCES orders (workspace_id, order_no)
);

-- Channel SKU → product SKU (the SKU mappings sheet, synced like products).
CREATE TABLE sku_mappings (
  workspace_id text NOT NULL REFERENCES workspaces(id),
  channel_sku text NOT NULL,
  sku text NOT NULL,
  version integer NOT NULL,
  change_no bigint NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (workspace_id, channel_sku)
);
CREATE INDEX sku_mappings_changes ON sku_mappings (workspace_id, change_no);
CREATE INDEX order_lines_channel_sku ON order_lines (workspace_id, channel_sku);
CREATE INDEX order_lines_sku ON order_lines (workspace_id, sku);

CREATE TABLE workspace_settings (
  workspace_id text PRIMARY KEY REFERENCES workspaces(id),
  review jsonb NOT NULL
);

-- Commands (sidebar buttons, menu actions) carry an idempotency key: a replay gets the first answer.
CREATE TABLE command_results (
  workspace_id text NOT NULL REFERENCES workspaces(id),
  idempotency_key text NOT NULL,
  actor text NOT NULL,
  request_hash text NOT NULL,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, idempotency_key)
);
`;
