import type { OrderDraft, OrderLineDraft } from '../../domain/orders/order-draft';
import { arrayLiteral, type ArrayItem } from '../db/array-params';
import { sql, type SqlQuery } from '../db/sql-query';

/** SQL for orders, built as {text, values} and run by the services. */

/** Which of these external ids the channel's orders have already. */
export function selectExistingExternalIds(
  workspaceId: string,
  channel: string,
  externalIds: readonly string[],
): SqlQuery {
  return sql(
    `SELECT external_id FROM orders WHERE workspace_id = $1 AND channel = $2 AND external_id = ANY($3::text[])`,
    [workspaceId, channel, arrayLiteral(storable(externalIds))],
  );
}

/** Which of these order numbers are taken already, by any channel. */
export function selectTakenOrderNos(workspaceId: string, orderNos: readonly string[]): SqlQuery {
  return sql(`SELECT order_no FROM orders WHERE workspace_id = $1 AND order_no = ANY($2::text[])`, [
    workspaceId,
    arrayLiteral(storable(orderNos)),
  ]);
}

/** PostgreSQL's text holds no NUL: a value with one is in no row (and would make the lookup fail), so not asked. */
function storable(values: readonly string[]): string[] {
  return values.filter((value) => !value.includes('\u0000'));
}

export function selectProductSkus(workspaceId: string): SqlQuery {
  return sql(`SELECT sku FROM products WHERE workspace_id = $1`, [workspaceId]);
}

export function selectSkuMappings(workspaceId: string): SqlQuery {
  return sql(`SELECT channel_sku, sku FROM sku_mappings WHERE workspace_id = $1`, [workspaceId]);
}

/**
 * Open orders (not invalid, cancelled or delivered) placed since `since`: what auto-review compares with.
 * An order without a date counts from when it came in (as in the sales figures; same index). Oldest first: a
 * review names the first that matches, the same whatever the plan.
 */
export function selectReviewCandidates(workspaceId: string, since: string): SqlQuery {
  return sql(
    `SELECT order_no, coalesce(ordered_at, imported_at) AS ordered_at, phone, email, recipient_name, address1, postal_code, country FROM orders
      WHERE workspace_id = $1 AND status NOT IN ('invalid', 'cancelled', 'delivered') AND coalesce(ordered_at, imported_at) >= $2::timestamptz
      ORDER BY coalesce(ordered_at, imported_at), order_no`,
    [workspaceId, since],
  );
}

export type NewOrderLine = Omit<OrderLineDraft, 'sourceRow'> & { channelSku: string };
export type NewOrder = {
  orderNo: string;
  draft: OrderDraft;
  status: string;
  reviewNotes: string;
  reviewFlags: unknown[];
  lang: string;
  changeNo: number;
  lines: NewOrderLine[];
};

/**
 * One column array per field, read by `unnest` (far cheaper for the server than JSON: 10,000 orders and 20,000 lines
 * in ~0.5 s instead of ~1 s on PostgreSQL). A JavaScript null is an SQL NULL in the array.
 */
function columns<T>(rows: readonly T[], fields: readonly ((row: T) => unknown)[]): string[] {
  const out = fields.map(() => new Array<ArrayItem>(rows.length));
  rows.forEach((row, i) => fields.forEach((field, c) => (out[c]![i] = field(row) as ArrayItem)));
  // Each column as its array literal (db/array-params.ts): the driver's own escaping costs more than the insert.
  return out.map(arrayLiteral);
}

