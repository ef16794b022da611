import { DATABASE_KINDS } from '../support/databases';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { approve, seedCatalog } from '../support/inventory-fixture';

type Rows = { rows: Record<string, unknown>[]; next: string | null };

describe.each(DATABASE_KINDS)('reading orders, products, stock, suppliers and POs over HTTP, on %s', (kind) => {
  let api: ApiHarness;
  let ws: Awaited<ReturnType<ApiHarness['workspace']>>;
  let cs: string;
  beforeAll(async () => {
    api = await startApiHarness(kind);
    ws = await api.workspace();
    cs = await ws.keyFor('cs@shop.test', ['cs']);
    await seedCatalog(api, ws, {
      skus: ['PB-10K', 'PC-BLK-01', 'CB-USBC-1M'],
      warehouses: [
        { code: 'UK1', countries: ['GB'], rank: 1 },
        { code: 'DE1', countries: ['DE'], rank: 1 },
      ],
      stock: { 'PB-10K@UK1': 5, 'PB-10K@DE1': 5, 'PC-BLK-01@UK1': 1 },
    });
    const text = [
      'Order no.,Order date,SKU,Qty,Country,Recipient,Address line 1,City,Postal code,Note',
      'R-1,2026-11-01,PB-10K,1,GB,Ann Lee,1 High St,London,SW1A 1AA,=SUM(A1:A9)',
      'R-1,2026-11-01,PC-BLK-01,1,GB,Ann Lee,1 High St,London,SW1A 1AA,',
      'R-2,2026-11-15,PB-10K,2,DE,Bo Kurz,Hauptstr. 1,Berlin,10115,',
      'R-3,2026-11-30,CB-USBC-1M,1,GB,Cy Dunn,2 Low Rd,Leeds,LS1 1AA,',
    ].join('\n');
    await api.call('POST', '/v1/orders/import', { key: cs, body: { format: 'template', text } });
    await approve(api, cs, ['R-1', 'R-2']);
  });
  afterAll(async () => {
    await api?.close();
  });
  const get = async (path: string) => (await api.call('GET', path, { key: cs })).body as Rows;

  test('orders filter by status, SKU, warehouse and order date', async () => {
    const keys = async (query: string) => (await get(`/v1/orders?${query}`)).rows.map((r) => r.row_key);
    expect(await keys('')).toEqual(['R-1/1', 'R-1/2', 'R-2/1', 'R-3/1']);
    expect(await keys('status=pending_shipment')).toEqual(['R-1/1', 'R-1/2', 'R-2/1']);
    expect(await keys('sku=PB-10K')).toEqual(['R-1/1', 'R-2/1']);
    expect(await keys('warehouse=DE1')).toEqual(['R-2/1']);
    expect(await keys('from=2026-11-15&to=2026-11-30')).toEqual(['R-2/1', 'R-3/1']);
    expect(await keys('to=2026-11-01')).toEqual(['R-1/1', 'R-1/2']);
  });

  test('pages follow the row key until next is null, each row once', async () => {
    const seen: unknown[] = [];
    let after: string | null = null;
    do {
      const page: Rows = await get(`/v1/orders?limit=1${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      seen.push(...page.rows.map((r) => r.row_key));
      after = page.next;
    } while (after);
    expect(seen).toEqual(['R-1/1', 'R-1/2', 'R-2/1', 'R-3/1']);
  });

  test('CSV comes with the sheet headers in the asked language, UTF-8 with a BOM, and text never as a formula', async () => {
    const answer = await fetch(`${api.url}/v1/orders?format=csv&lang=zh&sku=PB-10K`, {
      headers: { authorization: `Bearer ${cs}` },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/csv');
    expect(answer.headers.get('content-disposition')).toContain('orders.csv');
    const bytes = new Uint8Array(await answer.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trim().split('\r\n');
    expect(lines[0]).toContain('订单号');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain("'=SUM(A1:A9)");
  });

  test('a CSV holds every matching row, not one page', async () => {
    const answer = await fetch(`${api.url}/v1/orders?format=csv&limit=1`, {
      headers: { authorization: `Bearer ${cs}` },
    });
    const lines = (await answer.text()).trim().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['R-1/1', 'R-1/2', 'R-2/1', 'R-3/1']);
  });

  test('stock, products, suppliers and purchase orders read the same way', async () => {
    expect((await get('/v1/stock?warehouse=UK1')).rows.map((r) => [r.stock_key, r.on_hand, r.reserved])).toEqual([
      ['PB-10K@UK1', 5, 1],
      ['PC-BLK-01@UK1', 1, 1],
    ]);
    expect((await get('/v1/products?sku=PC-BLK-01')).rows.map((r) => r.sku)).toEqual(['PC-BLK-01']);
    expect((await get('/v1/suppliers')).rows).toEqual([]);
    expect(await get('/v1/purchase-orders?status=ordered')).toEqual({ rows: [], next: null });
  });

  test('a filter that is not one, or a value that cannot be, is refused naming it; so is an unknown event entity', async () => {
    const bad = await api.call('GET', '/v1/orders?status=lost&colour=red', { key: cs });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['(body)', 'status']);
    const events = await api.call('GET', '/v1/events?entity=order&key=R-1', { key: cs });
    expect(events.status).toBe(400);
    expect(events.body.error.details[0].field).toBe('entity');
  });
});
