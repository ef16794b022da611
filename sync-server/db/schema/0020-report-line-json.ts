/**
 * Two changes to the kept report data (docs/reports.md "Where it is computed").
 *
 * Narrower notes: a rate converts the amounts of its own month only, a channel's fees touch that channel's
 * orders only, and of the settings only the reports block (the base currency) changes report lines. So a note
 * may name a month or a channel instead of an order (a note naming none of the three still means every order),
 * and the triggers of fx_rates, channel_fees and workspace_settings note that much and no more: saving the
 * review settings or typing next month's rate no longer recomputes a million lines.
 *
 * Each kept report line also holds its cells as JSON text (docs/reports.md: reading the report data), so a page
 * of 20,000 lines is read by joining stored text instead of escaping 22 cells a line at every read. The two
 * cells in the reader's language (status, missing data) stay out: `head` is the cells before the status,
 * `tail` those between it and the missing data; a read puts the four together. Generated columns: whatever
 * writes a line (the report refresh, a test, a restore) cannot leave its text out of step with its cells.
 * Money as exact decimal strings, integers as numbers, NULL as null (the page contract).
 */

const HEAD_TEXT = ['order_no', 'order_date', 'month', 'channel', 'country', 'sku', 'product', 'sales_owner'];
const HEAD = ['order_no', 'line_no:int', 'order_date', 'month', 'channel', 'country', 'sku', 'product', 'sales_owner'];
const MONEY = [
  'revenue',
  'shipping',
  'discounts',
  'platform_fee',
  'payment_fee',
  'cogs',
  'freight',
  'refunds',
  'profit',
];
const TAIL = ['qty:int', 'currency', ...MONEY.map((m) => `${m}:money`)];

/** One cell as JSON: `slow` escapes (to_json looks the type up on every call, ~1 µs), the fast path only quotes. */
function cell(spec: string, slow: boolean): string {
  const [name, kind] = spec.split(':');
  if (kind === 'int') return `coalesce(${name}::text, 'null')`;
  const text = kind === 'money' ? `${name}::text` : name!;
  return slow && kind !== 'money' ? `report_json(${text})` : `coalesce('"' || ${text} || '"', 'null')`;
}

/** The cells joined by commas; by to_json only when some text holds what JSON must escape (rare). */
function cells(specs: string[], texts: string[]): string {
  const join = (slow: boolean) => specs.map((s) => cell(s, slow)).join(` || ',' || `);
  if (!texts.length) return join(false);
  const guard = texts.map((t) => `coalesce(${t}, '')`).join(' || ');
  return `CASE WHEN ${guard} ~ '[\\x01-\\x1f"\\\\]' THEN ${join(true)} ELSE ${join(false)} END`;
}

export const REPORT_LINE_JSON = `
ALTER TABLE report_dirty ADD COLUMN month text, ADD COLUMN channel text;

CREATE FUNCTION report_mark_months() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty (workspace_id, month) SELECT DISTINCT workspace_id, month FROM changed;
  RETURN NULL;
END $$;
-- An edit can move a rate to another month or a fee to another channel: the old one is noted as well.
CREATE FUNCTION report_mark_months_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty (workspace_id, month)
  SELECT workspace_id, month FROM changed UNION SELECT workspace_id, month FROM was;
  RETURN NULL;
END $$;
CREATE FUNCTION report_mark_channels_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty (workspace_id, channel)
  SELECT workspace_id, channel FROM changed UNION SELECT workspace_id, channel FROM was;
  RETURN NULL;
END $$;
CREATE FUNCTION report_mark_channels() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty (workspace_id, channel) SELECT DISTINCT workspace_id, channel FROM changed;
  RETURN NULL;
END $$;
-- Settings rows hold every block; only the reports block is read by the report (a first row at its default
-- changes nothing either).
CREATE FUNCTION report_mark_settings_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty (workspace_id) SELECT workspace_id FROM changed WHERE reports <> '{}'::jsonb;
  RETURN NULL;
END $$;
CREATE FUNCTION report_mark_settings_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty (workspace_id)
  SELECT n.workspace_id FROM changed n JOIN was o ON o.workspace_id = n.workspace_id
   WHERE n.reports IS DISTINCT FROM o.reports;
  RETURN NULL;
END $$;

DROP TRIGGER report_fx_rates_insert ON fx_rates;
DROP TRIGGER report_fx_rates_update ON fx_rates;
DROP TRIGGER report_fx_rates_delete ON fx_rates;
DROP TRIGGER report_channel_fees_insert ON channel_fees;
DROP TRIGGER report_channel_fees_update ON channel_fees;
DROP TRIGGER report_channel_fees_delete ON channel_fees;
DROP TRIGGER report_workspace_settings_insert ON workspace_settings;
DROP TRIGGER report_workspace_settings_update ON workspace_settings;

CREATE TRIGGER report_fx_rates_insert AFTER INSERT ON fx_rates REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_months();
CREATE TRIGGER report_fx_rates_update AFTER UPDATE ON fx_rates REFERENCING OLD TABLE AS was NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_months_moved();
CREATE TRIGGER report_fx_rates_delete AFTER DELETE ON fx_rates REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_months();
CREATE TRIGGER report_channel_fees_insert AFTER INSERT ON channel_fees REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_channels();
CREATE TRIGGER report_channel_fees_update AFTER UPDATE ON channel_fees
  REFERENCING OLD TABLE AS was NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_channels_moved();
CREATE TRIGGER report_channel_fees_delete AFTER DELETE ON channel_fees REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_channels();
CREATE TRIGGER report_workspace_settings_insert AFTER INSERT ON workspace_settings REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_settings_added();
CREATE TRIGGER report_workspace_settings_update AFTER UPDATE ON workspace_settings
  REFERENCING OLD TABLE AS was NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_settings_changed();

-- to_json of a text is a pure function of it; declared IMMUTABLE so a generated column may use it.
CREATE FUNCTION report_json(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(to_json(value)::text, 'null') $$;

ALTER TABLE report_lines
  ADD COLUMN head text NOT NULL GENERATED ALWAYS AS (${cells(HEAD, HEAD_TEXT)}) STORED,
  ADD COLUMN tail text NOT NULL GENERATED ALWAYS AS (${cells(TAIL, ['currency'])}) STORED;
`;
