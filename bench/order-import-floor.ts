import { arrayLiteral, type ArrayItem } from '../sync-server/db/array-params';
import { inTransaction, type Database } from '../sync-server/db/database';

/**
 * The floor of issue 18 for the order import: the rows one import of the benchmark's Shopify file writes
 * (its orders, their lines, one event per order, the workspace's change counter, the job run), inserted in one
 * transaction with the cheapest plain SQL (one `INSERT ... SELECT unnest(...)` per table) through the same driver.
 * No parsing, no review, no lookups: what is left is what the database itself must do.
 */
export type FloorOrder = {
  orderNo: string;
  externalId: string;
  orderedAt: string;
  local: string;
  offset: string;
  email: string;
  phone: string;
  name: string;
  address1: string;
  postalCode: string;
  lines: { sku: string; name: string }[];
};

/** What auto-review writes for the benchmark's orders (no products in the workspace: every SKU is unknown). */
const FLAGS = JSON.stringify([{ code: 'unknown_sku', contact: false, params: { skus: 'PC-BLK-01, CB-USBC-1M' } }]);
const NOTES = 'Unknown SKU: PC-BLK-01, CB-USBC-1M — add the product or map the SKU';

export type FloorColumns = { orders: string[]; lines: string[]; events: string[]; lastChangeNo: number };

/**
 * The arrays, built before the clock starts (building them is the client's work, not the database's), each as its
 * literal (db/array-params.ts), the cheapest way to hand the driver an array and the way the product sends them.
 */
export function floorColumns(orders: readonly FloorOrder[], firstChangeNo: number): FloorColumns {
  const o: unknown[][] = Array.from({ length: 13 }, () => []);
  const l: unknown[][] = Array.from({ length: 5 }, () => []);
  const e: unknown[][] = Array.from({ length: 3 }, () => []);
  orders.forEach((order, i) => {
    const values = [
      order.orderNo,
      order.externalId,
      order.orderedAt,
      order.local,
      order.offset,
      order.email,
      order.phone,
      order.name,
      order.address1,
      order.postalCode,
      firstChangeNo + i,
      FLAGS,
      NOTES,
    ];
    values.forEach((v, c) => o[c]!.push(v));
    order.lines.forEach((line, n) => {
      [order.orderNo, n + 1, line.sku, line.name, '15.00'].forEach((v, c) => l[c]!.push(v));
    });
    const after = {
      status: 'pending_review',
      review: NOTES,
      channel: 'shopify',
      externalId: order.externalId,
      lines: order.lines.length,
      closedBy: null,
    };
    [order.orderNo, JSON.stringify(after), `order:${order.orderNo}`].forEach((v, c) => e[c]!.push(v));
  });
  const literals = (columns: unknown[][]) => columns.map((c) => arrayLiteral(c as ArrayItem[]));
  const lastChangeNo = firstChangeNo + orders.length - 1;
  return { orders: literals(o), lines: literals(l), events: literals(e), lastChangeNo };
}

export async function insertFloor(db: Database, workspaceId: string, columns: FloorColumns, at: Date): Promise<void> {
  await inTransaction(db, async (client) => {
    await client.query('SELECT change_no FROM workspaces WHERE id = $1 FOR NO KEY UPDATE', [workspaceId]);
    await client.query(
      `INSERT INTO orders (workspace_id, order_no, channel, external_id, status, review_notes, review_flags, review_lang,
          ordered_at, ordered_at_local, ordered_at_offset, currency, payment_method, email, phone, recipient_name,
          address1, city, province, postal_code, country, subtotal, shipping, tax, total, discount, imported_at,
          version, change_no, updated_at, updated_by)
       SELECT $1, r.order_no, 'shopify', r.external_id, 'pending_review', r.notes, r.flags, 'en',
          r.ordered_at, r.local, r.off, 'GBP', 'prepaid', r.email, r.phone, r.name,
          r.address1, 'London', 'ENG', r.postal_code, 'GB', 30.00, 4.99, 5.00, 39.99, 0.00, $2,
          1, r.change_no, $2, 'bench'
         FROM unnest($3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::text[],
                     $10::text[], $11::text[], $12::text[], $13::bigint[], $14::jsonb[], $15::text[])
           AS r(order_no, external_id, ordered_at, local, off, email, phone, name, address1, postal_code, change_no, flags, notes)`,
      [workspaceId, at, ...columns.orders],
    );
    await client.query(
      `INSERT INTO order_lines (workspace_id, order_no, line_no, sku, channel_sku, name, qty, unit_price)
       SELECT $1, r.order_no, r.line_no, r.sku, r.sku, r.name, 1, r.price
         FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::numeric[]) AS r(order_no, line_no, sku, name, price)`,
      [workspaceId, ...columns.lines],
    );
    await client.query(
      `INSERT INTO events (workspace_id, occurred_at, actor, entity, entity_key, action, before, after, correlation_id)
       SELECT $1, $2, 'bench', 'orders', r.order_no, 'imported', NULL, r.after, r.correlation_id
         FROM unnest($3::text[], $4::jsonb[], $5::text[]) AS r(order_no, after, correlation_id)`,
      [workspaceId, at, ...columns.events],
    );
    await client.query('UPDATE workspaces SET change_no = $2 WHERE id = $1', [workspaceId, columns.lastChangeNo]);
  });
  await db.query({
    text: `INSERT INTO job_runs (workspace_id, kind, actor, started_at, duration_ms, ok, counts, errors, throttled, error)
           VALUES ($1, 'import', 'bench', $2, 0, true, '{"imported":10000}', 0, 0, NULL)`,
    values: [workspaceId, at],
  });
}
