import fc from 'fast-check';
import { isValidPhoneNumber, type CountryCode } from 'libphonenumber-js/max';
import { cachePhonePatterns, phonePatternsCached } from '../../sync-server/orders/phone-patterns';

const COUNTRIES: CountryCode[] = ['GB', 'US', 'DE', 'CN', 'JP', 'FR', 'AU', 'IN', 'BR', 'HK', 'SG', 'AE'];
const phone = fc
  .tuple(
    fc.constantFrom('', '+', '+44 ', '+1 ', '+86 ', '+81 ', '0', '00', '+49 '),
    fc.stringMatching(/^[\d ()-]{3,16}$/),
    fc.constantFrom(...COUNTRIES),
  )
  .map(([prefix, rest, country]) => [`${prefix}${rest}`, country] as const);

describe('compiled phone patterns', () => {
  test('the library gives the same answers with its patterns compiled once, and takes the cache', () => {
    const numbers = fc.sample(phone, { numRuns: 3000, seed: 18 });
    numbers.push(['+44 20 7946 0000', 'GB'], ['+1 212 555 0100', 'US'], ['13800138000', 'CN']);
    const before = numbers.map(([n, c]) => isValidPhoneNumber(n, c));
    expect(phonePatternsCached()).toBe(false);
    cachePhonePatterns();
    expect(phonePatternsCached()).toBe(true);
    expect(numbers.map(([n, c]) => isValidPhoneNumber(n, c))).toEqual(before);
    expect(before.filter(Boolean).length).toBeGreaterThan(3); // the sample holds valid numbers too
  });
});
