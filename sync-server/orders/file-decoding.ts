import { analyse } from 'chardet';
import iconv from 'iconv-lite';
import { FILE_ENCODING_LABELS, type FileEncoding } from '../../domain/orders/file-encodings';
import { fileEncodingMessage } from '../../domain/orders/file-encoding-messages';
import type { Lang } from '../../domain/i18n/lang';

export type DecodedFile = { text: string; encoding: FileEncoding } | { error: string };
type Attempt = { text: string } | { badAt: number };

const BOMS: [FileEncoding, number[]][] = [
  ['utf-8', [0xef, 0xbb, 0xbf]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
];
// Characters a clean decode never yields: U+FFFD (no mapping), NUL (PostgreSQL text cannot hold it), and per
// encoding what stands for an undefined byte (cp932 0x80 → U+0080; Windows-1252 0x81 0x8D 0x8F 0x90 0x9D) or a
// lone surrogate.
const UTF16_NOT_CLEAN = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NOT_CLEAN: Record<FileEncoding, RegExp> = {
  'utf-8': /\0/,
  'utf-16le': UTF16_NOT_CLEAN,
  'utf-16be': UTF16_NOT_CLEAN,
  shift_jis: /[\0\uFFFD\u0080]/,
  'windows-1252': /[\0\uFFFD\x81\x8D\x8F\x90\x9D]/,
};
// chardet says ISO-8859-1 for Windows-1252 text without bytes 0x80-0x9F (Windows-1252 is its superset).
const LEGACY_NAMES: Record<string, FileEncoding | undefined> = {
  Shift_JIS: 'shift_jis',
  'windows-1252': 'windows-1252',
  'ISO-8859-1': 'windows-1252',
};
const ICONV_NAME: Record<FileEncoding, string> = {
  'utf-8': 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  shift_jis: 'cp932',
  'windows-1252': 'windows-1252',
};

/**
 * An order file's bytes as text, or why they cannot be read without changing a character. A BOM decides; else
 * clearly-UTF-16 bytes, else valid UTF-8, else Shift_JIS or Windows-1252, whichever decodes cleanly (chardet
 * ranks them when both do; too little to judge by is refused). Damaged UTF-8 is refused, not read as another
 * encoding. A named encoding is used as told, and refused all the same when it does not fit.
 */
export function decodeOrderFile(bytes: Uint8Array, encoding: FileEncoding | 'auto', lang: Lang): DecodedFile {
  const chosen = encoding === 'auto' ? (bomOf(bytes) ?? utf16Without(bytes)) : encoding;
  if (chosen) return settle(bytes, chosen, tryDecode(bytes, chosen), lang, 'not_valid_in');
  const utf8 = tryDecode(bytes, 'utf-8');
  if ('text' in utf8) return { text: utf8.text, encoding: 'utf-8' };
  const scan = scanUtf8(bytes);
  // Valid multi-byte sequences are a coincidence in Shift_JIS or Windows-1252 text (which have far more invalid
  // bytes): as many as bad bytes means damaged UTF-8, which read as Windows-1252 would turn to mojibake.
  if (scan.multiByte >= Math.max(1, scan.invalid)) return settle(bytes, 'utf-8', utf8, lang, 'damaged_utf8');
  const sjis = tryDecode(bytes, 'shift_jis');
  const cp1252 = tryDecode(bytes, 'windows-1252');
  if ('text' in sjis && 'text' in cp1252) {
    const choice = chardetChoice(bytes);
    if (choice === 'shift_jis') return { text: sjis.text, encoding: 'shift_jis' };
    if (choice === 'windows-1252') return { text: cp1252.text, encoding: 'windows-1252' };
    return { error: fileEncodingMessage(lang, 'ambiguous') };
  }
  if ('text' in sjis) return { text: sjis.text, encoding: 'shift_jis' };
  if ('text' in cp1252) return { text: cp1252.text, encoding: 'windows-1252' };
  // The furthest any reading got is where the file stops being text of any kind.
  const furthest = Math.max(scan.firstBad, sjis.badAt, cp1252.badAt);
  return { error: fileEncodingMessage(lang, 'undecodable', where(bytes, furthest)) };
}

type RefusalKey = 'not_valid_in' | 'damaged_utf8';
function settle(bytes: Uint8Array, encoding: FileEncoding, attempt: Attempt, lang: Lang, key: RefusalKey): DecodedFile {
  if ('text' in attempt) return { text: attempt.text, encoding };
  const params = { encoding: FILE_ENCODING_LABELS[encoding], ...where(bytes, attempt.badAt) };
  return { error: fileEncodingMessage(lang, key, params) };
}

/** Position is the byte's 0-based offset in the file, as hex editors show it. */
function where(bytes: Uint8Array, at: number) {
  const byte = bytes[at] ?? 0;
  return { byte: `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`, position: at };
}

function tryDecode(bytes: Uint8Array, encoding: FileEncoding): Attempt {
  const bom = bomOf(bytes) === encoding ? BOMS.find(([name]) => name === encoding)![1].length : 0;
  let text: string;
  if (encoding === 'utf-8') {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // drops the BOM itself
    } catch {
      return { badAt: scanUtf8(bytes).firstBad };
    }
  } else {
    if (encoding.startsWith('utf-16') && bytes.length % 2) return { badAt: bytes.length - 1 };
    text = iconv.decode(bytes, ICONV_NAME[encoding], { stripBOM: false }).slice(bom ? 1 : 0);
  }
  const bad = NOT_CLEAN[encoding].exec(text);
  return bad ? { badAt: bom + byteLength(text.slice(0, bad.index), encoding) } : { text };
}

