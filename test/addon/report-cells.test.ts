import fc from 'fast-check';
import { ReportCells } from '../../addon/report-writer';
import { reportSource, REPORT_SOURCES } from '../../domain/reports/report-sources';
import { installAppsScriptGlobals, uninstallAppsScriptGlobals } from '../fakes/apps-script-globals';

/** Pages → cells: placed by key whatever the page's column order; text never a formula; numbers exact. */
beforeAll(() => installAppsScriptGlobals({ timeZone: 'America/New_York' }));
afterAll(() => uninstallAppsScriptGlobals());

const cellValue = fc.oneof(
  fc.constant(null),
  fc.string(),
  fc.constantFrom('=SUM(A1:A9)', '+1', '-2', '@x', "'quoted", '00123', '2026-02-30', '1e5'),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc
    .tuple(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: 99 }))
    .map(([a, b]) => `${a}.${String(b).padStart(2, '0')}`),
  fc
    .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
);

test('every cell lands in its key column, text is never a formula, numbers come from their decimal text', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...REPORT_SOURCES.map((s) => s.id)),
      fc.array(fc.array(cellValue, { minLength: 30, maxLength: 30 }), { maxLength: 5 }),
      fc.integer({ min: 0, max: 1000 }),
      (id, rawRows, seed) => {
        const source = reportSource(id);
        const keys = source.columns.map((c) => c.key);
        // The page names its columns in another order (a rotation), plus a key we do not know.
        const order = [...keys.slice(seed % keys.length), ...keys.slice(0, seed % keys.length), 'unknown_key'];
        const rows = rawRows.map((row) => order.map((_, i) => row[i] ?? null));
        const cells = new ReportCells('America/New_York').rows(source, {
          source: id,
          base_currency: 'EUR',
          columns: order,
          rows,
          next: null,
        });
        cells.forEach((line, r) => {
          expect(line).toHaveLength(keys.length);
          source.columns.forEach((column, c) => {
            const sent = rows[r]![order.indexOf(column.key)];
            const cell = line[c];
            if (sent === null || sent === '') return expect(cell).toBe('');
            if (typeof cell === 'string') expect(cell.startsWith("'")).toBe(true);
            if (column.type === 'text') expect(cell).toBe(`'${String(sent)}`);
            if (column.type !== 'text' && typeof cell === 'number') expect(cell).toBe(Number(sent));
            if (cell instanceof Date)
              expect(Utilities.formatDate(cell, 'America/New_York', 'yyyy-MM-dd')).toBe(String(sent));
          });
        });
      },
    ),
    { numRuns: 300 },
  );
});
