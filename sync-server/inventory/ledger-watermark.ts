import type { Lang } from '../../domain/i18n/lang';
import { run, type Queryable } from '../db/database';
import { sql } from '../db/sql-query';
import { checkLedger, type LedgerReport } from './ledger-check';

/**
 * The ledger check the health check and the doctor run (docs/dispatch.md): the stock lines in full (one
 * grouped read), the orders only where they changed since the last clean check: orders whose change
 * number and reservations whose id came after it. `full` (doctor --full) reads every order. A clean run
 * moves the mark to what existed when it started, so what is written meanwhile is read next time.
 */
export async function checkLedgerSinceClean(
  client: Queryable,
  workspaceId: string,
  lang: Lang,
  at: Date,
  full: boolean,
): Promise<LedgerReport & { since: string | null }> {
  const mark = full
    ? undefined
    : (
        await run<{ orders_change_no: string; reservation_id: string; checked_at: Date }>(
          client,
          sql(`SELECT orders_change_no, reservation_id, checked_at FROM ledger_checks WHERE workspace_id = $1`, [
            workspaceId,
          ]),
        )
      ).rows[0];
  const top = (
    await run<{ orders: string; reservations: string }>(
      client,
      sql(
        // Backward index reads (orders_changes, the reservations' key). A workspace's writers run one at a
        // time, so its change numbers and reservation ids become visible in order: none can appear below.
        `SELECT (SELECT coalesce(max(change_no), 0) FROM orders WHERE workspace_id = $1) AS orders,
                (SELECT coalesce(max(id), 0) FROM reservations WHERE workspace_id = $1) AS reservations`,
        [workspaceId],
      ),
    )
  ).rows[0]!;
  const since = mark
    ? { ordersAfter: Number(mark.orders_change_no), reservationsAfter: Number(mark.reservation_id) }
    : null;
  const report = await checkLedger(client, workspaceId, lang, since);
  if (!report.mismatches.length)
    await run(
      client,
      sql(
        `INSERT INTO ledger_checks (workspace_id, orders_change_no, reservation_id, checked_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (workspace_id) DO UPDATE SET orders_change_no = excluded.orders_change_no,
                reservation_id = excluded.reservation_id, checked_at = excluded.checked_at`,
        [workspaceId, top.orders, top.reservations, at],
      ),
    );
  return { ...report, since: mark ? new Date(mark.checked_at).toISOString() : null };
}
