import { DATABASE_KINDS } from '../support/databases';
import { startApiHarness, type ApiHarness } from '../support/api-harness';

const mug = {
  name_en: 'Mug',
  unit_cost: '2.50',
  cost_currency: 'usd',
  attributes: ['liquid', 'battery'],
  weight_g: 350,
  active: true,
};

function push(clientId: string, mutationId: number, products: unknown[], extra: Record<string, unknown> = {}) {
  return { clientId, mutationId, tables: { products }, ...extra };
}

describe.each(DATABASE_KINDS)('sync API on %s', (kind) => {
  let api: ApiHarness;
  let ws: Awaited<ReturnType<ApiHarness['workspace']>>;
  beforeAll(async () => {
    api = await startApiHarness(kind);
  });
  afterAll(async () => {
    await api.close();
  });
  beforeEach(async () => {
    ws = await api.workspace();
  });

  async function eventCount(key: string): Promise<number> {
    const answer = await api.call('GET', `/v1/events?entity=products&key=${encodeURIComponent(key)}`, {
      key: ws.adminKey,
    });
    return answer.body.events.length;
  }

  test('a pushed row is stored, normalized, versioned, and pulled back with computed columns', async () => {
    const pushed = await api.call('POST', '/v1/sync/push', {
      key: ws.adminKey,
      body: push('client-aaaa', 1, [{ key: 'MUG-1', baseVersion: null, values: mug }]),
    });
    expect(pushed.status).toBe(200);
    expect(pushed.body.results.products).toEqual([{ key: 'MUG-1', status: 'applied', version: 1 }]);

    const pulled = await api.call('GET', '/v1/sync/pull?since=0', { key: ws.adminKey });
    expect(pulled.status).toBe(200);
    const [row] = pulled.body.changes.products;
    expect(row).toMatchObject({ key: 'MUG-1', version: 1 });
    expect(row.values).toMatchObject({
      sku: 'MUG-1',
      unit_cost: '2.5',
      cost_currency: 'USD',
      attributes: ['battery', 'liquid'],
      weight_g: 350,
      updated_by: 'key:admin',
    });
    expect(new Date(row.values.updated_at).toISOString()).toBe(row.values.updated_at);
    expect(pulled.body.cursor).toBe(pushed.body.cursor);
    expect(pulled.body.totals).toEqual({
      products: 1,
      warehouses: 0,
      stock: 0,
      suppliers: 0,
      sku_mappings: 0,
      order_rows: 0,
      po_rows: 0,
      transfer_rows: 0,
      carriers: 0,
      rates: 0,
      shipment_rows: 0,
      after_sale_rows: 0,
      fx_rates: 0,
      channel_fees: 0,
    });

    const again = await api.call('GET', `/v1/sync/pull?since=${pulled.body.cursor}`, { key: ws.adminKey });
    expect(again.body.changes.products).toEqual([]);
    expect(again.body.cursor).toBe(pulled.body.cursor);
  });

  test('a retried push gets the first answer and is applied once; the same id with another body is refused', async () => {
    const body = push('client-retry', 7, [{ key: 'R-1', baseVersion: null, values: mug }]);
    const first = await api.call('POST', '/v1/sync/push', { key: ws.adminKey, body });
    const second = await api.call('POST', '/v1/sync/push', { key: ws.adminKey, body });
    expect(second.status).toBe(200);
    expect(second.body.results).toEqual(first.body.results);
    expect(second.body.replayed).toBe(true);
    expect(await eventCount('R-1')).toBe(1);

    const changed = push('client-retry', 7, [{ key: 'R-1', baseVersion: null, values: { ...mug, name_en: 'Other' } }]);
    const refused = await api.call('POST', '/v1/sync/push', { key: ws.adminKey, body: changed });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('mutation_reused');
    const pulled = await api.call('GET', '/v1/sync/pull?since=0', { key: ws.adminKey });
    expect(pulled.body.changes.products[0].values.name_en).toBe('Mug');
  });

  test('a push inside /v1/sync is known by its rows: a retry with another cursor is replayed', async () => {
    const rows = [{ key: 'R-SYNC-1', baseVersion: null, values: mug }];
    const sync = (since: number) =>
      api.call('POST', '/v1/sync', {
        key: ws.adminKey,
        body: { clientId: 'client-sync-retry', mutationId: 3, since, tables: { products: rows } },
      });
    const first = await sync(0);
    const again = await sync(first.body.pull.cursor);
    expect(again.status).toBe(200);
    expect(again.body.push.replayed).toBe(true);
    expect(again.body.push.results).toEqual(first.body.push.results);
    expect(await eventCount('R-SYNC-1')).toBe(1);
  });

  test('concurrent identical retries still apply once', async () => {
    const body = push('client-race', 1, [{ key: 'RACE-1', baseVersion: null, values: mug }]);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => api.call('POST', '/v1/sync/push', { key: ws.adminKey, body })),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.filter((a) => a.body.replayed === false)).toHaveLength(1);
    expect(await eventCount('RACE-1')).toBe(1);
  });

  test('a stale edit is a conflict carrying the server row; a stale edit with equal values is applied', async () => {
    await api.call('POST', '/v1/sync/push', {
      key: ws.adminKey,
      body: push('client-a-1', 1, [{ key: 'C-1', baseVersion: null, values: mug }]),
    });
    const other = await api.call('POST', '/v1/sync/push', {
      key: ws.adminKey,
      body: push('client-b-1', 1, [{ key: 'C-1', baseVersion: 1, values: { ...mug, name_en: 'Blue mug' } }]),
    });
    expect(other.body.results.products[0]).toEqual({ key: 'C-1', status: 'applied', version: 2 });

    const stale = await api.call('POST', '/v1/sync/push', {
      key: ws.adminKey,
      body: push('client-a-1', 2, [{ key: 'C-1', baseVersion: 1, values: { ...mug, name_en: 'Red mug' } }]),
    });
    const result = stale.body.results.products[0];
    expect(result.status).toBe('conflict');
    expect(result.row.values.name_en).toBe('Blue mug');
    expect(result.row.version).toBe(2);

    const same = await api.call('POST', '/v1/sync/push', {
      key: ws.adminKey,
      body: push('client-a-1', 3, [{ key: 'C-1', baseVersion: 1, values: { ...mug, name_en: 'Blue mug' } }]),
    });
    expect(same.body.results.products[0]).toMatchObject({ status: 'applied', version: 2 });
    expect(same.body.results.products[0].row.values.name_en).toBe('Blue mug');
  });

  test('bad rows are rejected with every field error, in the sheet language, while good rows apply', async () => {
    const body = push(
      'client-bad',
      1,
      [
        { key: 'OK-1', baseVersion: null, values: mug },
        {
          key: 'BAD 1',
          baseVersion: null,
          values: {
            name_en: '',
            weight_g: 'heavy',
            unit_cost: '1.23456',
            cost_currency: 'US',
            attributes: ['battery', 'explosive'],
            sales_owner: 'bob',
            updated_by: 'me',
            colour: 'red',
          },
        },
      ],
      { lang: 'zh' },
    );
    const answer = await api.call('POST', '/v1/sync/push', { key: ws.adminKey, body });
    expect(answer.status).toBe(200);
    const [ok, bad] = answer.body.results.products;
    expect(ok.status).toBe('applied');
    expect(bad.status).toBe('rejected');
    const byField = Object.fromEntries(
      bad.errors.map((e: { field: string; code: string; message: string }) => [e.field, e]),
    );
    expect(Object.keys(byField).sort()).toEqual(
      [
        'attributes',
        'colour',
        'cost_currency',
        'name_en',
        'sales_owner',
        'sku',
        'unit_cost',
        'updated_by',
        'weight_g',
      ].sort(),
    );
    expect(byField.weight_g.code).toBe('not_integer');
    expect(byField.weight_g.message).toContain('重量(克)');
    expect(byField.attributes.message).toContain('explosive');
    expect(byField.updated_by.code).toBe('computed_field');
    expect(byField.colour.code).toBe('unknown_field');
    const pulled = await api.call('GET', '/v1/sync/pull?since=0', { key: ws.adminKey });
    expect(pulled.body.changes.products.map((r: { key: string }) => r.key)).toEqual(['OK-1']);
  });

  test('duplicate keys in one push are both rejected', async () => {
    const answer = await api.call('POST', '/v1/sync/push', {
      key: ws.adminKey,
      body: push('client-dup', 1, [
        { key: 'D-1', baseVersion: null, values: mug },
        { key: 'D-1', baseVersion: null, values: { ...mug, name_en: 'x' } },
      ]),
    });
    expect(answer.body.results.products.map((r: { status: string }) => r.status)).toEqual(['rejected', 'rejected']);
  });

  test('roles: a customer-service key cannot edit products; warehouses accept logistics', async () => {
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    const logistics = await ws.keyFor('log@shop.test', ['logistics']);
    const refused = await api.call('POST', '/v1/sync/push', {
      key: cs,
      body: push('client-cs01', 1, [{ key: 'X-1', baseVersion: null, values: mug }]),
    });
    expect(refused.body.results.products[0].status).toBe('rejected');
    expect(refused.body.results.products[0].errors[0].code).toBe('not_allowed_role');
    const wh = await api.call('POST', '/v1/sync/push', {
      key: logistics,
      body: {
        clientId: 'client-log1',
        mutationId: 1,
        tables: {
          warehouses: [{ key: 'SZ', baseVersion: null, values: { name: 'Shenzhen', countries: 'us, de', rank: 1 } }],
        },
      },
    });
    expect(wh.body.results.warehouses[0]).toEqual({ key: 'SZ', status: 'applied', version: 1 });
    const pulled = await api.call('GET', '/v1/sync/pull?tables=warehouses', { key: cs });
    expect(pulled.body.changes.warehouses[0].values).toMatchObject({
      code: 'SZ',
      countries: ['DE', 'US'],
      rank: 1,
      active: true,
      updated_by: 'log@shop.test',
    });
  });

  test('pull pages by cursor without losing or repeating a change', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({
      key: `P-${String(i).padStart(2, '0')}`,
      baseVersion: null,
      values: mug,
    }));
    await api.call('POST', '/v1/sync/push', { key: ws.adminKey, body: push('client-page', 1, rows) });
    await api.call('POST', '/v1/sync/push', {
      key: ws.adminKey,
      body: {
        clientId: 'client-page',
        mutationId: 2,
        tables: { warehouses: [{ key: 'W1', baseVersion: null, values: { name: 'W', countries: ['US'] } }] },
      },
    });
    const seen: string[] = [];
    const totalsSent: boolean[] = [];
    let last: Record<string, number> = {};
    let since = 0;
    for (let page = 0; page < 10; page++) {
      const answer = await api.call('GET', `/v1/sync/pull?since=${since}&limit=7`, { key: ws.adminKey });
      seen.push(
        ...answer.body.changes.products.map((r: { key: string }) => r.key),
        ...answer.body.changes.warehouses.map((r: { key: string }) => r.key),
      );
      since = answer.body.cursor;
      totalsSent.push('totals' in answer.body);
      last = answer.body.totals;
      if (!answer.body.hasMore) break;
    }
    expect(seen).toHaveLength(26);
    expect(new Set(seen).size).toBe(26);
    // Counting every table is left to the last page (the add-on compares once it has every change).
    expect(totalsSent).toEqual([false, false, false, true]);
    const products = await api.call('GET', '/v1/sync/pull?since=0&tables=products&limit=1000', { key: ws.adminKey });
    expect(last.products).toBe(products.body.changes.products.length);
    expect(last.warehouses).toBeGreaterThanOrEqual(1);
  });

  test('concurrent pushes from many clients: every change pulled once, change numbers unique', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, c) =>
        api.call('POST', '/v1/sync/push', {
          key: ws.adminKey,
          body: push(
            `client-par-${c}`,
            1,
            Array.from({ length: 10 }, (_, i) => ({ key: `C${c}-${i}`, baseVersion: null, values: mug })),
          ),
        }),
      ),
    );
    const pulled = await api.call('GET', '/v1/sync/pull?since=0', { key: ws.adminKey });
    const numbers = pulled.body.changes.products.map((r: { changeNo: number }) => r.changeNo);
    expect(numbers).toHaveLength(80);
    expect(new Set(numbers).size).toBe(80);
    expect(pulled.body.cursor).toBe(80);
  });

  test('the combined /v1/sync pushes then pulls in one round trip', async () => {
    const answer = await api.call('POST', '/v1/sync', {
      key: ws.adminKey,
      body: {
        clientId: 'client-comb',
        mutationId: 1,
        tables: { products: [{ key: 'S-1', baseVersion: null, values: mug }] },
        since: 0,
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.push.results.products[0].status).toBe('applied');
    expect(answer.body.pull.changes.products.map((r: { key: string }) => r.key)).toEqual(['S-1']);
    const pullOnly = await api.call('POST', '/v1/sync', {
      key: ws.adminKey,
      body: { clientId: 'client-comb', since: answer.body.pull.cursor },
    });
    expect(pullOnly.body.push).toBeNull();
    const missingId = await api.call('POST', '/v1/sync', {
      key: ws.adminKey,
      body: { clientId: 'client-comb', tables: { products: [{ key: 'S-2', baseVersion: null, values: mug }] } },
    });
    expect(missingId.status).toBe(400);
    expect(missingId.body.error.details[0].field).toBe('mutationId');
  });

  test('every applied change is in the event log with before and after', async () => {
    await api.call('POST', '/v1/sync/push', {
      key: ws.adminKey,
      body: push('client-log', 1, [{ key: 'E-1', baseVersion: null, values: mug }]),
    });
    await api.call('POST', '/v1/sync/push', {
      key: ws.adminKey,
      body: push('client-log', 2, [{ key: 'E-1', baseVersion: 1, values: { ...mug, weight_g: 400 } }]),
    });
    const answer = await api.call('GET', '/v1/events?entity=products&key=E-1', { key: ws.adminKey });
    expect(answer.body.events.map((e: { action: string }) => e.action)).toEqual(['updated', 'created']);
    expect(answer.body.events[0].before.weight_g).toBe(350);
    expect(answer.body.events[0].after.weight_g).toBe(400);
    expect(answer.body.events[0].correlationId).toBe('push:client-log:2');
  });

  test('a push of several chunks: each row answered, versions, change numbers and events as one piece', async () => {
    // About 2,000 rows are written per chunk (PostgreSQL); 4,500 rows mix creates, updates, refusals and a twin key.
    const first = await api.call('POST', '/v1/sync/push', {
      key: ws.adminKey,
      body: push(
        'client-big',
        1,
        Array.from({ length: 1500 }, (_, i) => ({ key: `U-${i}`, baseVersion: null, values: mug })),
      ),
    });
    expect(first.status).toBe(200);
    const rows = Array.from({ length: 4500 }, (_, i) => {
      if (i < 1500) return { key: `U-${i}`, baseVersion: 1, values: { ...mug, weight_g: 400 + i } };
      if (i === 3000) return { key: 'BAD', baseVersion: null, values: { ...mug, weight_g: -1 } };
      if (i === 4400) return { key: 'U-7', baseVersion: 1, values: mug }; // U-7 twice: both refused
      return { key: `N-${i}`, baseVersion: null, values: mug };
    });
    const answer = await api.call('POST', '/v1/sync/push', { key: ws.adminKey, body: push('client-big', 2, rows) });
    expect(answer.status).toBe(200);
    const results = answer.body.results.products as { key: string; status: string; version?: number }[];
    expect(results.map((r) => r.key)).toEqual(rows.map((r) => r.key));
    const refused = results.filter((r) => r.status === 'rejected').map((r) => r.key);
    expect(refused).toEqual(['U-7', 'BAD', 'U-7']);
    expect(results.filter((r) => r.status === 'applied' && r.version === 2)).toHaveLength(1499);
    expect(results.filter((r) => r.status === 'applied' && r.version === 1)).toHaveLength(2998);
    // Change numbers: one per written row, in the push's order, ending at the answer's cursor.
    const stored = await api.db.pool.query(
      `SELECT sku, change_no::int AS change_no, weight_g FROM products WHERE workspace_id = $1 ORDER BY change_no`,
      [ws.id],
    );
    const order = rows.map((r) => r.key).filter((k) => k !== 'BAD' && k !== 'U-7');
    const written = stored.rows.filter((r) => r.change_no > first.body.cursor);
    expect(written.map((r) => r.sku)).toEqual(order);
    expect(written.map((r) => r.change_no)).toEqual(order.map((_, i) => first.body.cursor + 1 + i));
    expect(answer.body.cursor).toBe(first.body.cursor + order.length);
    const events = await api.db.pool.query(
      `SELECT count(*)::int AS n FROM events WHERE workspace_id = $1 AND correlation_id = 'push:client-big:2'`,
      [ws.id],
    );
    expect(events.rows[0].n).toBe(order.length);
  });
});
