import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { parseOrderFile } from '../../domain/orders/channel-formats';
import { ColumnIndex, readTable } from '../../domain/orders/import-table';
import { quotedRows } from '../../domain/orders/quoted-rows';
import { TableRows } from '../../domain/orders/table-rows';
import { TEMPLATE_COLUMNS } from '../../domain/orders/template-columns';

/**
 * Files are read by header position (one array per row) instead of one object per row: these properties hold the
 * new reading to the old one, csv-parse's records keyed by header, on random headers (repeated, in either
 * template language), random row lengths and random column orders.
 */

/** The parser's options for an order file, as the import gave them before it read files by splitting. */
function parserOptions(delimiter: ',' | '\t') {
  return {
    bom: true,
    delimiter,
    quote: delimiter === '\t' ? (false as const) : '"',
    relax_column_count: true,
    skip_empty_lines: true,
    relax_quotes: true,
    trim: false,
  };
}

/** The old reading, kept here as the oracle: records keyed by header, template headers renamed to their keys. */
function oldRecords(text: string, delimiter: ',' | '\t', template: boolean): Record<string, string>[] {
  const records = parse(text, { ...parserOptions(delimiter), columns: true }) as Record<string, string>[];
  if (!template) return records;
  return records.map((record) => {
    const out: Record<string, string> = {};
    for (const [header, value] of Object.entries(record)) {
      const column = TEMPLATE_COLUMNS.find(
        (c) => c.en === header.trim() || c.zh === header.trim() || c.key === header.trim(),
      );
      out[column ? column.key : header] = value;
    }
    return out;
  });
}

function templateKey(header: string): string {
  const column = TEMPLATE_COLUMNS.find(
    (c) => c.en === header.trim() || c.zh === header.trim() || c.key === header.trim(),
  );
  return column ? column.key : header;
}

const HEADERS = [...TEMPLATE_COLUMNS.flatMap((c) => [c.en, c.zh, c.key, ` ${c.en} `]), 'Name', 'Lineitem sku', 'x', ''];
const header = fc.array(fc.oneof(fc.constantFrom(...HEADERS), fc.string({ maxLength: 4 })), {
  minLength: 1,
  maxLength: 10,
});
const cell = fc.oneof(fc.constantFrom('', 'a', '1,5', 'say "hi"', 'two\nlines'), fc.string({ maxLength: 5 }));

/** The parser's reading of the text with the import's options, or null where it refuses the text. */
function parserRows(text: string, delimiter: ',' | '\t' = ','): string[][] | null {
  try {
    return parse(text, parserOptions(delimiter)) as string[][];
  } catch {
    return null; // an unreadable file: refused either way
  }
}

/** readTable gives the parser's header and rows, or refuses the text where the parser does. */
function expectParserReading(text: string, delimiter: ',' | '\t'): void {
  const parsed = parserRows(text, delimiter);
  const read = readTable(text, delimiter, 'en');
  if (!parsed) expect(read).toHaveProperty('error');
  else if ('error' in read) throw new Error(`refused what the parser reads: ${read.error}`);
  else
    expect({ header: read.header, rows: read.rows.all() }).toEqual({ header: parsed[0] ?? [], rows: parsed.slice(1) });
}

