import fc from 'fast-check';
import { ChunkedCopyOut } from '../../sync-server/db/copy-out-stream';

// PostgreSQL's messages (frontend/backend protocol): a code byte, then the length (itself included).
function message(code: string, content: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(5);
  header.write(code, 0, 'latin1');
  header.writeUInt32BE(content.length + 4, 1);
  return Buffer.concat([header, content]);
}
const copyOutResponse = message('H', Buffer.from([0, 0, 1, 0, 0]));
const notice = message('N', Buffer.from('SNOTICE\0Mnot an error\0\0'));
const rest = Buffer.concat([message('C', Buffer.from('COPY 3\0')), message('Z', Buffer.from('I'))]);

/**
 * Feeds `bytes` to the stream's parser cut into `cuts` pieces, as socket reads would come, and returns what it
 * passed on and what pg gets (what follows CopyDone, or an ErrorResponse and what follows).
 */
function parse(bytes: Buffer, cuts: number[]): { rows: Buffer; handedBack: Buffer; ended: boolean; detached: boolean } {
  const stream = new ChunkedCopyOut('COPY x TO STDOUT') as unknown as {
    _parse(chunk: Buffer): boolean | undefined;
    _detach(): void;
    _cleanup(): void;
    _buffer: { size: number; take(n: number): Buffer };
    push(chunk: Buffer | null): boolean;
  };
  const rows: Buffer[] = [];
  let handedBack: Buffer = Buffer.alloc(0);
  let ended = false;
  let detached = false;
  stream.push = (chunk) => {
    if (chunk === null) ended = true;
    else rows.push(Buffer.from(chunk)); // a copy: the parser may reuse nothing it passed on, but be sure
    return true;
  };
  stream._detach = () => {
    detached = true;
    handedBack = stream._buffer.take(stream._buffer.size);
  };
  stream._cleanup = () => undefined;
  const points = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
  let from = 0;
  for (const at of [...points, bytes.length]) {
    // Each socket read is its own Buffer, which the parser may rewrite in place. Once the stream has handed the
    // connection back, later reads go to pg itself.
    const chunk = Buffer.from(bytes.subarray(from, at));
    if (detached) handedBack = Buffer.concat([handedBack, chunk]);
    else if (at > from) stream._parse(chunk);
    from = at;
  }
  return { rows: Buffer.concat(rows), handedBack, ended, detached };
}

const rowText = fc.string({ unit: 'binary', maxLength: 40 }).map((s) => `${s.replace(/\n/g, ' ')}\n`);

describe("a COPY TO stream that reads a socket chunk's messages in one pass", () => {
  test('passes on exactly the rows’ bytes, wherever the chunks are cut (headers too), and hands the rest to pg', () => {
    fc.assert(
      fc.property(
        fc.array(rowText, { maxLength: 30 }),
        fc.array(fc.nat({ max: 2000 }), { maxLength: 12 }),
        fc.boolean(),
        (texts, cuts, withNotice) => {
          const rows = texts.map((t) => Buffer.from(t));
          const data = rows.map((r) => message('d', r));
          if (withNotice && data.length) data.splice(Math.floor(data.length / 2), 0, notice);
          const bytes = Buffer.concat([copyOutResponse, ...data, message('c'), rest]);
          const out = parse(bytes, cuts);
          expect(out.rows.equals(Buffer.concat(rows))).toBe(true);
          expect(out.ended).toBe(true);
          expect(out.handedBack.equals(rest)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('an error in the middle is handed to pg from its first byte on, the rows before it kept', () => {
    fc.assert(
      fc.property(fc.array(rowText, { minLength: 1, maxLength: 10 }), fc.nat({ max: 400 }), (texts, cut) => {
        const error = message('E', Buffer.from('SERROR\0C57P01\0Mterminating connection\0\0'));
        const bytes = Buffer.concat([copyOutResponse, ...texts.map((t) => message('d', Buffer.from(t))), error]);
        const out = parse(bytes, [cut]);
        expect(out.detached).toBe(true);
        expect(out.ended).toBe(false);
        expect(out.handedBack.equals(error)).toBe(true);
        expect(out.rows.equals(Buffer.from(texts.join('')).subarray(0, out.rows.length))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
