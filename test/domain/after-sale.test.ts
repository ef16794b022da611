import fc from 'fast-check';
import { paidAmount, type CaseOrder, type EarlierCase } from '../../domain/after-sale/after-sale-case';
import {
  validateCaseReceipt,
  validateClose,
  validateOpenCase,
  type CaseDraft,
  type CaseState,
} from '../../domain/after-sale/after-sale-validation';
import { compareAmounts, sumAmounts } from '../../domain/money/decimal-amount';

const order = (extra: Partial<CaseOrder> = {}): CaseOrder => ({
  orderNo: 'SO-1',
  status: 'delivered',
  currency: 'EUR',
  shipping: '4.90',
  lines: [
    { lineNo: 1, sku: 'CASE', qty: 2, shippedQty: 2, unitPrice: '10.10' },
    { lineNo: 2, sku: 'CABLE', qty: 1, shippedQty: 1, unitPrice: '5' },
  ],
  ...extra,
});
const draft = (extra: Partial<CaseDraft> = {}): CaseDraft => ({
  kinds: ['return', 'refund'],
  reason: 'damaged',
  note: '',
  lines: [{ lineNo: 1, qty: 1 }],
  refund: { amount: '10.10', currency: 'EUR' },
  ...extra,
});

describe('opening a case', () => {
  test('paid is each line’s qty × unit price plus shipping, exactly', () => {
    expect(paidAmount(order())).toBe('30.1');
  });

  test('only on a shipped or delivered order, said in the reader’s language', () => {
    const refused = validateOpenCase(order({ status: 'pending_shipment' }), [], draft(), 'zh');
    expect(refused?.code).toBe('after_sale_order_not_shipped');
    expect(refused?.message).toContain('待发货');
    expect(validateOpenCase(order({ status: 'shipped' }), [], draft(), 'en')).toBeNull();
  });

  test('every field’s error at once: over-return, unknown and repeated line, over-refund, other without note', () => {
    const earlier: EarlierCase[] = [{ lines: [{ lineNo: 1, qty: 1 }], refund: '25' }];
    const refused = validateOpenCase(
      order(),
      earlier,
      draft({
        reason: 'other',
        lines: [
          { lineNo: 1, qty: 2 },
          { lineNo: 9, qty: 1 },
          { lineNo: 1, qty: 1 },
        ],
        refund: { amount: '5.11', currency: 'EUR' },
      }),
      'en',
    );
    expect(refused?.code).toBe('invalid_after_sale');
    expect(refused?.details.map((d) => [d.field, d.code])).toEqual([
      ['note', 'note_required'],
      ['lines.0.qty', 'over_return'],
      ['lines.1.lineNo', 'no_such_line'],
      ['lines.2.lineNo', 'repeated_line'],
      ['refund.amount', 'over_refund'],
    ]);
    expect(refused?.details[1]!.message).toBe(
      'SO-1 line 1 (CASE): 2 asked but only 1 left (2 shipped, 1 on earlier cases)',
    );
    expect(refused?.details[4]!.message).toContain('only 5.1 EUR is left');
  });

  test('the refund is in the order’s currency, to its decimals, above zero, and only on a refund case', () => {
    const codes = (d: Partial<CaseDraft>, o = order()) =>
      validateOpenCase(o, [], draft(d), 'en')?.details.map((e) => e.code);
    expect(codes({ refund: { amount: '5', currency: 'USD' } })).toEqual(['wrong_currency']);
    expect(codes({ refund: { amount: '5.001', currency: 'EUR' } })).toEqual(['amount_decimals']);
    expect(codes({ refund: { amount: '0', currency: 'EUR' } })).toEqual(['refund_zero']);
    expect(codes({ refund: null })).toEqual(['refund_required']);
    expect(codes({ kinds: ['return'] })).toEqual(['refund_not_asked']);
    expect(codes({ kinds: ['return', 'return'], refund: null })).toEqual(['repeated_kind']);
    expect(codes({}, order({ currency: null }))).toEqual(['no_currency']);
    expect(codes({ refund: { amount: '30.10', currency: 'EUR' }, lines: [{ lineNo: 2, qty: 1 }] })).toBeUndefined();
  });
});

const returnCase = (lines: CaseState['lines'], status: CaseState['status'] = 'requested'): CaseState => ({
  caseNo: 'AS-00001',
  status,
  kinds: ['return'],
  lines,
});

