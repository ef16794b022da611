import { sql, type SqlQuery } from '../db/sql-query';

/** A product's row per stock line (or one without a warehouse): its own parameters, stock and days in stock. */
export type SuggestionBasis = {
  sku: string;
  warehouse: string | null;
  supplier: string | null;
  safety_stock: number;
  coverage_days: number;
  in_stock7: number;
  in_stock14: number;
  in_stock30: number;
  available: number;
  incoming: number;
};

export type SuggestionBounds = { since30: Date; since14: Date; since7: Date; until: Date };

/**
 * One row per active SKU and stock line in an active warehouse (one row with no warehouse for a SKU kept
 * nowhere), sorted by supplier (none last), SKU, warehouse rank and code: a SKU's rows come together.
 * - Days in stock: the window's whole UTC days not covered by a stock-out span of the line; a SKU with
 *   no stock line was never in stock.
 * - The supplier's terms are not repeated on every row: `selectSupplierTerms` reads them once (50 suppliers,
 *   not 20,000 copies to send and parse); the destination of a row without a warehouse is the network's
 *   first-ranked active warehouse, known from `selectNetwork`.
 * `since30`, `since14`, `since7`, `until` are the window bounds (UTC midnights).
 */
export function selectSuggestionBasis(workspaceId: string, bounds: SuggestionBounds): SqlQuery {
  const { since30, since14, since7, until } = bounds;
  return sql(
    `WITH lines AS (
       SELECT s.stock_key, s.sku, s.warehouse, w.rank, s.available, s.incoming + s.in_transit AS incoming
         FROM stock s JOIN warehouses w ON w.workspace_id = s.workspace_id AND w.code = s.warehouse
        WHERE s.workspace_id = $1 AND w.active),
     outs AS (
       SELECT o.stock_key,
              sum(${wholeDays('$2')})::int AS out30, sum(${wholeDays('$3')})::int AS out14, sum(${wholeDays('$4')})::int AS out7
         FROM stock_outs o
        WHERE o.workspace_id = $1 AND o.started_at < $5 AND (o.ended_at IS NULL OR o.ended_at > $2)
        GROUP BY 1)
     SELECT p.sku, l.warehouse, p.supplier, p.safety_stock, p.coverage_days,
            CASE WHEN l.stock_key IS NULL THEN 0 ELSE 7 - coalesce(outs.out7, 0) END AS in_stock7,
            CASE WHEN l.stock_key IS NULL THEN 0 ELSE 14 - coalesce(outs.out14, 0) END AS in_stock14,
            CASE WHEN l.stock_key IS NULL THEN 0 ELSE 30 - coalesce(outs.out30, 0) END AS in_stock30,
            coalesce(l.available, 0) AS available, coalesce(l.incoming, 0) AS incoming
       FROM products p
       LEFT JOIN lines l ON l.sku = p.sku
       LEFT JOIN outs ON outs.stock_key = l.stock_key
      WHERE p.workspace_id = $1 AND p.active
      ORDER BY p.supplier NULLS LAST, p.sku, l.rank, l.warehouse`,
    [workspaceId, since30, since14, since7, until],
  );
}

/** A supplier's terms as the suggestions use them, once per supplier. */
export type SupplierTerms = {
  code: string;
  lead_days: number;
  qc_days: number;
  transit_days: number;
  transit_by_warehouse: string | null;
  moq: number;
  pack: number;
};

export function selectSupplierTerms(workspaceId: string): SqlQuery {
  return sql(
    `SELECT code, lead_days, qc_days, transit_days, transit_by_warehouse, moq, pack FROM suppliers WHERE workspace_id = $1`,
    [workspaceId],
  );
}

/**
 * Units sold per SKU and country in the 7/14/30 days ending yesterday (orders not invalid or cancelled, by
 * order date; an order without one by when it came in): one plain GROUP BY over the order lines, as plain
 * rows. The country is as the order has it: routing (`servingWarehouses`) reads it in any case, so "de" and
 * "DE" rows land on the same warehouse and add up there.
 */
export type CountrySalesRow = { sku: string; country: string | null; sold7: number; sold14: number; sold30: number };

export function selectCountrySales(workspaceId: string, bounds: SuggestionBounds): SqlQuery {
  const { since30, since14, since7, until } = bounds;
  return sql(
    `SELECT l.sku, o.country,
            coalesce(sum(l.qty) FILTER (WHERE coalesce(o.ordered_at, o.imported_at) >= $4), 0)::int AS sold7,
            coalesce(sum(l.qty) FILTER (WHERE coalesce(o.ordered_at, o.imported_at) >= $3), 0)::int AS sold14,
            sum(l.qty)::int AS sold30
       FROM orders o JOIN order_lines l ON l.workspace_id = o.workspace_id AND l.order_no = o.order_no
      WHERE o.workspace_id = $1 AND coalesce(o.ordered_at, o.imported_at) >= $2 AND coalesce(o.ordered_at, o.imported_at) < $5
        AND o.status NOT IN ('invalid', 'cancelled')
      GROUP BY 1, 2`,
    [workspaceId, since30, since14, since7, until],
  );
}

/** Units waiting now per SKU and country: what approved orders could not reserve (a few orders, by index). */
export type CountryWaitingRow = { sku: string; country: string | null; waiting: number };

export function selectCountryWaiting(workspaceId: string): SqlQuery {
  return sql(
    `SELECT w->>'sku' AS sku, o.country, sum((w->>'missing')::int)::int AS waiting
       FROM orders o CROSS JOIN LATERAL jsonb_array_elements(o.waiting) w
      WHERE o.workspace_id = $1 AND o.status IN ('approved', 'pending_purchase')
      GROUP BY 1, 2`,
    [workspaceId],
  );
}

/** The warehouses, as routing sees them: which countries each serves, rank, active. */
export function selectNetwork(workspaceId: string): SqlQuery {
  return sql(`SELECT code, rank, countries, active FROM warehouses WHERE workspace_id = $1`, [workspaceId]);
}

/** Whole UTC days of a stock-out span inside [since, $5): a day partly in stock counts as in stock. */
function wholeDays(since: string): string {
  return `greatest(0, floor(extract(epoch FROM least(coalesce(o.ended_at, $5), $5)) / 86400) - ceil(extract(epoch FROM greatest(o.started_at, ${since})) / 86400))`;
}
