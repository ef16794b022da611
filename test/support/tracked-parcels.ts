/**
 * Shipped parcels tracked at 17TRACK, written straight into the database (the tracking benchmark and the
 * server-process tests): order `T<g>` with one line, parcel `SH<g>` with tracking number `<prefix><g>`, and
 * the poll job startTracking writes when a parcel ships (sync-server/tracking/tracking-jobs.ts), due at
 * `due`. What the API would have made, minus the minutes it takes to make thousands.
 */
export type Query = (text: string, values?: unknown[]) => Promise<{ rows: any[] }>;

export const POLL_QUEUE_17TRACK = 'tracking:17track';
export const trackingNoOf = (prefix: string, g: number) => `${prefix}${String(g).padStart(9, '0')}`;

export async function seedTrackedParcels(
  query: Query,
  options: { workspaceId: string; count: number; prefix: string; due?: Date },
): Promise<void> {
  const { workspaceId, count, prefix } = options;
  const at = `now(), 'seed'`;
  const sn = `'SH' || lpad(g::text, 6, '0')`;
  const tn = `$3::text || lpad(g::text, 9, '0')`;
  await query(
    `INSERT INTO products (workspace_id, sku, name_en, attributes, weight_g, active, version, change_no, updated_at, updated_by)
     VALUES ($1, 'CASE', 'Phone case', ARRAY['general'], 120, true, 1, 1, ${at})`,
    [workspaceId],
  );
  await query(
    `INSERT INTO warehouses (workspace_id, code, name, countries, rank, active, version, change_no, updated_at, updated_by)
     VALUES ($1, 'DE1', 'Berlin', '{DE,FR}', 1, true, 1, 1, ${at})`,
    [workspaceId],
  );
  await query(
    `INSERT INTO carriers (workspace_id, code, name, adapter, carrier_product, countries, attributes, max_weight_g, priority,
                           volumetric_divisor, fuel_surcharge_pct, tracking_provider, tracking_carrier, active, version, change_no,
                           updated_at, updated_by)
     VALUES ($1, 'T17', 'Tracked at 17TRACK', 'sandbox', 'P-T17', '{FR,DE}', '{general}', 30000, 10, 6000, 0, '17track', NULL, true,
             1, 1, ${at})`,
    [workspaceId],
  );
  await query(
    `INSERT INTO orders (workspace_id, order_no, channel, external_id, status, payment_method, recipient_name, address1, postal_code,
                         country, ordered_at, approved_at, imported_at, parcels, version, change_no, updated_at, updated_by)
     SELECT $1, 'T' || g, 'template', 'T' || g, 'shipped', 'prepaid', 'Client ' || g, g || ' rue de la Paix', '75002', 'FR',
            now() - interval '3 days', now() - interval '3 days', now() - interval '3 days',
            jsonb_build_object('parcels', 1, 'shipped', 1, 'tracking', jsonb_build_array(${tn}), 'statuses', jsonb_build_array('pending')),
            1, 1, ${at}
       FROM generate_series(1, $2::int) g`,
    [workspaceId, count, prefix],
  );
  await query(
    `INSERT INTO order_lines (workspace_id, order_no, line_no, sku, channel_sku, qty, shipped_qty)
     SELECT $1, 'T' || g, 1, 'CASE', 'x', 1, 1 FROM generate_series(1, $2::int) g`,
    [workspaceId, count],
  );
  await query(
    `INSERT INTO shipments (workspace_id, shipment_no, status, warehouse, country, attributes, actual_g, service, chargeable_g, freight,
                            freight_currency, tracking_no, carrier_reference, booked_on, created_at, created_by, shipped_at,
                            tracking_provider, tracking_status, version, change_no, updated_at, updated_by)
     SELECT $1, ${sn}, 'shipped', 'DE1', 'FR', '{general}', 120, 'T17', 200, 25, 'CNY', ${tn}, 'R' || g, current_date - 2,
            now() - interval '2 days', 'seed', now() - interval '2 days', '17track', 'pending', 1, 1, ${at}
       FROM generate_series(1, $2::int) g`,
    [workspaceId, count, prefix],
  );
  await query(
    `INSERT INTO shipment_lines (workspace_id, shipment_no, order_no, line_no, sku, qty)
     SELECT $1, ${sn}, 'T' || g, 1, 'CASE', 1 FROM generate_series(1, $2::int) g`,
    [workspaceId, count],
  );
  await query(
    `INSERT INTO jobs (queue, key, payload, run_at, created_at)
     SELECT '${POLL_QUEUE_17TRACK}', $1::text || '/' || ${sn},
            jsonb_build_object('workspaceId', $1::text, 'shipmentNo', ${sn}, 'trackingNo', ${tn}, 'carrierCode', NULL,
                               'param', NULL, 'reference', ${sn}),
            coalesce($4::timestamptz, now()), now()
       FROM generate_series(1, $2::int) g`,
    [workspaceId, count, prefix, options.due ?? null],
  );
  await query('ANALYZE');
}
