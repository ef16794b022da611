import fc from 'fast-check';
import { providerQuotaCheck, type QuotaReading } from '../../domain/dispatch/provider-quota';
import { coverWaitingOrders } from '../../domain/purchasing/po-coverage';

const NOW = new Date('2026-11-20T10:00:00.000Z');
const reading = (over: Partial<QuotaReading>): QuotaReading => ({
  provider: '17track',
  source: 'account',
  limit: 100,
  remaining: 50,
  resetsAt: null,
  seenAt: NOW.toISOString(),
  ...over,
});

describe('providers health check (docs/dispatch.md)', () => {
  const check = (readings: QuotaReading[], threshold = 5, paused: Record<string, string | null> = {}) =>
    providerQuotaCheck({ providers: Object.keys(paused), pausedUntil: paused, readings }, threshold, NOW, 'en');

  test('fails below the threshold, not at it; names what is left and until when', () => {
    expect(check([reading({ remaining: 5 })]).status).toBe('ok');
    const low = check([reading({ source: 'daily_calls', remaining: 4, resetsAt: '2026-11-21T00:00:00.000Z' })]);
    expect(low).toMatchObject({
      status: 'fail',
      detail: '17track calls today: only 4 of 100 left (4%, below 5%), until 2026-11-21T00:00:00.000Z',
    });
    expect(check([reading({ remaining: 0 })], 0).status).toBe('ok'); // 0 % turns the failure off
  });

  test('a window whose reset passed is full again; a pause warns', () => {
    const passed = reading({ source: 'window', remaining: 0, resetsAt: '2026-11-20T09:59:59.000Z' });
    expect(check([passed]).status).toBe('ok');
    const paused = check([], 5, { dhl: '2026-11-20T11:00:00.000Z' });
    expect(paused).toMatchObject({
      status: 'warn',
      detail: 'dhl: quota or rate spent, paused until 2026-11-20T11:00:00.000Z',
    });
    expect(check([], 5, { dhl: '2026-11-20T09:00:00.000Z' }).detail).toBe('dhl: available (no quota known yet)');
  });

  test('fails exactly when a reading in force has less than the threshold left', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            limit: fc.integer({ min: 1, max: 100_000 }),
            share: fc.double({ min: 0, max: 1, noNaN: true }),
            resetInMs: fc.option(fc.integer({ min: -86_400_000, max: 86_400_000 })),
          }),
          { maxLength: 5 },
        ),
        fc.integer({ min: 0, max: 100 }),
        (specs, threshold) => {
          const readings = specs.map((s, i) =>
            reading({
              provider: `p${i}`,
              limit: s.limit,
              remaining: Math.floor(s.limit * s.share),
              resetsAt: s.resetInMs === null ? null : new Date(NOW.getTime() + s.resetInMs).toISOString(),
            }),
          );
          const inForce = readings.filter((r) => r.resetsAt === null || Date.parse(r.resetsAt) > NOW.getTime());
          // Percent shown rounded down to 0.1 %, compared as shown: 4.99 % is "4.9 %", below 5.
          const shown = inForce.some((r) => Math.floor((r.remaining / r.limit) * 1000) / 10 < threshold);
          expect(check(readings, threshold).status === 'fail').toBe(shown);
        },
      ),
    );
  });
});

describe('PO lines cover waiting orders first approved first (docs/dispatch.md)', () => {
  test('what is already incoming serves the first orders; a new line covers the next ones', () => {
    const waiting = [
      { orderNo: 'A', sku: 'CASE', missing: 2 },
      { orderNo: 'B', sku: 'CASE', missing: 3 },
      { orderNo: 'C', sku: 'LAMP', missing: 1 },
      { orderNo: 'D', sku: 'CASE', missing: 1 },
    ];
    const lines = [
      { poNo: 'PO-2', lineNo: 1, sku: 'CASE', qty: 3 },
      { poNo: 'PO-2', lineNo: 2, sku: 'LAMP', qty: 5 },
    ];
    expect(coverWaitingOrders(waiting, { CASE: 1 }, lines)).toEqual([
      { orderNo: 'A', poNo: 'PO-2', lineNo: 1, sku: 'CASE', qty: 1 },
      { orderNo: 'B', poNo: 'PO-2', lineNo: 1, sku: 'CASE', qty: 2 },
      { orderNo: 'C', poNo: 'PO-2', lineNo: 2, sku: 'LAMP', qty: 1 },
    ]);
  });

  test('never more than a line orders or an order misses; units go to the queue in order', () => {
    const order = fc.record({
      orderNo: fc.constantFrom('A', 'B', 'C', 'D'),
      sku: fc.constantFrom('X', 'Y'),
      missing: fc.integer({ min: 0, max: 5 }),
    });
    const line = fc.record({ sku: fc.constantFrom('X', 'Y'), qty: fc.integer({ min: 1, max: 8 }) });
    fc.assert(
      fc.property(
        fc.uniqueArray(order, { selector: (o) => `${o.orderNo}/${o.sku}` }),
        fc.array(line, { maxLength: 4 }),
        fc.integer({ min: 0, max: 6 }),
        (waiting, raw, incomingX) => {
          const lines = raw.map((l, i) => ({ poNo: 'PO', lineNo: i + 1, ...l }));
          const covered = coverWaitingOrders(waiting, { X: incomingX }, lines);
          for (const l of lines)
            expect(covered.filter((c) => c.lineNo === l.lineNo).reduce((n, c) => n + c.qty, 0)).toBeLessThanOrEqual(
              l.qty,
            );
          for (const w of waiting)
            expect(
              covered.filter((c) => c.orderNo === w.orderNo && c.sku === w.sku).reduce((n, c) => n + c.qty, 0),
            ).toBeLessThanOrEqual(w.missing);
          for (const sku of ['X', 'Y']) {
            const missing = waiting.filter((w) => w.sku === sku).reduce((n, w) => n + w.missing, 0);
            const ordered = lines.filter((l) => l.sku === sku).reduce((n, l) => n + l.qty, 0);
            const skip = sku === 'X' ? incomingX : 0;
            const total = covered.filter((c) => c.sku === sku).reduce((n, c) => n + c.qty, 0);
            expect(total).toBe(Math.min(ordered, Math.max(0, missing - skip)));
          }
        },
      ),
    );
  });
});
