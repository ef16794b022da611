import { sql, type SqlQuery } from '../db/sql-query';

/**
 * The orders of a page of the kept report lines (report_lines): whole orders in order-number order after `after`
 * (keyset: the last order of the previous page; NULL: from the start), at most `orders` of them. `orders` is how
 * many there are, `last` the last one, `middle` the one that splits them in halves (the halves are written by two
 * connections at once on PostgreSQL: report-reads.ts).
 */
export function selectOrderLinePage(workspaceId: string, after: string | null, orders: number): SqlQuery {
  return sql(
    `SELECT count(*)::int AS orders, max(order_no) AS last,
            percentile_disc(0.5) WITHIN GROUP (ORDER BY order_no) AS middle
       FROM (SELECT DISTINCT order_no FROM report_lines
              WHERE workspace_id = $1 AND order_no > coalesce($2::text, '')
              ORDER BY order_no LIMIT $3) p`,
    [workspaceId, after, orders],
  );
}

/**
 * The lines of the orders after `from` up to `to` as the JSON text of a page's `rows`, written by the database:
 * one array per line, cells in the order of ORDER_LINE_REPORT's columns (money as exact decimal strings,
 * integers as numbers, the status and the missing data in the reader's language). The server sends that text
 * as it comes: no object per row or per cell in JavaScript (a plain SELECT through pg costs more in JavaScript
 * than writing the JSON costs the database; BENCHMARKS.md, issue 15). One text value, so the driver parses one
 * cell instead of 22 a line.
 *
 * $1 workspace, $2 from (NULL: from the start), $3 to, $4 status labels ({status: label}), $5 missing-data
 * texts ({kind: format() text with %1$s %2$s}; domain/reports/missing-data.ts).
 */
export function selectOrderLineRowsJson(
  workspaceId: string,
  from: string | null,
  to: string,
  statusLabels: Record<string, string>,
  missingTexts: Record<string, string>,
): SqlQuery {
  return sql(ROWS, [workspaceId, from, to, JSON.stringify(statusLabels), JSON.stringify(missingTexts)]);
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
const ROWS = `
SELECT string_agg(line, ',') AS rows FROM (
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
   WHERE r.workspace_id = $1 AND r.order_no > coalesce($2::text, '') AND r.order_no <= $3
   -- The primary key's order, read as it comes: an ORDER BY inside string_agg would sort ~6 MB again.
   ORDER BY r.order_no, r.line_no) lines`;
