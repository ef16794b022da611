import type { ApiHarness } from './api-harness';

type Workspace = Awaited<ReturnType<ApiHarness['workspace']>>;

let mutation = 0;

/** Products, warehouses (with the countries they serve and their rank) and stock counts, pushed as a team would. */
export async function seedCatalog(
  api: ApiHarness,
  ws: Workspace,
  catalog: {
    skus: string[];
    warehouses: { code: string; countries: string[]; rank: number }[];
    stock?: Record<string, number>;
  },
): Promise<void> {
  const push = async (tables: Record<string, unknown[]>) => {
    const answer = await api.call('POST', '/v1/sync/push', {
      key: ws.adminKey,
      body: { clientId: 'inventory-seed', mutationId: ++mutation, tables },
    });
    if (answer.status !== 200) throw new Error(`seed failed: ${JSON.stringify(answer.body)}`);
    for (const rows of Object.values(answer.body.results as Record<string, { status: string }[]>)) {
      const refused = rows.filter((r) => r.status !== 'applied');
      if (refused.length) throw new Error(`seed refused: ${JSON.stringify(refused)}`);
    }
  };
  await push({
    products: catalog.skus.map((sku) => ({ key: sku, baseVersion: null, values: { name_en: sku } })),
    warehouses: catalog.warehouses.map((w) => ({
      key: w.code,
      baseVersion: null,
      values: { name: w.code, countries: w.countries, rank: w.rank },
    })),
  });
  if (catalog.stock)
    await push({
      stock: Object.entries(catalog.stock).map(([key, onHand]) => ({
        key,
        baseVersion: null,
        values: { on_hand: onHand },
      })),
    });
}

/** A supplier (default parameters) for these seeded products, pushed as the buyer's sheet would. */
export async function supplyFrom(api: ApiHarness, key: string, supplier: string, skus: string[]): Promise<void> {
  const answer = await api.call('POST', '/v1/sync/push', {
    key,
    body: {
      clientId: 'buyer-sheet',
      mutationId: ++mutation,
      tables: {
        suppliers: [{ key: supplier, baseVersion: null, values: {} }],
        products: skus.map((sku) => ({ key: sku, baseVersion: 1, values: { supplier } })),
      },
    },
  });
  if (answer.status !== 200) throw new Error(`supplier push failed: ${JSON.stringify(answer.body)}`);
}

/** Changes one warehouse (countries, rank, active…) as the Warehouses sheet would push it; it must apply. */
export async function pushWarehouse(
  api: ApiHarness,
  ws: { adminKey: string },
  code: string,
  values: Record<string, unknown>,
): Promise<void> {
  const pulled = await api.call('GET', '/v1/sync/pull?since=0&tables=warehouses', { key: ws.adminKey });
  const row = pulled.body.changes.warehouses.find((r: { key: string }) => r.key === code);
  const { name, countries, rank, active } = row.values;
  const answer = await api.call('POST', '/v1/sync/push', {
    key: ws.adminKey,
    body: {
      clientId: 'warehouse-change',
      mutationId: ++mutation,
      tables: {
        warehouses: [{ key: code, baseVersion: row.version, values: { name, countries, rank, active, ...values } }],
      },
    },
  });
  const results = answer.body.results?.warehouses as { status: string }[] | undefined;
  if (results?.[0]?.status !== 'applied') throw new Error(`warehouse change refused: ${JSON.stringify(answer.body)}`);
}

/** Imports template orders: [orderNo, country, [[sku, qty], ...]]. */
export async function importOrders(
  api: ApiHarness,
  key: string,
  orders: [string, string, [string, number][]][],
): Promise<void> {
  const header =
    'Order no.,SKU,Qty,Unit price,Currency,Payment,Recipient,Phone,Address line 1,City,Postal code,Country';
  // Each order its own customer (phone, name, street), so auto-review finds no duplicates among them.
  const rows = orders.flatMap(([no, country, lines], i) =>
    lines.map(
      ([sku, qty]) =>
        `${no},${sku},${qty},10,EUR,prepaid,Client ${no},+336123456${String(i % 100).padStart(2, '0')},${i + 1} rue de la Paix,Paris,75002,${country}`,
    ),
  );
  const answer = await api.call('POST', '/v1/orders/import', {
    key,
    body: { format: 'template', text: [header, ...rows].join('\n') },
  });
  if (answer.status !== 200 || answer.body.rejected) throw new Error(`import failed: ${JSON.stringify(answer.body)}`);
}

let command = 0;

/** Setup approvals override review flags (fixture customers look alike): what these tests check is stock. */
export const SETUP_OVERRIDE = { override: true, reason: 'test setup: review flags are not under test' } as const;

export async function approve(api: ApiHarness, key: string, orderNos: string[]) {
  return api.call('POST', '/v1/orders/moves', {
    key,
    body: { idempotencyKey: `approve-${process.pid}-${++command}`, action: 'approve', orderNos, ...SETUP_OVERRIDE },
  });
}

export async function stockOf(
  api: ApiHarness,
  key: string,
): Promise<Record<string, { on_hand: number; reserved: number; available: number }>> {
  const pulled = await api.call('GET', '/v1/sync/pull?since=0&tables=stock', { key });
  return Object.fromEntries(
    (
      pulled.body.changes.stock as { key: string; values: { on_hand: number; reserved: number; available: number } }[]
    ).map((r) => [r.key, { on_hand: r.values.on_hand, reserved: r.values.reserved, available: r.values.available }]),
  );
}

export async function ordersOf(
  api: ApiHarness,
  key: string,
): Promise<Record<string, { status: string; waiting: string }>> {
  const pulled = await api.call('GET', '/v1/sync/pull?since=0&tables=order_rows', { key });
  return Object.fromEntries(
    (pulled.body.changes.order_rows as { values: { order_no: string; status: string; waiting_for: string } }[]).map(
      (r) => [r.values.order_no, { status: r.values.status, waiting: r.values.waiting_for }],
    ),
  );
}
