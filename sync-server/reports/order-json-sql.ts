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

/**
 * What report_json_texts holds once the kept JSON is written by this code: a hash of the texts and of the line's
 * SQL, so a release that changes either writes the JSON again.
 */
export const ORDER_JSON_TEXTS = crypto
  .createHash('sha256')
  .update(JSON.stringify({ texts: TEXTS, line: lineJson('$labels', '$missing') }))
  .digest('hex');

/**
 * The kept JSON of the scope's orders (null: every order) written from their kept lines, a row per order and
 * language: its lines in line order, joined by commas. Lines of one order share its month and channel, so a scope
 * takes an order's lines all or none (but for an order moved into a month or channel while its own note waits:
 * its old lines stay out of this text until that note's refresh, moments later, writes it whole). The lines are
 * read once for every language. A row whose text is unchanged is left as it is; a changed one is updated in place
 * (migration 21: it may stay on its page).
 * $1 workspace, then each language's labels and missing texts, then the scope's lists.
 */
export function upsertOrderJson(workspaceId: string, scope: ReportScope | null): SqlQuery {
  const first = 2 + 2 * TEXTS.length;
  const { where, values } = scopeCondition(
    scope,
    { order: 'r.order_no', month: 'r.month', channel: 'r.channel' },
    first,
  );
  const texts = TEXTS.map(
    (t, i) => `string_agg(${lineJson(`$${2 + 2 * i}`, `$${3 + 2 * i}`)}, ',' ORDER BY r.line_no) AS ${t.lang}`,
  );
  const rows = TEXTS.map((t) => `('${t.lang}', g.${t.lang})`);
  return sql(
    `INSERT INTO report_order_json (workspace_id, lang, order_no, month, channel, lines)
     SELECT g.workspace_id, t.lang, g.order_no, g.month, g.channel, t.lines
       FROM (SELECT r.workspace_id, r.order_no, min(r.month) AS month, min(r.channel) AS channel,
                    ${texts.join(', ')}
               FROM report_lines r
              WHERE r.workspace_id = $1 AND (${where})
              GROUP BY r.workspace_id, r.order_no) g
      CROSS JOIN LATERAL (VALUES ${rows.join(', ')}) AS t(lang, lines)
     ON CONFLICT (workspace_id, lang, order_no) DO UPDATE
        SET month = excluded.month, channel = excluded.channel, lines = excluded.lines
      WHERE (report_order_json.lines, report_order_json.month, report_order_json.channel)
            IS DISTINCT FROM (excluded.lines, excluded.month, excluded.channel)`,
    [workspaceId, ...TEXTS.flatMap((t) => [t.labels, t.missing]), ...values],
  );
}

/**
 * The kept JSON of the scope's orders (null: every order) that have no lines any more: removed, once the scope's
 * lines are written (an order whose month or channel moved out of the scope has its lines removed with it). The
 * languages are named so that a list of orders is found in the primary key (workspace, language, order).
 */
export function deleteOrphanOrderJson(workspaceId: string, scope: ReportScope | null): SqlQuery {
  const { where, values } = scopeCondition(scope, { order: 'j.order_no', month: 'j.month', channel: 'j.channel' }, 3);
  return sql(
    `DELETE FROM report_order_json j
      WHERE j.workspace_id = $1 AND j.lang = ANY($2::text[]) AND (${where})
        AND NOT EXISTS (SELECT 1 FROM report_lines r WHERE r.workspace_id = j.workspace_id AND r.order_no = j.order_no)`,
    [workspaceId, `{${LANGS.join(',')}}`, ...values],
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
