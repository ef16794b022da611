import fs from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_REVIEW_SETTINGS,
  orderValue,
  reviewOrder,
  type ReviewCandidate,
} from '../../domain/orders/auto-review';
import { parseOrderFile } from '../../domain/orders/channel-formats';
import { samePhone, sameName, similarAddress } from '../../domain/orders/duplicate-match';
import type { OrderDraft } from '../../domain/orders/order-draft';

const shopify = parseOrderFile(
  'shopify',
  fs.readFileSync(path.resolve(__dirname, '../fixtures/orders/shopify-orders-export.csv'), 'utf8'),
  'en',
);
if ('error' in shopify) throw new Error(shopify.error);
const byId = (id: string) => shopify.orders.find((o) => o.externalId === id)!;
const KNOWN = new Set(['PC-BLK-01', 'CB-USBC-1M', 'PB-10K', 'NP-SET-12']);

function asCandidate(draft: OrderDraft, orderNo: string): ReviewCandidate {
  const r = draft.recipient;
  return {
    orderNo,
    orderedAtUtc: draft.orderedAt?.utc ?? null,
    phone: draft.phone,
    email: draft.email,
    name: r.name,
    address1: r.address1,
    postalCode: r.postalCode,
    country: r.country,
  };
}

describe('auto-review on the Shopify sample', () => {
  test('#1004 is flagged as a possible duplicate of #1001 (Abbey Road vs Abbey Rd, phone in two formats)', () => {
    const outcome = reviewOrder(
      { draft: byId('#1004'), knownSkus: KNOWN, others: [asCandidate(byId('#1001'), 'SO-1001')] },
      DEFAULT_REVIEW_SETTINGS,
      'en',
    );
    expect(outcome.flags.map((f) => f.code)).toContain('possible_duplicate');
    expect(outcome.summary).toContain('possible duplicate of SO-1001');
    expect(outcome.status).toBe('pending_review');
  });

  test('the duplicate window is respected', () => {
    const outcome = reviewOrder(
      { draft: byId('#1004'), knownSkus: KNOWN, others: [asCandidate(byId('#1001'), 'SO-1001')] },
      { ...DEFAULT_REVIEW_SETTINGS, duplicateWindowDays: 0 },
      'en',
    );
    expect(outcome.flags.map((f) => f.code)).not.toContain('possible_duplicate');
  });

  test('an order without a date is compared as of when it came in', () => {
    const undated = { ...byId('#1004'), orderedAt: null };
    const other = asCandidate(byId('#1001'), 'SO-1001');
    const near = new Date(Date.parse(other.orderedAtUtc!) + 2 * 86_400_000).toISOString();
    const far = new Date(Date.parse(other.orderedAtUtc!) + 40 * 86_400_000).toISOString();
    const codes = (receivedAt: string) =>
      reviewOrder(
        { draft: undated, knownSkus: KNOWN, others: [other], receivedAt },
        DEFAULT_REVIEW_SETTINGS,
        'en',
      ).flags.map((f) => f.code);
    expect(codes(near)).toContain('possible_duplicate');
    expect(codes(far)).not.toContain('possible_duplicate');
  });

  test('cash on delivery goes to pending contact, with the reason in Chinese', () => {
    const outcome = reviewOrder({ draft: byId('#1003'), knownSkus: KNOWN, others: [] }, DEFAULT_REVIEW_SETTINGS, 'zh');
    expect(outcome.status).toBe('pending_contact');
    expect(outcome.summary).toContain('货到付款：需电话确认');
  });

  test('an unknown SKU is held in review, naming it', () => {
    const outcome = reviewOrder(
      { draft: byId('#1002'), knownSkus: new Set(), others: [] },
      DEFAULT_REVIEW_SETTINGS,
      'en',
    );
    expect(outcome.summary).toContain('unknown SKU PB-10K');
    expect(outcome.status).toBe('pending_review');
  });

  test('a clean order stays for a person to approve unless the workspace turned auto-approve on', () => {
    const clean = byId('#1002');
    expect(reviewOrder({ draft: clean, knownSkus: KNOWN, others: [] }, DEFAULT_REVIEW_SETTINGS, 'en')).toEqual({
      status: 'pending_review',
      flags: [],
      summary: '',
    });
    expect(
      reviewOrder(
        { draft: clean, knownSkus: KNOWN, others: [] },
        { ...DEFAULT_REVIEW_SETTINGS, autoApprove: true },
        'en',
      ).status,
    ).toBe('approved');
  });
});

