import { upsertOrderJson } from '../../sync-server/reports/order-json-sql';
import { openDatabase, type Database } from '../../sync-server/db/database';
import { migrate } from '../../sync-server/db/migrations';
import { refreshReportLines } from '../../sync-server/reports/report-refresh';
import { DATABASE_KINDS, freshDatabaseConfig } from '../support/databases';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { pushRows, row } from '../support/logistics-fixture';

/**
 * What a change makes the report compute again (docs/reports.md "Where it is computed"): a rate only its
 * month's orders, a channel's fees only that channel's orders, the reports settings everything, and any other
 * settings block nothing. Each kept line's revenue is overwritten by hand with a marker before the change (and
 * its order's kept JSON with it): a line computed again shows its true revenue, a line left alone the marker.
 */
describe.each(DATABASE_KINDS)('what the report computes again after a change, on %s', (kind) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(kind);
  });
  afterAll(async () => api?.close());

  test('a rate its month, fees their channel, report settings everything, other settings nothing', async () => {
    const ws = await api.workspace();
    const [cs, boss] = await Promise.all([ws.keyFor('cs@shop.test', ['cs']), ws.keyFor('boss@shop.test', ['boss'])]);
    await pushRows(api, ws, {
      products: [row('A', { name_en: 'Mug', unit_cost: '10', cost_currency: 'EUR' })],
      fx_rates: [
        row('USD@2026-10', { currency: 'USD', month: '2026-10', rate: '0.5' }),
        row('USD@2026-11', { currency: 'USD', month: '2026-11', rate: '0.8' }),
      ],
    });
    const header =
      'Order no.,Order date,SKU,Qty,Unit price,Currency,Payment,Recipient,Phone,Address line 1,City,Postal code,Country';
    const line = (no: string, date: string, who: number) =>
      `${no},${date},A,1,100,USD,prepaid,Client ${who},+3361234567${who},${who} rue de la Paix,Paris,75002,FR`;
    const imported = await api.call('POST', '/v1/orders/import', {
      key: cs,
      body: {
        format: 'template',
        text: [header, line('OCT', '2026-10-15', 1), line('NOV', '2026-11-10', 2), line('SHOP', '2026-11-12', 3)].join(
          '\n',
        ),
      },
    });
    expect(imported.body.rejected).toBeFalsy();
    // Another channel for one order (an import from a shop would set it; the channel is what matters here).
    await api.db.query({ text: `UPDATE orders SET channel = 'shopify' WHERE order_no = 'SHOP'`, values: [] });
    expect((await api.call('POST', '/v1/settings/reports', { key: boss, body: { baseCurrency: 'EUR' } })).status).toBe(
      200,
    );

    const revenues = async () => {
      const answer = await api.call('GET', '/v1/reports/order-lines?limit=100', { key: boss });
      expect(answer.status).toBe(200);
      const columns = answer.body.columns as string[];
      return Object.fromEntries(
        (answer.body.rows as unknown[][]).map((r) => [r[columns.indexOf('order_no')], r[columns.indexOf('revenue')]]),
      );
    };
    const notes = async () =>
      (
        await api.db.query<{ order_no: string | null; month: string | null; channel: string | null }>({
          text: `SELECT order_no, month, channel FROM report_dirty WHERE workspace_id = $1 ORDER BY id`,
          values: [ws.id],
        })
      ).rows;
    // The marker in the kept lines and in the kept JSON a page is read from (written again from the lines, as a
    // refresh does): a refresh that left out an order's JSON would show its marker where the change shows.
    const mark = async () => {
      await api.db.query({ text: `UPDATE report_lines SET revenue = -1 WHERE workspace_id = $1`, values: [ws.id] });
      await api.db.query(upsertOrderJson(ws.id, null));
    };

    expect(await revenues()).toEqual({ OCT: '50.00', NOV: '80.00', SHOP: '80.00' });

    // November's rate: November's orders (both channels), not October's.
    await mark();
    await pushRows(api, ws, { fx_rates: [{ key: 'USD@2026-11', baseVersion: 1, values: { rate: '0.9' } }] });
    expect(await notes()).toEqual([{ order_no: null, month: '2026-11', channel: null }]);
    expect(await revenues()).toEqual({ OCT: '-1', NOV: '90.00', SHOP: '90.00' });

    // A rate moved to another month (the sheet keys a rate by currency@month; a hand edit can): both months.
    await mark();
    await api.db.query({
      text: `UPDATE fx_rates SET month = '2026-09', fx_key = 'USD@2026-09' WHERE workspace_id = $1 AND month = '2026-10'`,
      values: [ws.id],
    });
    expect(new Set((await notes()).map((n) => n.month))).toEqual(new Set(['2026-09', '2026-10']));
    expect(await revenues()).toEqual({ OCT: null, NOV: '-1', SHOP: '-1' });

    // Fees of the shop channel: its order only.
    await mark();
    await pushRows(api, ws, { channel_fees: [row('shopify', { platform_fee_pct: '10' })] });
    expect(await notes()).toEqual([{ order_no: null, month: null, channel: 'shopify' }]);
    expect(await revenues()).toEqual({ OCT: '-1', NOV: '-1', SHOP: '90.00' });

    // An order moved into a noted month while its own note waits for the next read (a write committed between
    // the refresh removing the month's lines and computing them): its line still holds the old month, and is
    // computed again in place rather than refused as a duplicate.
    await api.db.query({
      text: `UPDATE orders SET ordered_at = '2026-11-20T10:00:00Z' WHERE workspace_id = $1 AND order_no = 'OCT'`,
      values: [ws.id],
    });
    await api.db.query({ text: `DELETE FROM report_dirty WHERE workspace_id = $1`, values: [ws.id] });
    await api.db.query({
      text: `INSERT INTO report_dirty (workspace_id, month) VALUES ($1, '2026-11')`,
      values: [ws.id],
    });
    expect(await revenues()).toEqual({ OCT: '90.00', NOV: '90.00', SHOP: '90.00' });

    // Another settings block: nothing to compute.
    await mark();
    const review = await api.call('GET', '/v1/settings/review', { key: cs });
    const saved = await api.call('POST', '/v1/settings/review', {
      key: cs,
      body: { ...review.body, duplicateWindowDays: 9 },
    });
    expect(saved.status).toBe(200);
    expect(await notes()).toEqual([]);
    expect(await revenues()).toEqual({ OCT: '-1', NOV: '-1', SHOP: '-1' });

    // The base currency: everything.
    expect((await api.call('POST', '/v1/settings/reports', { key: boss, body: { baseCurrency: 'USD' } })).status).toBe(
      200,
    );
    expect(await notes()).toEqual([{ order_no: null, month: null, channel: null }]);
    expect(await revenues()).toEqual({ OCT: '100.00', NOV: '100.00', SHOP: '100.00' });
  });
});

