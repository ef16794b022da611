import { sql, type SqlQuery } from '../db/sql-query';

/**
 * A page of the kept report lines (report_lines), built by PostgreSQL as the JSON text of the page's `rows`:
 * one array per line, cells in the order of ORDER_LINE_REPORT's columns (money as exact decimal strings,
 * integers as numbers, the status and the missing data in the reader's language). The server sends that text
 * as it comes: no object per row or per cell in JavaScript, which cost ~10 µs a line (13.9 s for 1,000,000
 * lines; BENCHMARKS.md, issue 15).
 *
 * Paged by whole orders in order-number order, keyset (`after`: the last order of the previous page):
 * `orders` counts the page's orders, `last` is its last one. Rows come back as one text value, so the driver
 * parses one cell a page instead of 22 a line.
 *
 * $1 workspace, $2 after (NULL: from the start), $3 orders a page, $4 status labels ({status: label}),
 * $5 missing-data texts ({kind: format() text with %1$s %2$s}; domain/reports/missing-data.ts).
 */
export function selectOrderLinePageJson(
  workspaceId: string,
  after: string | null,
  orders: number,
  statusLabels: Record<string, string>,
  missingTexts: Record<string, string>,
): SqlQuery {
  return sql(PAGE, [workspaceId, after, orders, JSON.stringify(statusLabels), JSON.stringify(missingTexts)]);
}

/** A text cell as a JSON string: quoted, or null (the fast path: only for text that needs no escaping). */
const quoted = (cell: string) => `coalesce('"' || ${cell} || '"', 'null')`;

// Cells in ORDER_LINE_REPORT's column order; `x.status` and `x.missing` are the reader's words.
const TEXT_CELLS = ['r.order_no', 'r.order_date', 'r.month', 'r.channel', 'r.country', 'r.sku', 'r.product'];
const CELLS = [
  'r.order_no',
  'r.line_no',
  'r.order_date',
  'r.month',
  'r.channel',
  'r.country',
  'r.sku',
  'r.product',
  'r.sales_owner',
  'x.status',
  'r.qty',
  'r.currency',
  'r.revenue::text',
  'r.shipping::text',
  'r.discounts::text',
  'r.platform_fee::text',
  'r.payment_fee::text',
  'r.cogs::text',
  'r.freight::text',
  'r.refunds::text',
  'r.profit::text',
  'x.missing',
];
const INTEGER_CELLS = new Set(['r.line_no', 'r.qty']);

/**
 * A line as JSON text. json_build_array looks up each cell's type on every call (~5× the cost of plain
 * concatenation for 22 cells), so a line whose text holds nothing JSON must escape (a quote, a backslash, a
 * control character) is written by concat(); the rare other line by json_build_array, which escapes.
 */
const LINE = `CASE WHEN concat(${[...TEXT_CELLS, 'r.sales_owner', 'x.status', 'r.currency', 'x.missing'].join(', ')})
                    ~ '[\\x01-\\x1f"\\\\]'
               THEN json_build_array(${CELLS.join(', ')})::text
               ELSE concat('[', ${CELLS.map((c) => (INTEGER_CELLS.has(c) ? `coalesce(${c}::text, 'null')` : quoted(c))).join(", ',', ")}, ']') END`;

// The empty string sorts before every order number in every collation: `order_no > ''` is "from the start"
// and keeps the condition a plain range on the primary key (workspace_id, order_no, line_no).
const PAGE = `
WITH page AS (
  SELECT count(*) AS orders, max(order_no) AS last
    FROM (SELECT DISTINCT order_no FROM report_lines
           WHERE workspace_id = $1 AND order_no > coalesce($2::text, '')
           ORDER BY order_no LIMIT $3) p
)
SELECT page.orders::int AS orders, page.last,
       (SELECT string_agg(line, ',') FROM (
          SELECT ${LINE} AS line
            FROM report_lines r
           CROSS JOIN LATERAL (
             SELECT coalesce($4::jsonb ->> r.status, r.status) AS status,
                    CASE WHEN cardinality(r.missing) > 0 THEN
                      (SELECT string_agg(CASE WHEN $5::jsonb ? split_part(m.token, ':', 1)
                                              THEN format($5::jsonb ->> split_part(m.token, ':', 1),
                                                          split_part(m.token, ':', 2), split_part(m.token, ':', 3))
                                              ELSE m.token END, '; ' ORDER BY m.n)
                         FROM unnest(r.missing) WITH ORDINALITY AS m(token, n))
                    ELSE '' END AS missing) x
           WHERE r.workspace_id = $1 AND r.order_no > coalesce($2::text, '') AND r.order_no <= page.last
           -- The primary key's order, read as it comes: an ORDER BY inside string_agg would sort ~6 MB again.
           ORDER BY r.order_no, r.line_no) lines) AS rows
  FROM page`;
