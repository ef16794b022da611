import { sql, type SqlQuery } from '../db/sql-query';

/** SQL for after-sale cases (docs/after-sale.md): small builders, run by workflows/after-sale.ts. */

export type CaseOrderRow = {
  order_no: string;
  status: string;
  currency: string | null;
  shipping: string | null;
  lines: { line_no: number; sku: string; qty: number; shipped_qty: number; unit_price: string | null }[];
};

/** The order a case hangs off, locked (its cases are checked against each other), with its lines. */
export function selectCaseOrderForUpdate(workspaceId: string, orderNo: string): SqlQuery {
  return sql(
    `SELECT o.order_no, o.status, o.currency, o.shipping::text AS shipping,
            (SELECT coalesce(json_agg(json_build_object('line_no', l.line_no, 'sku', l.sku, 'qty', l.qty,
                    'shipped_qty', l.shipped_qty, 'unit_price', l.unit_price::text) ORDER BY l.line_no), '[]')
               FROM order_lines l WHERE l.workspace_id = o.workspace_id AND l.order_no = o.order_no) AS lines
       FROM orders o WHERE o.workspace_id = $1 AND o.order_no = $2 FOR UPDATE OF o`,
    [workspaceId, orderNo],
  );
}

export type CaseRow = {
  case_no: string;
  order_no: string;
  kinds: string[];
  status: string;
  reason: string;
  note: string | null;
  refund_amount: string | null;
  refund_currency: string | null;
  replacement_order_no: string | null;
  close_note: string | null;
  version: number;
  lines: {
    line_no: number;
    order_line_no: number;
    sku: string;
    qty: number;
    restocked_qty: number;
    written_off_qty: number;
  }[];
};

const CASE_COLUMNS = `c.case_no, c.order_no, c.kinds, c.status, c.reason, c.note,
       c.refund_amount::text AS refund_amount, c.refund_currency, c.replacement_order_no, c.close_note, c.version,
       (SELECT coalesce(json_agg(json_build_object('line_no', l.line_no, 'order_line_no', l.order_line_no, 'sku', l.sku,
               'qty', l.qty, 'restocked_qty', l.restocked_qty, 'written_off_qty', l.written_off_qty)
               ORDER BY l.line_no), '[]')
          FROM after_sale_lines l WHERE l.workspace_id = c.workspace_id AND l.case_no = c.case_no) AS lines`;

/** Cases with their lines: of one order, in one status, or all, by number. */
export function selectCases(workspaceId: string, filter: { orderNo?: string; status?: string }): SqlQuery {
  return sql(
    `SELECT ${CASE_COLUMNS} FROM after_sale_cases c
      WHERE c.workspace_id = $1 AND ($2::text IS NULL OR c.order_no = $2) AND ($3::text IS NULL OR c.status = $3)
      ORDER BY c.case_no`,
    [workspaceId, filter.orderNo ?? null, filter.status ?? null],
  );
}

/** One case locked for a receipt or a close (its order is not needed: the case holds what it took). */
export function selectCaseForUpdate(workspaceId: string, caseNo: string): SqlQuery {
  return sql(
    `SELECT ${CASE_COLUMNS} FROM after_sale_cases c WHERE c.workspace_id = $1 AND c.case_no = $2 FOR UPDATE OF c`,
    [workspaceId, caseNo],
  );
}

export function selectLastCaseNo(workspaceId: string): SqlQuery {
  return sql(
    `SELECT coalesce(max(substring(case_no FROM 4)::int), 0) AS n FROM after_sale_cases
      WHERE workspace_id = $1 AND case_no ~ '^AS-[0-9]+$'`,
    [workspaceId],
  );
}

export type NewCase = {
  case_no: string;
  order_no: string;
  kinds: string[];
  reason: string;
  note: string | null;
  refund_amount: string | null;
  refund_currency: string | null;
  replacement_order_no: string | null;
  change_no: number;
  lines: { line_no: number; order_line_no: number; sku: string; qty: number }[];
};

export function insertCase(workspaceId: string, c: NewCase, at: Date, actor: string): SqlQuery {
  return sql(
    `INSERT INTO after_sale_cases (workspace_id, case_no, order_no, kinds, status, reason, note, refund_amount,
        refund_currency, replacement_order_no, created_at, created_by, version, change_no, updated_at, updated_by)
     VALUES ($1, $2, $3, $4::text[], 'requested', $5, $6, $7::numeric, $8, $9, $10, $11, 1, $12, $10, $11)`,
    [
      workspaceId,
      c.case_no,
      c.order_no,
      c.kinds,
      c.reason,
      c.note,
      c.refund_amount,
      c.refund_currency,
      c.replacement_order_no,
      at,
      actor,
      c.change_no,
    ],
  );
}