const ORDER_FIELDS: readonly ((o: NewOrder) => unknown)[] = [
  (o) => o.orderNo,
  (o) => o.draft.channel,
  (o) => o.draft.externalId,
  (o) => o.status,
  (o) => o.reviewNotes,
  (o) => JSON.stringify(o.reviewFlags ?? []),
  (o) => o.lang,
  (o) => o.draft.orderedAt?.utc ?? null,
  (o) => o.draft.orderedAt?.local ?? null,
  (o) => o.draft.orderedAt?.offset ?? null,
  (o) => o.draft.currency,
  (o) => o.draft.paymentMethod,
  (o) => o.draft.email,
  (o) => o.draft.phone,
  (o) => o.draft.recipient.name,
  (o) => o.draft.recipient.address1,
  (o) => o.draft.recipient.address2,
  (o) => o.draft.recipient.city,
  (o) => o.draft.recipient.province,
  (o) => o.draft.recipient.postalCode,
  (o) => o.draft.recipient.country,
  (o) => o.draft.totals.subtotal,
  (o) => o.draft.totals.shipping,
  (o) => o.draft.totals.tax,
  (o) => o.draft.totals.total,
  (o) => o.draft.totals.discount,
  (o) => o.draft.note,
  (o) => o.status === 'approved',
  (o) => o.changeNo,
];

export function insertOrders(workspaceId: string, orders: NewOrder[], at: Date, actor: string): SqlQuery {
  return sql(
    `INSERT INTO orders (workspace_id, order_no, channel, external_id, status, review_notes, review_flags, review_lang, ordered_at, ordered_at_local, ordered_at_offset,
        currency, payment_method, email, phone, recipient_name, address1, address2, city, province, postal_code, country,
        subtotal, shipping, tax, total, discount, note, approved_at, imported_at, version, change_no, updated_at, updated_by)
     SELECT $1, r.order_no, r.channel, r.external_id, r.status, r.review_notes, r.review_flags, r.review_lang, r.ordered_at, r.ordered_at_local, r.ordered_at_offset,
        r.currency, r.payment_method, r.email, r.phone, r.recipient_name, r.address1, r.address2, r.city, r.province, r.postal_code, r.country,
        r.subtotal, r.shipping, r.tax, r.total, r.discount, r.note, CASE WHEN r.approved THEN $2::timestamptz END, $2, 1, r.change_no, $2, $3
       FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[], $10::text[], $11::timestamptz[],
        $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[],
        $19::text[], $20::text[], $21::text[], $22::text[], $23::text[], $24::text[], $25::numeric[], $26::numeric[],
        $27::numeric[], $28::numeric[], $29::numeric[], $30::text[], $31::boolean[], $32::bigint[])
        AS r(order_no, channel, external_id, status, review_notes, review_flags, review_lang, ordered_at,
        ordered_at_local, ordered_at_offset, currency, payment_method, email, phone, recipient_name,
        address1, address2, city, province, postal_code, country, subtotal, shipping,
        tax, total, discount, note, approved, change_no)`,
    [workspaceId, at, actor, ...columns(orders, ORDER_FIELDS)],
  );
}

type LineRow = { orderNo: string; lineNo: number; line: NewOrderLine };
const LINE_FIELDS: readonly ((r: LineRow) => unknown)[] = [
  (r) => r.orderNo,
  (r) => r.lineNo,
  (r) => r.line.sku,
  (r) => r.line.channelSku,
  (r) => r.line.name,
  (r) => r.line.qty,
  (r) => r.line.unitPrice,
  (r) => r.line.fulfilment,
  (r) => r.line.keyedByName,
  (r) => r.line.lineTotal,
  (r) => r.line.customization,
];

export function insertOrderLines(workspaceId: string, orders: NewOrder[]): SqlQuery {
  const rows = orders.flatMap((o) => o.lines.map((line, i) => ({ orderNo: o.orderNo, lineNo: i + 1, line })));
  return sql(
    `INSERT INTO order_lines (workspace_id, order_no, line_no, sku, channel_sku, name, qty, unit_price, fulfilment, keyed_by_name, line_total, customization)
     SELECT $1, r.order_no, r.line_no, r.sku, r.channel_sku, r.name, r.qty, r.unit_price, r.fulfilment, r.keyed_by_name, r.line_total, r.customization
       FROM unnest($2::text[], $3::integer[], $4::text[], $5::text[], $6::text[], $7::integer[], $8::numeric[],
        $9::text[], $10::boolean[], $11::numeric[], $12::text[])
        AS r(order_no, line_no, sku, channel_sku, name, qty, unit_price, fulfilment, keyed_by_name, line_total, customization)`,
    [workspaceId, ...columns(rows, LINE_FIELDS)],
  );
}

