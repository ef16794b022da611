import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { DATABASE_KINDS } from '../support/databases';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { japaneseReportText } from '../support/japanese-report';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'orders');
const shopify = fs.readFileSync(path.join(FIXTURES, 'shopify-orders-export.csv'), 'utf8');
const amazon = fs.readFileSync(path.join(FIXTURES, 'amazon-unshipped-orders.txt'), 'utf8');
const JP_REPORT = japaneseReportText();

describe.each(DATABASE_KINDS)('order import over HTTP, on %s', (kind) => {
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
  });

  const importFile = (format: string, text: string, key = cs, lang = 'en') =>
    api.call('POST', '/v1/orders/import', { key, body: { format, text, lang } });

  test('both sample files import; importing again changes nothing and says so', async () => {
    await api.call('POST', '/v1/sync/push', {
      key: ws.adminKey,
      body: {
        clientId: 'catalog-seed',
        mutationId: 1,
        tables: {
          products: ['PC-BLK-01', 'CB-USBC-1M', 'PB-10K', 'NP-SET-12'].map((sku) => ({
            key: sku,
            baseVersion: null,
            values: { name_en: sku },
          })),
        },
      },
    });
    const first = await importFile('shopify', shopify);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ imported: 5, skipped: 0, rejected: 0 });
    const byNo = Object.fromEntries(first.body.orders.map((o: { orderNo: string }) => [o.orderNo, o]));
    expect(byNo['SH-1003']).toMatchObject({
      status: 'pending_contact',
      review: expect.stringContaining('cash on delivery'),
    });
    expect(byNo['SH-1004'].review).toContain('possible duplicate of SH-1001');
    expect(byNo['SH-1002']).toMatchObject({ status: 'pending_review', review: '' });
    const again = await importFile('shopify', shopify);
    expect(again.body).toMatchObject({
      imported: 0,
      skipped: 5,
      rejected: 0,
      skippedOrders: ['SH-1001', 'SH-1002', 'SH-1003', 'SH-1004', 'SH-1005'],
    });
    const amazonAnswer = await importFile('amazon', amazon, cs, 'zh');
    expect(amazonAnswer.body).toMatchObject({ imported: 2, skipped: 0, rejected: 0 });
    expect(amazonAnswer.body.orders[1].review).toContain('缺少电话');

    const events = await api.call('GET', '/v1/events?entity=orders&key=SH-1003', { key: cs });
    expect(events.body.events).toEqual([
      expect.objectContaining({
        action: 'imported',
        actor: 'cs@shop.test',
        correlationId: 'order:SH-1003',
        after: expect.objectContaining({ status: 'pending_contact', lines: 1 }),
      }),
    ]);
    const lines = await api.db.pool.query(
      `SELECT order_no, line_no, sku, qty, unit_price::text FROM order_lines WHERE workspace_id = $1 AND order_no = 'SH-1001' ORDER BY line_no`,
      [ws.id],
    );
    expect(lines.rows).toEqual([
      { order_no: 'SH-1001', line_no: 1, sku: 'PC-BLK-01', qty: 2, unit_price: '14.99' },
      { order_no: 'SH-1001', line_no: 2, sku: 'CB-USBC-1M', qty: 1, unit_price: '15.99' },
    ]);
  });

  test('a refused row leaves its whole order out, and says why per row', async () => {
    const text = [
      'order_no,sku,qty,unit_price,country',
      'T-1,MUG,1,2.5,US',
      'T-2,MUG,2,2.5,US',
      'T-2,,1,1,US',
      'T-3,MUG,x,1,US',
    ].join('\n');
    const answer = await importFile('template', text);
    expect(answer.body).toMatchObject({ imported: 1, skipped: 0, rejected: 2 });
    expect(answer.body.rejectedRows.map((r: { row: number; code: string }) => [r.row, r.code])).toEqual([
      [3, 'order_left_out'],
      [4, 'missing_sku'],
      [5, 'bad_qty'],
    ]);
    const stored = await api.db.pool.query(`SELECT order_no FROM orders WHERE workspace_id = $1 ORDER BY order_no`, [
      ws.id,
    ]);
    expect(stored.rows.map((r) => r.order_no)).toEqual(['T-1']);
  });

  test('rows typed into the sheet import as manual orders, once; unknown entry fields are named', async () => {
    const entries = [
      {
        row: 7,
        values: { order_no: 'T-1', sku: 'PC-BLK-01', qty: '2', unit_price: '9.5', currency: 'EUR', country: 'FR' },
      },
      { row: 8, values: { order_no: 'T-1', sku: 'CB-USBC-1M', qty: '1' } },
      { row: 9, values: { order_no: 'T-2', sku: '', qty: '1' } },
    ];
    const first = await api.call('POST', '/v1/orders/entries', { key: cs, body: { lang: 'en', entries } });
    expect(first.body).toMatchObject({
      imported: 1,
      skipped: 0,
      rejected: 1,
      orders: [{ orderNo: 'M-T-1', externalId: 'T-1' }],
    });
    expect(first.body.rejectedRows).toEqual([expect.objectContaining({ row: 9, orderId: 'T-2', field: 'sku' })]);
    const again = await api.call('POST', '/v1/orders/entries', {
      key: cs,
      body: { lang: 'en', entries: entries.slice(0, 2) },
    });
    expect(again.body).toMatchObject({ imported: 0, skipped: 1, skippedOrders: ['M-T-1'] });
    const odd = await api.call('POST', '/v1/orders/entries', {
      key: cs,
      body: { entries: [{ row: 2, values: { order_no: 'T-3', colour: 'red' } }] },
    });
    expect(odd.status).toBe(400);
    expect(JSON.stringify(odd.body)).toContain('colour');
    const refused = await api.call('POST', '/v1/orders/entries', { key: ws.adminKey, body: { entries } });
    expect(refused.status).toBe(200); // admin may do what customer service does
  });

  test('a file of several chunks: skips, refusals, duplicates and change numbers as in one piece', async () => {
    // 2,350 orders: the import assembles, looks up, reviews and writes them 1,000 at a time.
    const row = (n: number, fields: { qty?: string; email?: string; address?: string } = {}) =>
      [
        `B-${n}`,
        '2026-11-02 10:00',
        'MUG',
        fields.qty ?? '1',
        `Buyer ${n}`,
        fields.email ?? `b${n}@shop.test`,
        fields.address ?? `${n} Long Street`,
        'Springfield',
        '12345',
        'US',
      ].join(',');
    const header = 'order_no,order_date,sku,qty,recipient,email,address1,city,postal_code,country';
    expect((await importFile('template', [header, row(2100)].join('\n'))).body).toMatchObject({ imported: 1 });
    const rows = [header];
    for (let n = 1; n <= 2350; n++) {
      if (n === 1200)
        rows.push(row(n, { qty: 'x' })); // refused in the second chunk
      else if (n === 1500)
        rows.push(row(n, { email: 'b5@shop.test', address: '5 Long Street' })); // B-5's twin
      else rows.push(row(n));
      if (n === 700) rows.push(',,MUG,1'); // a row without an order number
    }
    const answer = await importFile('template', rows.join('\n'));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ imported: 2348, skipped: 1, skippedOrders: ['B-2100'], rejected: 2 });
    expect(answer.body.rejectedRows.map((r: { row: number; code: string }) => [r.row, r.code])).toEqual([
      [702, 'missing_order_id'],
      [1202, 'bad_qty'],
    ]);
    const byNo = new Map(answer.body.orders.map((o: { orderNo: string; review: string }) => [o.orderNo, o.review]));
    expect(byNo.get('B-1500')).toContain('possible duplicate of B-5 (same email, similar address)');
    expect([...byNo.values()].filter((review) => String(review).includes('duplicate'))).toHaveLength(1);
    expect(answer.body.orders.map((o: { orderNo: string }) => o.orderNo)).toEqual(
      Array.from({ length: 2350 }, (_, i) => `B-${i + 1}`).filter((no) => no !== 'B-1200' && no !== 'B-2100'),
    );
    // Change numbers follow the file's order across chunks; one "imported" event per order.
    const stored = await api.db.pool.query(
      `SELECT order_no, change_no::int AS change_no FROM orders WHERE workspace_id = $1 AND order_no <> 'B-2100'
        ORDER BY change_no`,
      [ws.id],
    );
    expect(stored.rows.map((r) => r.order_no)).toEqual(answer.body.orders.map((o: { orderNo: string }) => o.orderNo));
    const first = stored.rows[0].change_no;
    expect(stored.rows.every((r, i) => r.change_no === first + i)).toBe(true);
    const events = await api.db.pool.query(
      `SELECT count(*)::int AS n FROM events WHERE workspace_id = $1 AND entity = 'orders' AND action = 'imported'`,
      [ws.id],
    );
    expect(events.rows[0].n).toBe(2349);
  });

  test('an undated order is checked against recent open orders, even when the file dates its others later', async () => {
    const day = (offset: number) =>
      new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 16).replace('T', ' ');
    const header = 'order_no,order_date,sku,qty,recipient,email,address1,city,postal_code,country';
    const line = (no: string, date: string, email: string) =>
      `${no},${date},MUG,1,Buyer ${no},${email},1 Long Street,Springfield,12345,US`;
    expect((await importFile('template', [header, line('D-1', day(-2), 'twin@shop.test')].join('\n'))).status).toBe(
      200,
    );
    // D-3 is dated 13 days ahead (a zone-less time read as UTC can be ahead); D-2, undated, counts as of now.
    const answer = await importFile(
      'template',
      [header, line('D-3', day(13), 'other@shop.test'), line('D-2', '', 'twin@shop.test')].join('\n'),
    );
    const review = new Map(answer.body.orders.map((o: { orderNo: string; review: string }) => [o.orderNo, o.review]));
    expect(review.get('D-2')).toContain('possible duplicate of D-1');
    expect(review.get('D-3')).not.toContain('duplicate');
  });

  test('an order number with a NUL character is refused by row, never a 500', async () => {
    const answer = await api.call('POST', '/v1/orders/entries', {
      key: cs,
      body: {
        entries: [
          { row: 1, values: { order_no: '\u0000' } },
          { row: 2, values: { order_no: 'E-1', sku: 'MUG', qty: '1' } },
        ],
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ imported: 1, rejected: 1 });
    const file = await importFile('template', 'order_no,sku,qty\nT\u0000,MUG,1\nT-9,MUG,1');
    expect(file.status).toBe(200);
    expect(file.body).toMatchObject({ imported: 1, rejected: 1 });
  });

  test('two orders of one file with one order number ("#1001" and "1001"): the second is refused by row', async () => {
    const [header, first] = shopify.split(/\r?\n/);
    const twin = first!.replace(/^#1001,/, '1001,');
    const answer = await importFile('shopify', [header, first, twin].join('\n'));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ imported: 1, rejected: 1 });
    expect(answer.body.rejectedRows).toEqual([
      expect.objectContaining({ row: 3, orderId: '1001', code: 'order_no_taken' }),
    ]);
  });

  test('bad files and the wrong role are refused with nothing stored', async () => {
    const wrongFormat = await importFile('shopify', amazon);
    expect(wrongFormat.status).toBe(400);
    expect(wrongFormat.body.error).toMatchObject({
      code: 'unreadable_file',
      message: expect.stringContaining('missing columns'),
    });
    expect((await importFile('ebay', shopify)).status).toBe(400);
    const sales = await ws.keyFor('sales@shop.test', ['sales']);
    expect((await importFile('shopify', shopify, sales)).status).toBe(403);
    const count = await api.db.pool.query(`SELECT count(*)::int AS n FROM orders WHERE workspace_id = $1`, [ws.id]);
    expect(count.rows[0].n).toBe(0);
  });

  test('an Amazon.co.jp report sent as Shift_JIS bytes is decoded and stored without changing a character', async () => {
    const answer = await api.call('POST', '/v1/orders/import', {
      key: cs,
      body: { format: 'amazon', data: iconv.encode(JP_REPORT, 'cp932').toString('base64') },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ imported: 1, skipped: 0, rejected: 0 });
    const stored = await api.db.pool.query(
      `SELECT o.recipient_name, o.address1, o.address2, o.city, o.province, l.name FROM orders o
       JOIN order_lines l ON l.workspace_id = o.workspace_id AND l.order_no = o.order_no WHERE o.workspace_id = $1`,
      [ws.id],
    );
    expect(stored.rows).toEqual([
      {
        recipient_name: '髙﨑 太郎',
        address1: '丸の内1-1-1',
        address2: '㈱クロスドック ５階',
        city: '千代田区',
        province: '東京都',
        name: 'モバイルバッテリー（ブラック）①',
      },
    ]);
  });

  test('bytes that do not decode cleanly are refused with 400 and nothing is stored', async () => {
    const bytes = Buffer.concat([iconv.encode(JP_REPORT, 'cp932'), Buffer.from([0x81, 0x20, 0x0a])]);
    const answer = await api.call('POST', '/v1/orders/import', {
      key: cs,
      body: { format: 'amazon', data: bytes.toString('base64'), lang: 'zh' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 'undecodable_file',
      message: expect.stringContaining(`位置 ${bytes.length - 3} 的字节 0x81`),
    });
    const wrong = await api.call('POST', '/v1/orders/import', {
      key: cs,
      body: { format: 'amazon', data: iconv.encode(JP_REPORT, 'cp932').toString('base64'), encoding: 'utf-8' },
    });
    expect(wrong.body.error).toMatchObject({
      code: 'undecodable_file',
      message: expect.stringContaining('not valid UTF-8'),
    });
    const both = await api.call('POST', '/v1/orders/import', {
      key: cs,
      body: { format: 'amazon', text: amazon, data: 'QQ==' },
    });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toContain('give either text or data');
    const count = await api.db.pool.query(`SELECT count(*)::int AS n FROM orders WHERE workspace_id = $1`, [ws.id]);
    expect(count.rows[0].n).toBe(0);
  });

  test('a SKU mapping turns channel SKUs into product SKUs and keeps the channel SKU', async () => {
    await api.call('POST', '/v1/sync/push', {
      key: cs,
      body: {
        clientId: 'cs-mappings',
        mutationId: 1,
        tables: { sku_mappings: [{ key: 'PB-10K', baseVersion: null, values: { sku: 'POWERBANK-10' } }] },
      },
    });
    await importFile('amazon', amazon);
    const line = await api.db.pool.query(
      `SELECT sku, channel_sku FROM order_lines WHERE workspace_id = $1 AND channel_sku = 'PB-10K'`,
      [ws.id],
    );
    expect(line.rows).toEqual([{ sku: 'POWERBANK-10', channel_sku: 'PB-10K' }]);
  });
});

