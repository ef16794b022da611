import type { Lang } from '../i18n/lang';
import { messageCatalog } from '../i18n/message-catalog';
import { CURRENCY_CODE, MONEY_AMOUNT } from '../money/amount-shape';

/** One line of a carrier's bill: what a parcel (by its tracking number) really cost. */
export type FreightCharge = { row: number; trackingNo: string; amount: string; currency: string };
export type FreightBillError = { row: number; field: string; message: string };

const message = messageCatalog({
  bill_columns: {
    en: 'The file needs a tracking number column and an amount column; it has: {headers}',
    zh: '文件需要运单号列和金额列；现有列：{headers}',
  },
  bill_no_tracking: { en: 'Row {row}: no tracking number', zh: '第 {row} 行：缺少运单号' },
  bill_bad_amount: {
    en: 'Row {row}: "{value}" is not an amount (digits, a dot, up to 4 decimals)',
    zh: '第 {row} 行：“{value}”不是金额（数字和小数点，最多 4 位小数）',
  },
  bill_bad_currency: {
    en: 'Row {row}: "{value}" is not a currency code like CNY or USD',
    zh: '第 {row} 行：“{value}”不是 CNY、USD 这样的币种代码',
  },
  bill_twice: {
    en: 'Row {row}: tracking number {tracking} is also on row {first}',
    zh: '第 {row} 行：运单号 {tracking} 与第 {first} 行重复',
  },
  bill_unknown_tracking: {
    en: 'Row {row}: no shipment has tracking number {tracking}',
    zh: '第 {row} 行：没有运单号为 {tracking} 的发货单',
  },
});
export type FreightBillMessage = Parameters<typeof message>[1];
export function freightBillMessage(lang: Lang, code: FreightBillMessage, params: Record<string, string | number>) {
  return message(lang, code, params);
}

const squash = (header: string) =>
  header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_#.\-()（）]/g, '');
const TRACKING = [
  'tracking',
  'trackingno',
  'trackingnumber',
  'waybill',
  'waybillno',
  'awb',
  '运单号',
  '跟踪号',
  '转单号',
];
const AMOUNT = ['amount', 'freight', 'charge', 'charges', 'total', 'cost', 'fee', '运费', '金额', '费用', '合计'];
const CURRENCY = ['currency', 'curr', '币种', '币别', '货币'];

/**
 * A carrier's bill as rows of cells (the caller parses the CSV), matched by header in English or Chinese. A
 * bill without a currency column is in `defaultCurrency` (a carrier bills in one currency). Every bad row is
 * named at once; the caller applies nothing unless there are none.
 */
export function readFreightBill(
  rows: string[][],
  defaultCurrency: string | null,
  lang: Lang,
): { charges: FreightCharge[]; errors: FreightBillError[] } | { unreadable: string } {
  const header = (rows[0] ?? []).map(squash);
  const at = (names: string[]) => header.findIndex((h) => names.includes(h));
  const [trackingAt, amountAt, currencyAt] = [at(TRACKING), at(AMOUNT), at(CURRENCY)];
  if (trackingAt < 0 || amountAt < 0)
    return { unreadable: message(lang, 'bill_columns', { headers: (rows[0] ?? []).join(', ') || '-' }) };
  const charges: FreightCharge[] = [];
  const errors: FreightBillError[] = [];
  const seen = new Map<string, number>();
  rows.slice(1).forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => !c.trim())) return;
    const trackingNo = cells[trackingAt]?.trim() ?? '';
    const amount = (cells[amountAt] ?? '').trim().replace(/^[¥$€£]/, '');
    const currency = (currencyAt >= 0 ? cells[currencyAt]?.trim().toUpperCase() : defaultCurrency) ?? '';
    const fail = (field: string, code: FreightBillMessage, params: Record<string, string | number> = {}) =>
      errors.push({ row, field, message: message(lang, code, { row, ...params }) });
    if (!trackingNo) return fail('trackingNo', 'bill_no_tracking');
    if (!MONEY_AMOUNT.test(amount)) return fail('amount', 'bill_bad_amount', { value: amount });
    if (!CURRENCY_CODE.test(currency)) return fail('currency', 'bill_bad_currency', { value: currency });
    const first = seen.get(trackingNo);
    if (first !== undefined) return fail('trackingNo', 'bill_twice', { tracking: trackingNo, first });
    seen.set(trackingNo, row);
    charges.push({ row, trackingNo, amount, currency });
  });
  return { charges, errors };
}
