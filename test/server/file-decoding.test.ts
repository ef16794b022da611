import fc from 'fast-check';
import iconv from 'iconv-lite';
import { decodeOrderFile } from '../../sync-server/orders/file-decoding';

// The Amazon unshipped-orders report's real columns (see test/fixtures/orders), as Amazon.co.jp writes it.
const HEADER = [
  'order-id',
  'order-item-id',
  'purchase-date',
  'payments-date',
  'reporting-date',
  'promise-date',
  'days-past-promise',
  'buyer-email',
  'buyer-name',
  'buyer-phone-number',
  'sku',
  'product-name',
  'quantity-purchased',
  'quantity-shipped',
  'quantity-to-ship',
  'ship-service-level',
  'recipient-name',
  'ship-address-1',
  'ship-address-2',
  'ship-address-3',
  'ship-city',
  'ship-state',
  'ship-postal-code',
  'ship-country',
  'is-business-order',
  'purchase-order-number',
  'price-designation',
  'is-prime',
];
const row = (
  id: string,
  name: string,
  product: string,
  address1: string,
  address2: string,
  city: string,
  state: string,
  postal: string,
) =>
  [
    id,
    '12345678901234',
    '2026-10-06T08:14:09+09:00',
    '2026-10-06T08:14:09+09:00',
    '2026-10-06T09:02:11+09:00',
    '2026-10-09T23:59:59+09:00',
    '0',
    'q7k2m9x4p1@marketplace.amazon.co.jp',
    name,
    '090-1234-5678',
    'PB-10K',
    product,
    '1',
    '0',
    '1',
    '通常配送',
    name,
    address1,
    address2,
    '',
    city,
    state,
    postal,
    'JP',
    'false',
    '',
    '',
    'true',
  ].join('\t');
// ① ㈱ 髙 﨑 exist only in cp932 (Windows-31J), not in plain Shift_JIS.
const REPORT =
  [
    HEADER.join('\t'),
    row(
      '250-1234567-1234567',
      '山田太郎',
      'モバイルバッテリー 10000mAh（ブラック）①',
      '丸の内1-1-1',
      '㈱クロスドック ５階',
      '千代田区',
      '東京都',
      '100-0005',
    ),
    row(
      '250-7654321-7654321',
      '髙﨑 花子',
      'USB-Cケーブル 1m ｶﾞｲﾄﾞ付き',
      '梅田3丁目1番1号',
      '髙﨑ビル３０２号室',
      '大阪市北区',
      '大阪府',
      '530-0001',
    ),
  ].join('\r\n') + '\r\n';

