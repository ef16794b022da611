import fc from 'fast-check';
import { isValidPhoneNumber, type CountryCode } from 'libphonenumber-js/max';
import { cachedPhoneCheck } from '../../domain/orders/phone-check';

const COUNTRIES: CountryCode[] = ['GB', 'US', 'DE', 'CN', 'JP', 'FR', 'AU', 'IN', 'BR', 'HK'];

/** A number's digits written with random separators (spaces, dashes, dots, brackets), with or without its +. */
const spelling = (digits: string, plus: boolean) =>
  fc
    .array(fc.constantFrom('', '', '', ' ', '-', '.', '(', ')', ' (', ') '), {
      minLength: digits.length,
      maxLength: digits.length,
    })
    .map((seps) => (plus ? '+' : '') + [...digits].map((d, i) => (i ? seps[i]! : '') + d).join(''));

const number = fc
  .tuple(
    fc.constantFrom('', '44', '1', '49', '86', '81', '33', '61', '91', '55', '852', '0', '07'),
    fc.stringMatching(/^\d{4,12}$/),
    fc.boolean(),
    fc.boolean(),
  )
  .chain(([prefix, rest, plus, plus2]) =>
    fc.tuple(spelling(prefix + rest, plus), spelling(prefix + rest, plus2), fc.constantFrom(...COUNTRIES)),
  );

describe('phone checks cached by digits for one import', () => {
  test('every answer is the library answer, whatever separators a number is written with', () => {
    fc.assert(
      fc.property(fc.array(number, { minLength: 1, maxLength: 20 }), (numbers) => {
        const check = cachedPhoneCheck();
        for (const [a, b, country] of numbers) {
          expect(check(a, country)).toBe(isValidPhoneNumber(a, country));
          expect(check(b, country)).toBe(isValidPhoneNumber(b, country));
        }
      }),
      { numRuns: 400 },
    );
  });

  test('letters and extensions are checked as written, and the library is asked once per number', () => {
    let asked = 0;
    const check = cachedPhoneCheck((phone, country) => (asked++, isValidPhoneNumber(phone, country)));
    expect(check('+44 20 7946 0000 ext. 12', 'GB')).toBe(isValidPhoneNumber('+44 20 7946 0000 ext. 12', 'GB'));
    expect(check('+44 20 7946 000012', 'GB')).toBe(isValidPhoneNumber('+44 20 7946 000012', 'GB'));
    expect(check('+44 (20) 7946-0000', 'GB')).toBe(true);
    expect(check('+44 20 7946 0000', 'GB')).toBe(true);
    expect(check('44 20 7946 0000', 'GB')).toBe(isValidPhoneNumber('44 20 7946 0000', 'GB'));
    expect(check('020 7946 0000', 'US')).toBe(isValidPhoneNumber('020 7946 0000', 'US'));
    expect(asked).toBe(5);
  });
});