describe.each(DATABASE_KINDS)('orders held for an unknown SKU, on %s', (kind) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(kind);
  });
  afterAll(async () => {
    await api.close();
  });

  test('adding a SKU mapping (or the product) releases them: the review names only what is still unknown', async () => {
    const ws = await api.workspace();
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    await api.call('POST', '/v1/sync/push', {
      key: ws.adminKey,
      body: {
        clientId: 'catalog-seed',
        mutationId: 1,
        tables: { products: [{ key: 'POWERBANK-10', baseVersion: null, values: { name_en: 'Power bank' } }] },
      },
    });
    await api.call('POST', '/v1/orders/import', { key: cs, body: { format: 'amazon', text: amazon } });
    const review = async (orderNo: string) =>
      (
        await api.db.pool.query(`SELECT review_notes FROM orders WHERE workspace_id = $1 AND order_no = $2`, [
          ws.id,
          orderNo,
        ])
      ).rows[0].review_notes;
    expect(await review('AMZ-114-3941689-8772232')).toContain('unknown SKU PB-10K, CB-USBC-1M');

    const mapped = await api.call('POST', '/v1/sync/push', {
      key: cs,
      body: {
        clientId: 'cs-client-01',
        mutationId: 1,
        tables: { sku_mappings: [{ key: 'PB-10K', baseVersion: null, values: { sku: 'POWERBANK-10' } }] },
      },
    });
    expect(mapped.body.results.sku_mappings[0].status).toBe('applied');
    expect(await review('AMZ-114-3941689-8772232')).toContain('unknown SKU CB-USBC-1M');
    expect(await review('AMZ-114-3941689-8772232')).not.toContain('PB-10K');
    const line = await api.db.pool.query(
      `SELECT sku FROM order_lines WHERE workspace_id = $1 AND channel_sku = 'PB-10K'`,
      [ws.id],
    );
    expect(line.rows).toEqual([{ sku: 'POWERBANK-10' }]);

    await api.call('POST', '/v1/sync/push', {
      key: ws.adminKey,
      body: {
        clientId: 'catalog-seed',
        mutationId: 2,
        tables: { products: [{ key: 'CB-USBC-1M', baseVersion: null, values: { name_en: 'Cable' } }] },
      },
    });
    expect(await review('AMZ-114-3941689-8772232')).not.toContain('unknown SKU');
    const events = await api.call('GET', '/v1/events?entity=orders&key=AMZ-114-3941689-8772232', { key: cs });
    expect(events.body.events.map((e: { action: string }) => e.action)).toEqual([
      'review_updated',
      'review_updated',
      'imported',
    ]);
    // The Orders sheet sees the change: the order's rows come with the next pull.
    const pulled = await api.call('GET', '/v1/sync/pull?since=0&tables=order_rows', { key: cs });
    const row = pulled.body.changes.order_rows.find((r: { key: string }) => r.key === 'AMZ-114-3941689-8772232/1');
    expect(row.values.sku).toBe('POWERBANK-10');
  });
});

