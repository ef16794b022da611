import fc from 'fast-check';
import { hasBadCharacters, TEXT_CAPS } from '../../domain/contracts/text-limits';
import { parseOrderFile } from '../../domain/orders/channel-formats';

const HEADER = 'Order no.,SKU,Qty,Recipient,Address line 1,Country,Note';
const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;

describe('text limits on imported rows', () => {
  test('a NUL or an over-long value refuses its row naming the column, in the sheet language; nothing is cut', () => {
    const text = [
      HEADER,
      `A,SKU-1,1,Ann\u0000Lee,1 Main St,GB,`,
      `B,SKU-1,1,${'x'.repeat(10_000)},1 Main St,GB,`,
      'C,SKU-1,1,Cy,1 Main St,GB,ok',
    ].join('\n');
    const result = parseOrderFile('template', text, 'en');
    if ('error' in result) throw new Error(result.error);
    expect(result.orders.map((o) => o.externalId)).toEqual(['C']);
    expect(result.rejected.map((r) => [r.row, r.field, r.message])).toEqual([
      [2, 'recipient', 'Row 2: Recipient contains invisible control characters; fix the file'],
      [3, 'recipient', `Row 3: Recipient is longer than ${TEXT_CAPS.personName} characters`],
    ]);
    const zh = parseOrderFile('template', text, 'zh');
    expect('error' in zh ? '' : zh.rejected[0]!.message).toBe('第 2 行：收件人含有不可见的控制字符，请修改文件');
  });

  test('whatever a file holds, no stored text has control characters or exceeds its cap', () => {
    const nasty = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('\u0000', '\uD800', 'a\uDC00b', '\u001B[31m', '=cmd|" /C calc"!A0'),
      fc.string({ minLength: 2001, maxLength: 2100 }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(nasty, nasty, nasty), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = [
          HEADER,
          ...rows.map(
            ([name, address, note], i) => `O-${i},SKU-1,1,${quote(name)},${quote(address)},GB,${quote(note)}`,
          ),
        ].join('\n');
        const result = parseOrderFile('template', text, 'en');
        if ('error' in result) return;
        for (const order of result.orders) {
          const texts = [order.recipient.name, order.recipient.address1, order.note].filter(
            (t): t is string => t !== null,
          );
          for (const t of texts) expect(hasBadCharacters(t) || t.length > TEXT_CAPS.note).toBe(false);
        }
        expect(result.orders.length + result.rejectedOrders.length).toBe(new Set(rows.map((_, i) => i)).size);
      }),
    );
  });
});
