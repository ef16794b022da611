import fc from 'fast-check';
import { leadTimeTo } from '../../domain/purchasing/lead-time';
import { SUPPLIER_TABLE } from '../../domain/purchasing/supplier-table';
import { formatDaysByCode, parseDaysByCode } from '../../domain/sheets/days-by-code';
import { validateRow } from '../../domain/sheets/row-validation';

describe('days per code ("FR1 35, US1 25")', () => {
  test('typed with colons, equals signs, Chinese separators or one per line: one canonical text, sorted by code', () => {
    const parsed = parseDaysByCode('US1: 25；FR1=35\nDE-2 40、 CN.3 0', 365);
    expect('days' in parsed && formatDaysByCode(parsed.days)).toBe('CN.3 0, DE-2 40, FR1 35, US1 25');
    expect(parseDaysByCode('FR1 35, fr1 40', 365)).toEqual({ bad: 'fr1 40' }); // which one was meant cannot be told
    expect(parseDaysByCode('FR1 thirty', 365)).toEqual({ bad: 'FR1 thirty' });
    expect(parseDaysByCode('FR1 400', 365)).toEqual({ bad: 'FR1 400' });
    expect(parseDaysByCode('35', 365)).toEqual({ bad: '35' });
    expect(parseDaysByCode('-FR 3', 365)).toEqual({ bad: '-FR 3' });
  });

  test('the canonical text reads back as the same days', () => {
    // Upper case only: two codes differing only in case are refused (see above), not round-tripped.
    const code = fc.stringMatching(/^[A-Z0-9][A-Z0-9._-]{0,8}$/);
    fc.assert(
      fc.property(fc.dictionary(code, fc.integer({ min: 0, max: 365 }), { maxKeys: 6 }), (record) => {
        const days = new Map(Object.entries(record));
        const text = formatDaysByCode(days);
        const again = parseDaysByCode(text, 365);
        expect('days' in again && formatDaysByCode(again.days)).toBe(text);
      }),
    );
  });

  test('the Suppliers sheet cell is checked like any other, in the sheet language', () => {
    const ok = validateRow(SUPPLIER_TABLE, { code: 'SUP1', transit_by_warehouse: 'us1 25, FR1 35' }, 'en');
    expect(ok).toMatchObject({ values: { transit_by_warehouse: 'FR1 35, us1 25' } });
    const empty = validateRow(SUPPLIER_TABLE, { code: 'SUP1', transit_by_warehouse: ' , ' }, 'en');
    expect(empty).toMatchObject({ values: { transit_by_warehouse: null } });
    expect(
      validateRow(SUPPLIER_TABLE, { code: 'SUP1', transit_by_warehouse: 'FR1 35, '.repeat(300) }, 'en'),
    ).toMatchObject({ errors: [{ field: 'transit_by_warehouse', code: 'too_long' }] });
    const bad = validateRow(SUPPLIER_TABLE, { code: 'SUP1', transit_by_warehouse: 'FR1 35 days' }, 'zh');
    expect(bad).toMatchObject({
      errors: [
        {
          field: 'transit_by_warehouse',
          code: 'not_days_by_code',
          message: '分仓运输天数：“FR1 35 days”不是“FR1 35, US1 25”这样的代码和天数（天数 0 到 365）',
        },
      ],
    });
  });

  test("lead time to a warehouse uses its own transit days, else the supplier's", () => {
    const times = { leadDays: 10, qcDays: 2, transitDays: 20, transitByWarehouse: 'DE1 35, US1 25' };
    expect([
      leadTimeTo(times, 'DE1'),
      leadTimeTo(times, 'US1'),
      leadTimeTo(times, 'FR1'),
      leadTimeTo(times, null),
    ]).toEqual([47, 37, 32, 32]);
    expect(leadTimeTo({ ...times, transitByWarehouse: 'de1 35' }, 'DE1')).toBe(47); // typed in another case, still that warehouse
    expect(leadTimeTo({ ...times, transitByWarehouse: null }, 'DE1')).toBe(32);
  });
});
