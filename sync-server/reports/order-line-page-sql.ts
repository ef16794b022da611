import { sql, type SqlQuery } from '../db/sql-query';

/**
 * The orders of a page of the kept report lines (report_lines): whole orders in order-number order after `after`
 * (keyset: the last order of the previous page; NULL: from the start), at most `orders` of them. `orders` is how
 * many there are, `last` the last one, `middle` one that splits them in halves (the halves are written by two
 * connections at once on PostgreSQL: report-reads.ts). Any order of the page splits it without a gap or overlap,
 * so `middle` is the one halfway through the subquery's rows as array_agg takes them (sorted there; a
 * percentile sorted them again, ~3.5 ms a page of 10,000 orders).
 */
export function selectOrderLinePage(workspaceId: string, after: string | null, orders: number): SqlQuery {
  return sql(
    `SELECT count(*)::int AS orders, max(order_no) AS last,
            (array_agg(order_no))[(count(*)::int + 1) / 2] AS middle
       FROM (SELECT DISTINCT order_no FROM report_lines
              WHERE workspace_id = $1 AND order_no > coalesce($2::text, '')
              ORDER BY order_no LIMIT $3) p`,
    [workspaceId, after, orders],
  );
}

/**
 * The lines of the orders after `from` up to `to`, each as the JSON text of one of a page's `rows`, written by
 * the database: one array per line, cells in the order of ORDER_LINE_REPORT's columns (money as exact decimal
 * strings, integers as numbers, the status and the missing data in the reader's language). Each kept line holds
 * its other cells as JSON already (`head`, `tail`: migration 20), so a read joins text: no cell is escaped again.
 * One short text per line, in key order: V8 makes a string of a few hundred bytes far faster than one of
 * megabytes (a page as one value cost 3× more to receive; BENCHMARKS.md, issue 15).
 *
 * $1 workspace, $2 from (NULL: from the start), $3 to, $4 status labels as JSON strings ({status: "label"}),
 * $5 missing-data texts ({kind: format() text with %1$s %2$s}; domain/reports/missing-data.ts).
 */
export function selectOrderLineRowsJson(
  workspaceId: string,
  from: string | null,
  to: string,
  statusLabels: Record<string, string>,
  missingTexts: Record<string, string>,
): SqlQuery {
  const labels = Object.fromEntries(
    Object.entries(statusLabels).map(([status, label]) => [status, JSON.stringify(label)]),
  );
  return sql(ROWS, [workspaceId, from, to, JSON.stringify(labels), JSON.stringify(missingTexts)]);
}

// The empty string sorts before every order number in every collation: `order_no > ''` is "from the start"
// and keeps the condition a plain range on the primary key (workspace_id, order_no, line_no).
// Missing data is rare: a line without any is the empty string with no work.
const ROWS = `
  SELECT '[' || r.head || ',' || coalesce($4::jsonb ->> r.status, report_json(r.status)) || ',' || r.tail || ','
         || CASE WHEN cardinality(r.missing) > 0 THEN report_json(
              (SELECT string_agg(CASE WHEN $5::jsonb ? split_part(m.token, ':', 1)
                                      THEN format($5::jsonb ->> split_part(m.token, ':', 1),
                                                  split_part(m.token, ':', 2), split_part(m.token, ':', 3))
                                      ELSE m.token END, '; ' ORDER BY m.n)
                 FROM unnest(r.missing) WITH ORDINALITY AS m(token, n)))
            ELSE '""' END || ']' AS line
    FROM report_lines r
   WHERE r.workspace_id = $1 AND r.order_no > coalesce($2::text, '') AND r.order_no <= $3
   ORDER BY r.order_no, r.line_no`;
