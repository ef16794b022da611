/** The Orders sheet's review column is rendered per reader's language from the stored flags (appended column). */
export const ORDER_ROWS_REVIEW_FLAGS = `
CREATE OR REPLACE VIEW order_rows AS
SELECT o.workspace_id,
       o.order_no || '/' || l.line_no AS row_key,
       o.order_no, o.status, o.review_notes, o.call_attempts, o.channel, o.external_id, o.ordered_at,
       l.sku, l.name AS product, l.qty, l.unit_price, o.currency, o.payment_method, o.recipient_name, o.phone, o.email,
       o.address1, o.address2, o.city, o.province, o.postal_code, o.country,
       o.version, o.change_no, o.updated_at, o.updated_by,
       o.review_flags
  FROM orders o
  JOIN order_lines l ON l.workspace_id = o.workspace_id AND l.order_no = o.order_no;
`;
