import { arrayLiteral, type ArrayItem } from '../sync-server/db/array-params';
import type { Database } from '../sync-server/db/database';
import { floorTransaction } from './floor-pairs';

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
  const o: unknown[][] = Array.from({ length: 29 }, () => []);
  const l: unknown[][] = Array.from({ length: 11 }, () => []);
  const e: unknown[][] = Array.from({ length: 3 }, () => []);
  orders.forEach((order, i) => {
    // Every column the import writes per order goes as its own array, as a file's orders differ in each (the
    // benchmark's file repeats currency, city and totals; a plain loader cannot know that).
    const values = [
      order.orderNo,
      'shopify',
      order.externalId,
      'pending_review',
      NOTES,
      FLAGS,
      'en',
      order.orderedAt,
      order.local,
      order.offset,
      'GBP',
      'prepaid',
      order.email,
      order.phone,
      order.name,
      order.address1,
      null,
      'London',
      'ENG',
      order.postalCode,
      'GB',
      '30.00',
      '4.99',
      '5.00',
      '39.99',
      '0.00',
      null,
      false,
      firstChangeNo + i,
    ];
    values.forEach((v, c) => o[c]!.push(v));
    order.lines.forEach((line, n) => {
      const row = [order.orderNo, n + 1, line.sku, line.sku, line.name, 1, '15.00', 'crossdock', false, null, null];
      row.forEach((v, c) => l[c]!.push(v));
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
  await floorTransaction(db, async (client) => {
    await client.query('SELECT change_no FROM workspaces WHERE id = $1 FOR NO KEY UPDATE', [workspaceId]);
    await client.query(
      `INSERT INTO orders (workspace_id, order_no, channel, external_id, status, review_notes, review_flags, review_lang,
          ordered_at, ordered_at_local, ordered_at_offset, currency, payment_method, email, phone, recipient_name,
          address1, address2, city, province, postal_code, country, subtotal, shipping, tax, total, discount, note,
          approved_at, imported_at, version, change_no, updated_at, updated_by)
       SELECT $1, r.order_no, r.channel, r.external_id, r.status, r.notes, r.flags, r.lang,
          r.ordered_at, r.local, r.off, r.currency, r.payment, r.email, r.phone, r.name,
          r.address1, r.address2, r.city, r.province, r.postal_code, r.country, r.subtotal, r.shipping, r.tax, r.total,
          r.discount, r.note, CASE WHEN r.approved THEN $2::timestamptz END, $2, 1, r.change_no, $2, 'bench'
         FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::text[],
                     $10::timestamptz[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[],
                     $17::text[], $18::text[], $19::text[], $20::text[], $21::text[], $22::text[], $23::text[],
                     $24::numeric[], $25::numeric[], $26::numeric[], $27::numeric[], $28::numeric[], $29::text[],
                     $30::boolean[], $31::bigint[])
           AS r(order_no, channel, external_id, status, notes, flags, lang, ordered_at, local, off, currency, payment,
                email, phone, name, address1, address2, city, province, postal_code, country, subtotal, shipping, tax,
                total, discount, note, approved, change_no)`,
      [workspaceId, at, ...columns.orders],
    );
    await client.query(
      `INSERT INTO order_lines (workspace_id, order_no, line_no, sku, channel_sku, name, qty, unit_price, fulfilment,
          keyed_by_name, line_total, customization)
       SELECT $1, r.order_no, r.line_no, r.sku, r.channel_sku, r.name, r.qty, r.price, r.fulfilment, r.by_name, r.total,
          r.customization
         FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::int[], $8::numeric[], $9::text[],
                     $10::boolean[], $11::numeric[], $12::text[])
           AS r(order_no, line_no, sku, channel_sku, name, qty, price, fulfilment, by_name, total, customization)`,
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
