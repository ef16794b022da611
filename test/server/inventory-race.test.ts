import { SETUP_OVERRIDE } from '../support/inventory-fixture';
import { DATABASE_KINDS, freshDatabaseConfig } from '../support/databases';
import { databaseEnv, startServerProcess, type ServerProcess } from '../support/server-process';

/**
 * DESIGN 7: 200 concurrent approvals racing for 50 units reserve exactly 50, every time. On PostgreSQL
 * two server processes share the database and the requests alternate between them.
 */
describe.each(DATABASE_KINDS)('approvals racing for scarce stock, on %s', (kind) => {
  const ROUNDS = kind === 'postgres' ? 8 : 4;
  let servers: ServerProcess[] = [];
  let dispose: () => Promise<void>;
  let key: string;
  beforeAll(async () => {
    const fresh = await freshDatabaseConfig(kind);
    dispose = fresh.dispose;
    const env = { ...databaseEnv(fresh.config), CROSSDOCK_RATE_LIMIT_PER_MINUTE: '100000' };
    const first = await startServerProcess(env);
    servers = kind === 'postgres' ? [first, await startServerProcess(env)] : [first];
    key = first.adminKey!;
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await dispose?.();
  });

  const call = async (server: ServerProcess, method: string, path: string, body?: unknown) => {
    const response = await fetch(server.url + path, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  test(`200 approvals for 50 units reserve exactly 50 (${ROUNDS} rounds)`, async () => {
    await call(servers[0]!, 'POST', '/v1/sync/push', {
      clientId: 'race-setup',
      mutationId: 1,
      tables: { warehouses: [{ key: 'W1', baseVersion: null, values: { name: 'Main' } }] },
    });
    for (let round = 1; round <= ROUNDS; round++) {
      const sku = `RACE-${round}`;
      const setup = await call(servers[0]!, 'POST', '/v1/sync/push', {
        clientId: 'race-setup',
        mutationId: 1 + round * 2,
        tables: { products: [{ key: sku, baseVersion: null, values: { name_en: sku } }] },
      });
      expect(setup.status).toBe(200);
      const stocked = await call(servers[0]!, 'POST', '/v1/sync/push', {
        clientId: 'race-setup',
        mutationId: 2 + round * 2,
        tables: { stock: [{ key: `${sku}@W1`, baseVersion: null, values: { on_hand: 50 } }] },
      });
      expect(stocked.body.results.stock[0].status).toBe('applied');
      const orderNos = Array.from({ length: 200 }, (_, i) => `R${round}-${String(i).padStart(3, '0')}`);
      const csv = ['Order no.,SKU,Qty,Country', ...orderNos.map((no) => `${no},${sku},1,FR`)].join('\n');
      expect(
        (await call(servers[0]!, 'POST', '/v1/orders/import', { format: 'template', text: csv })).body.imported,
      ).toBe(200);

      const answers = await Promise.all(
        orderNos.map((no, i) =>
          call(servers[i % servers.length]!, 'POST', '/v1/orders/moves', {
            idempotencyKey: `race-${round}-${no}`,
            action: 'approve',
            ...SETUP_OVERRIDE,
            orderNos: [no],
          }),
        ),
      );
      expect(answers.filter((a) => a.status !== 200)).toEqual([]);
      const outcomes = answers.map((a) => a.body.results[0].to as string);
      expect(outcomes.filter((to) => to === 'pending_shipment')).toHaveLength(50);
      expect(outcomes.filter((to) => to === 'pending_purchase')).toHaveLength(150);

      const pulled = await call(servers[servers.length - 1]!, 'GET', '/v1/sync/pull?since=0&tables=stock');
      const line = pulled.body.changes.stock.find((r: { key: string }) => r.key === `${sku}@W1`);
      expect(line.values).toMatchObject({ on_hand: 50, reserved: 50, available: 0 });
      const check = await call(servers[0]!, 'GET', '/v1/stock/check');
      expect(check.body).toMatchObject({ ok: true, mismatches: [] });
    }
  });
});
