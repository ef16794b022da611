import fc from 'fast-check';
import { ORDER_STATUSES, statusLabel, type OrderStatus } from '../../domain/orders/order-status';
import { renderMissing } from '../../domain/reports/missing-data';
import { ORDER_LINE_REPORT } from '../../domain/reports/report-sources';
import type { Lang } from '../../domain/i18n/lang';
import { readOrderLinePageJson, readReportPage } from '../../sync-server/reports/report-reads';
import { piecesText } from '../../sync-server/tables/json-pieces';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { DATABASE_KINDS } from '../support/databases';

/**
 * Order-line pages are written as JSON by the database (order-line-page-sql.ts): most lines by plain
 * concatenation, lines with text JSON must escape by json_build_array. Whatever the kept lines hold (quotes,
 * backslashes, control characters, Chinese, NULLs, missing-data tokens), a page reads back as JavaScript would
 * have rendered it (status labels, renderMissing), every line once, orders never split over pages.
 */
type Line = {
  order_no: string;
  line_no: number;
  order_date: string | null;
  month: string | null;
  channel: string | null;
  country: string | null;
  sku: string | null;
  product: string | null;
  sales_owner: string | null;
  status: string | null;
  qty: number | null;
  currency: string | null;
  revenue: string | null;
  profit: string | null;
  missing: string[] | null;
};

// Characters that take every path: JSON escapes, format()'s % and $, the token separator, non-ASCII.
const tricky = fc
  .array(fc.constantFrom('a', 'Z', '9', ' ', '"', '\\', '\n', '\t', '\u0001', '%', '$', ':', ';', '商', 'é', '😀'), {
    maxLength: 6,
  })
  .map((chars) => chars.join(''));
const text = fc.option(tricky, { nil: null });
const token = fc.oneof(
  fc.constantFrom('price', 'currency', 'fx:USD:2026-11', 'cost:', 'unknown'),
  fc.tuple(fc.constantFrom('fx', 'cost', 'freight', 'other'), tricky, tricky).map(([k, a, b]) => `${k}:${a}:${b}`),
);
const money = fc.option(
  fc.integer({ min: -10_000_000, max: 10_000_000 }).map((cents) => (cents / 100).toFixed(2)),
  { nil: null },
);
const order = fc.record({
  lines: fc.integer({ min: 1, max: 3 }),
  order_date: fc.option(fc.constant('2026-11-03'), { nil: null }),
  channel: text,
  product: text,
  status: fc.option(fc.constantFrom<string>(...ORDER_STATUSES, 'made_up'), { nil: null }),
  qty: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
  revenue: money,
  profit: money,
  missing: fc.option(fc.array(token, { maxLength: 3 }), { nil: null }),
});