function byteLength(text: string, encoding: FileEncoding): number {
  if (encoding === 'utf-8') return Buffer.byteLength(text, 'utf8');
  if (encoding === 'windows-1252') return text.length;
  if (encoding === 'shift_jis') return iconv.encode(text, 'cp932').length;
  return text.length * 2;
}

function bomOf(bytes: Uint8Array): FileEncoding | null {
  return BOMS.find(([, bom]) => bom.every((b, i) => bytes[i] === b))?.[0] ?? null;
}

/** Text without a BOM is clearly UTF-16 when its ASCII shows as every other byte zero (and the other side none). */
function utf16Without(bytes: Uint8Array): FileEncoding | null {
  const sample = bytes.subarray(0, Math.min(bytes.length, 65_536) & ~1);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 ? odd++ : even++;
  const units = sample.length / 2;
  if (odd && odd >= units / 4 && even * 10 <= odd) return 'utf-16le';
  if (even && even >= units / 4 && odd * 10 <= even) return 'utf-16be';
  return null;
}

/** Where UTF-8 first breaks, and how many multi-byte sequences are valid vs how many bytes are not. */
function scanUtf8(bytes: Uint8Array): { firstBad: number; multiByte: number; invalid: number } {
  let firstBad = -1;
  let multiByte = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length;) {
    const length = utf8SequenceAt(bytes, i);
    if (length === 0) {
      if (firstBad < 0) firstBad = i;
      invalid++;
      i++;
    } else {
      if (length > 1) multiByte++;
      i += length;
    }
  }
  return { firstBad: Math.max(firstBad, 0), multiByte, invalid };
}

/** The length of the valid UTF-8 sequence starting at i (the WHATWG ranges), 0 when none does. */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  const [length, low, high] =
    b >= 0xc2 && b <= 0xdf
      ? [2, 0x80, 0xbf]
      : b === 0xe0
        ? [3, 0xa0, 0xbf]
        : b === 0xed
          ? [3, 0x80, 0x9f]
          : b >= 0xe1 && b <= 0xef
            ? [3, 0x80, 0xbf]
            : b === 0xf0
              ? [4, 0x90, 0xbf]
              : b === 0xf4
                ? [4, 0x80, 0x8f]
                : b >= 0xf1 && b <= 0xf3
                  ? [4, 0x80, 0xbf]
                  : [0, 0, 0];
  if (!length) return 0;
  const second = bytes[i + 1];
  if (second === undefined || second < low || second > high) return 0;
  for (let k = 2; k < length; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return 0;
  return length;
}

/**
 * chardet's higher-ranked of the two, judged on up to 64 KB from the first line with a non-ASCII byte; null when
 * its Shift_JIS confidence is at its floor (10): it then saw no Japanese it knows (too few double-byte characters,
 * or none of its common ones), its ranking says nothing, and Japanese read as Windows-1252 would be mojibake.
 */
function chardetChoice(bytes: Uint8Array): FileEncoding | null {
  const firstHigh = bytes.findIndex((b) => b >= 0x80);
  const start = bytes.lastIndexOf(0x0a, Math.max(firstHigh, 0)) + 1;
  const ranked = analyse(bytes.subarray(start, start + 65_536)).filter((m) => LEGACY_NAMES[m.name]);
  const japanese = ranked.find((m) => m.name === 'Shift_JIS');
  if (!japanese || japanese.confidence <= 10) return null;
  return LEGACY_NAMES[ranked[0]!.name]!;
}
