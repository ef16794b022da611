import { DATABASE_KINDS } from '../support/databases';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { approve, importOrders, pushWarehouse, seedCatalog } from '../support/inventory-fixture';

const FLAG_EN = "no active warehouse serves SA: add it to a warehouse's countries";
const FLAG_ZH = '没有启用的仓库服务 SA：请在仓库的国家中加入它';

/**
 * An order to a country no active warehouse serves is flagged at import (docs/orders.md), and the flag
 * follows the network: a push that makes a warehouse serve the country clears it in the same transaction.
 */
describe.each(DATABASE_KINDS)('the "no warehouse serves" review flag, on %s', (kind) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(kind);
  });
  afterAll(async () => {
    await api.close();
  });

  async function reviews(key: string, lang: 'en' | 'zh'): Promise<Record<string, { status: string; review: string }>> {
    const pulled = await api.call('GET', `/v1/sync/pull?since=0&tables=order_rows&lang=${lang}`, { key });
    return Object.fromEntries(
      (pulled.body.changes.order_rows as { values: { order_no: string; status: string; review_notes: string } }[]).map(
        (r) => [r.values.order_no, { status: r.values.status, review: r.values.review_notes }],
      ),
    );
  }

  test('an import to SA is flagged in en and zh; adding SA to UK1 clears it; deactivating UK1 raises it again', async () => {
    const ws = await api.workspace();
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    await seedCatalog(api, ws, {
      skus: ['PC-BLK-01'],
      warehouses: [
        { code: 'DE1', countries: ['DE', 'FR', 'AT', 'NL'], rank: 1 },
        { code: 'UK1', countries: ['GB'], rank: 2 },
        { code: 'US1', countries: ['US'], rank: 3 },
      ],
    });
    await importOrders(api, cs, [
      ['SA1', 'SA', [['PC-BLK-01', 3]]],
      ['FR1', 'FR', [['PC-BLK-01', 2]]],
    ]);
    const en = await reviews(cs, 'en');
    expect(en.SA1!.status).toBe('pending_review');
    expect(en.SA1!.review).toContain(FLAG_EN);
    expect(en.FR1!.review).not.toContain('no active warehouse');
    expect((await reviews(cs, 'zh')).SA1!.review).toContain(FLAG_ZH);

    await pushWarehouse(api, ws, 'UK1', { countries: ['GB', 'SA'] });
    expect((await reviews(cs, 'en')).SA1!.review).not.toContain('no active warehouse');
    expect((await reviews(cs, 'zh')).SA1!.review).not.toContain('没有启用的仓库');

    // The order is still in review: a network that stops serving SA says so again.
    await pushWarehouse(api, ws, 'UK1', { active: false });
    expect((await reviews(cs, 'en')).SA1!.review).toContain(FLAG_EN);
  });

  test('an approved order the change serves is moved and cleared in one row write, told by one event', async () => {
    const ws = await api.workspace();
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    await seedCatalog(api, ws, {
      skus: ['PC-BLK-01'],
      warehouses: [{ code: 'UK1', countries: ['GB'], rank: 1 }],
      stock: { 'PC-BLK-01@UK1': 5 },
    });
    await importOrders(api, cs, [['SA2', 'SA', [['PC-BLK-01', 1]]]]);
    await approve(api, cs, ['SA2']);
    const before = (await api.call('GET', '/v1/events?entity=orders&key=SA2', { key: cs })).body.events.length;
    await pushWarehouse(api, ws, 'UK1', { countries: ['GB', 'SA'] });
    expect((await reviews(cs, 'en')).SA2).toMatchObject({ status: 'pending_shipment' });
    expect((await reviews(cs, 'en')).SA2!.review).not.toContain('no active warehouse');
    const events = (await api.call('GET', '/v1/events?entity=orders&key=SA2', { key: cs })).body.events;
    // Newest first: the allocation's move (carrying the review as it was and as it is now), the reservation;
    // no separate review event.
    expect(events.slice(0, events.length - before).map((e: { action: string }) => e.action)).toEqual([
      'reserve_full',
      'reserved',
    ]);
    expect(events[0].before.review).toContain(FLAG_EN);
    expect(events[0].after).toMatchObject({ status: 'pending_shipment' });
    expect(events[0].after.review).not.toContain('no active warehouse');
  });
});
