import fc from 'fast-check';
import type { OrderLineDraft } from '../../domain/orders/order-draft';
import type { Database } from '../../sync-server/db/database';
import { insertEvents } from '../../sync-server/events/event-log';
import {
  insertImportedEvents,
  insertOrderLines,
  insertOrders,
  type NewOrder,
} from '../../sync-server/orders/order-sql';
import { DATABASE_KINDS } from '../support/databases';
import { openTestDatabase } from '../support/databases';

/**
 * The import writes its orders, lines and "imported" events with unnest() arrays instead of one JSON document:
 * the rows stored must be the very rows the JSON statements stored (kept here as the oracle), for any text
 * (quotes, backslashes, braces, commas, NULL-looking words, non-Latin), nulls, flags and amounts.
 */
function oldInsertOrders(workspaceId: string, orders: NewOrder[], at: Date, actor: string) {
  const rows = orders.map(({ orderNo, draft: d, status, reviewNotes, reviewFlags, lang, changeNo }) => ({
    order_no: orderNo,
    channel: d.channel,
    external_id: d.externalId,
    status,
    review_notes: reviewNotes,
    review_flags: reviewFlags,
    review_lang: lang,
    ordered_at: d.orderedAt?.utc ?? null,
    ordered_at_local: d.orderedAt?.local ?? null,
    ordered_at_offset: d.orderedAt?.offset ?? null,
    currency: d.currency,
    payment_method: d.paymentMethod,
    email: d.email,
    phone: d.phone,
    recipient_name: d.recipient.name,
    address1: d.recipient.address1,
    address2: d.recipient.address2,
    city: d.recipient.city,
    province: d.recipient.province,
    postal_code: d.recipient.postalCode,
    country: d.recipient.country,
    subtotal: d.totals.subtotal,
    shipping: d.totals.shipping,
    tax: d.totals.tax,
    total: d.totals.total,
    discount: d.totals.discount,
    note: d.note,
    approved_at: status === 'approved' ? at.toISOString() : null,
    change_no: changeNo,
  }));
  return {
    text: `INSERT INTO orders (workspace_id, order_no, channel, external_id, status, review_notes, review_flags, review_lang, ordered_at, ordered_at_local, ordered_at_offset,
        currency, payment_method, email, phone, recipient_name, address1, address2, city, province, postal_code, country,
        subtotal, shipping, tax, total, discount, note, approved_at, imported_at, version, change_no, updated_at, updated_by)
     SELECT $1, r.order_no, r.channel, r.external_id, r.status, r.review_notes, coalesce(r.review_flags, '[]'), r.review_lang, r.ordered_at, r.ordered_at_local, r.ordered_at_offset,
        r.currency, r.payment_method, r.email, r.phone, r.recipient_name, r.address1, r.address2, r.city, r.province, r.postal_code, r.country,
        r.subtotal, r.shipping, r.tax, r.total, r.discount, r.note, r.approved_at, $3, 1, r.change_no, $3, $4
       FROM json_to_recordset($2::json) AS r(order_no text, channel text, external_id text, status text, review_notes text, review_flags jsonb, review_lang text, ordered_at timestamptz,
        ordered_at_local text, ordered_at_offset text, currency text, payment_method text, email text, phone text, recipient_name text,
        address1 text, address2 text, city text, province text, postal_code text, country text, subtotal numeric, shipping numeric,
        tax numeric, total numeric, discount numeric, note text, approved_at timestamptz, change_no bigint)`,
    values: [workspaceId, JSON.stringify(rows), at, actor],
  };
}

function oldInsertOrderLines(workspaceId: string, orders: NewOrder[]) {
  const rows = orders.flatMap((o) =>
    o.lines.map((line, i) => ({
      order_no: o.orderNo,
      line_no: i + 1,
      sku: line.sku,
      channel_sku: line.channelSku,
      name: line.name,
      qty: line.qty,
      unit_price: line.unitPrice,
      fulfilment: line.fulfilment,
      keyed_by_name: line.keyedByName,
      line_total: line.lineTotal,
      customization: line.customization,
    })),
  );
  return {
    text: `INSERT INTO order_lines (workspace_id, order_no, line_no, sku, channel_sku, name, qty, unit_price, fulfilment, keyed_by_name, line_total, customization)
     SELECT $1, r.order_no, r.line_no, r.sku, r.channel_sku, r.name, r.qty, r.unit_price, r.fulfilment, r.keyed_by_name, r.line_total, r.customization
       FROM json_to_recordset($2::json) AS r(order_no text, line_no integer, sku text, channel_sku text, name text, qty integer, unit_price numeric,
        fulfilment text, keyed_by_name boolean, line_total numeric, customization text)`,
    values: [workspaceId, JSON.stringify(rows)],
  };
}

