import fc from 'fast-check';
import {
  parsePurchasingSettingsForm,
  purchasingSettingsForm,
  storedPurchasingSettings,
  DEFAULT_PURCHASING_SETTINGS,
} from '../../domain/purchasing/purchasing-settings';

describe('purchasing settings as Settings-sheet text', () => {
  test('weights as decimals (point or comma) or percentages; yes/no in either language; empty weights keep their defaults', () => {
    expect(
      parsePurchasingSettingsForm(
        { weight7: '60%', weight14: '0,1', weight30: '.3', leaveOutStockOutDays: '是' },
        'zh',
      ),
    ).toEqual({ settings: { weights: { r7: 0.6, r14: 0.1, r30: 0.3 }, leaveOutStockOutDays: true } });
    expect(parsePurchasingSettingsForm({ leaveOutStockOutDays: '' }, 'en')).toEqual({
      settings: DEFAULT_PURCHASING_SETTINGS,
    });
  });

  test('every bad field at once, in the sheet language; weights that do not add up to 1 are refused as a whole', () => {
    const bad = parsePurchasingSettingsForm(
      { weight7: 'half', weight14: '120%', weight30: '0.2', leaveOutStockOutDays: 'maybe' },
      'en',
    );
    expect('errors' in bad && bad.errors.map((e) => e.field)).toEqual(['weight7', 'weight14', 'leaveOutStockOutDays']);
    const sum = parsePurchasingSettingsForm(
      { weight7: '0.5', weight14: '0.5', weight30: '0.5', leaveOutStockOutDays: 'no' },
      'zh',
    );
    expect(sum).toEqual({
      errors: [{ field: 'weight7', message: '近 7 天销量权重：三个权重合计 1.5，必须合计为 1（100%）' }],
    });
  });

  test('what is stored (any weights adding up to 1, e.g. thirds sent over HTTP) shows as text that reads back the same', () => {
    const weights = fc
      .tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }))
      .map(([a, b]) => {
        const [low, high] = a <= b ? [a / 1e6, b / 1e6] : [b / 1e6, a / 1e6];
        return { r7: low, r14: high - low, r30: 1 - high };
      });
    fc.assert(
      fc.property(weights, fc.boolean(), fc.constantFrom('en' as const, 'zh' as const), (w, leaveOut, lang) => {
        const stored = storedPurchasingSettings({ weights: w, leaveOutStockOutDays: leaveOut });
        expect(parsePurchasingSettingsForm(purchasingSettingsForm(stored, lang), lang)).toEqual({ settings: stored });
      }),
    );
    const thirds = storedPurchasingSettings({
      weights: { r7: 1 / 3, r14: 1 / 3, r30: 1 / 3 },
      leaveOutStockOutDays: false,
    });
    expect(purchasingSettingsForm(thirds, 'en')).toEqual({
      weight7: '0.333333',
      weight14: '0.333333',
      weight30: '0.333333',
      leaveOutStockOutDays: 'no',
    });
    expect(parsePurchasingSettingsForm(purchasingSettingsForm(thirds, 'en'), 'en')).toEqual({ settings: thirds });
  });
});
