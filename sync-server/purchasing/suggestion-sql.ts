import { sql, type SqlQuery } from '../db/sql-query';

export type SuggestionBasis = {
  sku: string;
  warehouse: string | null;
  /** Where a PO for this row goes: its warehouse, or the first-ranked active one for a SKU stocked nowhere. */
  destination: string | null;
  supplier: string | null;
  supplier_known: boolean;
  safety_stock: number;
  coverage_days: number;
  lead_days: number;
  qc_days: number;
  transit_days: number;
  transit_by_warehouse: string | null;
  moq: number;
  pack: number;
  in_stock7: number;
  in_stock14: number;
  in_stock30: number;
  available: number;
  incoming: number;
};

export type SuggestionBounds = { since30: Date; since14: Date; since7: Date; until: Date };

/**
 * Everything the suggestion formulas need, in one statement: one row per active SKU and stock line in an
 * active warehouse (one row with no warehouse for a SKU kept nowhere).
 * - Sold: units in the 7/14/30 days ending yesterday (orders not invalid or cancelled, by order date; an
 *   order without one by when it came in).
 * - Waiting: what approved orders could not reserve.
 * - Both are summed per SKU and country (one GROUP BY over the order lines); which warehouse plans each
 *   country is the domain's rule (`networkRows`), the one allocation ships by.
 * - Days in stock: the window's whole UTC days not covered by a stock-out span of the line; a SKU with
 *   no stock line was never in stock.
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
     SELECT p.sku, l.warehouse,
            coalesce(l.warehouse, (SELECT code FROM warehouses WHERE workspace_id = $1 AND active ORDER BY rank, code LIMIT 1)) AS destination,
            p.supplier, (s.code IS NOT NULL) AS supplier_known, p.safety_stock, p.coverage_days,
            coalesce(s.lead_days, 0) AS lead_days, coalesce(s.qc_days, 0) AS qc_days, coalesce(s.transit_days, 0) AS transit_days,
            s.transit_by_warehouse, coalesce(s.moq, 0) AS moq, coalesce(s.pack, 1) AS pack,
            CASE WHEN l.stock_key IS NULL THEN 0 ELSE 7 - coalesce(outs.out7, 0) END AS in_stock7,
            CASE WHEN l.stock_key IS NULL THEN 0 ELSE 14 - coalesce(outs.out14, 0) END AS in_stock14,
            CASE WHEN l.stock_key IS NULL THEN 0 ELSE 30 - coalesce(outs.out30, 0) END AS in_stock30,
            coalesce(l.available, 0) AS available, coalesce(l.incoming, 0) AS incoming
       FROM products p
       LEFT JOIN suppliers s ON s.workspace_id = p.workspace_id AND s.code = p.supplier
       LEFT JOIN lines l ON l.sku = p.sku
       LEFT JOIN outs ON outs.stock_key = l.stock_key
      WHERE p.workspace_id = $1 AND p.active
      ORDER BY p.supplier NULLS LAST, p.sku, l.rank, l.warehouse`,
    [workspaceId, since30, since14, since7, until],
  );
}

/**
 * Demand per SKU and country in the windows (sold 7/14/30 days) and waiting now, as plain rows (the domain
 * routes each country to the warehouse that serves it). Plain rows, not one JSON value per SKU: cheaper to
 * build and to read.
 */
export type CountryDemandRow = {
  sku: string;
  country: string;
  sold7: number;
  sold14: number;
  sold30: number;
  waiting: number;
};

export function selectCountryDemand(workspaceId: string, bounds: SuggestionBounds): SqlQuery {
  const { since30, since14, since7, until } = bounds;
  return sql(
    `WITH demand AS (
       SELECT l.sku, upper(coalesce(o.country, '')) AS country,
              sum(l.qty) FILTER (WHERE coalesce(o.ordered_at, o.imported_at) >= $4) AS sold7,
              sum(l.qty) FILTER (WHERE coalesce(o.ordered_at, o.imported_at) >= $3) AS sold14,
              sum(l.qty) AS sold30, 0 AS waiting
         FROM orders o JOIN order_lines l ON l.workspace_id = o.workspace_id AND l.order_no = o.order_no
        WHERE o.workspace_id = $1 AND coalesce(o.ordered_at, o.imported_at) >= $2 AND coalesce(o.ordered_at, o.imported_at) < $5
          AND o.status NOT IN ('invalid', 'cancelled')
        GROUP BY 1, 2
       UNION ALL
       SELECT w->>'sku', upper(coalesce(o.country, '')), 0, 0, 0, sum((w->>'missing')::int)
         FROM orders o CROSS JOIN LATERAL jsonb_array_elements(o.waiting) w
        WHERE o.workspace_id = $1 AND o.status IN ('approved', 'pending_purchase')
        GROUP BY 1, 2)
     SELECT sku, country, coalesce(sum(sold7), 0)::int AS sold7, coalesce(sum(sold14), 0)::int AS sold14,
            coalesce(sum(sold30), 0)::int AS sold30, coalesce(sum(waiting), 0)::int AS waiting
       FROM demand GROUP BY 1, 2`,
    [workspaceId, since30, since14, since7, until],
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
