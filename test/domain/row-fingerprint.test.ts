import fc from 'fast-check';
import { rowFingerprint } from '../../domain/sync/row-fingerprint';

/** Cells as getValues returns them, plus what a server row may hold (null, string lists). */
const cell = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: true }),
  fc.array(fc.string(), { maxLength: 4 }),
);

describe('rowFingerprint', () => {
  test('is deterministic: equal cells, equal fingerprint (also for fresh copies of dates and lists)', () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 15 }), (cells) => {
        const copy = cells.map((c) => (c instanceof Date ? new Date(c.getTime()) : Array.isArray(c) ? [...c] : c));
        const print = rowFingerprint(cells);
        expect(rowFingerprint(copy)).toBe(print);
        expect(print).toMatch(/^[0-9a-z]{1,11}$/);
      }),
    );
  });

  test('a known value stays the same (hidden fingerprints in existing sheets must keep matching)', () => {
    // If this changes, every synced sheet re-pushes every row once after the upgrade.
    const row = [
      'BAG-1',
      'Tote bag',
      12.5,
      true,
      '',
      null,
      ['battery', 'liquid'],
      new Date('2024-05-01T10:00:00.000Z'),
    ];
    expect(rowFingerprint(row)).toBe('12qi7p0k06l');
  });

  test('the type of a cell counts: 1 vs "1", true vs "true", a date vs its ISO text, a list vs its text', () => {
    expect(rowFingerprint([1])).not.toBe(rowFingerprint(['1']));
    expect(rowFingerprint([true])).not.toBe(rowFingerprint(['true']));
    const date = new Date('2024-05-01T10:00:00.000Z');
    expect(rowFingerprint([date])).not.toBe(rowFingerprint([date.toISOString()]));
    expect(rowFingerprint([date])).not.toBe(rowFingerprint([date.getTime()]));
    expect(rowFingerprint([['US', 'DE']])).not.toBe(rowFingerprint(['US, DE']));
    expect(rowFingerprint([['US', 'DE']])).not.toBe(rowFingerprint([['DE', 'US']]));
    expect(rowFingerprint([[]])).not.toBe(rowFingerprint(['']));
  });

  test('null and undefined read the same; the empty string "" is NOT the same as null', () => {
    expect(rowFingerprint(['a', null, 'b'])).toBe(rowFingerprint(['a', undefined, 'b']));
    // Deliberately pinned: a cell read from a sheet is '' while a server null is not, so callers must map
    // both sides the same way (the add-on's sheetFingerprint and putServerRow both turn missing into '').
    expect(rowFingerprint(['a', '', 'b'])).not.toBe(rowFingerprint(['a', null, 'b']));
  });

  test('the number of cells counts, even trailing empty ones', () => {
    expect(rowFingerprint(['a'])).not.toBe(rowFingerprint(['a', '']));
    expect(rowFingerprint(['a', null])).not.toBe(rowFingerprint(['a', null, null]));
  });

  test('property: the order of cells counts', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.array(cell, { maxLength: 5 }), (a, b, rest) => {
        fc.pre(a !== b);
        expect(rowFingerprint([a, b, ...rest])).not.toBe(rowFingerprint([b, a, ...rest]));
      }),
    );
  });

  test('property: changing any one cell changes the fingerprint', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string(), { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.string(),
        (cells, at, replacement) => {
          const index = at % cells.length;
          fc.pre(cells[index] !== replacement);
          const changed = cells.map((c, i) => (i === index ? replacement : c));
          expect(rowFingerprint(changed)).not.toBe(rowFingerprint(cells));
        },
      ),
      { numRuns: 500 },
    );
  });

  test('property: a number and its text never collide', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (n) => {
        expect(rowFingerprint([n])).not.toBe(rowFingerprint([String(n)]));
      }),
    );
  });
});