describe.each(DATABASE_KINDS)('order-line pages written by the database, on %s', (kind) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(kind);
  });
  afterAll(async () => api?.close());

  /**
   * Lines written by hand (as a restore would): the kept JSON of the orders (report_order_json) is then not what
   * its texts record, so the next read writes it again from the lines.
   */
  async function writeLines(q: { text: string; values: unknown[] }) {
    await api.db.query(q);
    await api.db.query({ text: `DELETE FROM report_json_texts WHERE workspace_id = $1`, values: [q.values[0]] });
  }

  /** A workspace and its boss's key, nothing noted: reads see exactly the lines a test writes. */
  async function bossWithLinesOnly() {
    const ws = await api.workspace();
    const boss = await ws.keyFor('boss@shop.test', ['boss']);
    await api.db.query({ text: `DELETE FROM report_dirty WHERE workspace_id = $1`, values: [ws.id] });
    return { ws, boss };
  }

  test('read back as JavaScript renders them, every line once, orders whole', async () => {
    const ws = await api.workspace();
    // Nothing noted: the reads below page through exactly the lines written here.
    await api.db.query({ text: `DELETE FROM report_dirty WHERE workspace_id = $1`, values: [ws.id] });
    await fc.assert(
      fc.asyncProperty(
        fc.array(order, { minLength: 0, maxLength: 7 }),
        fc.constantFrom<Lang>('en', 'zh'),
        fc.integer({ min: 1, max: 4 }),
        async (orders, lang, limit) => {
          const lines: Line[] = orders.flatMap((o, i) =>
            Array.from({ length: o.lines }, (_, l) => ({
              // Every other order number needs escaping; the digits first keep JS's and the database's order alike.
              order_no: `O${String(i).padStart(3, '0')}${i % 2 ? '"\\' : ''}`,
              line_no: l + 1,
              order_date: o.order_date,
              month: o.order_date?.slice(0, 7) ?? null,
              channel: o.channel,
              country: 'FR',
              sku: `SKU-${l}`,
              product: o.product,
              sales_owner: null,
              status: o.status,
              qty: o.qty,
              currency: 'EUR',
              revenue: o.revenue,
              profit: o.profit,
              missing: o.missing,
            })),
          );
          await api.db.query({ text: `DELETE FROM report_lines WHERE workspace_id = $1`, values: [ws.id] });
          await writeLines({
            text: `INSERT INTO report_lines (workspace_id, order_no, line_no, order_date, month, channel, country, sku,
                                            product, sales_owner, status, qty, currency, revenue, profit, missing)
                   SELECT $1, order_no, line_no, order_date, month, channel, country, sku, product, sales_owner, status,
                          qty, currency, revenue, profit, missing
                     FROM json_populate_recordset(NULL::report_lines, $2::json)`,
            values: [ws.id, JSON.stringify(lines)],
          });
          const expected = [...lines]
            .sort((a, b) => (a.order_no < b.order_no ? -1 : a.order_no > b.order_no ? 1 : a.line_no - b.line_no))
            .map((l) =>
              ORDER_LINE_REPORT.columns.map(({ key }) => {
                if (key === 'missing') return renderMissing(l.missing ?? [], lang);
                if (key === 'status')
                  return l.status === null
                    ? null
                    : (ORDER_STATUSES as readonly string[]).includes(l.status)
                      ? statusLabel(l.status as OrderStatus, lang)
                      : l.status;
                return (l as Record<string, unknown>)[key] ?? null;
              }),
            );
          const read: unknown[][] = [];
          let after: string | undefined;
          for (let pages = 0; pages <= orders.length; pages++) {
            const page = await readReportPage(api.db, ws.id, 'order_lines', { after, limit, lang });
            expect(page.columns).toEqual(ORDER_LINE_REPORT.columns.map((c) => c.key));
            expect(new Set(page.rows.map((r) => r[0])).size).toBeLessThanOrEqual(limit);
            // No order begins on one page and goes on on the next.
            if (read.length && page.rows.length) expect(page.rows[0]![0]).not.toBe(read[read.length - 1]![0]);
            read.push(...page.rows);
            if (page.next === null) break;
            after = page.next;
          }
          expect(read).toEqual(expected);
        },
      ),
      { numRuns: 25 },
    );
  });

  test('the route sends the same page, as JSON', async () => {
    const { ws, boss } = await bossWithLinesOnly();
    await writeLines({
      text: `INSERT INTO report_lines (workspace_id, order_no, line_no, product, status, qty, profit, missing)
             VALUES ($1, 'A1', 1, '杯子 "大"', 'shipped', 2, 1.50, '{cost:SKU-1}'), ($1, 'A2', 1, 'Mug', 'approved', 1, NULL, NULL)`,
      values: [ws.id],
    });
    const direct = JSON.parse(
      piecesText((await readOrderLinePageJson(api.db, ws.id, { limit: 1, lang: 'zh' })).pieces),
    );
    const answer = await api.call('GET', '/v1/reports/order-lines?limit=1&lang=zh', { key: boss });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('application/json');
    expect(answer.body).toEqual(direct);
    expect(answer.body).toMatchObject({ source: 'order_lines', next: 'A1' });
    // The next page is named before the body, so a client may ask for it while it reads this one.
    expect(answer.headers.get('link')).toBe('</v1/reports/order-lines?limit=1&lang=zh&after=A1>; rel="next"');
    expect(answer.body.rows).toEqual([
      [
        'A1',
        1,
        null,
        null,
        null,
        null,
        null,
        '杯子 "大"',
        null,
        '已发货',
        2,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        '1.50',
        'SKU-1 没有成本',
      ],
    ]);
    const last = await api.call('GET', '/v1/reports/order-lines?limit=1&lang=en&after=A1', { key: boss });
    expect(last.body).toMatchObject({
      next: 'A2',
      rows: [
        [
          'A2',
          1,
          null,
          null,
          null,
          null,
          null,
          'Mug',
          null,
          'Approved',
          1,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          '',
        ],
      ],
    });
  });

  test('the Link header leads from page to page, whatever the order numbers hold', async () => {
    const { ws, boss } = await bossWithLinesOnly();
    const orders = ['A 1', 'A&b=2', 'A+3', '订单#4', 'A%5'];
    await writeLines({
      text: `INSERT INTO report_lines (workspace_id, order_no, line_no, status, qty)
             SELECT $1, o, l, 'approved', l FROM unnest($2::text[]) o, generate_series(1, 2) l`,
      values: [ws.id, orders],
    });
    const read: string[] = [];
    // Each page's Link, followed as a client would (at most 5 pages: 5 orders, 2 a page).
    const paths: string[] = ['/v1/reports/order-lines?limit=2&lang=zh'];
    for (let pages = 0; paths.length && pages < 5; pages++) {
      const answer = await api.call<{ rows: unknown[][]; next: string | null }>('GET', paths.pop()!, { key: boss });
      expect(answer.status).toBe(200);
      read.push(...answer.body.rows.map((r) => `${r[0]}/${r[1]}`));
      const link = answer.headers.get('link');
      expect(link === null).toBe(answer.body.next === null);
      if (link === null) break;
      const next = /^<([^>]+)>; rel="next"$/.exec(link)![1]!;
      expect(new URL(next, 'http://x').searchParams.get('after')).toBe(answer.body.next);
      paths.push(next);
    }
    expect(read).toEqual([...orders].sort().flatMap((o) => [`${o}/1`, `${o}/2`]));
  });

  test('as CSV, every line of every page in one file, written page by page', async () => {
    const { ws, boss } = await bossWithLinesOnly();
    // 10,003 orders: the file is read in two pages of 10,000 orders; one product name a spreadsheet would run.
    await writeLines({
      text: `INSERT INTO report_lines (workspace_id, order_no, line_no, product, status, qty, profit)
             SELECT $1, 'C' || lpad(o::text, 5, '0'), 1, CASE WHEN o = 10002 THEN '=HYPERLINK("x")' ELSE 'Mug' END,
                    'shipped', 1, o / 100.0
               FROM generate_series(1, 10003) o`,
      values: [ws.id],
    });
    const answer = await fetch(`${api.url}/v1/reports/order-lines?format=csv&lang=en`, {
      headers: { authorization: `Bearer ${boss}` },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await answer.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM (fetch's text() would drop it)
    const lines = bytes.subarray(3).toString().split('\r\n');
    expect(lines[0]).toMatch(/^Order,Line,/);
    expect(lines.at(-1)).toBe('');
    const orders = lines.slice(1, -1).map((line) => line.split(',')[0]);
    expect(orders).toEqual(Array.from({ length: 10003 }, (_, i) => `C${String(i + 1).padStart(5, '0')}`));
    expect(lines[10002]).toContain(`"'=HYPERLINK(""x"")"`);
  });

  test('a page of more lines than one piece holds arrives whole and in order over HTTP', async () => {
    const { ws, boss } = await bossWithLinesOnly();
    // 700 orders of 3 lines (several pieces, both halves), one product name that needs escaping.
    await writeLines({
      text: `INSERT INTO report_lines (workspace_id, order_no, line_no, product, status, qty, profit)
             SELECT $1, 'B' || lpad(o::text, 4, '0'), l, CASE WHEN o = 350 THEN 'Tab	and "quote"' ELSE 'Mug' END,
                    'approved', l, round((o * 10 + l) / 100.0, 2)
               FROM generate_series(1, 700) o, generate_series(1, 3) l`,
      values: [ws.id],
    });
    const { pieces } = await readOrderLinePageJson(api.db, ws.id, { limit: 1000, lang: 'en' });
    // PostgreSQL hands the lines over as COPY's bytes (db/copy-lines.ts); PGlite as short strings.
    const bytes = pieces.filter((piece) => Buffer.isBuffer(piece)).length;
    if (kind === 'postgres') expect(bytes).toBeGreaterThan(0);
    else expect(bytes).toBe(0);
    const answer = await api.call('GET', '/v1/reports/order-lines?limit=1000&lang=en', { key: boss });
    expect(answer.status).toBe(200);
    expect(Number(answer.headers.get('content-length'))).toBe(Buffer.byteLength(piecesText(pieces)));
    expect(answer.body.next).toBeNull();
    expect(answer.headers.get('link')).toBeNull();
    const rows = answer.body.rows as unknown[][];
    expect(rows.map((r) => `${r[0]}/${r[1]}`)).toEqual(
      Array.from({ length: 2100 }, (_, i) => `B${String(Math.floor(i / 3) + 1).padStart(4, '0')}/${(i % 3) + 1}`),
    );
    expect(rows[349 * 3]![7]).toBe('Tab\tand "quote"');
    expect(rows[2099]![20]).toBe('70.03');
  });
});
