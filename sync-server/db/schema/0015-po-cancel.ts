/**
 * Cancelling a purchase order or one of its lines (docs/purchasing.md): the units taken off the order and
 * why, beside what was closed short (a cancel happens before anything arrived, a short close after).
 * The POs sheet shows both; what is still due leaves the cancelled units out.
 */
export const PO_CANCEL = `
ALTER TABLE purchase_order_lines ADD COLUMN cancelled_qty integer NOT NULL DEFAULT 0 CHECK (cancelled_qty >= 0);
ALTER TABLE purchase_order_lines ADD COLUMN cancel_reason text;
ALTER TABLE purchase_order_lines DROP CONSTRAINT po_line_never_over_received;
ALTER TABLE purchase_order_lines ADD CONSTRAINT po_line_never_over_received
  CHECK (received_qty + short_closed_qty + cancelled_qty <= ordered_qty);

CREATE OR REPLACE VIEW po_rows AS
SELECT p.workspace_id, p.po_no || '/' || l.line_no AS row_key, p.po_no, p.supplier, p.warehouse, p.status AS po_status, l.sku,
       l.ordered_qty, l.received_qty, l.short_closed_qty,
       l.ordered_qty - l.received_qty - l.short_closed_qty - l.cancelled_qty AS open_qty, l.short_reason,
       p.expected_on::text AS expected_on, p.version, p.change_no, p.updated_at, p.updated_by,
       l.cancelled_qty, l.cancel_reason
  FROM purchase_orders p
  JOIN purchase_order_lines l ON l.workspace_id = p.workspace_id AND l.po_no = p.po_no;
`;
