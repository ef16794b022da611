import { DATABASE_KINDS } from '../support/databases';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { pushRows, rateRow, sandboxService } from '../support/logistics-fixture';

/** Carriers and Rates sheets: bad rows refused per row and field in the sheet's language, the rest applied. */
describe.each(DATABASE_KINDS)('carriers and rates sheets, on %s', (kind) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(kind);
  });
  afterAll(async () => {
    await api?.close();
  });

  const errorsOf = (answer: Awaited<ReturnType<typeof pushRows>>, table: string) =>
    Object.fromEntries(
      answer.results[table]!.map((r) => [
        r.key,
        r.status === 'applied' ? 'applied' : r.errors!.map((e) => `${e.field}: ${e.message}`).join(' | '),
      ]),
    );

  test('bad carrier rows and rate rows are refused one by one, good ones applied', async () => {
    const ws = await api.workspace();
    const carriers = await pushRows(
      api,
      ws,
      {
        carriers: [
          sandboxService('GOOD'),
          sandboxService('BADCOUNTRY', { countries: ['FR', 'XX'] }),
          sandboxService('NEG', { max_weight_g: -5, fuel_surcharge_pct: '-1' }),
          sandboxService('ADAPTER', { adapter: 'fedex' }),
        ],
      },
      false,
    );
    expect(errorsOf(carriers, 'carriers')).toEqual({
      GOOD: 'applied',
      BADCOUNTRY: 'countries: Countries: "XX" is not an ISO country code (e.g. US, DE, CN)',
      NEG: 'max_weight_g: Max weight (g) must be between 1 and 1000000 | fuel_surcharge_pct: Fuel surcharge % must be between 0 and 100',
      ADAPTER: 'adapter: Adapter: "fedex" is not one of manual, sandbox, yunexpress',
    });
    const rates = await api.call('POST', '/v1/sync/push', {
      key: ws.adminKey,
      body: {
        clientId: 'rates-sheet-zh',
        mutationId: 1,
        lang: 'zh',
        tables: {
          rates: [
            rateRow('GOOD', 'FR', 0, 500),
            rateRow('GOOD', 'FR', 400, 1000),
            rateRow('GOOD', 'FR', 700, 2000),
            rateRow('GOOD', 'FR', 1000, 800),
            rateRow('GOOD', 'EU', 0, 500),
            rateRow('GOOD', 'EU2', 0, 500, { countries: ['DE', 'AT'] }),
            rateRow('NOPE', 'FR', 0, 500),
            rateRow('GOOD', 'DE', 0, 500, { first_price: '-3', currency: 'ABC' }),
          ],
        },
      },
    });
    expect(rates.status).toBe(200);
    expect(errorsOf(rates.body, 'rates')).toEqual({
      'GOOD@FR@0': 'applied',
      'GOOD@FR@400': 'from_g: 起始重量(克)：400-1000 克与 GOOD 到 FR 的 0-500 克重叠',
      'GOOD@FR@700': 'from_g: 起始重量(克)：GOOD 到 FR 的 500-700 克没有价格（每段的起始重量应等于上一段的截止重量）',
      'GOOD@FR@1000': 'to_g: 截止重量(克)必须大于 1000 克',
      'GOOD@EU@0': 'countries: 分区国家：“EU”不是国家代码，请列出该分区包含的国家',
      'GOOD@EU2@0': 'applied',
      'NOPE@FR@0': 'service: 渠道代码：承运商表中没有渠道“NOPE”',
      'GOOD@DE@0': 'first_price: 首重价格必须在 0 到 1000000 之间 | currency: 币种：“ABC”不是三位货币代码（如 USD）',
    });
    // What was refused can be fixed and sent again; the band that fills the gap makes the next one fit.
    const fixed = await pushRows(api, ws, {
      rates: [rateRow('GOOD', 'FR', 500, 700), rateRow('GOOD', 'FR', 700, 2000)],
    });
    expect(errorsOf(fixed, 'rates')).toEqual({ 'GOOD@FR@500': 'applied', 'GOOD@FR@700': 'applied' });
    const pulled = await api.call('GET', '/v1/sync/pull?since=0&tables=rates,carriers', { key: ws.adminKey });
    expect(pulled.body.changes.rates.map((r: any) => r.key).sort()).toEqual([
      'GOOD@EU2@0',
      'GOOD@FR@0',
      'GOOD@FR@500',
      'GOOD@FR@700',
    ]);
    expect(
      pulled.body.changes.carriers.map((r: any) => [r.key, r.values.adapter, r.values.volumetric_divisor]),
    ).toEqual([['GOOD', 'sandbox', 6000]]);
  });

  test('only logistics (or admin) edits carriers; a customer-service edit is put back', async () => {
    const ws = await api.workspace();
    const cs = await ws.keyFor('cs@shop.test', ['cs']);
    const answer = await api.call('POST', '/v1/sync/push', {
      key: cs,
      body: { clientId: 'cs-sheet-1', mutationId: 1, tables: { carriers: [sandboxService('X')] } },
    });
    expect(answer.body.results.carriers[0]).toMatchObject({
      status: 'rejected',
      errors: [{ code: 'not_allowed_role' }],
    });
  });
});
