import fc from 'fast-check';
import { DEFAULT_DISPATCH_SETTINGS, parseDispatchSettingsForm } from '../../domain/dispatch/dispatch-settings';
import { flowLines } from '../../domain/dispatch/flow-centers';
import {
  ageText,
  isStuck,
  RULE_SPECS,
  STUCK_RULES,
  stuckHits,
  type StuckFact,
} from '../../domain/dispatch/stuck-rules';

const now = new Date('2026-11-30T12:00:00.000Z');
const s = DEFAULT_DISPATCH_SETTINGS;
const H = 3_600_000;
const D = 24 * H;
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

/** Each rule's threshold as the design gives it (DESIGN 3.7), written out rather than read from the code. */
const THRESHOLDS: [StuckFact['rule'], number, Partial<StuckFact>][] = [
  ['pending_review', 24 * H, {}],
  ['pending_contact', 48 * H, { attempts: 0 }],
  ['pending_purchase', 12 * D, { leadDays: 12 }],
  ['pending_purchase', 30 * D, { leadDays: null }],
  ['pending_shipment', 48 * H, {}],
  ['no_first_scan', 3 * D, {}],
  ['tracking_quiet', 7 * D, {}],
  ['exception_open', 2 * D, {}],
  ['po_late', 0, {}],
];

describe('stuck rules at their thresholds (default settings, clock given)', () => {
  test.each(THRESHOLDS)('%s: just under %d ms is not stuck, at and over it is', (rule, limit, extra) => {
    const fact = (since: string): StuckFact => ({ rule, key: 'K1', since, ...extra });
    if (limit > 0) expect(isStuck(fact(ago(limit - 1)), s, now)).toBe(false);
    expect(isStuck(fact(ago(limit)), s, now)).toBe(true);
    expect(isStuck(fact(ago(limit + D)), s, now)).toBe(true);
    // A PO due tomorrow (its "past" moment still ahead) is not late.
    expect(isStuck(fact(new Date(now.getTime() + 1).toISOString()), s, now)).toBe(false);
  });

  test('pending contact is stuck at 3 attempts however young, not at 2', () => {
    const fact = (attempts: number): StuckFact => ({ rule: 'pending_contact', key: 'C', since: ago(H), attempts });
    expect(isStuck(fact(2), s, now)).toBe(false);
    expect(isStuck(fact(3), s, now)).toBe(true);
  });

  test('thresholds follow the settings', () => {
    const fact: StuckFact = { rule: 'pending_review', key: 'R', since: ago(5 * H) };
    expect(isStuck(fact, { ...s, reviewHours: 6 }, now)).toBe(false);
    expect(isStuck(fact, { ...s, reviewHours: 5 }, now)).toBe(true);
  });

  test('a hit names entity, rule, age, role and action in both languages, oldest first', () => {
    const facts: StuckFact[] = [
      { rule: 'pending_review', key: 'R1', since: ago(30 * H) },
      { rule: 'exception_open', key: 'S1', since: ago(3 * D + 2 * H) },
      { rule: 'pending_review', key: 'R2', since: ago(H) },
      { rule: 'ledger_mismatch', key: 'CASE@DE1', since: null, detail: 'reserved 2 vs 1' },
    ];
    const en = stuckHits(facts, s, now, 'en');
    expect(en.map((h) => [h.rule, h.key, h.entity, h.role, h.age])).toEqual([
      ['exception_open', 'S1', 'shipment', 'logistics', '3 d 2 h'],
      ['pending_review', 'R1', 'order', 'cs', '1 d 6 h'],
      ['ledger_mismatch', 'CASE@DE1', 'stock', 'warehouse', '0 min'],
    ]);
    expect(en[2]!.action).toContain('reserved 2 vs 1');
    const zh = stuckHits(facts, s, now, 'zh');
    expect(zh[0]).toMatchObject({ roleLabel: '物流', ruleLabel: '包裹异常未处理', age: '3天 2小时' });
    for (const rule of STUCK_RULES) {
      expect(RULE_SPECS[rule].label.zh).not.toEqual(RULE_SPECS[rule].label.en);
      expect(RULE_SPECS[rule].action.zh).not.toEqual(RULE_SPECS[rule].action.en);
    }
  });

  test('once stuck, an item stays stuck as time passes (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STUCK_RULES.filter((r) => r !== 'ledger_mismatch')),
        fc.integer({ min: 0, max: 400 * D }),
        fc.integer({ min: 0, max: 400 * D }),
        fc.option(fc.integer({ min: 0, max: 90 })),
        (rule, age, later, leadDays) => {
          const fact: StuckFact = { rule, key: 'X', since: ago(age), leadDays, attempts: 0 };
          if (isStuck(fact, s, now)) expect(isStuck(fact, s, new Date(now.getTime() + later))).toBe(true);
        },
      ),
    );
  });

  test('ages read at a glance', () => {
    expect(ageText(59_999, 'en')).toBe('0 min');
    expect(ageText(2 * H + 5 * 60_000, 'en')).toBe('2 h 5 min');
    expect(ageText(2 * D, 'zh')).toBe('2天');
  });
});

describe('dispatch settings from the Settings sheet', () => {
  test('empty rows keep the defaults; whole numbers are taken', () => {
    expect(parseDispatchSettingsForm({}, 'en')).toEqual({ settings: s });
    expect(parseDispatchSettingsForm({ reviewHours: ' 12 ', poLateDays: '0' }, 'en')).toEqual({
      settings: { ...s, reviewHours: 12, poLateDays: 0 },
    });
  });

  test('every bad row is named, in the sheet language', () => {
    const answer = parseDispatchSettingsForm(
      { reviewHours: '0', contactAttempts: 'three', exceptionDays: '1.5' },
      'zh',
    );
    expect('errors' in answer && answer.errors.map((e) => e.field)).toEqual([
      'reviewHours',
      'contactAttempts',
      'exceptionDays',
    ]);
    expect('errors' in answer && answer.errors[1]!.message).toContain('“three”不是 1 到 100 之间的整数');
  });
});

describe('flow lines', () => {
  test('every status of every center, zero counts too; at-rest statuses show no age', () => {
    const lines = flowLines(
      [
        { center: 'orders', status: 'pending_review', count: 4, oldestSince: ago(5 * H) },
        { center: 'orders', status: 'delivered', count: 9, oldestSince: ago(50 * D) },
      ],
      now,
      'zh',
    );
    expect(lines.find((l) => l.status === 'pending_review')).toMatchObject({
      count: 4,
      oldestAgeMs: 5 * H,
      centerLabel: '订单中心',
      statusLabel: '待审核',
    });
    expect(lines.find((l) => l.center === 'orders' && l.status === 'delivered')).toMatchObject({
      count: 9,
      oldestAgeMs: null,
    });
    expect(lines.find((l) => l.center === 'logistics' && l.status === 'exception')).toMatchObject({ count: 0 });
  });
});