/**
 * The import's events ("imported", one per order), written by the import itself like its orders: the same rows the
 * event log writes (before NULL, after as JSON). The afters go as one JSON array zipped with the order numbers by
 * ROWS FROM (as events/event-log.ts, and as there read as `json`, each element made `jsonb` on its own): one
 * JSON.stringify, not one per order quoted again in an array literal.
 */
export function insertImportedEvents(
  workspaceId: string,
  at: Date,
  actor: string,
  events: readonly { orderNo: string; after: unknown }[],
): SqlQuery {
  return sql(
    `INSERT INTO events (workspace_id, occurred_at, actor, entity, entity_key, action, before, after, correlation_id)
     SELECT $1, $2, $3, 'orders', r.order_no, 'imported', NULL, r.after::jsonb, 'order:' || r.order_no
       FROM ROWS FROM (unnest($4::text[]), json_array_elements($5::json)) AS r(order_no, after)`,
    [workspaceId, at, actor, arrayLiteral(events.map((e) => e.orderNo)), JSON.stringify(events.map((e) => e.after))],
  );
}

/** The orders a command acts on, locked in order-number order so concurrent commands never deadlock. */
export function selectOrdersForUpdate(workspaceId: string, orderNos: string[]): SqlQuery {
  return sql(
    `SELECT order_no, status, call_attempts, version FROM orders WHERE workspace_id = $1 AND order_no = ANY($2::text[]) ORDER BY order_no FOR UPDATE`,
    [workspaceId, arrayLiteral(orderNos)],
  );
}

/** What approving needs to know of each order: its review flags, and whether a call reached the customer. */
export function selectApprovalChecks(workspaceId: string, orderNos: string[]): SqlQuery {
  return sql(
    `SELECT o.order_no, o.review_flags,
            EXISTS (SELECT 1 FROM order_calls c
                     WHERE c.workspace_id = o.workspace_id AND c.order_no = o.order_no AND c.result = 'reached') AS reached
       FROM orders o WHERE o.workspace_id = $1 AND o.order_no = ANY($2::text[])`,
    [workspaceId, arrayLiteral(orderNos)],
  );
}

export type OrderUpdate = {
  order_no: string;
  status: string;
  call_attempts: number;
  approved: boolean;
  change_no: number;
};

export function updateOrderStatuses(workspaceId: string, updates: OrderUpdate[], at: Date, actor: string): SqlQuery {
  return sql(
    `UPDATE orders AS o SET status = r.status, call_attempts = r.call_attempts, version = o.version + 1, change_no = r.change_no,
            approved_at = CASE WHEN r.approved THEN $3 ELSE o.approved_at END, updated_at = $3, updated_by = $4,
            -- An order that stops holding stock (cancelled) no longer waits for any.
            waiting = CASE WHEN r.status IN ('approved', 'pending_purchase', 'pending_shipment') THEN o.waiting ELSE '[]'::jsonb END
       FROM json_to_recordset($2::json) AS r(order_no text, status text, call_attempts integer, approved boolean, change_no bigint)
      WHERE o.workspace_id = $1 AND o.order_no = r.order_no`,
    [workspaceId, JSON.stringify(updates), at, actor],
  );
}

export function insertCalls(
  workspaceId: string,
  calls: { order_no: string; result: string; note: string | null }[],
  at: Date,
  actor: string,
): SqlQuery {
  return sql(
    `INSERT INTO order_calls (workspace_id, order_no, called_at, actor, result, note)
     SELECT $1, r.order_no, $3, $4, r.result, r.note FROM json_to_recordset($2::json) AS r(order_no text, result text, note text)`,
    [workspaceId, JSON.stringify(calls), at, actor],
  );
}

