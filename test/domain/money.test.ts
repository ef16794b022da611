import fc from 'fast-check';
import { divideAmount, sumAmounts, sumLineAmounts } from '../../domain/money/decimal-amount';
import { currencyDigits, fitsCurrency, usedDecimals } from '../../domain/money/money';
import { parseOrderFile } from '../../domain/orders/channel-formats';

const decimal = (maxScale: number) =>
  fc
    .tuple(fc.bigInt({ min: BigInt(0), max: BigInt(10) ** BigInt(12) }), fc.integer({ min: 0, max: maxScale }))
    .map(([units, scale]) => {
      const digits = units.toString().padStart(scale + 1, '0');
      return scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
    });

describe('money', () => {
  test('currency decimals come from ISO 4217', () => {
    expect([currencyDigits('JPY'), currencyDigits('eur'), currencyDigits('KWD'), currencyDigits('XYZ')]).toEqual([
      0,
      2,
      3,
      null,
    ]);
  });

  test('an amount fits its currency exactly when the decimals it uses are no more than the currency has', () => {
    fc.assert(
      fc.property(decimal(5), fc.constantFrom('JPY', 'EUR', 'KWD'), (amount, currency) => {
        expect(fitsCurrency(amount, currency)).toBe(usedDecimals(amount) <= currencyDigits(currency)!);
      }),
    );
    expect([
      fitsCurrency('1980.00', 'JPY'),
      fitsCurrency('12.345', 'EUR'),
      fitsCurrency('12.345', 'XYZ'),
      fitsCurrency('1.5', null),
    ]).toEqual([true, false, true, true]);
  });

  test('the decimals an amount uses: its fraction without trailing zeros, whatever the text', () => {
    expect(['12.50', '1980.00', '7', '0.125', '.5', '1.2.30'].map(usedDecimals)).toEqual([1, 0, 0, 3, 1, 1]);
    fc.assert(
      fc.property(fc.array(fc.constantFrom('0', '1', '9', '.', '-'), { maxLength: 10 }), (chars) => {
        const amount = chars.join('');
        expect(usedDecimals(amount)).toBe((amount.split('.')[1] ?? '').replace(/0+$/, '').length);
      }),
      { numRuns: 1000 },
    );
  });

  test('dividing a line amount by its quantity is exact when it can be, else half to even at the scale', () => {
    fc.assert(
      fc.property(decimal(4), fc.integer({ min: 1, max: 1000 }), (unit, qty) => {
        const line = sumLineAmounts([{ unit, qty }]);
        expect(Number(divideAmount(line, qty, 4))).toBe(Number(unit));
      }),
    );
    expect([
      divideAmount('10', 3, 4),
      divideAmount('0.00005', 1, 4),
      divideAmount('0.00015', 1, 4),
      divideAmount('29.98', 2, 4),
    ]).toEqual(['3.3333', '0', '0.0002', '14.99']);
  });

  test('sums are exact where binary floats are not', () => {
    expect(sumAmounts(['0.1', '0.2'])).toBe('0.3');
    expect(sumLineAmounts([{ unit: '0.1', qty: 3 }])).toBe('0.3');
  });

  test('an import refuses an amount with more decimals than its currency, naming the row, and rounds nothing', () => {
    const text = [
      'Order no.,SKU,Qty,Unit price,Currency',
      'A,SKU-1,1,12.345,EUR',
      'B,SKU-1,1,1980,JPY',
      'C,SKU-1,1,1980.5,JPY',
      'D,SKU-1,2,12.340,EUR',
    ].join('\n');
    const result = parseOrderFile('template', text, 'en');
    if ('error' in result) throw new Error(result.error);
    expect(result.orders.map((o) => [o.externalId, o.lines[0]!.unitPrice])).toEqual([
      ['B', '1980'],
      ['D', '12.34'],
    ]);
    expect(result.rejected.map((r) => [r.row, r.field, r.code])).toEqual([
      [2, 'unit_price', 'too_many_decimals'],
      [4, 'unit_price', 'too_many_decimals'],
    ]);
    expect(result.rejected[0]!.message).toBe(
      'Row 2: amount "12.345" has more decimals than EUR has (2): nothing is rounded, fix the file',
    );
  });
});