describe('auto-review rules', () => {
  const base = byId('#1002');
  const review = (draft: OrderDraft, settings = DEFAULT_REVIEW_SETTINGS) =>
    reviewOrder({ draft, knownSkus: KNOWN, others: [] }, settings, 'en');

  test('bad phone, postal code, country and missing address parts are each named', () => {
    const flagged = review({
      ...base,
      phone: '+49 123',
      recipient: { ...base.recipient, postalCode: 'ABCDE', address1: null, city: null },
    });
    expect(flagged.summary).toContain('phone "+49 123" is not valid for DE');
    expect(flagged.summary).toContain('postal code "ABCDE" is not valid for DE');
    expect(flagged.summary).toContain('address incomplete: street, city');
    expect(review({ ...base, recipient: { ...base.recipient, country: 'XX' } }).summary).toContain(
      'country "XX" is not an ISO country code',
    );
    expect(review({ ...base, phone: null }).summary).toContain('no phone number');
  });

  test('high value and blocklists send the order to a call', () => {
    const settings = { ...DEFAULT_REVIEW_SETTINGS, highValueLimit: { amount: '40', currency: 'EUR' } };
    expect(orderValue(base)).toBe('45.8');
    expect(review(base, settings)).toMatchObject({
      status: 'pending_contact',
      summary: 'order value 45.8 EUR is above 40: call to confirm',
    });
    expect(review(base, { ...settings, highValueLimit: { amount: '45.80', currency: 'EUR' } }).status).toBe(
      'pending_review',
    );
    expect(review(base, { ...settings, highValueLimit: { amount: '1', currency: 'USD' } }).status).toBe(
      'pending_review',
    );
    expect(review(base, { ...DEFAULT_REVIEW_SETTINGS, blockedPhones: ['01512 3456789'] }).summary).toContain(
      'is on the blocklist',
    );
    expect(review(base, { ...DEFAULT_REVIEW_SETTINGS, blockedEmails: ['LUKAS.B@example.de'] }).status).toBe(
      'pending_contact',
    );
  });

  test('order value from lines is exact', () => {
    const line = {
      name: null,
      lineTotal: null,
      fulfilment: 'crossdock' as const,
      keyedByName: false,
      customization: null,
    };
    const lines = [
      { ...line, sku: 'A', qty: 3, unitPrice: '0.1', sourceRow: 2 },
      { ...line, sku: 'B', qty: 1, unitPrice: '0.2', sourceRow: 3 },
    ];
    expect(
      orderValue({
        ...base,
        totals: { subtotal: null, shipping: null, tax: null, total: null, discount: null },
        lines,
      }),
    ).toBe('0.5');
    expect(
      orderValue({
        ...base,
        totals: { subtotal: null, shipping: null, tax: null, total: null, discount: null },
        lines: [{ ...lines[0]!, unitPrice: null }],
      }),
    ).toBeNull();
    // Amazon gives the line's amount: it is summed as given, never rebuilt from a rounded unit price.
    const amazon = [
      { ...lines[0]!, qty: 3, unitPrice: '3.3333', lineTotal: '10' },
      { ...lines[1]!, unitPrice: null, lineTotal: '0.05' },
    ];
    expect(
      orderValue({
        ...base,
        totals: { subtotal: null, shipping: null, tax: null, total: null, discount: null },
        lines: amazon,
      }),
    ).toBe('10.05');
  });
});

describe('duplicate matching', () => {
  test.each([
    ['+44 7700 900123', '07700 900123', true],
    ['+1 415-555-0132', '(415) 555-0132', true],
    ['123456', '123456', false],
    ['+49 1512 3456789', '+49 1512 3456780', false],
  ])('phones %s and %s: %s', (a, b, same) => expect(samePhone(a, b)).toBe(same));

  test('names: word order ignored, short names never match', () => {
    expect(sameName('Emma Wilson', 'wilson emma')).toBe(true);
    expect(sameName('Li Na', 'Na Li')).toBe(false);
  });

  test('addresses: abbreviations agree, another country never matches', () => {
    const a = { phone: null, email: null, name: null, address1: '12 Abbey Road', postalCode: 'NW8 9AY', country: 'GB' };
    expect(similarAddress(a, { ...a, address1: '12 Abbey Rd.' })).toBe(true);
    expect(similarAddress(a, { ...a, address1: '99 Baker Street', postalCode: 'NW1 6XE' })).toBe(false);
    expect(similarAddress(a, { ...a, country: 'US' })).toBe(false);
  });
});
