import fc from 'fast-check';
import { PRODUCT_ATTRIBUTES } from '../../domain/catalog/product';
import type { ColumnSpec, TableSpec } from '../../domain/sheets/column-spec';

/** Every code a field error from validateRow may carry. */
export const FIELD_ERROR_CODES = [
  'required',
  'not_text',
  'too_long',
  'not_integer',
  'not_number',
  'too_many_decimals',
  'out_of_range',
  'not_boolean',
  'not_in_list',
  'not_country',
  'not_days_by_code',
  'not_currency',
  'not_email',
  'bad_key',
  'unknown_field',
  'computed_field',
  'needs_currency',
  'hs_code_shape',
  'band_upside_down',
  'step_needs_both',
  'zone_needs_countries',
  'month_shape',
  'key_must_be',
] as const;

export function fieldsOf(columns: readonly ColumnSpec[]): string[] {
  return columns.map((column) => column.field).sort();
}

export function headerOf(spec: TableSpec, field: string, lang: 'en' | 'zh'): string {
  const column = spec.columns.find((c) => c.field === field);
  if (!column) throw new Error(`no column ${field} in ${spec.entity}`);
  return column.header[lang];
}

/** A value as a sheet cell may hold it: sometimes the JS number, sometimes the typed text. */
function numberOrText(value: number, text: string): fc.Arbitrary<number | string> {
  return fc.constantFrom<number | string>(value, text, ` ${text} `);
}

const randomCase = (text: string) =>
  fc
    .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((upper) => [...text].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch.toLowerCase())).join(''));

/** Scale-`scale` decimal in [0, maxUnits / 10^scale], as number, exact text or padded text ("12.50", "012.5"). */
export function sheetDecimal(scale: number, maxUnits: number): fc.Arbitrary<number | string> {
  const unitsArb = fc.bigInt({ min: 0n, max: BigInt(maxUnits) }).map(Number);
  return fc.tuple(unitsArb, fc.nat({ max: 2 }), fc.nat({ max: 2 })).chain(([units, padLeft, padRight]) => {
    const digits = String(units).padStart(scale + 1, '0');
    const whole = digits.slice(0, digits.length - scale);
    const fraction = digits.slice(digits.length - scale);
    const text = `${'0'.repeat(padLeft)}${whole}${scale ? `.${fraction}${'0'.repeat(padRight)}` : ''}`;
    return numberOrText(units / 10 ** scale, text);
  });
}

const key = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,30}$/);
const name = fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim() !== '');
const email = fc.stringMatching(/^[a-z0-9._+-]{1,12}@[a-z0-9-]{1,12}\.[a-z]{2,6}$/).chain(randomCase);
const currency = fc.constantFrom('usd', 'EUR', 'Cny', ' gbp ');
const attributes = fc
  .subarray([...PRODUCT_ATTRIBUTES])
  .chain((items) =>
    fc.oneof(
      fc.constant<string[] | string>(items),
      fc.constant(items.map((i) => i.toUpperCase()).join(', ')),
      fc.constant(items.join('；')),
    ),
  );
const bool = fc.constantFrom<boolean | string>(true, false, 'TRUE', 'false', ' True ');

/** Product rows as a sheet (or any client) would send them, all valid. Optional cells may be absent or empty. */
export const validProductInput: fc.Arbitrary<Record<string, unknown>> = fc
  .record(
    {
      sku: key,
      name_en: name,
      name_zh: fc.oneof(name, fc.constant('')),
      attributes,
      weight_g: fc.integer({ min: 0, max: 1_000_000 }).chain((n) => numberOrText(n, String(n))),
      length_cm: sheetDecimal(1, 100_000),
      width_cm: sheetDecimal(1, 100_000),
      height_cm: sheetDecimal(1, 100_000),
      money: fc.option(fc.tuple(sheetDecimal(4, 1_000_000_000_000), currency)),
      supplier: name,
      sales_owner: email,
      active: bool,
    },
    { requiredKeys: ['sku', 'name_en', 'money'] },
  )
  .map(({ money, ...rest }) => (money ? { ...rest, unit_cost: money[0], cost_currency: money[1] } : rest));

const countries = fc
  .subarray(['US', 'DE', 'CN', 'GB', 'FR', 'JP', 'us', 'de'])
  .chain((items) => fc.constantFrom<string[] | string>(items, items.join(', '), items.join(' ')));

export const validWarehouseInput: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    code: key.filter((k) => k.length <= 32),
    name,
    countries,
    rank: fc.integer({ min: 1, max: 999 }).chain((n) => numberOrText(n, String(n))),
    active: bool,
  },
  { requiredKeys: ['code', 'name'] },
);

/** Anything a sheet cell or a loose client might send for one field, valid or not. */
export const sheetishCell: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    ' ',
    'TRUE',
    'usd',
    '12.50',
    '-0',
    '0012.500',
    'a@b.co',
    'battery, liquid',
    'us, de',
    '1e3',
    ',',
    ' ; ',
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.oneof(fc.string(), fc.constantFrom('general', 'battery', 'US', 'de', '', ' '))),
);