describe.each(DATABASE_KINDS)('auto-review settings, on %s', (kind) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(kind);
  });
  afterAll(async () => {
    await api.close();
  });

  test('customer service sets the thresholds and blocklists; imports use them; bad settings are named', async () => {
    const ws = await api.workspace();
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    expect((await api.call('GET', '/v1/settings/review', { key: cs })).body).toEqual({
      duplicateWindowDays: 14,
      highValueLimit: null,
      blockedPhones: [],
      blockedEmails: [],
      autoApprove: false,
      importClosedOrders: true,
    });
    const bad = await api.call('POST', '/v1/settings/review', {
      key: cs,
      body: {
        duplicateWindowDays: -1,
        highValueLimit: { amount: 'lots', currency: 'eur' },
        blockedPhones: [],
        blockedEmails: ['nope'],
        autoApprove: false,
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'blockedEmails.0',
      'duplicateWindowDays',
      'highValueLimit.amount',
      'highValueLimit.currency',
    ]);
    const sales = await ws.keyFor('sales@shop.test', ['sales']);
    expect(
      (
        await api.call('POST', '/v1/settings/review', {
          key: sales,
          body: {
            duplicateWindowDays: 7,
            highValueLimit: null,
            blockedPhones: [],
            blockedEmails: [],
            autoApprove: true,
          },
        })
      ).status,
    ).toBe(403);

    const settings = {
      duplicateWindowDays: 7,
      highValueLimit: { amount: '40', currency: 'EUR' },
      blockedPhones: [],
      blockedEmails: [],
      autoApprove: true,
    };
    expect((await api.call('POST', '/v1/settings/review', { key: cs, body: settings })).status).toBe(200);
    await api.call('POST', '/v1/sync/push', {
      key: ws.adminKey,
      body: {
        clientId: 'catalog-seed',
        mutationId: 1,
        tables: {
          products: ['PC-BLK-01', 'CB-USBC-1M', 'PB-10K', 'NP-SET-12'].map((sku) => ({
            key: sku,
            baseVersion: null,
            values: { name_en: sku },
          })),
        },
      },
    });
    const imported = await api.call('POST', '/v1/orders/import', {
      key: cs,
      body: { format: 'shopify', text: shopify },
    });
    const byNo = Object.fromEntries(
      imported.body.orders.map((o: { orderNo: string; status: string; review: string }) => [o.orderNo, o]),
    );
    expect(byNo['SH-1002']).toMatchObject({
      status: 'pending_contact',
      review: 'order value 45.8 EUR is above 40: call to confirm',
    });
  });
});
