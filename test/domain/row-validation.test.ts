import { PRODUCT_TABLE } from '../../domain/catalog/product';
import { WAREHOUSE_TABLE } from '../../domain/catalog/warehouse';
import type { Lang } from '../../domain/i18n/lang';
import type { TableSpec, WireRow } from '../../domain/sheets/column-spec';
import { validateRow } from '../../domain/sheets/row-validation';
import { headerOf } from './domain-arbitraries';

const product = { sku: 'BAG-1', name_en: 'Tote bag' };
const warehouse = { code: 'LAX', name: 'Los Angeles' };

function valuesOf(spec: TableSpec, input: Record<string, unknown>): WireRow {
  const result = validateRow(spec, input, 'en');
  if (!result.ok) throw new Error(`expected a valid row, got ${JSON.stringify(result.errors)}`);
  return result.values;
}

/** code of the single error on `field` (and asserts there is exactly one). */
function errorOn(spec: TableSpec, input: Record<string, unknown>, field: string, lang: Lang = 'en') {
  const result = validateRow(spec, input, lang);
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.values)}`);
  const onField = result.errors.filter((e) => e.field === field);
  expect(onField).toHaveLength(1);
  return onField[0]!;
}

describe('validateRow reports every field error of a row at once', () => {
  const badProduct = {
    sku: 'bad key!',
    // name_en missing
    name_zh: 'x'.repeat(201),
    attributes: 'battery, plutonium',
    weight_g: '12.5',
    length_cm: 'abc',
    width_cm: '1.25',
    height_cm: '10000.1',
    unit_cost: '3.5',
    cost_currency: 'US',
    supplier: true,
    sales_owner: 'ann@',
    active: 'yes',
    updated_at: '2024-01-01T00:00:00Z',
    colour: 'red',
  };
  const expected: Record<string, string> = {
    sku: 'bad_key',
    name_en: 'required',
    name_zh: 'too_long',
    attributes: 'not_in_list',
    weight_g: 'not_integer',
    length_cm: 'not_number',
    width_cm: 'too_many_decimals',
    height_cm: 'out_of_range',
    cost_currency: 'not_currency',
    supplier: 'not_text',
    sales_owner: 'not_email',
    active: 'not_boolean',
    updated_at: 'computed_field',
    colour: 'unknown_field',
  };

  test.each<Lang>(['en', 'zh'])('a product row with one error per field (%s)', (lang) => {
    const result = validateRow(PRODUCT_TABLE, badProduct, lang);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byField = Object.fromEntries(result.errors.map((e) => [e.field, e.code]));
    expect(byField).toEqual(expected);
    expect(result.errors).toHaveLength(Object.keys(expected).length);
    for (const error of result.errors) {
      if (error.field === 'colour') expect(error.message).toContain('colour');
      else expect(error.message).toContain(headerOf(PRODUCT_TABLE, error.field, lang));
      expect(error.message).not.toMatch(/\{\w+\}/);
    }
  });

  test('messages carry the limits and the offending value', () => {
    const result = validateRow(PRODUCT_TABLE, badProduct, 'en');
    if (result.ok) throw new Error('expected errors');
    const message = (field: string) => result.errors.find((e) => e.field === field)?.message ?? '';
    expect(message('sku')).toContain('64');
    expect(message('name_zh')).toContain('200');
    expect(message('attributes')).toContain('plutonium');
    expect(message('attributes')).toContain('general, battery, liquid');
    expect(message('weight_g')).toContain('12.5');
    expect(message('length_cm')).toContain('abc');
    expect(message('height_cm')).toMatch(/0.*10000/);
    expect(message('cost_currency')).toContain('"US"');
    expect(message('sales_owner')).toContain('ann@');
  });

  test('zh messages use the Chinese headers', () => {
    expect(errorOn(PRODUCT_TABLE, { ...product, weight_g: 'x' }, 'weight_g', 'zh').message).toContain('重量(克)');
    expect(errorOn(PRODUCT_TABLE, { sku: 'A' }, 'name_en', 'zh').message).toBe('英文名称为必填项');
    expect(errorOn(WAREHOUSE_TABLE, { ...warehouse, countries: 'XX' }, 'countries', 'zh').message).toContain(
      '服务国家',
    );
  });

  test('a warehouse row: key, required, country, range errors together', () => {
    const result = validateRow(
      WAREHOUSE_TABLE,
      { code: 'L A', countries: 'us, XX', rank: 0, active: 2, updated_by: 'me' },
      'en',
    );
    if (result.ok) throw new Error('expected errors');
    expect(Object.fromEntries(result.errors.map((e) => [e.field, e.code]))).toEqual({
      code: 'bad_key',
      name: 'required',
      countries: 'not_country',
      rank: 'out_of_range',
      active: 'not_boolean',
      updated_by: 'computed_field',
    });
    expect(result.errors.find((e) => e.field === 'countries')?.message).toContain('"XX"');
  });

  test('money without a currency needs one; the rule waits for the amount to be valid', () => {
    const needs = errorOn(PRODUCT_TABLE, { ...product, unit_cost: '9.99' }, 'cost_currency');
    expect(needs.code).toBe('needs_currency');
    expect(needs.message).toBe('Cost currency needs a currency');
    expect(
      errorOn(PRODUCT_TABLE, { ...product, unit_cost: '9.99', cost_currency: ' ' }, 'cost_currency', 'zh').message,
    ).toBe('成本币种需要填写币种');
    const badAmount = validateRow(PRODUCT_TABLE, { ...product, unit_cost: 'n/a' }, 'en');
    expect(badAmount.ok ? [] : badAmount.errors.map((e) => e.code)).toEqual(['not_number']);
    expect(valuesOf(PRODUCT_TABLE, { ...product, unit_cost: '0', cost_currency: 'usd' })).toMatchObject({
      unit_cost: '0',
      cost_currency: 'USD',
    });
  });
});

describe('validateRow normalizes values', () => {
  test('empty optional cells take the column empty value, or null', () => {
    const values = valuesOf(PRODUCT_TABLE, {
      ...product,
      name_zh: '  ',
      attributes: '',
      weight_g: null,
      active: undefined,
    });
    expect(values).toEqual({
      sku: 'BAG-1',
      name_en: 'Tote bag',
      name_zh: null,
      attributes: ['general'],
      weight_g: null,
      length_cm: null,
      width_cm: null,
      height_cm: null,
      unit_cost: null,
      cost_currency: null,
      supplier: null,
      safety_stock: 0,
      coverage_days: 30,
      declared_name_en: null,
      declared_name_zh: null,
      hs_code: null,
      declared_value: null,
      declared_currency: null,
      sales_owner: null,
      active: true,
    });
    expect(valuesOf(PRODUCT_TABLE, { ...product, attributes: [] }).attributes).toEqual(['general']);
    expect(valuesOf(WAREHOUSE_TABLE, warehouse)).toEqual({
      code: 'LAX',
      name: 'Los Angeles',
      countries: [],
      rank: 100,
      active: true,
    });
  });

  test('an explicit FALSE is kept, not replaced by the empty value', () => {
    expect(valuesOf(PRODUCT_TABLE, { ...product, active: false }).active).toBe(false);
    expect(valuesOf(PRODUCT_TABLE, { ...product, active: ' False ' }).active).toBe(false);
    expect(valuesOf(PRODUCT_TABLE, { ...product, active: 'TRUE' }).active).toBe(true);
    for (const bad of [1, 0, 'yes', 'x', ['maybe']])
      expect(errorOn(PRODUCT_TABLE, { ...product, active: bad }, 'active').code).toBe('not_boolean');
  });

  test('required cells that are blank are reported, whatever blank looks like', () => {
    for (const blank of [undefined, null, '', '   ', []]) {
      expect(errorOn(PRODUCT_TABLE, { ...product, name_en: blank }, 'name_en').code).toBe('required');
      expect(errorOn(WAREHOUSE_TABLE, { ...warehouse, code: blank }, 'code').code).toBe('required');
    }
  });

  test('keys are trimmed; numbers become text; the pattern and length are enforced', () => {
    expect(valuesOf(PRODUCT_TABLE, { ...product, sku: '  A-1_b.2/x ' }).sku).toBe('A-1_b.2/x');
    expect(valuesOf(PRODUCT_TABLE, { ...product, sku: 12345 }).sku).toBe('12345');
    expect(valuesOf(PRODUCT_TABLE, { ...product, sku: 'K'.repeat(64) }).sku).toBe('K'.repeat(64));
    for (const bad of ['K'.repeat(65), 'a b', '-A', '.A', 'ä1', 'A,B'])
      expect(errorOn(PRODUCT_TABLE, { ...product, sku: bad }, 'sku').code).toBe('bad_key');
    expect(errorOn(WAREHOUSE_TABLE, { ...warehouse, code: 'C'.repeat(33) }, 'code').message).toContain('32');
  });

  test('text is trimmed, numbers become text, length counts after trimming', () => {
    expect(valuesOf(PRODUCT_TABLE, { ...product, name_en: '  Bag  ', supplier: 42 })).toMatchObject({
      name_en: 'Bag',
      supplier: '42',
    });
    expect(valuesOf(PRODUCT_TABLE, { ...product, name_zh: ` ${'字'.repeat(200)} ` }).name_zh).toBe('字'.repeat(200));
    expect(errorOn(PRODUCT_TABLE, { ...product, supplier: ['a'] }, 'supplier').code).toBe('not_text');
  });

  test('currencies upper-cased, emails lower-cased', () => {
    expect(valuesOf(PRODUCT_TABLE, { ...product, unit_cost: 1, cost_currency: ' eur ' }).cost_currency).toBe('EUR');
    expect(valuesOf(PRODUCT_TABLE, { ...product, sales_owner: ' Ann.Lee@Example.COM ' }).sales_owner).toBe(
      'ann.lee@example.com',
    );
    for (const bad of ['US', 'US$', 'dollar', 'U1D'])
      expect(errorOn(PRODUCT_TABLE, { ...product, cost_currency: bad }, 'cost_currency').code).toBe('not_currency');
    for (const bad of ['ann', 'ann@example', 'ann lee@example.com', '@example.com', 'a@@b.co']) {
      expect(errorOn(PRODUCT_TABLE, { ...product, sales_owner: bad }, 'sales_owner').code).toBe('not_email');
    }
  });

  test('country lists: upper-cased, de-duplicated, sorted (order means nothing), text or array, ISO alpha-2 only', () => {
    expect(valuesOf(WAREHOUSE_TABLE, { ...warehouse, countries: 'us, de' }).countries).toEqual(['DE', 'US']);
    expect(valuesOf(WAREHOUSE_TABLE, { ...warehouse, countries: ['us', 'DE', 'Us'] }).countries).toEqual(['DE', 'US']);
    expect(valuesOf(WAREHOUSE_TABLE, { ...warehouse, countries: 'cn；jp，de;fr  gb' }).countries).toEqual([
      'CN',
      'DE',
      'FR',
      'GB',
      'JP',
    ]);
    for (const bad of ['USA', 'XX', 'UK', 'U', 'us, 12'])
      expect(errorOn(WAREHOUSE_TABLE, { ...warehouse, countries: bad }, 'countries').code).toBe('not_country');
  });

  test('attribute lists: lower-cased, sorted, de-duplicated; unknown ones named', () => {
    expect(valuesOf(PRODUCT_TABLE, { ...product, attributes: 'Liquid, battery, LIQUID' }).attributes).toEqual([
      'battery',
      'liquid',
    ]);
    expect(valuesOf(PRODUCT_TABLE, { ...product, attributes: ['powder', 'cosmetic', 'general'] }).attributes).toEqual([
      'cosmetic',
      'general',
      'powder',
    ]);
    const error = errorOn(PRODUCT_TABLE, { ...product, attributes: ['battery', 'Fragile'] }, 'attributes');
    expect(error.code).toBe('not_in_list');
    expect(error.message).toContain('"fragile"');
  });

  test('integers: numbers or digit strings, safe and in range', () => {
    expect(valuesOf(PRODUCT_TABLE, { ...product, weight_g: ' 250 ' }).weight_g).toBe(250);
    expect(valuesOf(PRODUCT_TABLE, { ...product, weight_g: 250 }).weight_g).toBe(250);
    expect(valuesOf(PRODUCT_TABLE, { ...product, weight_g: 1_000_000 }).weight_g).toBe(1_000_000);
    expect(valuesOf(WAREHOUSE_TABLE, { ...warehouse, rank: '1' }).rank).toBe(1);
    for (const bad of ['12.5', 12.5, '1e3', '+5', '1 000', 2 ** 53, Number.NaN, Infinity, true]) {
      expect(errorOn(PRODUCT_TABLE, { ...product, weight_g: bad }, 'weight_g').code).toBe('not_integer');
    }
    for (const bad of [-1, 1_000_001])
      expect(errorOn(PRODUCT_TABLE, { ...product, weight_g: bad }, 'weight_g').code).toBe('out_of_range');
    expect(errorOn(WAREHOUSE_TABLE, { ...warehouse, rank: 1000 }, 'rank').message).toBe(
      'Rank must be between 1 and 999',
    );
  });

  test('decimals: a sheet number and the typed text give the same canonical string', () => {
    const pairs: [unknown, string][] = [
      [12.5, '12.5'],
      ['12.50', '12.5'],
      [' 0012.500 ', '12.5'],
      [3, '3'],
      ['3.0', '3'],
      [0, '0'],
      ['-0.0', '0'],
      [-0, '0'],
      [10000, '10000'],
    ];
    for (const [raw, canonical] of pairs)
      expect(valuesOf(PRODUCT_TABLE, { ...product, length_cm: raw }).length_cm).toBe(canonical);
    const money = (raw: unknown) =>
      valuesOf(PRODUCT_TABLE, { ...product, unit_cost: raw, cost_currency: 'USD' }).unit_cost;
    expect(money(0.0001)).toBe('0.0001');
    expect(money('99999999.9999')).toBe('99999999.9999');
    expect(money(19.99)).toBe(money('19.990'));
  });

  test('decimals: malformed, too precise or out of range', () => {
    for (const bad of ['abc', '1,5', '1e3', '.5', '5.', '+1', '', Number.NaN, Infinity, true, ['1']]) {
      const result = validateRow(PRODUCT_TABLE, { ...product, length_cm: bad }, 'en');
      if (bad === '') expect(result.ok).toBe(true);
      else expect(result.ok ? 'ok' : result.errors.map((e) => e.code)).toEqual(['not_number']);
    }
    expect(errorOn(PRODUCT_TABLE, { ...product, length_cm: 1.25 }, 'length_cm').code).toBe('too_many_decimals');
    expect(errorOn(PRODUCT_TABLE, { ...product, length_cm: '1.25' }, 'length_cm').message).toBe(
      'Length (cm) allows at most 1 decimals',
    );
    expect(errorOn(PRODUCT_TABLE, { ...product, unit_cost: '0.00001', cost_currency: 'USD' }, 'unit_cost').code).toBe(
      'too_many_decimals',
    );
    expect(errorOn(PRODUCT_TABLE, { ...product, length_cm: '-0.1' }, 'length_cm').code).toBe('out_of_range');
    expect(errorOn(PRODUCT_TABLE, { ...product, length_cm: '10000.1' }, 'length_cm').code).toBe('out_of_range');
    expect(
      errorOn(PRODUCT_TABLE, { ...product, unit_cost: '100000000.0001', cost_currency: 'USD' }, 'unit_cost').code,
    ).toBe('out_of_range');
  });

  test('only editable columns come back; computed and unknown fields are refused', () => {
    const values = valuesOf(WAREHOUSE_TABLE, { ...warehouse, rank: 3 });
    expect(Object.keys(values).sort()).toEqual(['active', 'code', 'countries', 'name', 'rank']);
    expect(errorOn(WAREHOUSE_TABLE, { ...warehouse, updated_at: null }, 'updated_at').message).toBe(
      'Updated (UTC) is computed by the server and cannot be edited',
    );
    expect(errorOn(WAREHOUSE_TABLE, { ...warehouse, Name: 'x' }, 'Name', 'zh').message).toBe('未知列“Name”');
  });
});
