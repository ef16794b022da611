import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_REVIEW_SETTINGS, reviewOrder } from '../../domain/orders/auto-review';
import { parseOrderFile } from '../../domain/orders/channel-formats';
import { recheckNoWarehouse } from '../../domain/orders/network-review';

const shopify = parseOrderFile(
  'shopify',
  fs.readFileSync(path.resolve(__dirname, '../fixtures/orders/shopify-orders-export.csv'), 'utf8'),
  'en',
);
if ('error' in shopify) throw new Error(shopify.error);
// #1002: a clean paid order to Berlin, one Power Bank we ship.
const berlin = shopify.orders.find((o) => o.externalId === '#1002')!;
const KNOWN = new Set(['PB-10K']);
const AUTO = { ...DEFAULT_REVIEW_SETTINGS, autoApprove: true };
const NETWORK = [
  { code: 'DE1', rank: 1, countries: ['DE', 'FR', 'AT', 'NL'], active: true },
  { code: 'UK1', rank: 2, countries: ['GB'], active: true },
  { code: 'US1', rank: 3, countries: ['US'], active: true },
];

describe('the "no warehouse serves" review flag', () => {
  test('an order to a country the active warehouses serve is not flagged and may be approved by itself', () => {
    const outcome = reviewOrder({ draft: berlin, knownSkus: KNOWN, others: [], warehouses: NETWORK }, AUTO, 'en');
    expect(outcome).toMatchObject({ status: 'approved', flags: [] });
  });

  test('an unserved country is flagged in both languages and sent to review, not approved by itself', () => {
    const noGermany = NETWORK.map((w) => (w.code === 'DE1' ? { ...w, active: false } : w));
    const en = reviewOrder({ draft: berlin, knownSkus: KNOWN, others: [], warehouses: noGermany }, AUTO, 'en');
    expect(en.status).toBe('pending_review');
    expect(en.flags).toEqual([expect.objectContaining({ code: 'no_warehouse_serves', params: { country: 'DE' } })]);
    expect(en.summary).toBe("no active warehouse serves DE: add it to a warehouse's countries");
    const zh = reviewOrder({ draft: berlin, knownSkus: KNOWN, others: [], warehouses: noGermany }, AUTO, 'zh');
    expect(zh.summary).toBe('没有启用的仓库服务 DE：请在仓库的国家中加入它');
  });

  test('no flag without a network, or for an order we ship nothing of', () => {
    expect(reviewOrder({ draft: berlin, knownSkus: KNOWN, others: [], warehouses: [] }, AUTO, 'en').flags).toEqual([]);
    const gift = { ...berlin, lines: berlin.lines.map((l) => ({ ...l, fulfilment: 'none' as const })) };
    const us = [NETWORK[2]!];
    expect(reviewOrder({ draft: gift, knownSkus: KNOWN, others: [], warehouses: us }, AUTO, 'en').flags).toEqual([]);
  });

  test('a recheck drops the flag once a warehouse serves the country, and raises it only where asked', () => {
    const flagged = [
      { code: 'cod', contact: true, params: {} },
      { code: 'no_warehouse_serves', contact: false, params: { country: 'SA' } },
    ];
    const sa = { country: 'SA', ships: true };
    expect(recheckNoWarehouse(flagged, sa, NETWORK, 'en', false)).toEqual(flagged);
    const served = NETWORK.map((w) => (w.code === 'UK1' ? { ...w, countries: ['GB', 'SA'] } : w));
    expect(recheckNoWarehouse(flagged, sa, served, 'en', false)).toEqual([flagged[0]]);
    expect(recheckNoWarehouse([flagged[0]!], sa, NETWORK, 'en', false)).toEqual([flagged[0]]);
    expect(recheckNoWarehouse([flagged[0]!], sa, NETWORK, 'en', true).map((f) => f.code)).toEqual([
      'cod',
      'no_warehouse_serves',
    ]);
  });
});
