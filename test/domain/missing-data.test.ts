import { renderMissing } from '../../domain/reports/missing-data';

/** The words a report line's missing data is shown in (the server writes the same texts in SQL). */
test('missing-data tokens in English and Chinese, unknown tokens as they are', () => {
  const tokens = ['fx:USD:2026-11', 'cost:SKU-1', 'freight:SH-00001', 'price', 'currency', 'odd:thing'];
  expect(renderMissing(tokens, 'en')).toBe(
    'no USD rate for 2026-11 (FX sheet); no cost for SKU-1; no freight for SH-00001; no price; order has no currency; odd:thing',
  );
  expect(renderMissing(tokens, 'zh')).toBe(
    '缺少 USD 2026-11 汇率（汇率表）; SKU-1 没有成本; SH-00001 没有运费; 没有售价; 订单没有币种; odd:thing',
  );
  // A SKU holding "$1"-like text or a colon: parts after the third are dropped, nothing is read as a pattern.
  expect(renderMissing(['cost:A$1%s:x:y', 'constructor', ''], 'en')).toBe('no cost for A$1%s; constructor; ');
  expect(renderMissing([], 'zh')).toBe('');
});
