import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_KINDS } from '../support/databases';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { approve, seedCatalog, stockOf } from '../support/inventory-fixture';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'orders');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const shopify = read('shopify-real-patterns.csv');

type Row = { key: string; values: Record<string, string | number | null> };

describe.each(DATABASE_KINDS)('real shop exports, on %s', (kind) => {
  let api: ApiHarness;
  let ws: Awaited<ReturnType<ApiHarness['workspace']>>;
  let cs: string;
  beforeAll(async () => {
    api = await startApiHarness(kind);
  });
  afterAll(async () => {
    await api.close();
  });
  beforeEach(async () => {
    ws = await api.workspace();
    cs = await ws.keyFor('cs@shop.test', ['cs']);
    await seedCatalog(api, ws, {
      skus: ['PC-BLK-01', 'CB-USBC-1M', 'PB-10K', 'MUG-NAME'],
      warehouses: [{ code: 'UK1', countries: [], rank: 1 }],
      stock: { 'PB-10K@UK1': 5, 'PC-BLK-01@UK1': 5 },
    });
  });
  const importFile = (format: string, text: string, lang = 'en') =>
    api.call('POST', '/v1/orders/import', { key: cs, body: { format, text, lang } });
  const orders = async (lang = 'en') => {
    const pulled = await api.call('GET', `/v1/sync/pull?since=0&tables=order_rows&lang=${lang}`, { key: cs });
    return new Map((pulled.body.changes.order_rows as Row[]).map((r) => [r.key, r.values]));
  };

  test('a Shopify export imports every complete line; closed orders arrive closed; nothing the shop closed asks for work', async () => {
    const answer = await importFile('shopify', shopify);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ imported: 11, skipped: 0, rejected: 1, skippedBecause: {} });
    const status = Object.fromEntries(
      answer.body.orders.map((o: { orderNo: string; status: string }) => [o.orderNo, o.status]),
    );
    expect(status).toEqual({
      'SH-2001': 'pending_review',
      'SH-2002': 'pending_review',
      'SH-2003': 'cancelled',
      'SH-2004': 'pending_review',
      'SH-2005': 'cancelled',
      'SH-2006': 'cancelled',
      'SH-2007': 'shipped',
      'SH-2008': 'shipped',
      'SH-2009': 'pending_review',
      'SH-2010': 'pending_review',
      'SH-2011': 'pending_review',
    });
    const review = Object.fromEntries(
      answer.body.orders.map((o: { orderNo: string; review: string }) => [o.orderNo, o.review]),
    );
    // A paid order is not the duplicate of the same customer's cancelled checkout just before it.
    expect(review['SH-2004']).toBe('');
    expect(review['SH-2008']).toBe('fulfilled by Shopify before import (not from our stock)');
    expect(review['SH-2010']).toBe('');

    const rows = await orders('zh');
    expect(rows.get('SH-2002/1')).toMatchObject({ product: 'Gift Card - £50', shipped_by: '无需发货' });
    expect(rows.get('SH-2007/1')).toMatchObject({ shipped_by: '渠道已发货', status: 'shipped' });
    expect(rows.get('SH-2001/1')).toMatchObject({
      sku: 'Classic Tee - Red / M',
      postal_code: '02134',
      phone: '+1 617-253-1000',
      shipped_by: '',
    });
    expect(String(rows.get('SH-2001/1')!.review_notes)).toContain('"Classic Tee - Red / M" 没有 SKU');
    const events = await api.call('GET', '/v1/events?entity=orders&key=SH-2007', { key: cs });
    expect(events.body.events[0].after).toMatchObject({ status: 'shipped', closedBy: 'fulfilled' });
  });

  test('a gift card is never reserved: approving its order reserves the rest, and the ledger stays clean', async () => {
    await importFile('shopify', shopify);
    const moved = await approve(api, cs, ['SH-2002']);
    expect(moved.body.results).toEqual([expect.objectContaining({ orderNo: 'SH-2002', to: 'pending_shipment' })]);
    expect((await stockOf(api, cs))['PB-10K@UK1']).toMatchObject({ reserved: 1, available: 4 });
    const held = await api.db.pool.query(
      `SELECT l.sku, coalesce(sum(r.qty), 0)::int AS held FROM order_lines l LEFT JOIN reservations r ON r.workspace_id = l.workspace_id AND r.order_no = l.order_no AND r.line_no = l.line_no AND r.released_at IS NULL WHERE l.workspace_id = $1 AND l.order_no = 'SH-2002' GROUP BY l.sku ORDER BY l.sku`,
      [ws.id],
    );
    expect(held.rows).toEqual([
      { sku: 'Gift Card - £50', held: 0 },
      { sku: 'PB-10K', held: 1 },
    ]);
    const check = await api.call('GET', '/v1/stock/check', { key: cs });
    expect(check.body.mismatches).toEqual([]);
  });

  test('a SKU mapping from a product name resolves a line sold without a SKU', async () => {
    await importFile('shopify', shopify);
    const mapped = await api.call('POST', '/v1/sync/push', {
      key: cs,
      body: {
        clientId: 'cs-map-1',
        mutationId: 1,
        tables: { sku_mappings: [{ key: 'Classic Tee - Red / M', baseVersion: null, values: { sku: 'PC-BLK-01' } }] },
      },
    });
    expect(mapped.body.results.sku_mappings[0].status).toBe('applied');
    const row = (await orders()).get('SH-2001/1')!;
    expect(row).toMatchObject({ sku: 'PC-BLK-01', review_notes: '' });
    // Re-pointed to another product: the review text stays empty, and the sheet still sees the new SKU.
    const repointed = await api.call('POST', '/v1/sync/push', {
      key: cs,
      body: {
        clientId: 'cs-map-1',
        mutationId: 2,
        tables: { sku_mappings: [{ key: 'Classic Tee - Red / M', baseVersion: 1, values: { sku: 'PB-10K' } }] },
      },
    });
    expect(repointed.body.results.sku_mappings[0].status).toBe('applied');
    const since = (mapped.body as { cursor: number }).cursor;
    const pulled = await api.call('GET', `/v1/sync/pull?since=${since}&tables=order_rows`, { key: cs });
    expect(pulled.body.changes.order_rows.map((r: Row) => [r.key, r.values.sku])).toEqual([
      ['SH-2001/1', 'PB-10K'],
      ['SH-2001/2', 'PC-BLK-01'],
    ]);
    expect(await approve(api, cs, ['SH-2001'])).toMatchObject({
      body: { results: [expect.objectContaining({ to: 'pending_shipment' })] },
    });
  });

  test('a workspace that skips closed orders gets them counted by reason; a second import counts them again, nothing changes', async () => {
    const settings = await api.call('GET', '/v1/settings/review', { key: cs });
    expect(
      (
        await api.call('POST', '/v1/settings/review', {
          key: cs,
          body: { ...settings.body, importClosedOrders: false },
        })
      ).status,
    ).toBe(200);
    // A script written before the setting existed leaves it out: the workspace keeps its choice.
    const { importClosedOrders: _left, ...older } = (await api.call('GET', '/v1/settings/review', { key: cs })).body;
    expect((await api.call('POST', '/v1/settings/review', { key: cs, body: older })).body.importClosedOrders).toBe(
      false,
    );
    const first = await importFile('shopify', shopify);
    expect(first.body).toMatchObject({
      imported: 6,
      skipped: 5,
      skippedBecause: { cancelled: 1, refunded: 1, expired: 1, fulfilled: 2 },
    });
    expect(first.body.skippedOrders).toEqual(['SH-2003', 'SH-2005', 'SH-2006', 'SH-2007', 'SH-2008']);
    const again = await importFile('shopify', shopify);
    expect(again.body).toMatchObject({
      imported: 0,
      skipped: 11,
      skippedBecause: { already_imported: 6, cancelled: 1, refunded: 1, expired: 1, fulfilled: 2 },
    });
    const count = await api.db.pool.query(`SELECT count(*)::int AS n FROM orders WHERE workspace_id = $1`, [ws.id]);
    expect(count.rows[0].n).toBe(6);
  });

  test("Amazon: Japanese addresses pass review; the line's price and personalisation are kept; cancellation requests are flagged", async () => {
    const jp = await importFile('amazon', read('amazon-jp-unshipped-orders.txt'));
    expect(jp.body).toMatchObject({ imported: 3, rejected: 0 });
    const review = Object.fromEntries(
      jp.body.orders.map((o: { orderNo: string; review: string }) => [o.orderNo, o.review]),
    );
    expect(review['AMZ-503-1234567-1000001']).toBe('');
    expect(review['AMZ-503-1234567-1000002']).toBe('the buyer asked to cancel (reason: 注文を間違えました)');
    const rows = await orders();
    expect(rows.get('AMZ-503-1234567-1000001/1')).toMatchObject({
      recipient_name: '山田 太郎',
      province: '東京都',
      city: null,
      qty: 2,
    });
    expect(rows.get('AMZ-503-1234567-1000002/2')!.note).toBe(
      'personalised: https://zme-caps.amazon.com/t/Xy7Qp2/ABCD1234/1',
    );

    const report = await importFile('amazon', read('amazon-order-report.txt'));
    expect(report.body).toMatchObject({ imported: 1, rejected: 0 });
    const lines = await api.db.pool.query(
      `SELECT sku, qty, unit_price::text, line_total::text FROM order_lines WHERE workspace_id = $1 AND order_no = 'AMZ-202-1111111-2000001' ORDER BY line_no`,
      [ws.id],
    );
    expect(lines.rows).toEqual([
      { sku: 'PC-BLK-01', qty: 2, unit_price: '14.99', line_total: '29.98' },
      { sku: 'CB-USBC-1M', qty: 3, unit_price: '3.3333', line_total: '10' },
    ]);
  });

  test("a template order numbered like another channel's order is refused by row, never a 500", async () => {
    await importFile('shopify', shopify);
    const text = ['Order no.,SKU,Qty,Country', 'SH-2001,PB-10K,1,GB', 'T-9,PB-10K,1,GB'].join('\n');
    const answer = await importFile('template', text);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      imported: 1,
      rejected: 1,
      rejectedRows: [{ row: 2, field: 'order_no', code: 'order_no_taken' }],
    });
    expect(answer.body.rejectedRows[0].message).toContain(
      'order number SH-2001 is already the number of another order',
    );
  });

  test('a note that looks like a formula comes back as text over the API', async () => {
    const text = ['Order no.,SKU,Qty,Country,Note', 'N-1,PB-10K,1,GB,=HYPERLINK("http://evil.test")'].join('\n');
    expect((await importFile('template', text)).body).toMatchObject({ imported: 1 });
    expect((await orders()).get('N-1/1')!.note).toBe('=HYPERLINK("http://evil.test")');
  });
});