describe('receiving and closing', () => {
  const line = { lineNo: 1, sku: 'CASE', qty: 3, restocked: 1, writtenOff: 0 };

  test('never more back than is expected; restocking needs a known warehouse', () => {
    const refused = validateCaseReceipt(
      returnCase([line]),
      {
        warehouse: null,
        lines: [
          { lineNo: 1, restock: 2, writeOff: 1 },
          { lineNo: 1, restock: 0, writeOff: 0 },
          { lineNo: 4, restock: 1, writeOff: 0 },
        ],
      },
      false,
      'en',
    );
    expect(refused?.details.map((d) => [d.field, d.code])).toEqual([
      ['lines.0.restock', 'over_receipt'],
      ['lines.1.restock', 'nothing_received'],
      ['lines.2.lineNo', 'no_such_line'],
      ['warehouse', 'warehouse_required'],
    ]);
    const ok = { warehouse: 'DE1', lines: [{ lineNo: 1, restock: 1, writeOff: 1 }] };
    expect(validateCaseReceipt(returnCase([line]), ok, true, 'en')).toBeNull();
    expect(validateCaseReceipt(returnCase([line]), ok, false, 'en')?.details[0]!.code).toBe('unknown_warehouse');
    expect(validateCaseReceipt(returnCase([line], 'closed'), ok, true, 'en')?.code).toBe('after_sale_not_receivable');
    const refundOnly = { ...returnCase([line]), kinds: ['refund' as const] };
    expect(validateCaseReceipt(refundOnly, ok, true, 'zh')?.message).toContain('没有需要收货的退货');
  });

  test('closing once, with a note when part of a return never came back', () => {
    expect(validateClose(returnCase([line]), '', 'en')?.code).toBe('after_sale_note_required');
    expect(validateClose(returnCase([line]), 'customer kept one', 'en')).toBeNull();
    expect(validateClose(returnCase([{ ...line, writtenOff: 2 }], 'received'), '', 'en')).toBeNull();
    expect(validateClose(returnCase([line], 'closed'), 'x', 'en')?.code).toBe('after_sale_closed');
  });
});

/**
 * The limits hold over any sequence of cases: whatever is asked, the accepted cases never take more of a
 * line than it shipped, nor refund more than was paid (lines and shipping).
 */
test('accepted cases never return more than shipped nor refund more than paid', () => {
  const cents = fc.integer({ min: 0, max: 5000 }).map((c) => (c / 100).toFixed(2));
  fc.assert(
    fc.property(
      fc.array(fc.record({ shipped: fc.integer({ min: 0, max: 5 }), price: cents }), { minLength: 1, maxLength: 3 }),
      fc.option(cents, { nil: null }),
      fc.array(
        fc.record({
          lines: fc.array(fc.record({ lineNo: fc.integer({ min: 1, max: 3 }), qty: fc.integer({ min: 1, max: 4 }) }), {
            minLength: 1,
            maxLength: 3,
          }),
          refund: fc.option(
            fc.integer({ min: 1, max: 9000 }).map((c) => (c / 100).toFixed(2)),
            { nil: null },
          ),
        }),
        { maxLength: 8 },
      ),
      (lines, shipping, asks) => {
        const o = order({
          shipping,
          lines: lines.map((l, i) => ({
            lineNo: i + 1,
            sku: `S${i}`,
            qty: 5,
            shippedQty: l.shipped,
            unitPrice: l.price,
          })),
        });
        const accepted: EarlierCase[] = [];
        for (const ask of asks) {
          const kinds: CaseDraft['kinds'] = ask.refund ? ['return', 'refund'] : ['return'];
          const refund = ask.refund ? { amount: ask.refund, currency: 'EUR' } : null;
          const d = draft({ kinds, lines: ask.lines, refund });
          if (!validateOpenCase(o, accepted, d, 'en')) accepted.push({ lines: ask.lines, refund: ask.refund });
        }
        for (const line of o.lines) {
          const taken = accepted.flatMap((c) => c.lines).filter((l) => l.lineNo === line.lineNo);
          expect(taken.reduce((s, l) => s + l.qty, 0)).toBeLessThanOrEqual(line.shippedQty);
        }
        const refunded = sumAmounts(accepted.map((c) => c.refund ?? '0'));
        expect(compareAmounts(refunded, paidAmount(o))).toBeLessThanOrEqual(0);
      },
    ),
  );
});