describe('decodeOrderFile', () => {
  test('a Shift_JIS (cp932) Amazon.co.jp report is detected and read without changing a character', () => {
    const bytes = iconv.encode(REPORT, 'cp932');
    expect(iconv.decode(bytes, 'cp932')).toBe(REPORT); // the fixture itself holds only cp932 characters
    expect(decodeOrderFile(bytes, 'auto', 'en')).toEqual({ text: REPORT, encoding: 'shift_jis' });
    expect(decodeOrderFile(bytes, 'shift_jis', 'zh')).toEqual({ text: REPORT, encoding: 'shift_jis' });
  });

  test('UTF-8 with and without a BOM, and UTF-16 with a BOM or clearly UTF-16 without one', () => {
    const text = 'order_no,sku,qty,recipient\nT-1,MUG,1,Zoë Brontë 山田太郎 😀\n';
    expect(decodeOrderFile(Buffer.from(text, 'utf8'), 'auto', 'en')).toEqual({ text, encoding: 'utf-8' });
    expect(decodeOrderFile(Buffer.from(`\uFEFF${text}`, 'utf8'), 'auto', 'en')).toEqual({ text, encoding: 'utf-8' });
    expect(decodeOrderFile(iconv.encode(`\uFEFF${text}`, 'utf-16le'), 'auto', 'en')).toEqual({
      text,
      encoding: 'utf-16le',
    });
    expect(decodeOrderFile(iconv.encode(`\uFEFF${text}`, 'utf-16be'), 'auto', 'en')).toEqual({
      text,
      encoding: 'utf-16be',
    });
    expect(decodeOrderFile(iconv.encode(text, 'utf-16le'), 'auto', 'en')).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeOrderFile(iconv.encode(text, 'utf-16be'), 'auto', 'en')).toEqual({ text, encoding: 'utf-16be' });
  });

  test('Windows-1252 text is read as Windows-1252', () => {
    const text =
      'order_no,sku,qty,recipient,city,unit_price\nT-1,MUG,1,Gérard Müller,Straße 5,12€\nT-2,MUG,2,Zoë Brontë,Malmö,3€\n';
    const bytes = iconv.encode(text, 'windows-1252');
    expect(decodeOrderFile(bytes, 'auto', 'en')).toEqual({ text, encoding: 'windows-1252' });
  });

  test('bytes that are none of the encodings are refused, saying where and what to do, in English and Chinese', () => {
    const bytes = Buffer.concat([
      Buffer.from('order-id\tsku\n', 'ascii'),
      Buffer.from([0x81, 0x20]),
      Buffer.from('x\n', 'ascii'),
    ]);
    expect(decodeOrderFile(bytes, 'auto', 'en')).toEqual({
      error:
        'The file is not UTF-8, UTF-16, Shift_JIS or Windows-1252 text (byte 0x81 at position 13): ' +
        'save it as UTF-8 or name its encoding',
    });
    expect(decodeOrderFile(bytes, 'auto', 'zh')).toEqual({
      error:
        '文件不是 UTF-8、UTF-16、Shift_JIS 或 Windows-1252 文本（位置 13 的字节 0x81）：请另存为 UTF-8，或指明它的编码',
    });
  });

  test('a named encoding that does not fit is refused, not used to damage the file', () => {
    const sjis = iconv.encode(REPORT, 'cp932');
    const firstJapanese = iconv.encode(REPORT.slice(0, REPORT.search(/[^\x00-\x7F]/)), 'cp932').length;
    expect(decodeOrderFile(sjis, 'utf-8', 'en')).toEqual({
      error:
        `The file is not valid UTF-8 text (byte 0x${sjis[firstJapanese]!.toString(16).toUpperCase()} at position ` +
        `${firstJapanese}): name its real encoding or save it as UTF-8`,
    });
    // ー is 0x81 0x5B in Shift_JIS: 0x81 has no character in Windows-1252.
    const dash = iconv.encode('order-id\nバー\n', 'cp932');
    expect(decodeOrderFile(dash, 'windows-1252', 'zh')).toEqual({
      error: '文件不是有效的 Windows-1252 文本（位置 11 的字节 0x81）：请指明它实际的编码，或另存为 UTF-8',
    });
    const oddUtf16 = Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42]);
    expect(decodeOrderFile(oddUtf16, 'utf-16le', 'en')).toEqual({
      error: expect.stringContaining('not valid UTF-16LE text (byte 0x42 at position 4)'),
    });
    const cafe = iconv.encode('Café\n', 'windows-1252');
    expect(decodeOrderFile(cafe, 'shift_jis', 'en')).toEqual({
      error: expect.stringContaining('not valid Shift_JIS text (byte 0xE9 at position 3)'),
    });
  });

  test('when both Shift_JIS and Windows-1252 decode cleanly chardet decides, and a file it cannot judge is refused', () => {
    // No byte here is undefined in Windows-1252, so only chardet tells: it knows the common kana and kanji.
    const common =
      'order-id\tbuyer-name\tproduct-name\tship-address-1\tship-city\tship-state\n' +
      '250-1\t山田 太郎 様\tモバイル ブラック\t丸の内 1丁目 2番地 マンション 3\t横浜市\t北海道\n' +
      '250-2\t田中 花子\tモバイル ブラック\t梅田 2丁目 株式会社 ビル\t名古屋市\t愛知県\n';
    expect(decodeOrderFile(iconv.encode(common, 'cp932'), 'auto', 'en')).toEqual({
      text: common,
      encoding: 'shift_jis',
    });
    // Names alone are none of chardet's common characters: it would rank Windows-1252 first, which is mojibake.
    const names =
      'order-id\tbuyer-name\tship-city\tship-state\n250-1\t山田 太郎\t横浜市\t京都市\n250-2\t田中 花子\t名古屋市\t愛知県\n';
    const ambiguous =
      'The file could be Shift_JIS or Windows-1252 text and nothing in it tells which: ' +
      'name its encoding or save it as UTF-8';
    expect(decodeOrderFile(iconv.encode(names, 'cp932'), 'auto', 'en')).toEqual({ error: ambiguous });
    expect(decodeOrderFile(iconv.encode('name\n山田太郎\n', 'cp932'), 'auto', 'en')).toEqual({ error: ambiguous });
    expect(decodeOrderFile(iconv.encode(names, 'cp932'), 'shift_jis', 'en')).toEqual({
      text: names,
      encoding: 'shift_jis',
    });
  });

  test('damaged UTF-8 is refused rather than read as Windows-1252', () => {
    const damaged = Buffer.concat([
      Buffer.from('recipient\nZoë Brontë, Gérard, Müller, Malmö\n'),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]);
    expect(decodeOrderFile(damaged, 'auto', 'en')).toEqual({
      error: 'The file looks like UTF-8 but is damaged (byte 0xE9 at position 49): export it again or save it as UTF-8',
    });
  });

  test('property: printable Unicode as UTF-8 (with or without BOM) or UTF-16LE with BOM decodes back to itself', () => {
    const notPrintable = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu; // controls, format (BOM), surrogates, private, unassigned
    const printable = fc.string({ unit: 'binary', maxLength: 300 }).map((s) => s.replace(notPrintable, ''));
    const encodings = fc.constantFrom(
      (s: string) => ({ bytes: Buffer.from(s, 'utf8'), encoding: 'utf-8' }),
      (s: string) => ({ bytes: Buffer.from(`\uFEFF${s}`, 'utf8'), encoding: 'utf-8' }),
      (s: string) => ({ bytes: iconv.encode(`\uFEFF${s}`, 'utf-16le'), encoding: 'utf-16le' }),
    );
    fc.assert(
      fc.property(printable, encodings, (text, encode) => {
        const { bytes, encoding } = encode(text);
        expect(decodeOrderFile(bytes, 'auto', 'en')).toEqual({ text, encoding });
      }),
      { numRuns: 500 },
    );
  });
});
