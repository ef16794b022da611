/**
 * The report benchmark's data (bench/report-bench.ts): `orders` orders of 2 lines over 90 days in EUR and USD
 * (an FX rate per month), channel fees, every line reserved with its cost in CNY, half the orders shipped in
 * parcels of one order with an estimated freight, one in a hundred refunded. Made with generate_series.
 */
export type Query = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

const SKUS = 20_000;
const TODAY = '2026-11-27';

export async function seedReportOrders(orders: number, query: Query, workspaceId: string): Promise<void> {
  const at = `${TODAY}T00:00:00Z`;
  await query(
    `INSERT INTO products (workspace_id, sku, name_en, attributes, weight_g, unit_cost, cost_currency, sales_owner, active, version, change_no, updated_at, updated_by)
     SELECT $1, 'S' || lpad(g::text, 6, '0'), 'Product ' || g, ARRAY['general'], 100 + g % 900, 10 + g % 50, 'CNY',
            'sales' || (g % 5) || '@shop.test', true, 1, 1, now(), 'bench' FROM generate_series(1, $2::int) g`,
    [workspaceId, SKUS],
  );
  await query(
    `INSERT INTO warehouses (workspace_id, code, name, countries, rank, active, version, change_no, updated_at, updated_by)
     VALUES ($1, 'W1', 'Main', '{}', 1, true, 1, 1, now(), 'bench')`,
    [workspaceId],
  );
  await query(
    `INSERT INTO stock (workspace_id, stock_key, sku, warehouse, on_hand, reserved, version, change_no, updated_at, updated_by)
     SELECT $1, 'S' || lpad(g::text, 6, '0') || '@W1', 'S' || lpad(g::text, 6, '0'), 'W1', 1000, 0, 1, 1, now(), 'bench'
       FROM generate_series(1, $2::int) g`,
    [workspaceId, SKUS],
  );
  await query(
    `INSERT INTO fx_rates (workspace_id, fx_key, currency, month, rate, version, change_no, updated_at, updated_by)
     SELECT $1, c || '@' || m, c, m, CASE c WHEN 'USD' THEN 0.92 ELSE 0.13 END, 1, 1, now(), 'bench'
       FROM unnest(ARRAY['USD', 'CNY']) c,
            (SELECT to_char($2::timestamptz - (k || ' months')::interval, 'YYYY-MM') AS m FROM generate_series(0, 4) k) months`,
    [workspaceId, at],
  );
  await query(
    `INSERT INTO channel_fees (workspace_id, channel, platform_fee_pct, platform_fee_fixed, payment_fee_pct, payment_fee_fixed,
                               version, change_no, updated_at, updated_by)
     VALUES ($1, 'template', 12, 0.3, 2.9, 0.25, 1, 1, now(), 'bench')`,
    [workspaceId],
  );
  await query(
    `INSERT INTO workspace_settings (workspace_id, reports) VALUES ($1, '{"baseCurrency": "EUR"}')
     ON CONFLICT (workspace_id) DO UPDATE SET reports = excluded.reports`,
    [workspaceId],
  );
  await query(
    `INSERT INTO orders (workspace_id, order_no, channel, external_id, status, payment_method, country, currency, shipping, discount,
                         ordered_at, imported_at, version, change_no, updated_at, updated_by)
     SELECT $1, 'B' || lpad(g::text, 7, '0'), 'template', 'B' || g,
            CASE WHEN g % 2 = 0 THEN 'delivered' WHEN g % 20 = 1 THEN 'cancelled' ELSE 'pending_shipment' END,
            'prepaid', CASE WHEN g % 4 = 0 THEN 'DE' ELSE 'FR' END, CASE WHEN g % 3 = 0 THEN 'USD' ELSE 'EUR' END,
            4.99, CASE WHEN g % 7 = 0 THEN 2 ELSE 0 END,
            $3::timestamptz - ((g % 90) || ' days')::interval, now(), 1, 1, now(), 'bench'
       FROM generate_series(1, $2::int) g`,
    [workspaceId, orders, at],
  );
  await query(
    `INSERT INTO order_lines (workspace_id, order_no, line_no, sku, channel_sku, qty, unit_price)
     SELECT $1, 'B' || lpad(g::text, 7, '0'), l, 'S' || lpad((1 + (g * 7 + l * 13) % $3::int)::text, 6, '0'), 'x',
            1 + (g + l) % 3, 9.99 + l
       FROM generate_series(1, $2::int) g CROSS JOIN generate_series(1, 2) l`,
    [workspaceId, orders, SKUS],
  );
  await query(
    `INSERT INTO reservations (workspace_id, order_no, line_no, stock_key, sku, warehouse, qty, created_at, released_at,
                               release_reason, unit_cost, cost_currency)
     SELECT l.workspace_id, l.order_no, l.line_no, l.sku || '@W1', l.sku, 'W1', l.qty, now(),
            CASE WHEN o.status = 'delivered' THEN now() END, CASE WHEN o.status = 'delivered' THEN 'shipped' END,
            12.5, 'CNY'
       FROM order_lines l JOIN orders o ON o.workspace_id = l.workspace_id AND o.order_no = l.order_no
      WHERE l.workspace_id = $1 AND o.status <> 'cancelled'`,
    [workspaceId],
  );
  await query(
    `INSERT INTO shipments (workspace_id, shipment_no, status, warehouse, country, attributes, freight, freight_currency,
                            created_at, created_by, version, change_no, updated_at, updated_by)
     SELECT $1, 'SH' || substr(o.order_no, 2), 'delivered', 'W1', o.country, ARRAY['general'], 35, 'CNY', now(), 'bench',
            1, 1, now(), 'bench'
       FROM orders o WHERE o.workspace_id = $1 AND o.status = 'delivered'`,
    [workspaceId],
  );
  await query(
    `INSERT INTO shipment_lines (workspace_id, shipment_no, order_no, line_no, sku, qty)
     SELECT l.workspace_id, 'SH' || substr(l.order_no, 2), l.order_no, l.line_no, l.sku, l.qty
       FROM order_lines l JOIN orders o ON o.workspace_id = l.workspace_id AND o.order_no = l.order_no
      WHERE l.workspace_id = $1 AND o.status = 'delivered'`,
    [workspaceId],
  );
  await query(
    `INSERT INTO after_sale_cases (workspace_id, case_no, order_no, kinds, status, reason, refund_amount, refund_currency,
                                   created_at, created_by, version, change_no, updated_at, updated_by)
     SELECT $1, 'AS-' || o.order_no, o.order_no, ARRAY['refund'], 'closed', 'damaged', 5, o.currency, now(), 'bench',
            1, 1, now(), 'bench'
       FROM orders o WHERE o.workspace_id = $1 AND o.status = 'delivered' AND o.order_no LIKE '%00'`,
    [workspaceId],
  );
  await query(
    `INSERT INTO after_sale_lines (workspace_id, case_no, line_no, order_no, order_line_no, sku, qty)
     SELECT c.workspace_id, c.case_no, 1, c.order_no, 1, l.sku, 1
       FROM after_sale_cases c JOIN order_lines l ON l.workspace_id = c.workspace_id AND l.order_no = c.order_no AND l.line_no = 1
      WHERE c.workspace_id = $1`,
    [workspaceId],
  );
  await query('ANALYZE');
}
