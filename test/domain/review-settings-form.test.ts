import fc from 'fast-check';
import { parseReviewSettingsForm, reviewSettingsForm } from '../../domain/orders/review-settings-form';
import { DEFAULT_REVIEW_SETTINGS } from '../../domain/orders/auto-review';

describe('auto-review settings as Settings-sheet text', () => {
  test('amounts with the currency before or after, lists split on commas, yes/no in either language', () => {
    const parsed = parseReviewSettingsForm(
      {
        duplicateWindowDays: '30',
        highValueLimit: 'eur 199.99',
        blockedPhones: '+33 6 00, +33 6 00；12345',
        blockedEmails: '',
        autoApprove: '是',
      },
      'zh',
    );
    expect(parsed).toEqual({
      settings: {
        duplicateWindowDays: 30,
        highValueLimit: { amount: '199.99', currency: 'EUR' },
        blockedPhones: ['+33 6 00', '12345'],
        blockedEmails: [],
        autoApprove: true,
        importClosedOrders: true,
      },
    });
    expect(parseReviewSettingsForm({ highValueLimit: '500EUR', autoApprove: 'No' }, 'en')).toMatchObject({
      settings: { duplicateWindowDays: 14, highValueLimit: { amount: '500', currency: 'EUR' }, autoApprove: false },
    });
  });

  test('every bad field is reported at once, in the sheet language', () => {
    const parsed = parseReviewSettingsForm(
      {
        duplicateWindowDays: '400',
        highValueLimit: '500',
        blockedPhones: '12',
        blockedEmails: 'a@b.co, nope',
        autoApprove: 'maybe',
      },
      'zh',
    );
    expect('errors' in parsed && parsed.errors.map((e) => e.field)).toEqual([
      'duplicateWindowDays',
      'highValueLimit',
      'blockedPhones',
      'blockedEmails',
      'autoApprove',
    ]);
    expect('errors' in parsed && parsed.errors[4]!.message).toBe(
      '无问题订单自动审核通过（是/否）：“maybe”既不是“是”也不是“否”',
    );
  });

  test('what the sheet shows reads back as the same settings (both languages)', () => {
    const settings = fc.record({
      duplicateWindowDays: fc.integer({ min: 0, max: 365 }),
      highValueLimit: fc.option(
        fc.record({
          amount: fc.stringMatching(/^[1-9]\d{0,6}(\.\d{1,4})?$/),
          currency: fc.constantFrom('EUR', 'USD', 'CNY'),
        }),
        { nil: null },
      ),
      blockedPhones: fc.uniqueArray(fc.stringMatching(/^\+?\d{3,15}$/), { maxLength: 5 }),
      blockedEmails: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}@[a-z]{1,8}\.[a-z]{2,3}$/), { maxLength: 5 }),
      autoApprove: fc.boolean(),
      importClosedOrders: fc.boolean(),
    });
    fc.assert(
      fc.property(settings, fc.constantFrom('en' as const, 'zh' as const), (s, lang) => {
        expect(parseReviewSettingsForm(reviewSettingsForm(s, lang), lang)).toEqual({ settings: s });
      }),
    );
    expect(reviewSettingsForm(DEFAULT_REVIEW_SETTINGS, 'en')).toEqual({
      duplicateWindowDays: '14',
      highValueLimit: '',
      blockedPhones: '',
      blockedEmails: '',
      autoApprove: 'no',
      importClosedOrders: 'yes',
    });
  });
});
