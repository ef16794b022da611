import { to as copyTo } from 'pg-copy-streams';

// Protocol codes (PostgreSQL's frontend/backend protocol, "Message Formats").
const ERROR_RESPONSE = 0x45; // E
const COPY_OUT_RESPONSE = 0x48; // H
const COPY_DATA = 0x64; // d
const NOTIFICATION_RESPONSE = 0x41; // A
const NOTICE_RESPONSE = 0x4e; // N
const PARAMETER_STATUS = 0x53; // S
/** What may come while copying out without ending it; anything else (CopyDone first) ends copy-out mode. */
const COPYING = new Set([COPY_OUT_RESPONSE, COPY_DATA, NOTIFICATION_RESPONSE, NOTICE_RESPONSE, PARAMETER_STATUS]);
const HEADER = 5; // a code byte, then the length (itself included) as a 32-bit integer

/** The parts of pg-copy-streams 7.0.0's CopyToStream this class relies on (its own fields, pinned version). */
type CopyToStream = {
  _buffer: { size: number; push(chunk: Buffer): void; take(n: number): Buffer };
  _detach(): void;
  _cleanup(): void;
  push(chunk: Buffer | null): boolean;
};
type Parser = { _code: number; _unread: number };

const CopyToStreamClass = Object.getPrototypeOf(copyTo('')).constructor as new (text: string) => CopyToStream;

/**
 * pg-copy-streams' COPY … TO STDOUT stream, reading the messages of each socket chunk in one pass: the rows'
 * bytes are moved together within the chunk, which is then passed on whole. PostgreSQL sends a message per row;
 * the library made a Buffer of each (a list node, a slice and a copy), and at 1,000,000 report lines that and its
 * garbage were ~0.5 s of the server's CPU of ~1.2 s (BENCHMARKS.md, issue 15). Everything else (taking over the connection, handing an
 * error or the end back to pg) is the library's. The library is pinned (7.0.0): this class uses its fields.
 */
export class ChunkedCopyOut extends CopyToStreamClass {
  _code = 0;
  /** Bytes of the current message's content still to come. */
  _unread = 0;

  _parse(this: CopyToStream & Parser, chunk: Buffer): boolean | undefined {
    // A header cut between two chunks waits in the library's buffer.
    const bytes = this._buffer.size ? Buffer.concat([this._buffer.take(this._buffer.size), chunk]) : chunk;
    // The rows' bytes are moved to the front of the chunk, over the message headers (copyWithin: no allocation,
    // where a Buffer's copy makes a view per call); what follows `at` is never moved.
    let filled = 0;
    let at = 0;
    let done = false;
    while (at < bytes.length && !done) {
      if (this._unread === 0) {
        if (bytes[at] === ERROR_RESPONSE) {
          // pg reads the error from here on and fails the query (the library's own path).
          this._buffer.push(bytes.subarray(at));
          this._detach();
          return undefined;
        }
        if (bytes.length - at < HEADER) {
          this._buffer.push(bytes.subarray(at));
          break;
        }
        this._code = bytes[at]!;
        this._unread = bytes.readUInt32BE(at + 1) - 4;
        at += HEADER;
      } else {
        const n = Math.min(bytes.length - at, this._unread);
        if (this._code === COPY_DATA) {
          bytes.copyWithin(filled, at, at + n);
          filled += n;
        }
        at += n;
        this._unread -= n;
      }
      if (this._unread === 0 && !COPYING.has(this._code)) done = true;
    }
    const drained = filled > 0 ? this.push(bytes.subarray(0, filled)) : true;
    if (done) {
      // What follows CopyDone (CommandComplete, ReadyForQuery) is pg's.
      this._buffer.push(bytes.subarray(at));
      this._detach();
      this.push(null);
      this._cleanup();
    }
    return drained;
  }
}

/** A COPY … TO STDOUT statement for pg's client.query: a readable stream of the rows' bytes. */
export function copyOut(statement: string): ReturnType<typeof copyTo> {
  return new ChunkedCopyOut(statement) as unknown as ReturnType<typeof copyTo>;
}
