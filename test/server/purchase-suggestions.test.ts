import { DATABASE_KINDS } from '../support/databases';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { approve, seedCatalog } from '../support/inventory-fixture';

/** DESIGN 3.3 end to end: what the database sums and the formulas make of it, checked by hand. */
describe.each(DATABASE_KINDS)('purchase suggestions, on %s', (kind) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(kind);
  });
  afterAll(async () => {
    await api.close();
  });

  test('sales windows end yesterday, leave out cancelled orders; waiting demand, MOQ and pack make the quantity', async () => {
    const ws = await api.workspace();
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    await seedCatalog(api, ws, { skus: ['PC', 'CB'], warehouses: [{ code: 'FR1', countries: [], rank: 1 }], stock: { 'PC@FR1': 10 } });
    const push = await api.call('POST', '/v1/sync/push', {
      key: ws.adminKey,
      body: {
        clientId: 'purchasing-seed', mutationId: 1,
        tables: {
          suppliers: [{ key: 'SUP1', baseVersion: null, values: { name: 'Shenzhen Cases', lead_days: 10, qc_days: 2, transit_days: 5, moq: 50, pack: 12 } }],
          products: [
            { key: 'PC', baseVersion: 1, values: { supplier: 'SUP1', safety_stock: 6, coverage_days: 14 } },
            { key: 'CB', baseVersion: 1, values: { supplier: 'NOPE' } },
          ],
        },
      },
    });
    expect(JSON.stringify(push.body.results)).not.toContain('rejected');
    const line = (no: string, date: string, qty: number) => `${no},${date} 10:00:00 +0000,PC,${qty},FR`;
    const csv = ['Order no.,Order date,SKU,Qty,Country',
      line('O1', '2026-11-25', 6), // in the 7, 14 and 30-day windows
      line('O2', '2026-11-15', 8), // 14 and 30
      line('O3', '2026-11-01', 16), // 30 only
      line('O4', '2026-11-26', 100), // cancelled below: not sold
      line('O5', '2026-11-27', 50), // today: not in a window that ends yesterday
      line('O6', '2026-10-20', 40), // before the 30 days
    ].join('\n');
    expect((await api.call('POST', '/v1/orders/import', { key: cs, body: { format: 'template', text: csv } })).body.imported).toBe(6);
    await api.call('POST', '/v1/orders/moves', { key: cs, body: { idempotencyKey: 'cancel-o4-1', action: 'cancel', orderNos: ['O4'], reason: 'test' } });
    await approve(api, cs, ['O3']); // reserves all 10 on hand, waits for 6

    const answer = await api.call('GET', '/v1/purchasing/suggestions?today=2026-11-27', { key: cs });
    expect(answer.status).toBe(200);
    const [pc, cb] = [answer.body.suggestions.find((s: { sku: string }) => s.sku === 'PC'), answer.body.suggestions.find((s: { sku: string }) => s.sku === 'CB')];
    // r7 = 6/7, r14 = 14/14, r30 = 30/30; v = 0.5·6/7 + 0.3 + 0.2 = 0.9286; L = 17; reorder point = v·17 + 6 = 21.7857;
    // need = 6 + v·(17 + 14) + 6 − 0 = 40.79 → max(40.79, MOQ 50) = 50 → 5 packs of 12 = 60; stock is below the reorder point: order today.
    expect(pc).toEqual({
      sku: 'PC', supplier: 'SUP1', supplierKnown: true, available: 0, incoming: 0, waiting: 6, sold7: 6, sold14: 14, sold30: 30,
      r7: 0.8571, r14: 1, r30: 1, velocity: 0.9286, leadTime: 17, reorderPoint: 21.7857, suggestedQty: 60, orderBy: '2026-11-27',
    });
    // No sales, nothing waiting: nothing to buy and no date; its supplier is unknown, so said.
    expect(cb).toMatchObject({ supplier: 'NOPE', supplierKnown: false, velocity: 0, suggestedQty: 0, orderBy: null });
    expect((await api.call('GET', '/v1/purchasing/suggestions?today=2026-02-30', { key: cs })).status).toBe(400);
  });
});