describe('the statistics a first report read of a process leaves to PostgreSQL', () => {
  test('tables its autovacuum never analyzed are analyzed once; analyzed ones are left to it', async () => {
    const fresh = await freshDatabaseConfig('postgres');
    const opened: Database[] = [];
    try {
      const open = async () => {
        const db = await openDatabase(fresh.config);
        opened.push(db);
        return db;
      };
      const first = await open();
      await migrate(first);
      const analyzedAt = async (db: Database) => {
        await db.query({ text: 'SELECT pg_stat_clear_snapshot()', values: [] });
        const rows = await db.query<{ relname: string; at: string | null }>({
          text: `SELECT relname, last_analyze::text AS at FROM pg_stat_user_tables
                  WHERE relname IN ('orders', 'order_lines', 'fx_rates', 'report_lines') ORDER BY relname`,
          values: [],
        });
        return Object.fromEntries(rows.rows.map((r) => [r.relname, r.at]));
      };
      expect(Object.values(await analyzedAt(first)).every((at) => at === null)).toBe(true);
      await refreshReportLines(first, 'ws_none');
      const once = await analyzedAt(first);
      expect(once.orders).not.toBeNull();
      expect(once.order_lines).not.toBeNull();
      expect(once.fx_rates).not.toBeNull();
      expect(once.report_lines).toBeNull(); // not one of the report's inputs
      // Another process (a restart): nothing left that autovacuum never analyzed, so nothing analyzed again.
      const second = await open();
      await refreshReportLines(second, 'ws_none');
      expect(await analyzedAt(second)).toEqual(once);
    } finally {
      for (const db of opened) await db.close();
      await fresh.dispose();
    }
  });
});
