import fc from 'fast-check';
import { PRODUCT_TABLE } from '../../domain/catalog/product';
import { SYNCED_TABLES } from '../../domain/catalog/synced-tables';
import { WAREHOUSE_TABLE } from '../../domain/catalog/warehouse';
import { editableColumns, type TableSpec } from '../../domain/sheets/column-spec';
import { canonicalDecimal, spelledCanonical, validateRow } from '../../domain/sheets/row-validation';
import {
  FIELD_ERROR_CODES,
  fieldsOf,
  sheetishCell,
  validProductInput,
  validWarehouseInput,
} from './domain-arbitraries';

const product = { sku: 'BAG-1', name_en: 'Tote bag' };

const decimalText = fc
  .tuple(fc.boolean(), fc.stringMatching(/^\d{1,20}$/), fc.option(fc.stringMatching(/^\d{1,12}$/)))
  .map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction === null ? '' : `.${fraction}`}`);

/** The exact value of a decimal string, scaled by 10^40: compared as BigInt, never as a float. */
function exact(text: string): bigint {
  const negative = text.startsWith('-');
  const [whole = '', fraction = ''] = text.replace(/^-/, '').split('.');
  const scaled = BigInt(`${whole}${fraction.padEnd(40, '0')}`);
  return negative ? -scaled : scaled;
}

describe('canonicalDecimal', () => {
  test('examples', () => {
    expect(canonicalDecimal('012.500')).toBe('12.5');
    expect(canonicalDecimal('-0.0')).toBe('0');
    expect(canonicalDecimal('-000.100')).toBe('-0.1');
    expect(canonicalDecimal('000')).toBe('0');
    expect(canonicalDecimal('7')).toBe('7');
    expect(canonicalDecimal('100')).toBe('100');
    expect(canonicalDecimal('0.000')).toBe('0');
  });

  test('spells any text as the rules written with regular expressions do (the one-pass path included)', () => {
    const text = fc.oneof(
      decimalText,
      fc.stringMatching(/^-?[0.]{0,6}$/),
      fc.array(fc.constantFrom('-', '.', '0', '1', '9', 'e', ' ', '+'), { maxLength: 8 }).map((c) => c.join('')),
    );
    fc.assert(
      fc.property(text, (t) => expect(canonicalDecimal(t)).toBe(spelledCanonical(t))),
      { numRuns: 2000 },
    );
  });

  test('keeps the exact value, is idempotent and has one spelling per value', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        const canonical = canonicalDecimal(text);
        expect(exact(canonical)).toBe(exact(text));
        expect(canonicalDecimal(canonical)).toBe(canonical);
        expect(canonical).toMatch(/^-?(0|[1-9]\d*)(\.\d*[1-9])?$/);
        expect(canonical).not.toBe('-0');
      }),
      { numRuns: 500 },
    );
  });

  test('two spellings have the same canonical form exactly when they have the same value', () => {
    const padded = fc.tuple(decimalText, fc.nat({ max: 3 }), fc.nat({ max: 3 })).map(([text, left, right]) => {
      const negative = text.startsWith('-');
      const body = text.replace(/^-/, '');
      return `${negative ? '-' : ''}${'0'.repeat(left)}${body}${right ? `${body.includes('.') ? '' : '.'}${'0'.repeat(right)}` : ''}`;
    });
    fc.assert(
      fc.property(decimalText, padded, (a, b) => {
        expect(canonicalDecimal(a) === canonicalDecimal(b)).toBe(exact(a) === exact(b));
      }),
    );
    fc.assert(
      fc.property(decimalText, fc.nat({ max: 3 }), (text, zeros) => {
        const withZeros = text.includes('.') ? `${text}${'0'.repeat(zeros)}` : `${text}.${'0'.repeat(zeros + 1)}`;
        expect(canonicalDecimal(withZeros)).toBe(canonicalDecimal(text));
      }),
    );
  });

  test('a sheet number and its exact text validate to the same canonical amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 4 }), (units, scale) => {
        const digits = units.toString().padStart(scale + 1, '0');
        const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
        const number = Number(units) / 10 ** scale;
        const fromNumber = validateRow(PRODUCT_TABLE, { ...product, unit_cost: number, cost_currency: 'USD' }, 'en');
        const fromText = validateRow(PRODUCT_TABLE, { ...product, unit_cost: text, cost_currency: 'USD' }, 'en');
        expect(fromNumber).toEqual(fromText);
        if (fromText.ok) expect(exact(String(fromText.values.unit_cost))).toBe(exact(text));
        else expect(fromText.errors.map((e) => e.code)).toEqual(['out_of_range']);
      }),
      { numRuns: 500 },
    );
  });
});

const anyField = (spec: TableSpec) => fc.oneof(fc.constantFrom(...spec.columns.map((c) => c.field)), fc.string());
const codes: readonly string[] = FIELD_ERROR_CODES;

describe.each(SYNCED_TABLES.filter((spec) => !spec.readOnly).map((spec) => [spec.entity, spec] as const))(
  'validateRow on any input (%s)',
  (_entity, spec) => {
    const editable = fieldsOf(editableColumns(spec));
    const inputs = fc.oneof(
      fc.dictionary(anyField(spec), fc.anything()),
      // Objects that override toString/valueOf, as JSON may carry them (see BUG below).
      fc.dictionary(
        anyField(spec),
        fc.anything({ key: fc.oneof(fc.string(), fc.constantFrom('toString', 'valueOf')) }),
      ),
      fc.dictionary(anyField(spec), sheetishCell),
      fc.dictionary(fc.constantFrom(...editable), sheetishCell),
    );

    test('never throws; returns all editable values or at least one known error, the same in both languages', () => {
      fc.assert(
        fc.property(inputs, (input) => {
          const en = validateRow(spec, input, 'en');
          const zh = validateRow(spec, input, 'zh');
          if (en.ok) {
            expect(Object.keys(en.values).sort()).toEqual(editable);
            expect(Object.keys(input).every((field) => editable.includes(field))).toBe(true);
            expect(zh).toEqual(en);
            return;
          }
          expect(en.errors.length).toBeGreaterThan(0);
          for (const error of en.errors) {
            expect(codes).toContain(error.code);
            expect(spec.columns.some((c) => c.field === error.field) || error.field in input).toBe(true);
            expect(typeof error.message).toBe('string');
            expect(error.message.length).toBeGreaterThan(0);
          }
          expect(zh.ok).toBe(false);
          if (!zh.ok) expect(zh.errors.map((e) => [e.field, e.code])).toEqual(en.errors.map((e) => [e.field, e.code]));
        }),
        { numRuns: 400 },
      );
    });
  },
);

describe('validated values', () => {
  const productFields = editableColumns(PRODUCT_TABLE).map((c) => c.field);
  const nearlyValidProduct = fc.oneof(
    fc
      .tuple(validProductInput, fc.constantFrom(...productFields), sheetishCell)
      .map(([input, field, cell]) => ({ ...input, [field]: cell })),
    fc.tuple(validProductInput, sheetishCell).map(([input, cell]) => ({ ...input, attributes: cell })),
  );

  test('valid generated rows validate, with values of the wire type of each column', () => {
    for (const [spec, arbitrary] of [
      [PRODUCT_TABLE, validProductInput],
      [WAREHOUSE_TABLE, validWarehouseInput],
    ] as const) {
      fc.assert(
        fc.property(arbitrary, (input) => {
          const result = validateRow(spec, input, 'en');
          if (!result.ok) throw new Error(JSON.stringify(result.errors));
          for (const column of editableColumns(spec)) {
            const value = result.values[column.field];
            if (value === null) continue;
            const kind = column.kind.type;
            if (kind === 'integer') expect(Number.isSafeInteger(value)).toBe(true);
            else if (kind === 'decimal') expect(canonicalDecimal(String(value))).toBe(value);
            else if (kind === 'boolean') expect(typeof value).toBe('boolean');
            else if (kind === 'enum-list' || kind === 'country-list')
              expect(Array.isArray(value) && new Set(value).size === value.length).toBe(true);
            else expect(typeof value === 'string' && value === value.trim()).toBe(true);
          }
        }),
      );
    }
  });

  test('normalization is a fixed point: a valid row fed back as input gives the same values', () => {
    const cases = [
      [PRODUCT_TABLE, fc.oneof(validProductInput, nearlyValidProduct)],
      [WAREHOUSE_TABLE, validWarehouseInput],
    ] as const;
    for (const [spec, arbitrary] of cases) {
      fc.assert(
        fc.property(arbitrary, (input) => {
          const first = validateRow(spec, input, 'en');
          if (!first.ok) return;
          expect(validateRow(spec, first.values, 'en')).toEqual(first);
        }),
        { numRuns: 400 },
      );
    }
  });

  // Was a bug (found by these tests): a list cell that is not blank but holds no item ("," or " ; " or [""]) validates to [] instead of the
  // column's empty value, so attributes end up [] (not ['general']) and validating that output again gives
  // ['general']: normalization is not a fixed point and a stored row can hold an "impossible" empty list.
  test('a list holding only separators counts as empty (attributes → ["general"])', () => {
    for (const cell of [',', ' ; ', '，', [''], [' ', '']]) {
      const result = validateRow(PRODUCT_TABLE, { ...product, attributes: cell }, 'en');
      expect(result.ok && result.values.attributes).toEqual(['general']);
    }
  });

  // Was a bug (found by these tests): validateRow throws (TypeError: Cannot convert object to primitive value) instead of reporting a field
  // error when a value is an object whose toString/valueOf are not functions, e.g. the JSON {"toString": 1}.
  // Key, email, currency, boolean and list columns all call String(raw). (The HTTP schema only lets
  // string/number/boolean/string[]/null through, so today this is reachable only by callers of the domain.)
  test('never throws, even for {"toString": 1}', () => {
    const hostile = JSON.parse('{"toString": 1}') as unknown;
    expect(() => validateRow(PRODUCT_TABLE, { ...product, sales_owner: hostile }, 'en')).not.toThrow();
    expect(() => validateRow(PRODUCT_TABLE, { ...product, attributes: [hostile] }, 'en')).not.toThrow();
    expect(() => validateRow(WAREHOUSE_TABLE, { code: hostile, name: 'x' }, 'en')).not.toThrow();
  });

  // Was a bug (found by these tests): a sheet number that String() writes in exponent form is called "not a number":
  // 0.0000001 gives 'Length (cm) must be a number, got "1e-7"' (should be too_many_decimals), and 1e21 gives
  // not_number instead of out_of_range.
  test('tiny and huge sheet numbers get the decimal/range error, not "not a number"', () => {
    const tiny = validateRow(PRODUCT_TABLE, { ...product, length_cm: 0.0000001 }, 'en');
    expect(tiny.ok ? [] : tiny.errors.map((e) => e.code)).toEqual(['too_many_decimals']);
    const huge = validateRow(PRODUCT_TABLE, { ...product, length_cm: 1e21 }, 'en');
    expect(huge.ok ? [] : huge.errors.map((e) => e.code)).toEqual(['out_of_range']);
  });
});
