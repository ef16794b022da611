/**
 * Bulk statements take one array parameter per column and `unnest` them: PostgreSQL reads typed arrays
 * faster than a JSON document it must parse and cast field by field (json_to_recordset). Each array is sent
 * as its literal text (`{"a","b",NULL}`), built here in one native JSON.stringify: the driver's own
 * element-by-element escaping costs more than the statement. A column that is itself a list cannot
 * travel inside a 2-D array (rows differ in length), so it goes as its own literal, cast back in SQL.
 */
export type ArrayItem = string | number | boolean | Date | null | undefined | readonly ArrayItem[];

/**
 * The array literal of `items`. JSON's quoting is the array literal's (backslash before `"` and `\`), so
 * JSON.stringify's output serves as is unless it escaped something else (a control character, half a
 * surrogate pair): those arrays take the careful path.
 */
export function arrayLiteral(items: readonly ArrayItem[]): string {
  // Most columns hold only text, numbers and nulls: those are stringified as they are, without a copy.
  const plain = items.some((item) => Array.isArray(item) || item instanceof Date)
    ? items.map((item) =>
        Array.isArray(item) ? arrayLiteral(item) : item instanceof Date ? item.toISOString() : (item ?? null),
      )
    : items;
  const json = JSON.stringify(plain);
  if (!OTHER_ESCAPE.test(json)) return `{${json.slice(1, -1)}}`;
  return `{${plain.map((item) => (item === null || item === undefined ? 'NULL' : quoted(String(item)))).join(',')}}`;
}

/** A backslash before anything but `"` or `\` (over-matches `\\n`, which only costs the careful path). */
const OTHER_ESCAPE = /\\[^"\\]/;

function quoted(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
