import { inTransaction, run, type Database } from '../db/database';
import { sql } from '../db/sql-query';
import { insertReportLines } from './order-line-report-sql';

/**
 * Brings report_lines up to date before a read (docs/reports.md: report data): the orders whose inputs changed
 * since the last read are computed again (every order when a rate, a fee or a setting changed). Refreshes of a
 * workspace take turns (an advisory lock); writers only ever append to report_dirty, so they never wait for one.
 * Returns how many orders were computed (null: all of them).
 */
/**
 * The tables the report reads, analyzed once per process before its first refresh: PGlite runs no autovacuum,
 * and a small workspace never reaches the statistics upkeep's threshold, so the planner would take its tables
 * for empty and nest loops over them (a month of a small shop: 9 s instead of 0.3 s).
 */
const REPORT_INPUTS = [
  'orders',
  'order_lines',
  'reservations',
  'shipments',
  'shipment_lines',
  'after_sale_cases',
  'after_sale_lines',
  'products',
  'sku_costs',
  'fx_rates',
  'channel_fees',
];
const analyzed = new WeakSet<Database>();

export async function refreshReportLines(
  db: Database,
  workspaceId: string,
  base: string,
  scale: number,
): Promise<{ orders: number | null }> {
  if (!analyzed.has(db)) {
    await run(db.pool, sql(`ANALYZE ${REPORT_INPUTS.join(', ')}`));
    analyzed.add(db);
  }
  // Nothing noted: nothing to do, and no transaction or lock (a read of 100 pages asks 100 times). A note being
  // taken by a refresh that has not committed yet is still visible here (its DELETE is not), so this read then
  // takes the lock below and waits for that refresh: it never reads lines older than a change it could see.
  const noted = await run<{ any: boolean }>(
    db.pool,
    sql(`SELECT EXISTS (SELECT 1 FROM report_dirty WHERE workspace_id = $1) AS any`, [workspaceId]),
  );
  if (!noted.rows[0]!.any) return { orders: 0 };
  return inTransaction(db, async (client) => {
    await run(client, sql(`SELECT pg_advisory_xact_lock(727017, hashtext($1))`, [workspaceId]));
    // Taking the notes first: a note commits with its change, so every change noted here is visible to the
    // statements below; a change that commits meanwhile leaves its note for the next read.
    const marks = await run<{ everything: boolean | null; orders: string[] | null }>(
      client,
      sql(
        `WITH taken AS (DELETE FROM report_dirty WHERE workspace_id = $1 RETURNING order_no)
         SELECT bool_or(order_no IS NULL) AS everything,
                array_agg(DISTINCT order_no) FILTER (WHERE order_no IS NOT NULL) AS orders FROM taken`,
        [workspaceId],
      ),
    );
    const { everything, orders } = marks.rows[0]!;
    if (everything === null) return { orders: 0 };
    const some = everything ? null : (orders ?? []);
    // Every order: hash joins over whole tables are the right plan whatever the statistics say.
    if (some === null) await run(client, sql(`SET LOCAL enable_nestloop = off`));
    await run(
      client,
      sql(`DELETE FROM report_lines WHERE workspace_id = $1 AND ($2::text[] IS NULL OR order_no = ANY($2::text[]))`, [
        workspaceId,
        some,
      ]),
    );
    await run(client, insertReportLines(workspaceId, base, some, scale));
    return { orders: some === null ? null : some.length };
  });
}
