import type { Lang } from '../../domain/i18n/lang';
import { sql, type SqlQuery } from '../db/sql-query';

/**
 * The orders of a page of the kept report data in `lang` (report_order_json, one row an order): whole orders in
 * order-number order after `after` (keyset: the last order of the previous page; NULL: from the start), at most
 * `orders` of them. `orders` is how many there are, `last` the last one, `middle` one that splits them in halves
 * (the halves are written by two connections at once on PostgreSQL: report-reads.ts). Any order of the page
 * splits it without a gap or overlap, so `middle` is the one halfway through the subquery's rows as array_agg
 * takes them (sorted there; a percentile sorted them again).
 */
export function selectOrderLinePage(workspaceId: string, lang: Lang, after: string | null, orders: number): SqlQuery {
  return sql(
    `SELECT count(*)::int AS orders, max(order_no) AS last,
            (array_agg(order_no))[(count(*)::int + 1) / 2] AS middle
       FROM (SELECT order_no FROM report_order_json
              WHERE workspace_id = $1 AND lang = $2 AND order_no > coalesce($3::text, '')
              ORDER BY order_no LIMIT $4) p`,
    [workspaceId, lang, after, orders],
  );
}

/**
 * The lines of the orders after `from` up to `to` in `lang`, one row an order: its lines' JSON arrays joined by
 * commas, as kept (order-json-sql.ts), in order-number order. Joined by commas in turn, the rows are a page's
 * `rows`. One short text per order, read by the primary key: no cell is escaped or joined at the read.
 */
export function selectOrderLinesJson(workspaceId: string, from: string | null, to: string, lang: Lang): SqlQuery {
  return sql(
    `SELECT lines AS line FROM report_order_json
      WHERE workspace_id = $1 AND lang = $2 AND order_no > coalesce($3::text, '') AND order_no <= $4
      ORDER BY order_no`,
    [workspaceId, lang, from, to],
  );
}
