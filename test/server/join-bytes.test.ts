import fc from 'fast-check';
import { joinBytes } from '../../sync-server/db/join-bytes';

describe('bytes joined (a pulled page of COPY rows)', () => {
  test('equal to Buffer.concat of the parts with the separator between them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 30 }),
        fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined }),
        (arrays, separator) => {
          const parts = arrays.map((a) => Buffer.from(a));
          const between = separator === undefined ? [] : [Buffer.from([separator])];
          const expected = Buffer.concat(parts.flatMap((part, i) => (i ? [...between, part] : [part])));
          expect(joinBytes(parts, separator).equals(expected)).toBe(true);
        },
      ),
    );
  });

  test('parts that are views of one buffer (COPY rows cut out of a chunk) keep their own bytes only', () => {
    const all = Buffer.from('1:{"a":1}\n2:{"b":2}\n');
    expect(joinBytes([all.subarray(2, 9), all.subarray(12, 19)], 0x2c).toString()).toBe('{"a":1},{"b":2}');
    expect(joinBytes([]).length).toBe(0);
  });
});
