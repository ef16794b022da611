import { DATABASE_KINDS } from '../support/databases';
import { startApiHarness, type ApiHarness } from '../support/api-harness';

const row = { key: 'B-1', baseVersion: null, values: { name_en: 'Bag' } };
const goodPush = { clientId: 'client-good', mutationId: 1, tables: { products: [row] } };

describe.each(DATABASE_KINDS)('bad input is answered with a clear 4xx and stores nothing, on %s', (kind) => {
  let api: ApiHarness;
  let ws: Awaited<ReturnType<ApiHarness['workspace']>>;
  beforeAll(async () => {
    api = await startApiHarness(kind, { bodyLimit: '64kb' });
  });
  afterAll(async () => {
    await api.close();
  });
  beforeEach(async () => {
    ws = await api.workspace();
  });

  async function productCount(key = ws.adminKey): Promise<number> {
    const answer = await api.call('GET', '/v1/sync/pull?since=0', { key });
    return answer.body.changes.products.length;
  }

  test('malformed JSON', async () => {
    const answer = await api.call('POST', '/v1/sync/push', { key: ws.adminKey, raw: '{"clientId": "client-x", ' });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'malformed_json', message: expect.stringContaining('JSON') });
    expect(await productCount()).toBe(0);
  });

  test('a body that is not JSON at all', async () => {
    const answer = await api.call('POST', '/v1/sync/push', {
      key: ws.adminKey,
      raw: 'sku=1',
      headers: { 'content-type': 'text/plain' },
    });
    expect(answer.status).toBe(415);
    expect(answer.body.error.code).toBe('unsupported_media_type');
  });

  test('unknown and mistyped fields are each named', async () => {
    const answer = await api.call('POST', '/v1/sync/push', {
      key: ws.adminKey,
      body: {
        clientId: 'x',
        mutationId: 'one',
        tables: { products: [{ ...row, extra: 1 }], orders: [] },
        dryRun: true,
      },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid_request');
    const fields = answer.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['clientId', 'mutationId', 'tables.products.0', 'tables', '(body)']));
    expect(await productCount()).toBe(0);
  });

  test('a field name longer than 64 characters is refused by name, in the language asked for', async () => {
    const long = { ...row, values: { name_en: 'Bag', ['x'.repeat(65)]: 1 } };
    const body = { ...goodPush, lang: 'zh', tables: { products: [long] } };
    const answer = await api.call('POST', '/v1/sync/push', { key: ws.adminKey, body });
    expect([answer.status, answer.body.error.code]).toEqual([400, 'invalid_request']);
    expect(answer.body.error.details).toEqual([
      expect.objectContaining({ field: 'tables.products.0.values', message: '字段名最多 64 个字符' }),
    ]);
    const fits = { ...row, values: { name_en: 'Bag', ['x'.repeat(64)]: 1 } };
    const known = await api.call('POST', '/v1/sync/push', {
      key: ws.adminKey,
      body: { ...goodPush, tables: { products: [fits] } },
    });
    // 64 characters pass the contract; the table's spec then refuses the unknown field on its row alone.
    expect(known.status).toBe(200);
    expect(known.body.results.products[0]).toMatchObject({ status: 'rejected' });
    expect(await productCount()).toBe(0);
  });

  test('an oversized body', async () => {
    const big = {
      ...goodPush,
      tables: {
        products: Array.from({ length: 2000 }, (_, i) => ({
          key: `K-${i}`,
          baseVersion: null,
          values: { name_en: 'x'.repeat(30) },
        })),
      },
    };
    const answer = await api.call('POST', '/v1/sync/push', { key: ws.adminKey, body: big });
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe('body_too_large');
    expect(await productCount()).toBe(0);
  });

  test('a row key that cannot be stored refuses that row, not the push (products and stock counts)', async () => {
    const rows = [
      { key: 'A\u0000B', baseVersion: null, values: { name_en: 'Nul' } },
      { key: 'K'.repeat(300), baseVersion: null, values: { name_en: 'Long' } },
      { key: 'GOOD-1', baseVersion: null, values: { name_en: 'Good' } },
    ];
    const stock = [{ key: 'GOOD-1@W\u0000', baseVersion: null, values: { on_hand: 1 } }];
    const answer = await api.call('POST', '/v1/sync/push', {
      key: ws.adminKey,
      body: { clientId: 'client-keys', mutationId: 1, tables: { products: rows, stock } },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.results.products.map((r: { status: string }) => r.status)).toEqual([
      'rejected',
      'rejected',
      'applied',
    ]);
    expect(answer.body.results.stock[0].status).toBe('rejected');
    expect(await productCount()).toBe(1);
  });

  test('an order file larger than the sync body limit still imports (files have their own limit)', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `BIG-${i},SKU-1,1,GB,Person ${i},${i} High Street,London`);
    const text = ['Order no.,SKU,Qty,Country,Recipient,Address line 1,City', ...rows].join('\n');
    expect(text.length).toBeGreaterThan(64 * 1024);
    const answer = await api.call('POST', '/v1/orders/import', {
      key: ws.adminKey,
      body: { format: 'template', text },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.imported).toBe(2000);
  });

  test('a missing, malformed, unknown or revoked key', async () => {
    const none = await api.call('POST', '/v1/sync/push', { body: goodPush });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthenticated');
    const unknown = await api.call('POST', '/v1/sync/push', {
      key: 'cdk_not-a-real-key-at-all-000000',
      body: goodPush,
    });
    expect(unknown.status).toBe(401);

    const key = await ws.keyFor('sales@shop.test', ['sales']);
    const keys = await api.call('GET', '/v1/admin/keys', { key: ws.adminKey });
    const id = keys.body.keys.find((k: { memberEmail: string | null }) => k.memberEmail === 'sales@shop.test').id;
    expect((await api.call('DELETE', `/v1/admin/keys/${id}`, { key: ws.adminKey })).status).toBe(200);
    const revoked = await api.call('POST', '/v1/sync/push', { key, body: goodPush });
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('key_revoked');
    expect(await productCount()).toBe(0);
  });

  test("another workspace's key reaches none of this workspace's data", async () => {
    await api.call('POST', '/v1/sync/push', { key: ws.adminKey, body: goodPush });
    const other = await api.workspace('Other shop');
    expect(await productCount(other.adminKey)).toBe(0);
    const crossed = await api.call('GET', '/v1/sync/pull', {
      key: other.adminKey,
      headers: { 'x-crossdock-workspace': ws.id },
    });
    expect(crossed.status).toBe(403);
    expect(crossed.body.error.code).toBe('forbidden_workspace');
    // Same client id and mutation id in another workspace is a different mutation, not a replay.
    const otherPush = await api.call('POST', '/v1/sync/push', {
      key: other.adminKey,
      body: { ...goodPush, tables: { products: [{ ...row, values: { name_en: 'Other bag' } }] } },
    });
    expect(otherPush.body.replayed).toBe(false);
    const mine = await api.call('GET', '/v1/sync/pull', { key: ws.adminKey });
    expect(mine.body.changes.products[0].values.name_en).toBe('Bag');
  });

  test('admin routes refuse members without the admin role', async () => {
    const sales = await ws.keyFor('s2@shop.test', ['sales']);
    const answer = await api.call('POST', '/v1/admin/keys', { key: sales, body: { name: 'mine', roles: ['admin'] } });
    expect(answer.status).toBe(403);
    expect(answer.body.error.message).toContain('admin');
  });

  test('one cell with a NUL or half a surrogate pair fails its row, not the whole push', async () => {
    const answer = await api.call('POST', '/v1/sync/push', {
      key: ws.adminKey,
      body: {
        clientId: 'client-ctrl',
        mutationId: 1,
        tables: {
          products: [
            row,
            { key: 'NUL-1', baseVersion: null, values: { name_en: 'a\u0000b' } },
            { key: 'SUR-1', baseVersion: null, values: { name_en: 'x\ud800y' } },
          ],
        },
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.results.products.map((r: { status: string }) => r.status)).toEqual([
      'applied',
      'rejected',
      'rejected',
    ]);
    expect(answer.body.results.products[1].errors[0].code).toBe('bad_characters');
    expect(await productCount()).toBe(1);
  });

  test('a value of the wrong shape is a field error, never a crash', async () => {
    const answer = await api.call('POST', '/v1/sync/push', {
      key: ws.adminKey,
      body: {
        clientId: 'client-shape',
        mutationId: 1,
        tables: {
          products: [
            {
              key: 'O-1',
              baseVersion: null,
              values: { name_en: { toString: 1 }, weight_g: [1, 2], active: { yes: true } },
            },
          ],
        },
      },
    });
    expect(answer.status).toBe(200);
    const errors = answer.body.results.products[0].errors.map(
      (e: { field: string; code: string }) => `${e.field}:${e.code}`,
    );
    expect(errors).toEqual(expect.arrayContaining(['name_en:not_text', 'weight_g:not_integer', 'active:not_boolean']));
  });

  test('a cursor ahead of the workspace and unknown tables are refused, not answered with nothing', async () => {
    const ahead = await api.call('GET', '/v1/sync/pull?since=999999', { key: ws.adminKey });
    expect(ahead.status).toBe(409);
    expect(ahead.body.error.code).toBe('cursor_ahead');
    const typo = await api.call('GET', '/v1/sync/pull?tables=prodcuts', { key: ws.adminKey });
    expect(typo.status).toBe(400);
    expect(typo.body.error.message).toContain('products, warehouses');
  });

  // Accept-Language (the add-on sends the sheet's) before the body is read, else the body's lang.
  test('refusals come in the language asked for', async () => {
    const zhHeader = { 'accept-language': 'zh-CN,zh;q=0.9' };
    const anonymous = await api.call('POST', '/v1/sync/push', { headers: zhHeader, body: goodPush });
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'unauthenticated']);
    expect(anonymous.body.error.message).toContain('服务器不接受此凭据');
    const sales = await ws.keyFor('sales-zh@shop.test', ['sales']);
    const po = { idempotencyKey: 'po-zh-0001', lang: 'zh', lines: [{ sku: 'B-1', qty: 1 }] };
    const forbidden = await api.call('POST', '/v1/purchasing/orders', { key: sales, body: po });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toBe('此操作需要以下角色之一：admin, purchasing。你的角色：sales。');
    // The same key for another command: refused in the body's language, even against an English header.
    const move = { idempotencyKey: 'move-zh-0001', lang: 'zh', action: 'approve', orderNos: ['NOPE-1'] };
    expect((await api.call('POST', '/v1/orders/moves', { key: ws.adminKey, body: move })).status).toBe(200);
    const other = { ...move, orderNos: ['NOPE-2'] };
    const enHeader = { 'accept-language': 'en' };
    const reused = await api.call('POST', '/v1/orders/moves', { key: ws.adminKey, headers: enHeader, body: other });
    expect([reused.status, reused.body.error.code]).toEqual([409, 'idempotency_key_reused']);
    expect(reused.body.error.message).toBe('幂等键 move-zh-0001 已用于另一条命令。新命令请使用新的键。');
    // zod's own texts too, and the schemas' own words.
    const notAList = { ...move, orderNos: 'NOPE-3' };
    const mistyped = await api.call('POST', '/v1/orders/moves', { key: ws.adminKey, body: notAList });
    expect(mistyped.body.error.message).toBe('请求无效：orderNos: 无效输入：期望 数组，实际接收 string');
    const both = { ...move, idempotencyKey: 'move-zh-0002', toStatus: 'approved' };
    const twice = await api.call('POST', '/v1/orders/moves', { key: ws.adminKey, body: both });
    expect(twice.body.error.message).toBe('请求无效：action: 请提供 action 或 toStatus 之一');
    // Without a language the answer stays English.
    const english = await api.call('GET', '/v1/sync/pull');
    expect(english.body.error.message).toContain('The server does not accept this credential');
  });

  test('unknown routes and bad path parameters', async () => {
    expect((await api.call('GET', '/v1/nope', { key: ws.adminKey })).body.error.code).toBe('not_found');
    const badId = await api.call('DELETE', '/v1/admin/keys/DROP TABLE', { key: ws.adminKey });
    expect(badId.status).toBe(400);
    expect(badId.body.error.details[0].field).toBe('id');
  });
});

describe('rate limit', () => {
  test('made-up credentials cannot dodge it: requests are limited per address before authentication', async () => {
    const api = await startApiHarness('pglite', { rateLimitPerMinute: 2 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++)
        statuses.push(
          (await api.call('POST', '/v1/sync/push', { key: `cdk_fake-${i}-000000000000000000000`, raw: '{' })).status,
        );
      expect(statuses.slice(0, 8).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(8)).toEqual([429, 429]);
    } finally {
      await api.close();
    }
  });

  test('a key over its budget gets 429 with a clear code', async () => {
    const api = await startApiHarness('pglite', { rateLimitPerMinute: 3 });
    try {
      const ws = await api.workspace();
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await api.call('GET', '/v1/me', { key: ws.adminKey })).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const limited = await api.call('GET', '/v1/me', { key: ws.adminKey });
      expect(limited.body.error.code).toBe('rate_limited');
    } finally {
      await api.close();
    }
  });
});