export function insertCaseLines(workspaceId: string, c: NewCase): SqlQuery {
  return sql(
    `INSERT INTO after_sale_lines (workspace_id, case_no, line_no, order_no, order_line_no, sku, qty)
     SELECT $1, $2, r.line_no, $3, r.order_line_no, r.sku, r.qty
       FROM json_to_recordset($4::json) AS r(line_no integer, order_line_no integer, sku text, qty integer)`,
    [workspaceId, c.case_no, c.order_no, JSON.stringify(c.lines)],
  );
}

/** A receipt's counts per case line (the warehouse of the last restock is kept for the sheet). */
export function updateCaseLines(
  workspaceId: string,
  caseNo: string,
  lines: { line_no: number; restocked_qty: number; written_off_qty: number; warehouse: string | null }[],
): SqlQuery {
  return sql(
    `UPDATE after_sale_lines l SET restocked_qty = r.restocked_qty, written_off_qty = r.written_off_qty,
            restock_warehouse = coalesce(r.warehouse, l.restock_warehouse)
       FROM json_to_recordset($3::json)
            AS r(line_no integer, restocked_qty integer, written_off_qty integer, warehouse text)
      WHERE l.workspace_id = $1 AND l.case_no = $2 AND l.line_no = r.line_no`,
    [workspaceId, caseNo, JSON.stringify(lines)],
  );
}

export function updateCaseStatus(
  workspaceId: string,
  caseNo: string,
  change: { status: string; changeNo: number; closeNote?: string | null },
  at: Date,
  actor: string,
): SqlQuery {
  return sql(
    `UPDATE after_sale_cases SET status = $3, version = version + 1, change_no = $4, updated_at = $5, updated_by = $6,
            received_at = CASE WHEN $3 = 'received' THEN coalesce(received_at, $5) ELSE received_at END,
            closed_at = CASE WHEN $3 = 'closed' THEN $5 ELSE closed_at END, close_note = coalesce($7, close_note)
      WHERE workspace_id = $1 AND case_no = $2`,
    [workspaceId, caseNo, change.status, change.changeNo, at, actor, change.closeNote ?? null],
  );
}

/** Replacement orders of an order already made (`<order>-R1`, `-R2`, …): the next one's number follows. */
export function selectReplacementNos(workspaceId: string, orderNo: string): SqlQuery {
  return sql(`SELECT order_no FROM orders WHERE workspace_id = $1 AND left(order_no, length($2) + 2) = $2 || '-R'`, [
    workspaceId,
    orderNo,
  ]);
}

/**
 * An exchange's replacement: the original's customer, address, currency and payment (prepaid: the customer
 * paid once), approved now and free, on channel `after_sale` so it never collides with an import.
 */
export function insertReplacementOrder(
  workspaceId: string,
  original: string,
  replacement: { orderNo: string; note: string; changeNo: number },
  at: Date,
  actor: string,
): SqlQuery {
  return sql(
    `INSERT INTO orders (workspace_id, order_no, channel, external_id, status, review_notes, review_flags,
        review_lang, ordered_at, currency, payment_method, email, phone, recipient_name, address1, address2, city,
        province, postal_code, country, subtotal, shipping, tax, total, note, approved_at, imported_at, version,
        change_no, updated_at, updated_by)
     SELECT workspace_id, $3, 'after_sale', $3, 'approved', '', '[]', review_lang, $5, currency, 'prepaid', email,
            phone, recipient_name, address1, address2, city, province, postal_code, country, 0, 0, 0, 0, $4, $5, $5,
            1, $6, $5, $7
       FROM orders WHERE workspace_id = $1 AND order_no = $2`,
    [workspaceId, original, replacement.orderNo, replacement.note, at, replacement.changeNo, actor],
  );
}

/** The replacement's lines: the original lines' SKUs at the case's quantities, price 0. */
export function insertReplacementLines(
  workspaceId: string,
  original: string,
  replacementNo: string,
  lines: { line_no: number; order_line_no: number; qty: number }[],
): SqlQuery {
  return sql(
    `INSERT INTO order_lines (workspace_id, order_no, line_no, sku, channel_sku, name, qty, unit_price, fulfilment)
     SELECT $1, $3, r.line_no, l.sku, l.channel_sku, l.name, r.qty, 0, 'crossdock'
       FROM json_to_recordset($4::json) AS r(line_no integer, order_line_no integer, qty integer)
       JOIN order_lines l ON l.workspace_id = $1 AND l.order_no = $2 AND l.line_no = r.order_line_no`,
    [workspaceId, original, replacementNo, JSON.stringify(lines)],
  );
}
