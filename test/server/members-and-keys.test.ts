import { DATABASE_KINDS } from '../support/databases';
import { startApiHarness, type ApiHarness } from '../support/api-harness';

describe.each(DATABASE_KINDS)('members and their keys, on %s', (kind) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(kind);
  });
  afterAll(async () => {
    await api.close();
  });

  test('a removed member is locked out at once, and re-adding them does not revive old keys', async () => {
    const ws = await api.workspace();
    const key = await ws.keyFor('gone@shop.test', ['sales']);
    expect((await api.call('GET', '/v1/me', { key })).status).toBe(200);
    expect((await api.call('DELETE', '/v1/admin/members/gone@shop.test', { key: ws.adminKey })).status).toBe(200);
    for (const [method, path] of [
      ['GET', '/v1/me'],
      ['GET', '/v1/sync/pull'],
      ['GET', '/v1/events?entity=products&key=X'],
    ] as const) {
      const answer = await api.call(method, path, { key });
      expect(answer.status).toBe(401);
      expect(['key_revoked', 'member_removed']).toContain(answer.body.error.code);
    }
    await api.call('POST', '/v1/admin/members', {
      key: ws.adminKey,
      body: { email: 'gone@shop.test', roles: ['sales'] },
    });
    expect((await api.call('GET', '/v1/me', { key })).status).toBe(401);
  });

  test('a member whose roles were all taken away reaches nothing', async () => {
    const ws = await api.workspace();
    const key = await ws.keyFor('idle@shop.test', ['cs']);
    await api.db.pool.query(`UPDATE members SET roles = '{}' WHERE workspace_id = $1 AND email = 'idle@shop.test'`, [
      ws.id,
    ]);
    const answer = await api.call('GET', '/v1/sync/pull', { key });
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('no_roles');
  });

  test('changing a member role applies to their existing key at once', async () => {
    const ws = await api.workspace();
    const key = await ws.keyFor('grow@shop.test', ['cs']);
    await api.call('POST', '/v1/admin/members', {
      key: ws.adminKey,
      body: { email: 'grow@shop.test', roles: ['cs', 'purchasing'] },
    });
    expect((await api.call('GET', '/v1/me', { key })).body.roles).toEqual(['cs', 'purchasing']);
  });

  test('a replayed push is answered only to the caller who sent it', async () => {
    const ws = await api.workspace();
    const sales = await ws.keyFor('s@shop.test', ['sales']);
    const boss = await ws.keyFor('boss@shop.test', ['boss']);
    const body = {
      clientId: 'shared-client-id',
      mutationId: 1,
      tables: { products: [{ key: 'P-1', baseVersion: null, values: { name_en: 'Pen' } }] },
    };
    expect((await api.call('POST', '/v1/sync/push', { key: sales, body })).body.results.products[0].status).toBe(
      'applied',
    );
    const stolen = await api.call('POST', '/v1/sync/push', { key: boss, body });
    expect(stolen.status).toBe(409);
    expect(stolen.body.error.code).toBe('mutation_reused');
  });

  test('someone without the role who typed over a row gets the server row back to restore it', async () => {
    const ws = await api.workspace();
    await api.call('POST', '/v1/sync/push', {
      key: ws.adminKey,
      body: {
        clientId: 'admin-client',
        mutationId: 1,
        tables: { products: [{ key: 'R-1', baseVersion: null, values: { name_en: 'Ruler' } }] },
      },
    });
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    const same = await api.call('POST', '/v1/sync/push', {
      key: cs,
      body: {
        clientId: 'cs-client-1',
        mutationId: 1,
        tables: { products: [{ key: 'R-1', baseVersion: 1, values: { name_en: 'Ruler' } }] },
      },
    });
    expect(same.body.results.products[0]).toMatchObject({ status: 'applied', version: 1 });
    const typed = await api.call('POST', '/v1/sync/push', {
      key: cs,
      body: {
        clientId: 'cs-client-1',
        mutationId: 2,
        tables: { products: [{ key: 'R-1', baseVersion: 1, values: { name_en: 'Rule' } }] },
      },
    });
    const result = typed.body.results.products[0];
    expect(result.status).toBe('rejected');
    expect(result.errors[0].code).toBe('not_allowed_role');
    expect(result.row.values.name_en).toBe('Ruler');
  });
});
