import { sql, type SqlQuery } from '../db/sql-query';

export type TransferRow = {
  transfer_no: string;
  from_warehouse: string;
  to_warehouse: string;
  status: string;
  carrier: string | null;
  reference: string | null;
  expected_on: string | null;
  note: string | null;
  cancel_reason: string | null;
  dispatched_at: string | null;
  lines: {
    line_no: number;
    sku: string;
    qty: number;
    received_qty: number;
    short_closed_qty: number;
    short_reason: string | null;
  }[];
};

export type NewTransfer = {
  transfer_no: string;
  from_warehouse: string;
  to_warehouse: string;
  carrier: string | null;
  reference: string | null;
  expected_on: string | null;
  note: string | null;
  change_no: number;
  lines: { line_no: number; sku: string; qty: number }[];
};

/** The highest number used so far (TR-00012 → 12); commands run one at a time per workspace. */
export function selectLastTransferNo(workspaceId: string): SqlQuery {
  return sql(
    `SELECT coalesce(max(substring(transfer_no FROM 4)::int), 0) AS n FROM transfers
      WHERE workspace_id = $1 AND transfer_no ~ '^TR-[0-9]+$'`,
    [workspaceId],
  );
}

export function insertTransfer(workspaceId: string, t: NewTransfer, at: Date, actor: string): SqlQuery {
  return sql(
    `INSERT INTO transfers (workspace_id, transfer_no, from_warehouse, to_warehouse, status, carrier, reference, expected_on, note,
                            created_at, created_by, version, change_no, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7::date, $8, $9, $10, 1, $11, $9, $10)`,
    [
      workspaceId,
      t.transfer_no,
      t.from_warehouse,
      t.to_warehouse,
      t.carrier,
      t.reference,
      t.expected_on,
      t.note,
      at,
      actor,
      t.change_no,
    ],
  );
}

export function insertTransferLines(workspaceId: string, t: NewTransfer): SqlQuery {
  return sql(
    `INSERT INTO transfer_lines (workspace_id, transfer_no, line_no, sku, qty)
     SELECT $1, $2, r.line_no, r.sku, r.qty FROM json_to_recordset($3::json) AS r(line_no integer, sku text, qty integer)`,
    [workspaceId, t.transfer_no, JSON.stringify(t.lines)],
  );
}

/** Transfers with their lines, the given ones locked (all of them when `transferNos` is null). */
export function selectTransfers(workspaceId: string, transferNos: string[] | null, lock: boolean): SqlQuery {
  return sql(
    `WITH t AS (
       SELECT transfer_no, from_warehouse, to_warehouse, status, carrier, reference, expected_on::text AS expected_on, note,
              cancel_reason, dispatched_at
         FROM transfers
        WHERE workspace_id = $1 AND ($2::text[] IS NULL OR transfer_no = ANY($2::text[]))
        ORDER BY transfer_no ${lock ? 'FOR UPDATE' : ''})
     SELECT t.*, json_agg(json_build_object('line_no', l.line_no, 'sku', l.sku, 'qty', l.qty, 'received_qty', l.received_qty,
                                            'short_closed_qty', l.short_closed_qty, 'short_reason', l.short_reason)
                          ORDER BY l.line_no) AS lines
       FROM t JOIN transfer_lines l ON l.workspace_id = $1 AND l.transfer_no = t.transfer_no
      GROUP BY t.transfer_no, t.from_warehouse, t.to_warehouse, t.status, t.carrier, t.reference, t.expected_on, t.note,
               t.cancel_reason, t.dispatched_at
      ORDER BY t.transfer_no`,
    [workspaceId, transferNos],
  );
}

export function updateTransferLines(
  workspaceId: string,
  transferNo: string,
  lines: { line_no: number; received_qty: number; short_closed_qty: number; short_reason: string | null }[],
): SqlQuery {
  return sql(
    `UPDATE transfer_lines l SET received_qty = r.received_qty, short_closed_qty = r.short_closed_qty,
            short_reason = coalesce(r.short_reason, l.short_reason)
       FROM json_to_recordset($3::json) AS r(line_no integer, received_qty integer, short_closed_qty integer, short_reason text)
      WHERE l.workspace_id = $1 AND l.transfer_no = $2 AND l.line_no = r.line_no`,
    [workspaceId, transferNo, JSON.stringify(lines)],
  );
}

/** A new status (and, on dispatch, when; on cancel, why): the transfer's rows show it at the next sync. */
export function updateTransferStatus(
  workspaceId: string,
  transferNo: string,
  change: { status: string; changeNo: number; dispatchedAt?: Date; cancelReason?: string },
  at: Date,
  actor: string,
): SqlQuery {
  return sql(
    `UPDATE transfers SET status = $3, version = version + 1, change_no = $4, updated_at = $5, updated_by = $6,
            dispatched_at = coalesce($7, dispatched_at), cancel_reason = coalesce($8, cancel_reason)
      WHERE workspace_id = $1 AND transfer_no = $2`,
    [
      workspaceId,
      transferNo,
      change.status,
      change.changeNo,
      at,
      actor,
      change.dispatchedAt ?? null,
      change.cancelReason ?? null,
    ],
  );
}

/** Per stock line: what it shows in transit beside what the open transfers to it still carry (the ledger). */
export function selectInTransitTotals(workspaceId: string): SqlQuery {
  return sql(
    `SELECT s.stock_key, s.in_transit, coalesce(t.carried, 0)::int AS carried
       FROM stock s
       LEFT JOIN (SELECT tr.to_warehouse, l.sku, sum(l.qty - l.received_qty - l.short_closed_qty) AS carried
                    FROM transfers tr JOIN transfer_lines l ON l.workspace_id = tr.workspace_id AND l.transfer_no = tr.transfer_no
                   WHERE tr.workspace_id = $1 AND tr.status IN ('in_transit', 'partially_received')
                   GROUP BY tr.to_warehouse, l.sku) t ON t.to_warehouse = s.warehouse AND t.sku = s.sku
      WHERE s.workspace_id = $1 AND s.in_transit <> coalesce(t.carried, 0)
      ORDER BY s.stock_key`,
    [workspaceId],
  );
}
