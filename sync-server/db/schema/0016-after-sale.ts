/**
 * After-sale cases (docs/after-sale.md): a case on a shipped or delivered order, for some units of its
 * lines. The domain checks the limits across cases (never more than shipped, never more refunded than
 * paid); the CHECKs here are the last line of defence for what one row can say on its own. A write-off
 * is only recorded here (written_off_qty): those units never go back on hand, so no stock adjustment.
 */
export const AFTER_SALE = `
CREATE TABLE after_sale_cases (
  workspace_id text NOT NULL REFERENCES workspaces(id),
  case_no text NOT NULL,
  order_no text NOT NULL,
  kinds text[] NOT NULL,
  status text NOT NULL,
  reason text NOT NULL,
  note text,
  refund_amount numeric,
  refund_currency text,
  replacement_order_no text,
  close_note text,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  received_at timestamptz,
  closed_at timestamptz,
  version integer NOT NULL,
  change_no bigint NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (workspace_id, case_no),
  FOREIGN KEY (workspace_id, order_no) REFERENCES orders (workspace_id, order_no),
  CONSTRAINT after_sale_kinds CHECK (cardinality(kinds) > 0 AND kinds <@ ARRAY['refund', 'return', 'exchange']),
  CONSTRAINT after_sale_status CHECK (status IN ('requested', 'received', 'closed')),
  CONSTRAINT after_sale_reason
    CHECK (reason IN ('damaged', 'wrong_item', 'not_as_described', 'not_received', 'changed_mind', 'other')),
  CONSTRAINT after_sale_refund
    CHECK ((refund_amount IS NULL) = (refund_currency IS NULL) AND coalesce(refund_amount > 0, true)),
  CONSTRAINT after_sale_refund_kind CHECK ((refund_amount IS NOT NULL) = ('refund' = ANY(kinds))),
  CONSTRAINT after_sale_exchange CHECK ((replacement_order_no IS NOT NULL) = ('exchange' = ANY(kinds)))
);
CREATE INDEX after_sale_cases_changes ON after_sale_cases (workspace_id, change_no);
CREATE INDEX after_sale_cases_order ON after_sale_cases (workspace_id, order_no);

CREATE TABLE after_sale_lines (
  workspace_id text NOT NULL,
  case_no text NOT NULL,
  line_no integer NOT NULL,
  order_no text NOT NULL,
  order_line_no integer NOT NULL,
  sku text NOT NULL,
  qty integer NOT NULL CHECK (qty > 0),
  restocked_qty integer NOT NULL DEFAULT 0 CHECK (restocked_qty >= 0),
  written_off_qty integer NOT NULL DEFAULT 0 CHECK (written_off_qty >= 0),
  restock_warehouse text,
  PRIMARY KEY (workspace_id, case_no, line_no),
  FOREIGN KEY (workspace_id, case_no) REFERENCES after_sale_cases (workspace_id, case_no),
  FOREIGN KEY (workspace_id, order_no, order_line_no) REFERENCES order_lines (workspace_id, order_no, line_no),
  CONSTRAINT after_sale_line_never_over_received CHECK (restocked_qty + written_off_qty <= qty)
);

-- The After-sale sheet: one row per case line (a case's change number covers its lines).
CREATE VIEW after_sale_rows AS
SELECT c.workspace_id, c.case_no || '/' || l.line_no AS row_key, c.case_no, c.order_no,
       array_to_string(c.kinds, ',') AS after_sale_kinds, c.status AS after_sale_status, c.reason AS after_sale_reason,
       c.note, l.order_line_no, l.sku, l.qty, l.restocked_qty, l.written_off_qty,
       CASE WHEN 'return' = ANY(c.kinds) AND c.status <> 'closed' THEN l.qty - l.restocked_qty - l.written_off_qty
            ELSE 0 END AS expected_back,
       l.restock_warehouse, c.refund_amount::text AS refund_amount, c.refund_currency, c.replacement_order_no,
       c.close_note, c.version, c.change_no, c.updated_at, c.updated_by
  FROM after_sale_cases c
  JOIN after_sale_lines l ON l.workspace_id = c.workspace_id AND l.case_no = c.case_no;
`;
