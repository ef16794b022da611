import fc from 'fast-check';
import { cancelPlan, validateCancel } from '../../domain/purchasing/po-cancel';
import { openQty, poStatusOf, type PoLine } from '../../domain/purchasing/purchase-order';

const line = (lineNo: number, ordered: number, more: Partial<PoLine> = {}): PoLine => ({
  lineNo,
  sku: `SKU${lineNo}`,
  ordered,
  received: 0,
  shortClosed: 0,
  cancelled: 0,
  ...more,
});
const po = (lines: PoLine[]) => ({ poNo: 'PO-00007', status: poStatusOf(lines, 'ordered'), lines });
const fields = (error: ReturnType<typeof validateCancel>) => error?.details.map((d) => `${d.field}:${d.code}`);

describe('validateCancel', () => {
  test('a line or a whole PO with nothing received may go; the plan takes what is still on order', () => {
    const open = po([line(1, 5), line(2, 3)]);
    expect(validateCancel(open, 2, 'discontinued', 'en')).toBeNull();
    expect(cancelPlan(open, 2)).toEqual([{ lineNo: 2, sku: 'SKU2', qty: 3 }]);
    expect(validateCancel(open, undefined, 'ordered twice', 'zh')).toBeNull();
    expect(cancelPlan(open, undefined)).toEqual([
      { lineNo: 1, sku: 'SKU1', qty: 5 },
      { lineNo: 2, sku: 'SKU2', qty: 3 },
    ]);
  });

  test('every refusal is named by field, in the reader language', () => {
    const partly = po([line(1, 5, { received: 2 }), line(2, 3, { cancelled: 3 })]);
    expect(fields(validateCancel(partly, 1, 'x', 'en'))).toEqual(['lineNo:already_received']);
    expect(validateCancel(partly, undefined, 'x', 'zh')?.message).toBe(
      'PO-00007 第 1 行（SKU1）已收货 2，不能取消；请改为短收关闭剩余数量',
    );
    expect(validateCancel(partly, 2, 'x', 'en')?.message).toBe('PO-00007 line 2 is already cancelled');
    expect(fields(validateCancel(partly, 9, ' ', 'en'))).toEqual(['lineNo:no_such_line', 'reason:reason_required']);
    expect(validateCancel(partly, 2, '', 'zh')?.message).toBe('取消 PO-00007 需要填写原因');
    const gone = po([line(1, 5, { cancelled: 5 })]);
    expect(gone.status).toBe('cancelled');
    expect([validateCancel(gone, undefined, 'x', 'en')?.code, validateCancel(gone, 1, 'x', 'en')?.code]).toEqual([
      'already_cancelled',
      'already_cancelled',
    ]);
    const short = po([line(1, 5, { shortClosed: 5 }), line(2, 1)]);
    expect(fields(validateCancel(short, 1, 'x', 'en'))).toEqual(['lineNo:nothing_open']);
  });
});

/** A line as commands leave it: part received then maybe closed short, or cancelled before anything came. */
const poLine = (lineNo: number) =>
  fc
    .record({ ordered: fc.integer({ min: 1, max: 50 }), got: fc.nat(50), kind: fc.constantFrom('open', 'short', 'x') })
    .map(({ ordered, got, kind }) => {
      if (kind === 'x') return line(lineNo, ordered, { cancelled: ordered });
      const received = Math.min(got, ordered);
      return line(lineNo, ordered, { received, shortClosed: kind === 'short' ? ordered - received : 0 });
    });
const anyPo = fc
  .integer({ min: 1, max: 5 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => poLine(i + 1))))
  .map((lines) => po(lines));

describe('a cancel, whatever the PO', () => {
  test('never touches what was received, never takes more than was due (incoming stays ≥ 0), and a whole PO ends cancelled', () => {
    fc.assert(
      fc.property(anyPo, fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }), (order, lineNo) => {
        const refusal = validateCancel(order, lineNo, 'reason', 'en');
        const touched = order.lines.filter((l) => lineNo === undefined || l.lineNo === lineNo);
        if (touched.some((l) => l.received > 0)) expect(refusal?.code).toBe('already_received');
        if (refusal) return;
        const plan = cancelPlan(order, lineNo);
        const after = order.lines.map((l) => ({
          ...l,
          cancelled: l.cancelled + (plan.find((c) => c.lineNo === l.lineNo)?.qty ?? 0),
        }));
        after.forEach((l, i) => {
          expect(l.received).toBe(order.lines[i]!.received);
          expect(openQty(l)).toBeGreaterThanOrEqual(0);
          expect(l.received + l.shortClosed + l.cancelled + openQty(l)).toBe(l.ordered);
        });
        // Incoming at the warehouse drops by exactly what these lines still had on order.
        const due = touched.reduce((sum, l) => sum + openQty(l), 0);
        expect(plan.reduce((sum, c) => sum + c.qty, 0)).toBe(due);
        expect(due).toBeGreaterThan(0);
        if (lineNo === undefined) expect(poStatusOf(after, order.status)).toBe('cancelled');
        else if (after.every((l) => l.cancelled > 0)) expect(poStatusOf(after, order.status)).toBe('cancelled');
      }),
    );
  });
});
