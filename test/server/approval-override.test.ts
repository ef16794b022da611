import { DATABASE_KINDS } from '../support/databases';
import { startApiHarness, type ApiHarness } from '../support/api-harness';

/**
 * Approving a flagged order needs an override with a reason (docs/orders.md): COD without a call that
 * reached the customer, a possible duplicate, a wrong or missing phone or postal code, a high value, a
 * blocklisted customer. Unflagged orders approve as before; the answer and the log name what was overridden.
 */
describe.each(DATABASE_KINDS)('approving flagged orders, on %s', (kind) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(kind);
  });
  afterAll(async () => {
    await api.close();
  });

  let n = 0;
  const move = (key: string, body: Record<string, unknown>) =>
    api.call('POST', '/v1/orders/moves', { key, body: { idempotencyKey: `override-${kind}-${++n}`, ...body } });

  test('a flagged order is refused without an override, approved with one and its reason; a reached call clears COD', async () => {
    const ws = await api.workspace();
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    const header = 'order_no,sku,qty,unit_price,recipient,phone,address1,city,postal_code,country,payment';
    const line = (no: string, who: string, phone: string, street: string, payment: string) =>
      `${no},MUG,1,9.5,${who},${phone},${street},Paris,75002,FR,${payment}`;
    const text = [
      header,
      line('D1', 'Amy Lee', '+33 6 12 34 56 78', '1 rue de la Paix', 'prepaid'),
      line('D2', 'Amy Lee', '+33 6 12 34 56 78', '1 rue de la Paix', 'prepaid'),
      line('C1', 'Bob Roy', '+33 6 98 76 54 32', '2 rue Royale', 'cod'),
      line('P1', 'Cat Dion', '+33 6 11 22 33 44', '3 rue du Bac', 'prepaid'),
    ].join('\n');
    const imported = await api.call('POST', '/v1/orders/import', { key: cs, body: { format: 'template', text } });
    expect(imported.status).toBe(200);

    const first = await move(cs, { action: 'approve', orderNos: ['D2', 'C1', 'P1'] });
    expect(first.body.results).toEqual([
      {
        orderNo: 'D2',
        outcome: 'refused',
        code: 'needs_override',
        message: expect.stringMatching(/^D2 is flagged \(possible duplicate of D1.*\): approve it with "override"/),
      },
      expect.objectContaining({ orderNo: 'C1', outcome: 'refused', code: 'needs_override' }),
      expect.objectContaining({ orderNo: 'P1', outcome: 'moved', to: expect.any(String) }),
    ]);
    expect(first.body.results[2].overridden).toBeUndefined();
    expect(first.body.results[1].message).toContain('cash on delivery');

    // An override needs its reason, in the caller's language.
    const bare = await move(cs, { action: 'approve', orderNos: ['D2'], override: true, lang: 'zh' });
    expect(bare.status).toBe(400);
    expect(JSON.stringify(bare.body)).toContain('强制通过需要填写原因');

    const chinese = await move(cs, { action: 'approve', orderNos: ['D2'], lang: 'zh' });
    expect(chinese.body.results[0].message).toContain('请选择“强制通过”并填写原因');

    const overridden = await move(cs, {
      action: 'approve',
      orderNos: ['D2'],
      override: true,
      reason: 'Same customer ordered twice on purpose (called)',
    });
    expect(overridden.body.results).toEqual([
      expect.objectContaining({ orderNo: 'D2', outcome: 'moved', overridden: ['possible_duplicate'] }),
    ]);
    const events = await api.call('GET', '/v1/events?entity=orders&key=D2', { key: ws.adminKey });
    expect(JSON.stringify(events.body)).toContain('possible_duplicate');
    expect(JSON.stringify(events.body)).toContain('Same customer ordered twice on purpose (called)');

    // COD: a call that reached the customer is the confirmation it waited for; no override then.
    const call = await move(cs, { action: 'approve', orderNos: ['C1'], call: { result: 'reached' } });
    expect(call.body.results).toEqual([expect.objectContaining({ orderNo: 'C1', outcome: 'moved' })]);
    expect(call.body.results[0].overridden).toBeUndefined();
  });
});
