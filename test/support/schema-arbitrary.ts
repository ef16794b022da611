import fc from 'fast-check';

/** The subset of JSON Schema (2020-12) that zod's toJSONSchema writes for this API's contracts. */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  contentEncoding?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
};

/** Strings people and partners really send when things go wrong. */
export const NASTY_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDC00',
  '\u001B[2J',
  '',
  ' ',
  '=IMPORTXML("http://x","//a")',
  "'; DROP TABLE orders; --",
  '../../etc/passwd',
  '%00',
  '\u202Eevil',
  '😀'.repeat(3),
  'ÿ'.repeat(300),
  'x'.repeat(5000),
];
const nasty = fc.constantFrom(...NASTY_STRINGS);

/** Values that are valid as far as the schema says (with nasty text mixed in where any text goes). */
export function validValue(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map((s) => validValue(s, depth)));
  if (schema.allOf?.length) return validValue(schema.allOf[0]!, depth);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return objectOf(schema, depth);
    case 'array': {
      const items = schema.items ? validValue(schema.items, depth + 1) : fc.anything();
      const min = schema.minItems ?? 0;
      return fc.array(items, { minLength: min, maxLength: Math.max(min, Math.min(schema.maxItems ?? 3, 3)) });
    }
    case 'string':
      return stringOf(schema);
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? -1e6, -1e9), max: Math.min(schema.maximum ?? 1e6, 1e9) });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.anything({ maxDepth: 2 });
  }
}

function objectOf(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const props = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, prop] of Object.entries(props)) record[name] = validValue(prop, depth + 1);
  const keys = Object.keys(record);
  if (!keys.length && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    const values = validValue(schema.additionalProperties, depth + 1);
    return fc.dictionary(
      schema.propertyNames ? (stringOf(schema.propertyNames) as fc.Arbitrary<string>) : fc.string({ maxLength: 12 }),
      values,
      { maxKeys: 3 },
    );
  }
  return fc.record(record, { requiredKeys: keys.filter((k) => required.has(k)) });
}

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'email') return fc.oneof(fc.emailAddress(), nasty);
  if (schema.contentEncoding === 'base64' || schema.format === 'base64') return fc.base64String({ maxLength: 400 });
  if (schema.pattern) return fc.oneof(fc.stringMatching(new RegExp(schema.pattern)), nasty);
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 40, 40);
  return fc.oneof(
    fc.string({ minLength: min, maxLength: Math.max(min, max) }),
    fc.string({ unit: 'binary', minLength: min, maxLength: Math.max(min, max) }),
    nasty,
  );
}

/** A valid value broken in one of the ways clients break them: wrong types, extra fields, missing ones, junk. */
export function brokenValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.anything({ maxDepth: 3, withNullPrototype: false }),
    validValue(schema).map((v) => (v && typeof v === 'object' && !Array.isArray(v) ? { ...v, unexpected: 1 } : v)),
    validValue(schema).chain((v) => {
      if (!v || typeof v !== 'object' || Array.isArray(v)) return fc.constant(v);
      const keys = Object.keys(v);
      if (!keys.length) return fc.constant(v);
      return fc.tuple(fc.constantFrom(...keys), fc.anything({ maxDepth: 2 }), fc.boolean()).map(([key, junk, drop]) => {
        const copy: Record<string, unknown> = { ...(v as Record<string, unknown>) };
        if (drop) delete copy[key];
        else copy[key] = junk;
        return copy;
      });
    }),
  );
}
