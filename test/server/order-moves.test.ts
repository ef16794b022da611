import { DATABASE_KINDS } from '../support/databases';
import { startApiHarness, type ApiHarness } from '../support/api-harness';

function template(count: number, prefix = 'M'): string {
  const rows = Array.from(
    { length: count },
    (_, i) =>
      `${prefix}-${String(i).padStart(4, '0')},MUG,1,2.5,Amy Lee,+1 415 555 0132,1 Market St,San Francisco,94105,US,prepaid`,
  );
  return ['order_no,sku,qty,unit_price,recipient,phone,address1,city,postal_code,country,payment', ...rows].join('\n');
}

describe.each(DATABASE_KINDS)('order moves over HTTP, on %s', (kind) => {
  let api: ApiHarness;
  let ws: Awaited<ReturnType<ApiHarness['workspace']>>;
  let cs: string;
  let key = 0;
  const move = (body: Record<string, unknown>, as = cs) =>
    api.call('POST', '/v1/orders/moves', { key: as, body: { idempotencyKey: `press-${kind}-${++key}`, ...body } });
  const statusOf = async (orderNo: string) =>
    (
      await api.db.pool.query(`SELECT status, call_attempts FROM orders WHERE workspace_id = $1 AND order_no = $2`, [
        ws.id,
        orderNo,
      ])
    ).rows[0];

  beforeAll(async () => {
    api = await startApiHarness(kind);
  });
  afterAll(async () => {
    await api.close();
  });
  beforeEach(async () => {
    ws = await api.workspace();
    cs = await ws.keyFor('cs@shop.test', ['cs']);
    // One warehouse shipping everywhere and holding nothing: approved orders wait for stock (pending purchase).
    const warehouses = [{ key: 'MAIN', baseVersion: null, values: { name: 'Main', countries: [], rank: 1 } }];
    const pushed = await api.call('POST', '/v1/sync/push', {
      key: ws.adminKey,
      body: { clientId: 'moves-network', mutationId: 1, tables: { warehouses } },
    });
    expect(pushed.body.results.warehouses[0].status).toBe('applied');
  });

  test('500 selected orders are approved in one command, each logged once', async () => {
    await api.call('POST', '/v1/orders/import', { key: cs, body: { format: 'template', text: template(500) } });
    const orderNos = Array.from({ length: 500 }, (_, i) => `M-${String(i).padStart(4, '0')}`);
    // The 500 share one customer (possible duplicates): approved on purpose.
    const answer = await move({ action: 'approve', orderNos, override: true, reason: 'one customer, 500 orders' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ moved: 500, refused: 0 });
    const counts = await api.db.pool.query(
      `SELECT status, count(*)::int AS n FROM orders WHERE workspace_id = $1 GROUP BY status`,
      [ws.id],
    );
    // No stock in this workspace: every approved order waits for purchasing.
    expect(counts.rows).toEqual([{ status: 'pending_purchase', n: 500 }]);
    const events = await api.db.pool.query(
      `SELECT count(*)::int AS n FROM events WHERE workspace_id = $1 AND entity = 'orders' AND action = 'approve'`,
      [ws.id],
    );
    expect(events.rows[0].n).toBe(500);
  });

  test('each order is moved or refused with a reason a person can act on; replaying the press changes nothing', async () => {
    await api.call('POST', '/v1/orders/import', { key: cs, body: { format: 'template', text: template(3, 'R') } });
    await move({ action: 'approve', orderNos: ['R-0000'] });
    const body = {
      idempotencyKey: `press-${kind}-replay`,
      action: 'invalidate',
      orderNos: ['R-0000', 'R-0001', 'NOPE-1'],
      reason: 'test order',
      lang: 'en',
    };
    const answer = await api.call('POST', '/v1/orders/moves', { key: cs, body });
    expect(answer.body.results).toEqual([
      {
        orderNo: 'R-0000',
        outcome: 'refused',
        code: 'status_not_allowed',
        message: 'R-0000 is Pending purchase; "Mark invalid" is not possible from there',
      },
      { orderNo: 'R-0001', outcome: 'moved', from: 'pending_review', to: 'invalid', callAttempts: 0 },
      {
        orderNo: 'NOPE-1',
        outcome: 'refused',
        code: 'order_not_found',
        message: 'There is no order NOPE-1 in this workspace',
      },
    ]);
    const replay = await api.call('POST', '/v1/orders/moves', { key: cs, body });
    expect(replay.body).toEqual(answer.body);
    const reused = await api.call('POST', '/v1/orders/moves', { key: cs, body: { ...body, orderNos: ['R-0002'] } });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    expect(await statusOf('R-0002')).toMatchObject({ status: 'pending_review' });
    const reasonless = await move({ action: 'reopen', orderNos: ['R-0001'], lang: 'zh' });
    expect(reasonless.body.results[0]).toMatchObject({
      outcome: 'refused',
      code: 'reason_required',
      message: '“重新打开”需要填写原因',
    });
  });

  test('roles are enforced on the server, and system moves are refused to people', async () => {
    await api.call('POST', '/v1/orders/import', { key: cs, body: { format: 'template', text: template(1, 'S') } });
    const sales = await ws.keyFor('sales@shop.test', ['sales']);
    const bySales = await move({ action: 'approve', orderNos: ['S-0000'] }, sales);
    expect(bySales.body.results[0]).toMatchObject({ outcome: 'refused', code: 'role_not_allowed' });
    await move({ action: 'approve', orderNos: ['S-0000'] });
    const system = await move({ action: 'reserve_full', orderNos: ['S-0000'] });
    expect(system.body.results[0]).toMatchObject({
      outcome: 'refused',
      code: 'system_only',
      message: expect.stringContaining('only the system moves it to Pending shipment'),
    });
    expect(await statusOf('S-0000')).toMatchObject({ status: 'pending_purchase' });
  });

  test('calls are logged with their result and counted', async () => {
    await api.call('POST', '/v1/orders/import', { key: cs, body: { format: 'template', text: template(1, 'C') } });
    await move({ action: 'needs_contact', orderNos: ['C-0000'] });
    await move({ action: 'log_call', orderNos: ['C-0000'], call: { result: 'no_answer' } });
    const second = await move({
      action: 'log_call',
      orderNos: ['C-0000'],
      call: { result: 'reached', note: 'confirmed address' },
    });
    expect(second.body.results[0]).toMatchObject({ outcome: 'moved', to: 'pending_contact', callAttempts: 2 });
    const calls = await api.db.pool.query(
      `SELECT result, note, actor FROM order_calls WHERE workspace_id = $1 AND order_no = 'C-0000' ORDER BY id`,
      [ws.id],
    );
    expect(calls.rows).toEqual([
      { result: 'no_answer', note: null, actor: 'cs@shop.test' },
      { result: 'reached', note: 'confirmed address', actor: 'cs@shop.test' },
    ]);
    const events = await api.call('GET', '/v1/events?entity=orders&key=C-0000', { key: cs });
    expect(events.body.events.map((e: { action: string }) => e.action)).toEqual([
      'log_call',
      'log_call',
      'needs_contact',
      'imported',
    ]);
  });

  test('a move without a call result or with a bad action is refused at the edge', async () => {
    const bad = await api.call('POST', '/v1/orders/moves', {
      key: cs,
      body: { idempotencyKey: 'x-1234567', action: 'teleport', orderNos: ['A'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('action');
  });
});
