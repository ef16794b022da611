import { sql, type SqlQuery } from '../db/sql-query';

export type PoRow = {
  po_no: string;
  supplier: string;
  warehouse: string;
  status: string;
  expected_on: string | null;
  lines: {
    line_no: number;
    sku: string;
    ordered_qty: number;
    received_qty: number;
    short_closed_qty: number;
    short_reason: string | null;
    cancelled_qty: number;
    cancel_reason: string | null;
    unit_cost: string | null;
    cost_currency: string | null;
  }[];
};

export function selectSuppliersOfSkus(workspaceId: string, skus: string[]): SqlQuery {
  return sql(
    `SELECT p.sku, p.supplier, s.code IS NOT NULL AS known,
            coalesce(s.lead_days, 0) AS lead_days, coalesce(s.qc_days, 0) AS qc_days, coalesce(s.transit_days, 0) AS transit_days, s.transit_by_warehouse
       FROM products p LEFT JOIN suppliers s ON s.workspace_id = p.workspace_id AND s.code = p.supplier
      WHERE p.workspace_id = $1 AND p.sku = ANY($2::text[])`,
    [workspaceId, skus],
  );
}

export function countPurchaseOrders(workspaceId: string): SqlQuery {
  return sql(`SELECT count(*)::int AS n FROM purchase_orders WHERE workspace_id = $1`, [workspaceId]);
}

export type NewPo = {
  po_no: string;
  supplier: string;
  warehouse: string;
  expected_on: string;
  change_no: number;
  /** A line without its own cost takes the product's (Products sheet) when it has one. */
  lines: { line_no: number; sku: string; ordered_qty: number; unit_cost?: string; cost_currency?: string }[];
};

export function insertPurchaseOrders(workspaceId: string, pos: NewPo[], at: Date, actor: string): SqlQuery {
  return sql(
    `INSERT INTO purchase_orders (workspace_id, po_no, supplier, warehouse, status, expected_on, created_at, created_by, version, change_no, updated_at, updated_by)
     SELECT $1, r.po_no, r.supplier, r.warehouse, 'ordered', r.expected_on, $3, $4, 1, r.change_no, $3, $4
       FROM json_to_recordset($2::json) AS r(po_no text, supplier text, warehouse text, expected_on date, change_no bigint)`,
    [workspaceId, JSON.stringify(pos.map(({ lines: _lines, ...po }) => po)), at, actor],
  );
}

export function insertPurchaseOrderLines(workspaceId: string, pos: NewPo[]): SqlQuery {
  const rows = pos.flatMap((po) => po.lines.map((l) => ({ po_no: po.po_no, ...l })));
  return sql(
    `INSERT INTO purchase_order_lines (workspace_id, po_no, line_no, sku, ordered_qty, unit_cost, cost_currency)
     SELECT $1, r.po_no, r.line_no, r.sku, r.ordered_qty,
            CASE WHEN r.unit_cost IS NOT NULL THEN r.unit_cost WHEN p.cost_currency IS NOT NULL THEN p.unit_cost END,
            CASE WHEN r.unit_cost IS NOT NULL THEN r.cost_currency WHEN p.unit_cost IS NOT NULL THEN p.cost_currency END
       FROM json_to_recordset($2::json)
            AS r(po_no text, line_no integer, sku text, ordered_qty integer, unit_cost numeric, cost_currency text)
       LEFT JOIN products p ON p.workspace_id = $1 AND p.sku = r.sku`,
    [workspaceId, JSON.stringify(rows)],
  );
}

