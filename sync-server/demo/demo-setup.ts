import {
  DEMO_CARRIERS,
  DEMO_CHANNEL_FEES,
  DEMO_FX_TO_USD,
  DEMO_OPENING_STOCK,
  DEMO_PRODUCTS,
  DEMO_SUPPLIERS,
  DEMO_WAREHOUSES,
} from './demo-catalog';

/** The demo's client of the API: every refusal stops the demo with the server's own answer. */
export class DemoApi {
  private mutation = 0;
  private command = 0;
  constructor(
    private readonly base: string,
    private readonly secret: string,
    private readonly keyPrefix: string,
  ) {}

  async call(method: string, path: string, body?: Record<string, unknown>): Promise<Record<string, any>> {
    const response = await fetch(this.base + path, {
      method,
      headers: { authorization: `Bearer ${this.secret}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await response.json()) as Record<string, any>;
    if (!response.ok) throw new Error(`demo: ${method} ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
    return answer;
  }

  /** A command (moves, POs, receipts, shipments…) with its own idempotency key. */
  run(path: string, body: Record<string, unknown>): Promise<Record<string, any>> {
    return this.call('POST', path, { idempotencyKey: `${this.keyPrefix}-${++this.command}`, ...body });
  }

  /** Rows as the team's sheets push them; any row refused stops the demo with its errors. */
  async push(tables: Record<string, unknown[]>): Promise<void> {
    const answer = await this.call('POST', '/v1/sync/push', {
      clientId: 'demo-month-loader',
      mutationId: ++this.mutation,
      tables,
    });
    for (const [table, rows] of Object.entries(answer.results as Record<string, { key: string; status: string }[]>)) {
      const refused = rows.filter((r) => r.status !== 'applied');
      if (refused.length) throw new Error(`demo: ${table} refused: ${JSON.stringify(refused).slice(0, 2000)}`);
    }
  }
}

export const row = (key: string, values: Record<string, unknown>) => ({ key, baseVersion: null, values });

/** "YYYY-MM" of an instant. */
export const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);

/**
 * Day one: the base currency (USD), FX rates for the months the demo covers, channel fees, suppliers,
 * products with their costs and sales owners, warehouses, sandbox carriers with rate cards, opening stock.
 */
export async function setUpDemoShop(api: DemoApi, months: string[]): Promise<void> {
  await api.call('POST', '/v1/settings/reports', { baseCurrency: 'USD' });
  await api.push({
    fx_rates: [...new Set(months)].flatMap((month, m) =>
      Object.entries(DEMO_FX_TO_USD).map(([currency, rate]) =>
        row(`${currency}@${month}`, { currency, month, rate: (Number(rate) * (1 + m * 0.004)).toFixed(6) }),
      ),
    ),
    channel_fees: Object.entries(DEMO_CHANNEL_FEES).map(([channel, fee]) => row(channel, fee)),
    suppliers: Object.entries(DEMO_SUPPLIERS).map(([code, name]) => row(code, { name, lead_days: 7, transit_days: 7 })),
    products: DEMO_PRODUCTS.map((p) =>
      row(p.sku, {
        name_en: p.name,
        name_zh: p.nameZh,
        weight_g: p.weightG,
        length_cm: p.size[0],
        width_cm: p.size[1],
        height_cm: p.size[2],
        unit_cost: p.cost,
        cost_currency: 'CNY',
        supplier: p.supplier,
        declared_name_en: p.declared,
        hs_code: '392690',
        declared_value: String(Math.max(2, Math.round(p.price / 3))),
        declared_currency: 'USD',
        sales_owner: p.owner,
      }),
    ),
    warehouses: DEMO_WAREHOUSES.map((w) => row(w.code, { name: w.name, countries: [...w.countries], rank: w.rank })),
    carriers: DEMO_CARRIERS.map((c) =>
      row(c.code, {
        name: c.name,
        adapter: 'sandbox',
        carrier_product: 'SBX-STD',
        countries: [...c.countries],
        priority: c.priority,
      }),
    ),
    rates: DEMO_CARRIERS.flatMap((c) =>
      c.countries.map((country) =>
        row(`${c.code}@${country}@0`, {
          service: c.code,
          zone: country,
          from_g: 0,
          to_g: 2000,
          first_g: 100,
          first_price: c.first,
          step_g: 100,
          step_price: c.step,
          currency: 'CNY',
        }),
      ),
    ),
  });
  await api.push({ stock: Object.entries(DEMO_OPENING_STOCK).map(([key, onHand]) => row(key, { on_hand: onHand })) });
}
