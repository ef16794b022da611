import fs from 'node:fs';
import path from 'node:path';

const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'orders', 'amazon-unshipped-orders.txt');

/**
 * An Amazon.co.jp unshipped report in the shared fixture's column layout, as text (encode it to cp932 to get
 * the file Amazon gives). ① ㈱ 髙 﨑 exist only in cp932 (Windows-31J), not in plain Shift_JIS.
 */
export function japaneseReportText(): string {
  const header = fs.readFileSync(FIXTURE, 'utf8').split('\n')[0]!.trimEnd();
  const row = [
    '250-1234567-1234567',
    '12345678901234',
    '2026-10-06T08:14:09+09:00',
    '2026-10-06T08:14:09+09:00',
    '2026-10-06T09:02:11+09:00',
    '2026-10-09T23:59:59+09:00',
    '0',
    'q7k2m9x4p1@marketplace.amazon.co.jp',
    '髙﨑 太郎',
    '090-1234-5678',
    'PB-10K',
    'モバイルバッテリー（ブラック）①',
    '1',
    '0',
    '1',
    'Standard',
    '髙﨑 太郎',
    '丸の内1-1-1',
    '㈱クロスドック ５階',
    '',
    '千代田区',
    '東京都',
    '100-0005',
    'JP',
    'false',
    '',
    '',
    'true',
  ];
  return `${header}\r\n${row.join('\t')}\r\n`;
}
