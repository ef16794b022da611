/**
 * A table that grows from (almost) nothing inside one transaction: the planner must hear of it before the
 * transaction's next statements run, or they keep plans made for a tiny table.
 *
 * Why: each foreign-key check is a plan the connection caches (PostgreSQL's RI triggers). Made while `orders` held
 * a few pages, it can pick any index that starts with `workspace_id` (`orders_status_since` ties with the primary
 * key at that size) and then reads every order of the workspace for each new order line. A first import of 100
 * orders followed by one of 10,000 took 11 s on PostgreSQL and 16 s on PGlite instead of ~1-2 s (BENCHMARKS.md,
 * issue 18, thirteenth session). ANALYZE inside the transaction counts the transaction's own new rows and makes the
 * connection plan such statements again.
 *
 * So once a transaction has inserted GROWTH_CHECK_ROWS rows into a table, one statement (queued like any other)
 * analyzes that table if the planner still takes it for smaller than that. A table the planner already knows to be
 * large is left alone (no cost but a catalog lookup); a busy one is skipped (SKIP_LOCKED), never waited for; an
 * error inside the check is dropped with its subtransaction.
 *
 * On a connection in pipeline mode (PostgreSQL transactions) the statement pipeline writes the statements after an
 * INSERT before its answer comes: there the check goes right behind each INSERT into a table not yet known to have
 * crossed the line, and reads the transaction's own count of inserted rows (pendingGrowthCheck).
 */
export const GROWTH_CHECK_ROWS = 1_000;

const INSERT = /^\s*INSERT\s+INTO\s+"?([a-z_][a-z0-9_]*)"?/i;

/** The table an INSERT of our builders' shape writes to, or null for any other statement. */
export function insertedTable(text: string): string | null {
  return INSERT.exec(text)?.[1]?.toLowerCase() ?? null;
}

/**
 * Adds a statement's inserted rows to `inserted` (rows per table in one transaction); returns the table with its
 * count before and after, or null when the statement inserted nothing.
 */
export function countInserted(
  inserted: Map<string, number>,
  text: string,
  result: { command: string; rowCount: number | null },
): { table: string; before: number; after: number } | null {
  const table = result.command === 'INSERT' && result.rowCount ? insertedTable(text) : null;
  if (!table) return null;
  const before = inserted.get(table) ?? 0;
  const after = before + result.rowCount!;
  inserted.set(table, after);
  return { table, before, after };
}

/**
 * The statement to run after an insert brought `table` to `inserted` rows in this transaction (`before` rows
 * before it), or null when it is not the insert that crosses GROWTH_CHECK_ROWS. `table` is an identifier matched
 * from our own SQL (insertedTable), never text from outside.
 */
export function growthCheck(table: string, before: number, inserted: number): string | null {
  if (before >= GROWTH_CHECK_ROWS || inserted < GROWTH_CHECK_ROWS) return null;
  return analyzeIfSmaller(table, `${inserted}`);
}

/**
 * The check written right behind an INSERT into `table`, before its row count is known (pipeline mode): it reads
 * how many rows this transaction has inserted into the table so far (PostgreSQL's own count, which on PostgreSQL 15
 * also holds recent inserts of the same connection not yet reported: at worst a small table analyzed needlessly)
 * and analyzes the table once that reaches GROWTH_CHECK_ROWS while the planner still takes it for smaller.
 */
export function pendingGrowthCheck(table: string): string {
  const count = `pg_stat_get_xact_tuples_inserted('"${table}"'::regclass)`;
  return analyzeIfSmaller(table, count, `${count} >= ${GROWTH_CHECK_ROWS}`);
}

/**
 * One statement that analyzes `table` when the planner takes it for fewer rows than `rows` (and `also` holds). A hint
 * to the planner never fails the caller's transaction: whatever goes wrong inside is left behind.
 */
function analyzeIfSmaller(table: string, rows: string, also = 'true'): string {
  return `DO $$ BEGIN
  IF ${also} AND (SELECT reltuples FROM pg_class WHERE oid = '"${table}"'::regclass) < ${rows} THEN
    ANALYZE (SKIP_LOCKED) "${table}";
  END IF;
EXCEPTION WHEN OTHERS THEN NULL;
END $$`;
}
