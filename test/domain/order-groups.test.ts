import fc from 'fast-check';
import { groupOrderFile, parseOrderFile } from '../../domain/orders/channel-formats';
import { parseSourceTime } from '../../domain/orders/source-time';
import { assembleGroups } from '../../domain/orders/order-import';
import type { OrderGroups } from '../../domain/orders/order-groups';
import { lookbackStart } from '../../domain/orders/duplicate-lookback';

/**
 * An import assembles a file's orders a slice of groups at a time (sync-server/workflows/order-import.ts): the
 * slices together must be the file read in one piece, whatever the slice size, refusals and row order.
 */
const HEADER = 'order_no,order_date,sku,qty,unit_price,currency,shipping';
const row = fc.record({
  orderNo: fc.constantFrom('', ' ', 'A-1', 'A-2', 'B-7', '#9', 'A-1 '),
  date: fc.constantFrom(
    '',
    '2026-11-02 10:00',
    '2026-10-30T23:59:00+09:00',
    '2026-11-01T01:00:00+13:00',
    '2026-11-01T00:30:00+23:00',
    '2026-11-31',
    'soon',
  ),
  sku: fc.constantFrom('', 'MUG', 'CAP'),
  qty: fc.constantFrom('1', '2', '0', 'x', ''),
  price: fc.constantFrom('', '2.5', '2.555', '3', 'ten'),
  currency: fc.constantFrom('', 'USD', 'JPY'),
  shipping: fc.constantFrom('', '4.99', '5'),
});
const file = fc
  .array(row, { maxLength: 40 })
  .map((rows) =>
    [HEADER, ...rows.map((r) => [r.orderNo, r.date, r.sku, r.qty, r.price, r.currency, r.shipping].join(','))].join(
      '\n',
    ),
  );

function grouped(text: string): OrderGroups {
  const groups = groupOrderFile('template', text, 'en');
  if ('error' in groups) throw new Error(groups.error);
  return groups;
}

describe('order groups assembled in slices', () => {
  test('any slice size gives the orders, refusals and left-out orders of the whole file', () => {
    fc.assert(
      fc.property(file, fc.integer({ min: 1, max: 6 }), (text, size) => {
        const whole = parseOrderFile('template', text, 'en');
        if ('error' in whole) throw new Error(whole.error);
        const groups = grouped(text);
        const slices = [];
        for (let from = 0; from < groups.groups.length; from += size)
          slices.push(assembleGroups(groups, from, from + size));
        expect(slices.flatMap((s) => s.orders)).toEqual(whole.orders);
        expect(slices.flatMap((s) => s.rejectedOrders)).toEqual(whole.rejectedOrders);
        const rejected = [...groups.rejected, ...slices.flatMap((s) => s.rejected)].sort((a, b) => a.row - b.row);
        expect(rejected).toEqual(whole.rejected);
      }),
    );
  });

  test("the look-back start is no later than any order's (an undated one's is now), and a day before a written date", () => {
    const now = '2026-11-15T00:00:00.000Z';
    fc.assert(
      fc.property(file, (text) => {
        const whole = parseOrderFile('template', text, 'en');
        if ('error' in whole) throw new Error(whole.error);
        const times = whole.orders.map((o) => o.orderedAt?.utc ?? now);
        const start = lookbackStart(grouped(text), now);
        if (times.length) expect(start).not.toBeNull();
        for (const t of times) expect(start! <= t).toBe(true);
        // Refused orders count too (a superset of what the duplicate check needs): it is a day before the midnight
        // of some row's written calendar day, or now; never earlier than the earliest of those.
        const days = text
          .split('\n')
          .slice(1)
          .map((line) => parseSourceTime(line.split(',')[1]!.slice(0, 10))?.utc)
          .filter((utc): utc is string => utc !== undefined)
          .map((utc) => new Date(Date.parse(utc) - 24 * 3_600_000).toISOString());
        if (start !== null) expect([...days, now]).toContain(start);
      }),
    );
  });

  test('the look-back start is read from the dates as written, whatever the zone', () => {
    const start = (dates: string[]) =>
      lookbackStart(grouped([HEADER, ...dates.map((d, i) => `A-${i},${d},MUG,1,,,`)].join('\n')), NOW);
    const NOW = '2026-11-15T00:00:00.000Z';
    // +23:59 reads as an offset: 00:30 on 3 Nov there is 00:31 on 2 Nov UTC, still after the start.
    expect(start(['2026-11-03T00:30:00+23:59', '2026-11-05 10:00'])).toBe('2026-11-02T00:00:00.000Z');
    expect(start(['2026-11-31', '2026-11-20T09:00:00-05:00'])).toBe('2026-11-19T00:00:00.000Z'); // no 31 November
    expect(start(['soon', '2026-12-01'])).toBe('2026-11-30T00:00:00.000Z'); // an unreadable time counts for nothing
    expect(start(['', '2026-12-01'])).toBe(NOW); // an undated order counts as of now, here the earlier
    expect(start(['soon'])).toBeNull();
  });
});
