import type { Lang } from '../i18n/lang';
import { messageCatalog } from '../i18n/message-catalog';

/** Why an order file's bytes were refused before reading it (nothing is imported), in the sheet's language. */
const MESSAGES = {
  undecodable: {
    en:
      'The file is not UTF-8, UTF-16, Shift_JIS or Windows-1252 text (byte {byte} at position {position}): ' +
      'save it as UTF-8 or name its encoding',
    zh: '文件不是 UTF-8、UTF-16、Shift_JIS 或 Windows-1252 文本（位置 {position} 的字节 {byte}）：请另存为 UTF-8，或指明它的编码',
  },
  not_valid_in: {
    en:
      'The file is not valid {encoding} text (byte {byte} at position {position}): ' +
      'name its real encoding or save it as UTF-8',
    zh: '文件不是有效的 {encoding} 文本（位置 {position} 的字节 {byte}）：请指明它实际的编码，或另存为 UTF-8',
  },
  damaged_utf8: {
    en:
      'The file looks like UTF-8 but is damaged (byte {byte} at position {position}): ' +
      'export it again or save it as UTF-8',
    zh: '文件看起来是 UTF-8，但已损坏（位置 {position} 的字节 {byte}）：请重新导出，或另存为 UTF-8',
  },
  ambiguous: {
    en:
      'The file could be Shift_JIS or Windows-1252 text and nothing in it tells which: ' +
      'name its encoding or save it as UTF-8',
    zh: '文件可能是 Shift_JIS 或 Windows-1252 文本，无法判断是哪一种：请指明它的编码，或另存为 UTF-8',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type FileEncodingMessageKey = keyof typeof MESSAGES;

export const fileEncodingMessage = messageCatalog<FileEncodingMessageKey>(MESSAGES);
