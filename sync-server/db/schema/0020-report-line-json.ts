/**
 * Each kept report line also holds its cells as JSON text (docs/reports.md: reading the report data), so a page
 * of 20,000 lines is read by joining stored text instead of escaping 22 cells a line at every read. The two
 * cells in the reader's language (status, missing data) stay out: `head` is the cells before the status,
 * `tail` those between it and the missing data; a read puts the four together. Generated columns: whatever
 * writes a line (the report refresh, a test, a restore) cannot leave its text out of step with its cells.
 * Money as exact decimal strings, integers as numbers, NULL as null (the page contract).
 */
export const REPORT_LINE_JSON = `
-- to_json of a text is a pure function of it; declared IMMUTABLE so a generated column may use it.
CREATE FUNCTION report_json(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(to_json(value)::text, 'null') $$;

ALTER TABLE report_lines
  ADD COLUMN head text NOT NULL GENERATED ALWAYS AS (
    report_json(order_no) || ',' || coalesce(line_no::text, 'null') || ',' || report_json(order_date) || ','
    || report_json(month) || ',' || report_json(channel) || ',' || report_json(country) || ','
    || report_json(sku) || ',' || report_json(product) || ',' || report_json(sales_owner)) STORED,
  ADD COLUMN tail text NOT NULL GENERATED ALWAYS AS (
    coalesce(qty::text, 'null') || ',' || report_json(currency) || ',' || report_json(revenue::text) || ','
    || report_json(shipping::text) || ',' || report_json(discounts::text) || ',' || report_json(platform_fee::text)
    || ',' || report_json(payment_fee::text) || ',' || report_json(cogs::text) || ',' || report_json(freight::text)
    || ',' || report_json(refunds::text) || ',' || report_json(profit::text)) STORED;
`;