/** Maps the lines of orders still in review to their product SKU, for the given channel SKUs. */
export function remapHeldLines(workspaceId: string, channelSkus: string[]): SqlQuery {
  return sql(
    `UPDATE order_lines AS l SET sku = m.sku
       FROM sku_mappings m, orders o
      WHERE l.workspace_id = $1 AND m.workspace_id = $1 AND o.workspace_id = $1
        AND l.channel_sku = ANY($2::text[]) AND m.channel_sku = l.channel_sku AND o.order_no = l.order_no
        AND o.status IN ('pending_review', 'pending_contact') AND l.sku <> m.sku
     RETURNING l.order_no`,
    [workspaceId, arrayLiteral(channelSkus)],
  );
}

/** Orders in review with a line of one of these SKUs (or channel SKUs): their flags, language and lines as the SKU checks see them. */
export function selectHeldOrders(workspaceId: string, skus: string[]): SqlQuery {
  return sql(
    `SELECT o.order_no, o.review_flags, o.review_lang,
            json_agg(json_build_object('sku', l.sku, 'channelSku', l.channel_sku, 'keyedByName', l.keyed_by_name, 'fulfilment', l.fulfilment)
                     ORDER BY l.line_no) AS lines
       FROM orders o JOIN order_lines l ON l.workspace_id = o.workspace_id AND l.order_no = o.order_no
      WHERE o.workspace_id = $1 AND o.status IN ('pending_review', 'pending_contact')
        AND o.order_no IN (SELECT order_no FROM order_lines WHERE workspace_id = $1 AND (sku = ANY($2::text[]) OR channel_sku = ANY($2::text[])))
      GROUP BY o.order_no, o.review_flags, o.review_lang`,
    [workspaceId, arrayLiteral(skus)],
  );
}

export function updateReviews(
  workspaceId: string,
  updates: { order_no: string; review_flags: unknown[]; review_notes: string; change_no: number }[],
  at: Date,
  actor: string,
): SqlQuery {
  return sql(
    `UPDATE orders AS o SET review_flags = r.review_flags, review_notes = r.review_notes, version = o.version + 1, change_no = r.change_no, updated_at = $3, updated_by = $4
       FROM json_to_recordset($2::json) AS r(order_no text, review_flags jsonb, review_notes text, change_no bigint)
      WHERE o.workspace_id = $1 AND o.order_no = r.order_no`,
    [workspaceId, JSON.stringify(updates), at, actor],
  );
}

/** Units of order lines that left in shipped parcels (the CHECK refuses more than was ordered). */
export function addShippedQty(
  workspaceId: string,
  rows: { order_no: string; line_no: number; qty: number }[],
): SqlQuery {
  return sql(
    `UPDATE order_lines AS l SET shipped_qty = l.shipped_qty + r.qty
       FROM (SELECT order_no, line_no, sum(qty)::int AS qty
               FROM json_to_recordset($2::json) AS x(order_no text, line_no integer, qty integer)
              GROUP BY order_no, line_no) r
      WHERE l.workspace_id = $1 AND l.order_no = r.order_no AND l.line_no = r.line_no`,
    [workspaceId, JSON.stringify(rows)],
  );
}

/** Which of these orders have shipped every line we ship (gift cards and channel-shipped lines aside). */
export function selectFullyShipped(workspaceId: string, orderNos: string[]): SqlQuery {
  return sql(
    `SELECT order_no FROM order_lines
      WHERE workspace_id = $1 AND order_no = ANY($2::text[]) AND fulfilment = 'crossdock'
      GROUP BY order_no HAVING bool_and(shipped_qty >= qty)`,
    [workspaceId, arrayLiteral(orderNos)],
  );
}
