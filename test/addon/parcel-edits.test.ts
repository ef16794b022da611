import { parseSplitLines } from '../../addon/parcel-edits';

describe('split lines typed in the shipment sidebar', () => {
  test("order, line and quantity, separated by spaces, commas or the order line's slash; bad lines named", () => {
    expect(parseSplitLines('SO-1001 1 2\n\nSO-1002/3 1\r\n#1003, 2, 4')).toEqual({
      lines: [
        { orderNo: 'SO-1001', lineNo: 1, qty: 2 },
        { orderNo: 'SO-1002', lineNo: 3, qty: 1 },
        { orderNo: '#1003', lineNo: 2, qty: 4 },
      ],
      bad: [],
    });
    expect(parseSplitLines('SO-1 1\nSO-2 x 1\nSO-3 1 0\nSO-4 1 2 3').bad).toEqual([1, 2, 3, 4]);
  });
});
