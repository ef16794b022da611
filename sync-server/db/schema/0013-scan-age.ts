/**
 * The Shipments sheet's "Days since last scan" (docs/tracking.md): the view sends the last scan's instant
 * while the parcel is on its way (null once delivered, returned or cancelled, or before its first scan),
 * and the add-on counts the days when it writes the cell and again after each sync.
 */
export const SCAN_AGE = `
CREATE OR REPLACE VIEW shipment_rows AS
SELECT s.workspace_id, s.shipment_no, s.status AS shipment_status, s.warehouse, s.country,
       (SELECT string_agg(DISTINCT sl.order_no, ', ') FROM shipment_lines sl
         WHERE sl.workspace_id = s.workspace_id AND sl.shipment_no = s.shipment_no) AS orders,
       (SELECT string_agg(sl.sku || ' x' || sl.qty, ', ' ORDER BY sl.order_no, sl.line_no) FROM shipment_lines sl
         WHERE sl.workspace_id = s.workspace_id AND sl.shipment_no = s.shipment_no) AS lines,
       s.service, s.chargeable_g, s.freight, s.freight_currency, s.tracking_no,
       json_build_object('choice', s.choice, 'missing', s.missing, 'error', s.booking_error) AS reasons,
       s.version, s.change_no, s.updated_at, s.updated_by,
       json_build_object('status', s.tracking_status, 'flags', s.tracking_flags) AS tracking,
       s.last_event, s.last_event_at,
       CASE WHEN s.status IN ('shipped', 'in_transit', 'out_for_delivery', 'exception') THEN s.last_event_at END
         AS days_since_scan
  FROM shipments s;
`;
