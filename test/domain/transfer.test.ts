import fc from 'fast-check';
import {
  inTransitQty,
  transferStatusOf,
  validateArrival,
  validateCancel,
  validateDispatch,
  validateNewTransfer,
  validateShortClose,
  type Transfer,
} from '../../domain/inventory/transfer';

const transfer = (status: Transfer['status'], lines: Transfer['lines']): Transfer => ({
  transferNo: 'TR-00001',
  from: 'DE1',
  to: 'UK1',
  status,
  lines,
});

/**
 * A transfer's conservation: whatever sequence of accepted arrivals and short closes happens, every unit
 * dispatched is exactly once received, closed short or still in transit, and the status follows.
 */
test('accepted arrivals and short closes never account for more or fewer units than were dispatched', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 4 }),
      fc.array(
        fc.oneof(
          fc.record({ kind: fc.constant('arrive' as const), line: fc.nat(3), qty: fc.integer({ min: 1, max: 60 }) }),
          fc.record({ kind: fc.constant('short' as const), line: fc.nat(3) }),
        ),
        { maxLength: 12 },
      ),
      (quantities, steps) => {
        const t = transfer(
          'in_transit',
          quantities.map((qty, i) => ({ lineNo: i + 1, sku: `S${i}`, qty, received: 0, shortClosed: 0 })),
        );
        for (const step of steps) {
          const lineNo = (step.line % quantities.length) + 1;
          const line = t.lines[lineNo - 1]!;
          if (step.kind === 'arrive') {
            const refused = validateArrival(t, [{ lineNo, qty: step.qty }], 'en');
            const open = inTransitQty(line, t.status);
            // Refused exactly when it is more than is on its way (or nothing is).
            expect(refused === null).toBe(t.status !== 'received' && t.status !== 'closed_short' && step.qty <= open);
            if (!refused) line.received += step.qty;
          } else {
            const refused = validateShortClose(t, lineNo, 'lost', 'en');
            if (!refused) line.shortClosed += inTransitQty(line, t.status);
          }
          t.status = transferStatusOf(t.lines, t.status);
          for (const l of t.lines) {
            expect(l.received + l.shortClosed + inTransitQty(l, t.status)).toBe(l.qty);
            expect(inTransitQty(l, t.status)).toBeGreaterThanOrEqual(0);
          }
        }
        const done = t.lines.every((l) => l.received + l.shortClosed === l.qty);
        expect(['received', 'closed_short'].includes(t.status)).toBe(done);
      },
    ),
  );
});

test('dispatch names every line short at the source at once; only a draft is dispatched or cancelled', () => {
  const draft = transfer('draft', [
    { lineNo: 1, sku: 'PC', qty: 5, received: 0, shortClosed: 0 },
    { lineNo: 2, sku: 'CB', qty: 2, received: 0, shortClosed: 0 },
    { lineNo: 3, sku: 'MUG', qty: 1, received: 0, shortClosed: 0 },
  ]);
  const refused = validateDispatch(
    draft,
    new Map([
      ['PC', 4],
      ['CB', 9],
    ]),
    'zh',
  );
  expect(refused?.details?.map((d) => [d.field, d.message])).toEqual([
    ['lines.0.qty', 'TR-00001：DE1 的 PC 可用 4，需要 5'],
    ['lines.2.qty', 'TR-00001：DE1 的 MUG 可用 0，需要 1'],
  ]);
  expect(
    validateDispatch(
      draft,
      new Map([
        ['PC', 5],
        ['CB', 2],
        ['MUG', 1],
      ]),
      'en',
    ),
  ).toBeNull();
  expect(validateDispatch({ ...draft, status: 'in_transit' }, new Map(), 'en')?.message).toBe(
    'TR-00001 is In transit: only a draft can be dispatched',
  );
  expect(validateCancel(draft, ' ', 'en')?.code).toBe('transfer_reason_required');
  expect(validateCancel({ ...draft, status: 'in_transit' }, 'x', 'zh')?.message).toBe(
    'TR-00001 状态为 调拨在途：只有草稿可以取消',
  );
  expect(inTransitQty(draft.lines[0]!, 'draft')).toBe(0);
});

test('a new transfer goes between two warehouses, one line per SKU', () => {
  expect(
    validateNewTransfer({ from: 'DE1', to: 'DE1', lines: [{ sku: 'A' }, { sku: 'B' }, { sku: 'A' }] }, 'en').map(
      (e) => [e.field, e.code],
    ),
  ).toEqual([
    ['to', 'same_warehouse'],
    ['lines.2.sku', 'repeated_sku'],
  ]);
  expect(validateNewTransfer({ from: 'DE1', to: 'UK1', lines: [{ sku: 'A' }] }, 'en')).toEqual([]);
});