/** POs with their lines, the given ones locked (all of them when `poNos` is null). */
export function selectPurchaseOrders(workspaceId: string, poNos: string[] | null, lock: boolean): SqlQuery {
  return sql(
    `WITH po AS (
       SELECT po_no, supplier, warehouse, status, expected_on::text AS expected_on FROM purchase_orders
        WHERE workspace_id = $1 AND ($2::text[] IS NULL OR po_no = ANY($2::text[])) ORDER BY po_no ${lock ? 'FOR UPDATE' : ''})
     SELECT po.*, json_agg(json_build_object('line_no', l.line_no, 'sku', l.sku, 'ordered_qty', l.ordered_qty, 'received_qty', l.received_qty,
                                             'short_closed_qty', l.short_closed_qty, 'short_reason', l.short_reason,
                                             'cancelled_qty', l.cancelled_qty, 'cancel_reason', l.cancel_reason,
                                             'unit_cost', l.unit_cost::text, 'cost_currency', l.cost_currency)
                       ORDER BY l.line_no) AS lines
       FROM po JOIN purchase_order_lines l ON l.workspace_id = $1 AND l.po_no = po.po_no
      GROUP BY po.po_no, po.supplier, po.warehouse, po.status, po.expected_on
      ORDER BY po.po_no`,
    [workspaceId, poNos],
  );
}

export function updatePoLine(
  workspaceId: string,
  poNo: string,
  lineNo: number,
  received: number,
  shortClosed: number,
  shortReason: string | null,
): SqlQuery {
  return sql(
    `UPDATE purchase_order_lines SET received_qty = $4, short_closed_qty = $5, short_reason = coalesce($6, short_reason)
      WHERE workspace_id = $1 AND po_no = $2 AND line_no = $3`,
    [workspaceId, poNo, lineNo, received, shortClosed, shortReason],
  );
}

/** Takes these lines' open units off the order, each with the cancel's reason. */
export function cancelPoLines(
  workspaceId: string,
  poNo: string,
  lines: { line_no: number; qty: number }[],
  reason: string,
): SqlQuery {
  return sql(
    `UPDATE purchase_order_lines AS l SET cancelled_qty = l.cancelled_qty + r.qty, cancel_reason = $4
       FROM json_to_recordset($3::json) AS r(line_no integer, qty integer)
      WHERE l.workspace_id = $1 AND l.po_no = $2 AND l.line_no = r.line_no`,
    [workspaceId, poNo, JSON.stringify(lines), reason],
  );
}

export function updatePoStatus(
  workspaceId: string,
  poNo: string,
  status: string,
  changeNo: number,
  at: Date,
  actor: string,
): SqlQuery {
  return sql(
    `UPDATE purchase_orders SET status = $3, version = version + 1, change_no = $4, updated_at = $5, updated_by = $6 WHERE workspace_id = $1 AND po_no = $2`,
    [workspaceId, poNo, status, changeNo, at, actor],
  );
}

export function insertPurchaseReceipts(
  workspaceId: string,
  poNo: string,
  lines: { line_no: number; qty: number; note: string | null }[],
  at: Date,
  actor: string,
): SqlQuery {
  return sql(
    `INSERT INTO purchase_receipts (workspace_id, po_no, line_no, qty, received_at, actor, note)
     SELECT $1, $2, r.line_no, r.qty, $4, $5, r.note FROM json_to_recordset($3::json) AS r(line_no integer, qty integer, note text)`,
    [workspaceId, poNo, JSON.stringify(lines), at, actor],
  );
}

/** What waiting orders still miss of these SKUs, in the order receipts serve them (first approved first). */
export function selectWaitingNeeds(workspaceId: string, skus: string[]): SqlQuery {
  return sql(
    `SELECT o.order_no, w.item->>'sku' AS sku, (w.item->>'missing')::int AS missing
       FROM orders o CROSS JOIN LATERAL jsonb_array_elements(o.waiting) AS w(item)
      WHERE o.workspace_id = $1 AND o.status IN ('pending_purchase', 'approved')
        AND w.item->>'sku' = ANY($2::text[]) AND coalesce((w.item->>'missing')::int, 0) > 0
      ORDER BY o.approved_at NULLS LAST, o.order_no`,
    [workspaceId, skus],
  );
}

/** Units of each SKU ordered and not yet received, every warehouse together. */
export function selectIncomingOfSkus(workspaceId: string, skus: string[]): SqlQuery {
  return sql(
    `SELECT sku, sum(incoming)::int AS incoming FROM stock
      WHERE workspace_id = $1 AND sku = ANY($2::text[]) GROUP BY sku`,
    [workspaceId, skus],
  );
}
