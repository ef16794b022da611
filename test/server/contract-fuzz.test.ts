import fc from 'fast-check';
import { z } from 'zod';
import { apiRoutes } from '../../sync-server/http/app';
import type { Route } from '../../sync-server/http/route';
import { DATABASE_KINDS } from '../support/databases';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { seedCatalog } from '../support/inventory-fixture';
import { brokenValue, validValue, type JsonSchema } from '../support/schema-arbitrary';

/**
 * Every operation of the API, fed bodies, queries and path parameters generated from its own contract
 * (valid ones with nasty text, and broken ones): no input ever answers 500, a refused request changes
 * nothing, every reply matches its contract (the harness checks), and the server stays ready.
 */
const RUNS_PER_ROUTE = 12;
const TABLES = [
  'workspaces',
  'products',
  'warehouses',
  'stock',
  'stock_adjustments',
  'reservations',
  'suppliers',
  'sku_mappings',
  'orders',
  'order_lines',
  'order_calls',
  'purchase_orders',
  'purchase_order_lines',
  'purchase_receipts',
  'events',
  'members',
  'api_keys',
  'workspace_settings',
];

const jsonSchema = (schema: z.ZodType | undefined): JsonSchema | null =>
  schema ? (z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema) : null;

type Request = { path: string; body?: unknown };

/** A path segment; half a surrogate pair cannot be percent-encoded, so it goes as bytes that are not UTF-8. */
function segment(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

function requests(route: Route): fc.Arbitrary<Request> {
  const body = jsonSchema(route.body);
  const query = jsonSchema(route.query);
  const params = jsonSchema(route.params);
  const pick = (schema: JsonSchema | null) =>
    schema
      ? fc.oneof({ weight: 2, arbitrary: validValue(schema) }, { weight: 1, arbitrary: brokenValue(schema) })
      : fc.constant(undefined);
  return fc.tuple(pick(body), pick(query), pick(params)).map(([b, q, p]) => {
    let path = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) =>
      segment(String((p as Record<string, unknown> | undefined)?.[name] ?? 'x')),
    );
    if (q && typeof q === 'object' && !Array.isArray(q)) {
      const search = new URLSearchParams();
      for (const [k, v] of Object.entries(q)) search.append(k, typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
      path += `?${search.toString()}`;
    }
    return { path, ...(route.body ? { body: b } : {}) };
  });
}

describe.each(DATABASE_KINDS)('no input answers 500, on %s', (kind) => {
  let api: ApiHarness;
  let ws: Awaited<ReturnType<ApiHarness['workspace']>>;
  beforeAll(async () => {
    api = await startApiHarness(kind);
    ws = await api.workspace();
    await seedCatalog(api, ws, {
      skus: ['PB-10K', 'PC-BLK-01'],
      warehouses: [{ code: 'UK1', countries: [], rank: 1 }],
      stock: { 'PB-10K@UK1': 5 },
    });
    const text = [
      'Order no.,SKU,Qty,Country,Recipient,Address line 1,City,Postal code',
      'F-1,PB-10K,1,GB,Ann Lee,1 High St,London,SW1A 1AA',
    ].join('\n');
    await api.call('POST', '/v1/orders/import', { key: ws.adminKey, body: { format: 'template', text } });
  });
  afterAll(async () => {
    await api?.close();
  });

  const fingerprint = async () => {
    const counts = await api.db.pool.query(
      `SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t})::int AS ${t}`).join(', ')}, (SELECT change_no FROM workspaces WHERE id = $1)::text AS change_no`,
      [ws.id],
    );
    return counts.rows[0];
  };

  const routes = apiRoutes(null as never, () => new Date()).filter((r) => r.body || r.query || r.params);
  test.each(routes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s', async (_name, route) => {
    await fc.assert(
      fc.asyncProperty(requests(route), async (request) => {
        const before = await fingerprint();
        const answer = await api.call(route.method.toUpperCase(), request.path, {
          key: ws.adminKey,
          ...(route.body ? { body: request.body ?? null } : {}),
        });
        expect(answer.status).toBeLessThan(500);
        if (answer.status >= 400) expect(await fingerprint()).toEqual(before);
      }),
      { numRuns: RUNS_PER_ROUTE },
    );
    expect((await api.call('GET', '/readyz')).status).toBe(200);
  });
});
