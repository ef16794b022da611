import crypto from 'node:crypto';
import { LANGS, type Lang } from '../../domain/i18n/lang';
import { ORDER_STATUSES, statusLabel } from '../../domain/orders/order-status';
import { MISSING_TEXTS } from '../../domain/reports/missing-data';
import { sql, type SqlQuery } from '../db/sql-query';
import { scopeCondition, type ReportScope } from './order-line-report-sql';

/**
 * The texts of one language that a kept order's JSON is written with: each status's label as a JSON string
 * ({status: "\"label\""}), and the missing-data texts ({kind: format() text with %1$s %2$s};
 * domain/reports/missing-data.ts).
 */
function languageTexts(lang: Lang): { labels: string; missing: string } {
  const labels = Object.fromEntries(ORDER_STATUSES.map((s) => [s, JSON.stringify(statusLabel(s, lang))]));
  return { labels: JSON.stringify(labels), missing: JSON.stringify(MISSING_TEXTS[lang]) };
}

const TEXTS = LANGS.map((lang) => ({ lang, ...languageTexts(lang) }));

/** What report_json_texts holds once the kept JSON is written with this code's texts (a hash of them). */
export const ORDER_JSON_TEXTS = crypto.createHash('sha256').update(JSON.stringify(TEXTS)).digest('hex');

/**
 * One report line of `r` (report_lines) as the JSON array of a page's `rows`: cells in the order of
 * ORDER_LINE_REPORT's columns (money as exact decimal strings, integers as numbers, the status and the missing
 * data in the language whose texts are $labels and $missing). `head` and `tail` hold the other cells as JSON
 * already (migration 20). Missing data is rare: a line without any is the empty string with no work.
 */
function lineJson(labels: string, missing: string): string {
  return `'[' || r.head || ',' || coalesce(${labels}::jsonb ->> r.status, report_json(r.status)) || ',' || r.tail || ','
    || CASE WHEN cardinality(r.missing) > 0 THEN report_json(
         (SELECT string_agg(CASE WHEN ${missing}::jsonb ? split_part(m.token, ':', 1)
                                 THEN format(${missing}::jsonb ->> split_part(m.token, ':', 1),
                                             split_part(m.token, ':', 2), split_part(m.token, ':', 3))
                                 ELSE m.token END, '; ' ORDER BY m.n)
            FROM unnest(r.missing) WITH ORDINALITY AS m(token, n)))
       ELSE '""' END || ']'`;
}

const COLUMNS = { order: 'order_no', month: 'month', channel: 'channel' };

/** The kept JSON of the scope's orders (null: every order), removed before it is written again. */
export function deleteOrderJson(workspaceId: string, scope: ReportScope | null): SqlQuery {
  const { where, values } = scopeCondition(scope, COLUMNS, 2);
  return sql(`DELETE FROM report_order_json WHERE workspace_id = $1 AND (${where})`, [workspaceId, ...values]);
}

/**
 * The JSON of the scope's orders (null: every order) written from their kept lines, one row an order: its lines
 * in line order, joined by commas, once per language. Lines of one order share its month and channel, so a
 * scope takes an order's lines all or none.
 */
export function insertOrderJson(workspaceId: string, scope: ReportScope | null): SqlQuery {
  const first = 2 + 2 * TEXTS.length;
  const { where, values } = scopeCondition(scope, COLUMNS, first);
  const columns = TEXTS.map((t) => `lines_${t.lang}`);
  const texts = TEXTS.map((_, i) => lineJson(`$${2 + 2 * i}`, `$${3 + 2 * i}`));
  return sql(
    `INSERT INTO report_order_json (workspace_id, order_no, month, channel, ${columns.join(', ')})
     SELECT r.workspace_id, r.order_no, min(r.month), min(r.channel),
            ${texts.map((t) => `string_agg(${t}, ',' ORDER BY r.line_no)`).join(',\n            ')}
       FROM report_lines r
      WHERE r.workspace_id = $1 AND (${where})
      GROUP BY r.workspace_id, r.order_no
     ON CONFLICT (workspace_id, order_no) DO UPDATE SET month = excluded.month, channel = excluded.channel,
        ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}`,
    [workspaceId, ...TEXTS.flatMap((t) => [t.labels, t.missing]), ...values],
  );
}

/** Records that the workspace's kept JSON is written with this code's texts (ORDER_JSON_TEXTS). */
export function recordOrderJsonTexts(workspaceId: string): SqlQuery {
  return sql(
    `INSERT INTO report_json_texts (workspace_id, texts) VALUES ($1, $2)
     ON CONFLICT (workspace_id) DO UPDATE SET texts = excluded.texts`,
    [workspaceId, ORDER_JSON_TEXTS],
  );
}
