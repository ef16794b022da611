/**
 * What real shop exports carry beyond a SKU and a quantity (docs/orders.md): who ships each line (Crossdock,
 * nobody — a gift card — or the channel, which fulfilled it before the import), lines a shop sold
 * without a SKU (keyed by their name), a line's amount as the file gave it (Amazon's item-price is
 * quantity × unit), and the buyer's personalisation. The Orders sheet shows the order's note and these.
 */
export const LINE_FULFILMENT = `
ALTER TABLE order_lines ADD COLUMN fulfilment text NOT NULL DEFAULT 'crossdock' CHECK (fulfilment IN ('crossdock', 'none', 'channel'));
ALTER TABLE order_lines ADD COLUMN keyed_by_name boolean NOT NULL DEFAULT false;
ALTER TABLE order_lines ADD COLUMN line_total numeric;
ALTER TABLE order_lines ADD COLUMN customization text;

CREATE OR REPLACE VIEW order_rows AS
SELECT o.workspace_id,
       o.order_no || '/' || l.line_no AS row_key,
       o.order_no, o.status, o.review_notes, o.call_attempts, o.channel, o.external_id, o.ordered_at,
       l.sku, l.name AS product, l.qty, l.unit_price, o.currency, o.payment_method, o.recipient_name, o.phone, o.email,
       o.address1, o.address2, o.city, o.province, o.postal_code, o.country,
       o.version, o.change_no, o.updated_at, o.updated_by,
       o.review_flags,
       o.waiting,
       l.fulfilment,
       jsonb_build_object('order', o.note, 'customization', l.customization) AS notes
  FROM orders o
  JOIN order_lines l ON l.workspace_id = o.workspace_id AND l.order_no = o.order_no;
`;
