/** The text encodings an order file may come in (Amazon.co.jp reports are Shift_JIS, read with the cp932 table). */
export const FILE_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'shift_jis', 'windows-1252'] as const;
export type FileEncoding = (typeof FILE_ENCODINGS)[number];

/** How each encoding is named to people. */
export const FILE_ENCODING_LABELS: Record<FileEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  shift_jis: 'Shift_JIS',
  'windows-1252': 'Windows-1252',
};
