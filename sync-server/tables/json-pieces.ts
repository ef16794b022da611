import { joinBytes } from '../db/join-bytes';

/** A piece of an answer's JSON text: a short string, or bytes as the database sent them (db/copy-lines.ts). */
export type JsonPiece = string | Buffer;

/**
 * The elements of a JSON array (each already JSON text), joined by commas into pieces of about `size` characters,
 * in order: the pieces one after another are the array's elements. V8 makes a string of megabytes far more slowly
 * than many small ones (160 MB as 3.2 MB strings: 1.7 s; as 16 KB strings: 0.13 s; BENCHMARKS.md, issue 15), so
 * an answer of megabytes (a pulled page, a page of report lines) is sent as pieces (http/csv-reply.ts JsonText),
 * never joined into one string.
 */
export function commaPieces(elements: readonly string[], size = 16_384): string[] {
  const pieces: string[] = [];
  let part: string[] = [];
  let length = 0;
  const flush = () => {
    pieces.push((pieces.length ? ',' : '') + part.join(','));
    part = [];
    length = 0;
  };
  for (const element of elements) {
    part.push(element);
    length += element.length + 1;
    if (length >= size) flush();
  }
  if (part.length) flush();
  return pieces;
}

const COMMA = 0x2c;

/**
 * Elements of a JSON array as strings or as bytes (COPY's, db/copy-lines.ts), joined by commas: strings into
 * short pieces (commaPieces), bytes into one piece (a Buffer of megabytes costs V8 nothing like a string does).
 */
export function elementPieces(elements: readonly JsonPiece[]): JsonPiece[] {
  if (elements.every((element) => typeof element === 'string')) return commaPieces(elements as string[]);
  return [
    joinBytes(
      elements.map((element) => (typeof element === 'string' ? Buffer.from(element) : element)),
      COMMA,
    ),
  ];
}

/** The text the pieces make (bytes joined before decoding: a character may be split between two of them). */
export function piecesText(pieces: readonly JsonPiece[]): string {
  return Buffer.concat(pieces.map((piece) => (typeof piece === 'string' ? Buffer.from(piece) : piece))).toString();
}
