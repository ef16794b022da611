import { inTransaction, run, type Database, type Queryable } from '../db/database';
import { sql } from '../db/sql-query';
import { deleteReportLines, insertReportLines, type ReportScope } from './order-line-report-sql';
import { deleteOrphanOrderJson, ORDER_JSON_TEXTS, recordOrderJsonTexts, upsertOrderJson } from './order-json-sql';
import { reportBase } from './report-base';

/**
 * The tables the report reads, analyzed once per process before its first refresh (see unanalyzed): PGlite runs no
 * autovacuum, and a small workspace never reaches the statistics upkeep's threshold, so the planner would take its
 * tables for empty and nest loops over them (a month of a small shop: 9 s instead of 0.3 s).
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

/**
 * The report's tables to analyze: all of them on PGlite; on PostgreSQL those its autovacuum has never analyzed
 * (a new, small table stays under its threshold). The rest it keeps current itself, and analyzing them all again
 * made the first read after every start of a large database ~1.3 s slower (1,000,000 order lines).
 */
async function unanalyzed(db: Database): Promise<string[]> {
  if (db.kind === 'pglite') return REPORT_INPUTS;
  const never = await run<{ name: string }>(
    db.pool,
    sql(
      `SELECT relname AS name FROM pg_stat_user_tables
        WHERE schemaname = current_schema() AND relname = ANY($1::text[])
          AND last_analyze IS NULL AND last_autoanalyze IS NULL`,
      [`{${REPORT_INPUTS.join(',')}}`],
    ),
  );
  const names = new Set(never.rows.map((row) => row.name));
  return REPORT_INPUTS.filter((table) => names.has(table));
}

/**
 * Brings report_lines up to date before a read (docs/reports.md: report data): what changed since the last read
 * is computed again. A note names an order, a month (a rate changed), a channel (its fees changed), or nothing
 * (the base currency changed: every order). Refreshes of a workspace take turns (an advisory lock); writers only
 * ever append to report_dirty, so they never wait for one. Returns how many orders were named (null: all of
 * them), and the months and channels computed whole.
 */
export async function refreshReportLines(
  db: Database,
  workspaceId: string,
): Promise<{ orders: number | null; months?: string[]; channels?: string[] }> {
  if (!analyzed.has(db)) {
    const tables = await unanalyzed(db);
    if (tables.length) await run(db.pool, sql(`ANALYZE ${tables.join(', ')}`));
    analyzed.add(db);
  }
  // Nothing noted: nothing to do, and no transaction or lock (a read of 100 pages asks 100 times). A note being
  // taken by a refresh that has not committed yet is still visible here (its DELETE is not), so this read then
  // takes the lock below and waits for that refresh: it never reads lines older than a change it could see.
  // Kept JSON written with other texts (another release's labels, or none yet) is written again, every order's.
  const noted = await run<{ any: boolean; texts: string | null }>(
    db.pool,
    sql(
      `SELECT EXISTS (SELECT 1 FROM report_dirty WHERE workspace_id = $1) AS any,
              (SELECT texts FROM report_json_texts WHERE workspace_id = $1) AS texts`,
      [workspaceId],
    ),
  );
  if (!noted.rows[0]!.any && noted.rows[0]!.texts === ORDER_JSON_TEXTS) return { orders: 0 };
  return inTransaction(db, async (client) => {
    await run(client, sql(`SELECT pg_advisory_xact_lock(727017, hashtext($1))`, [workspaceId]));
    // Read again under the lock: a refresh that held it may have written them meanwhile.
    const texts = await run<{ texts: string }>(
      client,
      sql(`SELECT texts FROM report_json_texts WHERE workspace_id = $1`, [workspaceId]),
    );
    const rewriteJson = texts.rows[0]?.texts !== ORDER_JSON_TEXTS;
    // The statement's estimated cost sets off PostgreSQL's JIT compiler, which then spends ~2.7 s compiling it
    // (more than it saves: 7.2 → 5.1 s for 200,000 lines; BENCHMARKS.md, issue 15). PGlite has no JIT.
    await run(client, sql(`SET LOCAL jit = off`));
    // Taking the notes first: a note commits with its change, so every change noted here is visible to the
    // statements below; a change that commits meanwhile leaves its note for the next read.
    const marks = await run<{
      everything: boolean | null;
      orders: string[] | null;
      months: string[] | null;
      channels: string[] | null;
    }>(
      client,
      sql(
        `WITH taken AS (DELETE FROM report_dirty WHERE workspace_id = $1 RETURNING order_no, month, channel)
         SELECT bool_or(order_no IS NULL AND month IS NULL AND channel IS NULL) AS everything,
                array_agg(DISTINCT order_no) FILTER (WHERE order_no IS NOT NULL) AS orders,
                array_agg(DISTINCT month) FILTER (WHERE month IS NOT NULL) AS months,
                array_agg(DISTINCT channel) FILTER (WHERE channel IS NOT NULL) AS channels FROM taken`,
        [workspaceId],
      ),
    );
    const { everything, orders, months, channels } = marks.rows[0]!;
    if (everything === null) {
      if (rewriteJson) {
        await run(client, sql(`SET LOCAL enable_nestloop = off`));
        await writeOrderJson(client, workspaceId, null);
      }
      return { orders: 0 };
    }
    // Read after the notes are taken: a base currency changed before them is the one its own note recomputes in.
    const { base, scale } = await reportBase(client, workspaceId);
    const scope: ReportScope | null = everything
      ? null
      : { orders: orders ?? [], months: months ?? [], channels: channels ?? [] };
    // Every order, or whole months or channels: hash joins over whole tables are the right plan whatever the
    // statistics say.
    if (scope === null || scope.months.length || scope.channels.length)
      await run(client, sql(`SET LOCAL enable_nestloop = off`));
    await run(client, deleteReportLines(workspaceId, scope));
    await run(client, insertReportLines(workspaceId, base, scope, scale));
    await writeOrderJson(client, workspaceId, rewriteJson ? null : scope);
    return { orders: scope === null ? null : scope.orders.length, months: scope?.months, channels: scope?.channels };
  });
}

/**
 * The kept JSON of the scope's orders (null: every order) written again from their lines, which are current in
 * this transaction (order-json-sql.ts); every order's also records that it is written with this code's texts.
 */
async function writeOrderJson(client: Queryable, workspaceId: string, scope: ReportScope | null): Promise<void> {
  await run(client, upsertOrderJson(workspaceId, scope));
  await run(client, deleteOrphanOrderJson(workspaceId, scope));
  if (scope === null) await run(client, recordOrderJsonTexts(workspaceId));
}
