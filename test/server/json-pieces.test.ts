import fc from 'fast-check';
import { commaPieces, elementPieces, piecesText } from '../../sync-server/tables/json-pieces';

/**
 * Answers of megabytes are sent as pieces (tables/json-pieces.ts): written one after another they must be
 * exactly the elements joined by commas (any element text, any sizes), and no piece may grow past its size by
 * more than the one element that crossed it.
 */
describe('JSON array elements in pieces', () => {
  test('the pieces in order are the elements joined by commas, each piece about the size asked', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => JSON.stringify(s))),
        fc.integer({ min: 1, max: 200 }),
        (elements, size) => {
          const pieces = commaPieces(elements, size);
          expect(pieces.join('')).toBe(elements.join(','));
          expect(JSON.parse(`[${pieces.join('')}]`)).toEqual(elements.map((e) => JSON.parse(e)));
          const longest = Math.max(0, ...elements.map((e) => e.length));
          for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(size + longest + 2);
          if (elements.length)
            expect(pieces.length).toBeGreaterThanOrEqual(Math.floor(elements.join(',').length / (size + longest + 2)));
        },
      ),
    );
  });

  test('no elements, no pieces; the default size keeps a page of 10,000 rows in small strings', () => {
    expect(commaPieces([])).toEqual([]);
    const rows = Array.from({ length: 10_000 }, (_, i) => JSON.stringify({ key: `P-${i}`, name: '产品'.repeat(100) }));
    const pieces = commaPieces(rows);
    expect(pieces.join('')).toBe(rows.join(','));
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(20_000);
  });

  test('elements as strings or as bytes (COPY): the pieces make the same array, in order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.boolean()).map(([text, bytes]) => {
            const json = JSON.stringify(text);
            return bytes ? Buffer.from(json) : json;
          }),
        ),
        (elements) => {
          const pieces = elementPieces(elements);
          const texts = elements.map((e) => e.toString());
          expect(piecesText(pieces)).toBe(texts.join(','));
          expect(JSON.parse(`[${piecesText(pieces)}]`)).toEqual(texts.map((t) => JSON.parse(t)));
        },
      ),
    );
  });
});
