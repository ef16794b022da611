/**
 * Each order's report lines kept as the JSON text a page of report data holds, one row per language
 * (docs/reports.md: reading the report data): a page is then its orders' texts joined, read in the primary key's
 * order, one row an order. Building them at every read cost PostgreSQL ~1.5 µs a line (1,000,000 lines: most of
 * the read's 2 s); kept, a read copies stored text, and a page's orders are found in this table's key instead of
 * a DISTINCT over the lines' (BENCHMARKS.md, issue 15). A language's rows lie together in the key, so a read
 * reads no other language's text. `month` and `channel` are the order's (all its lines share them), so a refresh
 * of a month or a channel finds its rows as it finds the lines. A refresh updates the rows in place; some room
 * is left in each page (fillfactor) so that an updated row can stay on its page, in key order, and its index
 * entry unchanged. report_json_texts names the status labels and missing-data texts the texts were written with:
 * other ones (a new release) rewrite them all.
 */
export const REPORT_ORDER_JSON = `
CREATE TABLE report_order_json (
  workspace_id text NOT NULL,
  lang text NOT NULL,
  order_no text NOT NULL,
  month text,
  channel text,
  lines text NOT NULL,
  PRIMARY KEY (workspace_id, lang, order_no)
) WITH (fillfactor = 80);
CREATE TABLE report_json_texts (
  workspace_id text PRIMARY KEY,
  texts text NOT NULL
);
`;