const text = fc.oneof(
  fc.constantFrom('', 'NULL', 'null', '{a,b}', 'say "hi"', 'back\\slash', '北京市 朝阳区', 'a,b', ' padded ', "it's"),
  fc.string({ maxLength: 12 }).filter((s) => !s.includes('\0')),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const amount = maybe(fc.constantFrom('0', '0.00', '12.5', '-3.25', '1234567.8900', '39.99'));
const line = fc.record({
  sku: text,
  channelSku: text,
  name: maybe(text),
  qty: fc.integer({ min: 1, max: 1_000_000 }),
  unitPrice: amount,
  lineTotal: amount,
  fulfilment: fc.constantFrom('crossdock' as const, 'none' as const, 'channel' as const),
  keyedByName: fc.boolean(),
  customization: maybe(text),
});
const order = fc.record({
  status: fc.constantFrom('pending_review', 'pending_contact', 'approved', 'cancelled', 'shipped'),
  reviewNotes: text,
  reviewFlags: fc.array(fc.record({ code: text, contact: fc.boolean(), params: fc.dictionary(text, text) }), {
    maxLength: 3,
  }),
  lang: fc.constantFrom('en', 'zh'),
  draft: fc.record({
    channel: fc.constantFrom('shopify' as const, 'amazon' as const, 'template' as const, 'manual' as const),
    externalId: text,
    orderedAt: maybe(
      fc.record({
        utc: fc.constantFrom('2026-10-01T08:12:40.000Z', '2026-03-29T01:30:00.000Z'),
        local: fc.constantFrom('2026-10-01T09:12:40', '2026-03-29T02:30:00'),
        offset: maybe(fc.constantFrom('+01:00', '-05:30', 'Z')),
      }),
    ),
    currency: maybe(fc.constantFrom('GBP', 'JPY', 'USD')),
    paymentMethod: fc.constantFrom('prepaid' as const, 'cod' as const),
    email: maybe(text),
    phone: maybe(text),
    recipient: fc.record({
      name: maybe(text),
      address1: maybe(text),
      address2: maybe(text),
      city: maybe(text),
      province: maybe(text),
      postalCode: maybe(text),
      country: maybe(text),
    }),
    totals: fc.record({ subtotal: amount, shipping: amount, tax: amount, total: amount, discount: amount }),
    note: maybe(text),
    closedBy: maybe(fc.constantFrom('cancelled' as const, 'fulfilled' as const)),
    financialStatus: fc.constant(null),
    cancellationRequest: fc.constant(null),
    lines: fc.constant([] as OrderLineDraft[]),
  }),
  lines: fc.array(line, { minLength: 1, maxLength: 3 }),
});

const ORDER_COLUMNS = `order_no, channel, external_id, status, review_notes, review_flags, review_lang, call_attempts,
  ordered_at, ordered_at_local, ordered_at_offset, currency, payment_method, email, phone, recipient_name, address1,
  address2, city, province, postal_code, country, subtotal::text, shipping::text, tax::text, total::text,
  discount::text, note, approved_at, imported_at, version, change_no, updated_at, updated_by, status_since`;

async function stored(db: Database, workspaceId: string) {
  const q = (text: string) => db.pool.query(text, [workspaceId]).then((r) => r.rows);
  return {
    orders: await q(`SELECT ${ORDER_COLUMNS} FROM orders WHERE workspace_id = $1 ORDER BY order_no`),
    lines: await q(
      `SELECT order_no, line_no, sku, channel_sku, name, qty, unit_price::text, fulfilment, keyed_by_name, line_total::text, customization, shipped_qty
         FROM order_lines WHERE workspace_id = $1 ORDER BY order_no, line_no`,
    ),
    events: await q(
      `SELECT occurred_at, actor, entity, entity_key, action, before, after, correlation_id
         FROM events WHERE workspace_id = $1 ORDER BY id`,
    ),
  };
}

describe.each(DATABASE_KINDS)('order insert statements, on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await openTestDatabase(kind));
  });
  afterAll(async () => {
    await dispose();
  });

  test('unnest arrays store exactly the rows the JSON statements stored', async () => {
    let run = 0;
    const at = new Date('2026-11-30T12:00:00.123Z');
    await fc.assert(
      fc.asyncProperty(fc.array(order, { minLength: 1, maxLength: 6 }), async (drafts) => {
        run += 1;
        const orders: NewOrder[] = drafts.map((o, i) => ({
          ...o,
          orderNo: `N-${i}`,
          changeNo: 100 + i,
          // One order per (channel, external id), as the import guarantees.
          draft: { ...o.draft, externalId: `${o.draft.externalId}|${i}` },
        }));
        const [oldWs, newWs] = [`ws_old_${run}`, `ws_new_${run}`];
        for (const id of [oldWs, newWs])
          await db.pool.query(`INSERT INTO workspaces (id, name) VALUES ($1, 'T')`, [id]);
        const events = orders.map((o) => ({
          orderNo: o.orderNo,
          after: {
            status: o.status,
            review: o.reviewNotes,
            externalId: o.draft.externalId,
            closedBy: o.draft.closedBy,
          },
        }));
        for (const q of [
          oldInsertOrders(oldWs, orders, at, 'cs@shop.test'),
          oldInsertOrderLines(oldWs, orders),
          insertEvents(
            oldWs,
            at,
            events.map((e) => ({
              actor: 'cs@shop.test',
              entity: 'orders',
              entityKey: e.orderNo,
              action: 'imported',
              before: null,
              after: e.after,
              correlationId: `order:${e.orderNo}`,
            })),
          ),
          insertOrders(newWs, orders, at, 'cs@shop.test'),
          insertOrderLines(newWs, orders),
          insertImportedEvents(newWs, at, 'cs@shop.test', events),
        ])
          await db.pool.query(q.text, q.values);
        expect(await stored(db, newWs)).toEqual(await stored(db, oldWs));
      }),
      { numRuns: 25, endOnFailure: true },
    );
  });
});
