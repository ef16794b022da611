import { AUDIT_COLUMNS } from '../catalog/audit-columns';
import type { TableSpec } from '../sheets/column-spec';
import { ADDRESS_RULES } from '../orders/address-rules-data';

const grams = (field: string, en: string, zh: string, min: number, required: boolean) =>
  ({
    field,
    header: { en, zh },
    kind: { type: 'integer', min, max: 1_000_000 },
    required,
  }) as const;

const price = (field: string, en: string, zh: string, required: boolean) =>
  ({
    field,
    header: { en, zh },
    kind: { type: 'decimal', scale: 4, min: 0, max: 1_000_000 },
    required,
  }) as const;

/**
 * A zone named by a country code needs no country list: it is that country. The country table is the
 * small generated one (the add-on bundles this spec; i18n-iso-countries would add 700 KB to it).
 */
export function isCountryZone(zone: string): boolean {
  return /^[A-Z]{2}$/.test(zone) && Object.prototype.hasOwnProperty.call(ADDRESS_RULES, zone);
}

/**
 * The Rates sheet: a service's price to a country or zone for a weight band: above "from" grams up to and
 * including "to" (0-500, 500-1000, as carriers publish them): the first weight for its price, then each started step for the step's price. Bands of one
 * service and zone must follow each other without gaps or overlaps (checked across rows: rate-bands.ts).
 * The row's key is "SERVICE@ZONE@FROM", filled in by the add-on when left empty.
 */
export const RATE_TABLE: TableSpec = {
  entity: 'rates',
  label: { en: 'rates', zh: '运费价格' },
  sheetName: { en: 'Rates', zh: '运费价格' },
  keyField: 'rate_key',
  keyFrom: ['service', 'zone', 'from_g'],
  editRoles: ['logistics'],
  columns: [
    {
      field: 'rate_key',
      header: { en: 'Rate line', zh: '价格行' },
      kind: { type: 'key', maxLength: 200, names: true },
      required: true,
      width: 170,
    },
    {
      field: 'service',
      header: { en: 'Service', zh: '渠道代码' },
      kind: { type: 'key', maxLength: 32 },
      required: true,
      width: 110,
    },
    {
      field: 'zone',
      header: { en: 'Country or zone', zh: '国家或分区' },
      kind: { type: 'key', maxLength: 32 },
      required: true,
      width: 110,
    },
    {
      field: 'countries',
      header: { en: 'Zone countries', zh: '分区国家' },
      kind: { type: 'country-list' },
      empty: [],
      width: 160,
    },
    grams('from_g', 'From (g)', '起始重量(克)', 0, true),
    grams('to_g', 'To (g)', '截止重量(克)', 1, true),
    grams('first_g', 'First weight (g)', '首重(克)', 1, true),
    price('first_price', 'First weight price', '首重价格', true),
    grams('step_g', 'Step (g)', '续重单位(克)', 1, false),
    price('step_price', 'Step price', '续重价格', false),
    { field: 'currency', header: { en: 'Currency', zh: '币种' }, kind: { type: 'currency' }, required: true },
    ...AUDIT_COLUMNS,
  ],
  rowRules: [
    (values) =>
      typeof values.from_g === 'number' && typeof values.to_g === 'number' && values.to_g <= values.from_g
        ? { field: 'to_g', code: 'band_upside_down', params: { from: values.from_g } }
        : null,
    (values) =>
      'step_g' in values && 'step_price' in values && (values.step_g === null) !== (values.step_price === null)
        ? { field: values.step_g === null ? 'step_g' : 'step_price', code: 'step_needs_both' }
        : null,
    (values) =>
      typeof values.zone === 'string' &&
      !isCountryZone(values.zone) &&
      Array.isArray(values.countries) &&
      !values.countries.length
        ? { field: 'countries', code: 'zone_needs_countries', params: { zone: values.zone } }
        : null,
  ],
};

/** The countries a rate row prices: its zone's list, or the zone itself when it is a country code. */
export function rateCountries(zone: string, countries: readonly string[]): string[] {
  return countries.length ? [...countries] : isCountryZone(zone) ? [zone] : [];
}
