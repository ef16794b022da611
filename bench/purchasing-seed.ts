/**
 * The purchasing benchmark's data (DESIGN 7), written straight into the database (this measures the
 * suggestions, not imports), and its floor. 20,000 SKUs, ORDERS orders of 2 lines spread over the last 90 days
 * (one in twenty cancelled; a quarter to Germany), stock for every SKU in the main warehouse and for one SKU in
 * ten also in a German one (rows per warehouse, demand routed by country), a stock-out of 3 days for one line in
 * three, the workspace leaving stock-out days out, 50 suppliers.
 */
export const SKUS = Number(process.env.BENCH_SKUS ?? 20_000);
export const ORDERS = Number(process.env.BENCH_PURCHASE_ORDERS ?? 500_000);
export const TODAY = '2026-11-27';

export type Query = (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;

export async function seed(query: Query, workspaceId: string): Promise<void> {
  await query(
    `INSERT INTO suppliers (workspace_id, code, name, lead_days, qc_days, transit_days, moq, pack, version, change_no, updated_at, updated_by)
               SELECT $1, 'SUP' || g, 'Supplier ' || g, 5 + g % 20, 2, 10, 100, 10, 1, 1, now(), 'bench' FROM generate_series(1, 50) g`,
    [workspaceId],
  );
  await query(
    `INSERT INTO products (workspace_id, sku, name_en, attributes, supplier, safety_stock, coverage_days, active, version, change_no, updated_at, updated_by)
               SELECT $1, 'S' || lpad(g::text, 6, '0'), 'Product ' || g, ARRAY['general'], 'SUP' || (1 + g % 50), 5, 30, true, 1, 1, now(), 'bench'
                 FROM generate_series(1, $2::int) g`,
    [workspaceId, SKUS],
  );
  await query(
    `INSERT INTO warehouses (workspace_id, code, name, countries, rank, active, version, change_no, updated_at, updated_by)
               VALUES ($1, 'W1', 'Main', '{}', 2, true, 1, 1, now(), 'bench'), ($1, 'DE1', 'Germany', '{DE}', 1, true, 1, 1, now(), 'bench')`,
    [workspaceId],
  );
  await query(
    `INSERT INTO stock (workspace_id, stock_key, sku, warehouse, on_hand, reserved, version, change_no, updated_at, updated_by)
               SELECT $1, 'S' || lpad(g::text, 6, '0') || '@' || w, 'S' || lpad(g::text, 6, '0'), w, g % 200, 0, 1, 1, now(), 'bench'
                 FROM generate_series(1, $2::int) g CROSS JOIN unnest(ARRAY['W1', 'DE1']) w WHERE w = 'W1' OR g % 10 = 0`,
    [workspaceId, SKUS],
  );
  // Every line existed 90 days ago; one in three was out of stock for 3 days in the last 30.
  await query(
    `INSERT INTO stock_outs (workspace_id, stock_key, started_at, ended_at)
               SELECT workspace_id, stock_key, '-infinity', $2::timestamptz - interval '90 days' FROM stock WHERE workspace_id = $1
               UNION ALL
               SELECT workspace_id, stock_key, $2::timestamptz - ((2 + abs(hashtext(stock_key)) % 25) || ' days')::interval, $2::timestamptz - ((abs(hashtext(stock_key)) % 25 - 1) || ' days')::interval
                 FROM stock WHERE workspace_id = $1 AND abs(hashtext(stock_key)) % 3 = 0`,
    [workspaceId, `${TODAY}T00:00:00Z`],
  );
  await query(
    `INSERT INTO workspace_settings (workspace_id, purchasing) VALUES ($1, '{"leaveOutStockOutDays": true}')
               ON CONFLICT (workspace_id) DO UPDATE SET purchasing = excluded.purchasing`,
    [workspaceId],
  );
  await query(
    `INSERT INTO orders (workspace_id, order_no, channel, external_id, status, payment_method, country, ordered_at, imported_at, version, change_no, updated_at, updated_by)
               SELECT $1, 'B' || g, 'template', 'B' || g, CASE WHEN g % 20 = 0 THEN 'cancelled' ELSE 'delivered' END, 'prepaid', CASE WHEN g % 4 = 0 THEN 'DE' ELSE 'FR' END,
                      $3::timestamptz - ((g % 90) || ' days')::interval - ((g % 24) || ' hours')::interval, now(), 1, 1, now(), 'bench'
                 FROM generate_series(1, $2::int) g`,
    [workspaceId, ORDERS, `${TODAY}T00:00:00Z`],
  );
  await query(
    `INSERT INTO order_lines (workspace_id, order_no, line_no, sku, channel_sku, qty)
               SELECT $1, 'B' || g, l, 'S' || lpad((1 + (g * 7 + l * 13) % $3::int)::text, 6, '0'), 'x', 1 + (g + l) % 3
                 FROM generate_series(1, $2::int) g CROSS JOIN generate_series(1, 2) l`,
    [workspaceId, ORDERS, SKUS],
  );
  await query('ANALYZE');
}

const midnight = (days: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) - days * 86_400_000);
const BOUNDS = [midnight(30), midnight(14), midnight(7), midnight(0)];

/**
 * The floor: the same database work done the cheapest plain way, through the same driver, read as plain rows.
 * The units sold per SKU and destination country in the 7/14/30 days ending yesterday (one GROUP BY over the
 * order lines in the window, cancelled and invalid orders left out), then each stock line with its stock and
 * incoming and its days in stock per window (stock-out spans cut to whole UTC days, as the product counts them).
 * No products, suppliers, routing, formulas or JSON: what is left to the product beyond this is its overhead.
 */
export async function floorRead(query: Query, workspaceId: string): Promise<number> {
  const [since30, since14, since7, until] = BOUNDS;
  const demand = await query(
    `SELECT l.sku, o.country,
            sum(l.qty) FILTER (WHERE coalesce(o.ordered_at, o.imported_at) >= $4)::int AS sold7,
            sum(l.qty) FILTER (WHERE coalesce(o.ordered_at, o.imported_at) >= $3)::int AS sold14,
            sum(l.qty)::int AS sold30
       FROM orders o JOIN order_lines l ON l.workspace_id = o.workspace_id AND l.order_no = o.order_no
      WHERE o.workspace_id = $1 AND coalesce(o.ordered_at, o.imported_at) >= $2 AND coalesce(o.ordered_at, o.imported_at) < $5
        AND o.status NOT IN ('invalid', 'cancelled')
      GROUP BY 1, 2`,
    [workspaceId, since30, since14, since7, until],
  );
  const days = (since: string) =>
    `coalesce(sum(greatest(0, floor(extract(epoch FROM least(coalesce(o.ended_at, $5), $5)) / 86400) - ceil(extract(epoch FROM greatest(o.started_at, ${since})) / 86400))) FILTER (WHERE o.id IS NOT NULL), 0)::int`;
  const stock = await query(
    `SELECT s.sku, s.warehouse, s.available, s.incoming + s.in_transit AS incoming,
            30 - ${days('$2')} AS in_stock30, 14 - ${days('$3')} AS in_stock14, 7 - ${days('$4')} AS in_stock7
       FROM stock s
       LEFT JOIN stock_outs o ON o.workspace_id = s.workspace_id AND o.stock_key = s.stock_key
                             AND o.started_at < $5 AND (o.ended_at IS NULL OR o.ended_at > $2)
      WHERE s.workspace_id = $1
      GROUP BY s.workspace_id, s.stock_key`,
    [workspaceId, since30, since14, since7, until],
  );
  return demand.rows.length + stock.rows.length;
}