describe('reading an order file by header position', () => {
  test('every column reads as the old records did, and the first row decides which columns are there', () => {
    fc.assert(
      fc.property(
        header,
        fc.array(fc.array(cell, { minLength: 1, maxLength: 12 }), { maxLength: 5 }),
        fc.boolean(),
        (head, rows, template) => {
          // A row of one empty cell is an empty line, skipped by both readings.
          const text = stringify([head, ...rows]);
          const old = oldRecords(text, ',', template);
          const table = readTable(text, ',', 'en');
          if ('error' in table) throw new Error(table.error);
          const cells = new ColumnIndex(table.header, template ? templateKey : undefined);
          expect(table.rows).toHaveLength(old.length);
          const names = [...new Set([...head, ...head.map(templateKey), 'missing'])];
          table.rows.all().forEach((row, i) => {
            for (const name of names) {
              expect(cells.of(row).get(name)).toBe(old[i]![name] ?? '');
              expect(cells.read(table.rows, i, name)).toBe(old[i]![name] ?? ''); // one cell read without the split
            }
          });
          const present = new Set(Object.keys(old[0] ?? {}));
          const expectedMissing = old.length ? names.filter((n) => !present.has(n)) : [];
          expect(cells.missing(table.rows, names)).toEqual(expectedMissing);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('text without quotes is split exactly as the parser reads it', () => {
    const chars = fc.constantFrom(
      'a',
      'é',
      '中',
      '😀',
      ',',
      '\t',
      '\n',
      '\r',
      '\r\n',
      ' ',
      '\uFEFF',
      '\uD800',
      '"',
      '\0',
    );
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 40 }),
        fc.constantFrom(',' as const, '\t' as const),
        (parts, delimiter) => {
          expectParserReading(parts.join(''), delimiter);
        },
      ),
      { numRuns: 3000 },
    );
  });

  test("a row's cell read alone is the cell its split gives, or none past the row's end", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.array(fc.constantFrom('a', ',', '\t', ' ', '中')).map((c) => c.join('')),
            fc.array(fc.string()),
          ),
          {
            maxLength: 5,
          },
        ),
        fc.constantFrom(',', '\t'),
        (rows, delimiter) => {
          const table = new TableRows(rows, delimiter);
          rows.forEach((_, i) => {
            const cells = table.cells(i);
            for (let p = 0; p <= cells.length + 1; p++) expect(table.cell(i, p)).toBe(cells[p]);
          });
        },
      ),
    );
  });

  test('quoted text is read exactly as the parser reads it, or refused where it refuses it', () => {
    // Quotes opening, closing, escaped, stray inside a field and never closed; line breaks inside and outside them.
    const parts = fc.constantFrom('"', '""', ',', '","', '\n', '\r', '\r\n', 'a', ' ', '中', '\uFEFF', 'x"y');
    fc.assert(
      fc.property(fc.array(parts, { maxLength: 30 }), (pieces) => {
        expectParserReading(pieces.join(''), ',');
      }),
      { numRuns: 5000 },
    );
  });

  test('a file of well-formed quoted fields is read without the parser, as the parser reads it', () => {
    const field = fc.oneof(fc.constantFrom('', 'a', '1,5', 'say "hi"', 'two\nlines', 'r\r\nn', '中,文'), fc.string());
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('\n', '\r\n'),
        (rows, ending) => {
          const text = stringify(rows, {
            record_delimiter: ending === '\n' ? 'unix' : 'windows',
            quoted_match: /[\r\n]/, // any line break in a field quoted, as spreadsheets write them
          });
          const parsed = parserRows(text);
          fc.pre(parsed !== null && !/[\uD800-\uDFFF]/.test(text));
          const read = quotedRows(text.replace(/^\uFEFF/, ''));
          expect(read?.map((row) => (typeof row === 'string' ? row.split(',') : row))).toEqual(parsed);
        },
      ),
      { numRuns: 2000 },
    );
  });

  const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'orders');
  const files: [string, 'shopify' | 'amazon', ',' | '\t'][] = [
    ['shopify-orders-export.csv', 'shopify', ','],
    ['shopify-real-patterns.csv', 'shopify', ','],
    ['amazon-order-report.txt', 'amazon', '\t'],
  ];
  test.each(files)('%s gives the same orders and refusals in any column order', (name, format, delimiter) => {
    const text = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
    const rows = parse(text, {
      bom: true,
      delimiter,
      quote: delimiter === '\t' ? false : '"',
      relax_column_count: true,
    }) as string[][];
    const width = rows[0]!.length;
    const expected = parseOrderFile(format, text, 'zh');
    fc.assert(
      fc.property(fc.shuffledSubarray([...Array(width).keys()], { minLength: width, maxLength: width }), (order) => {
        const shuffled = rows.map((row) => order.map((i) => row[i] ?? ''));
        const out =
          delimiter === '\t'
            ? shuffled.map((r) => r.join('\t')).join('\n')
            : stringify(shuffled, { record_delimiter: '\n' });
        expect(parseOrderFile(format, out, 'zh')).toEqual(expected);
      }),
      { numRuns: 20 },
    );
  });
});
