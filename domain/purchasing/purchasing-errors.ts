import { errorCatalog } from '../errors/error-catalog';

/** Purchase orders, their receipts, short closes and cancels; the throwers name the PO and line (purchase-order.ts). */
export const purchasingErrors = errorCatalog({
  invalid_purchase_order: {
    status: 422,
    en: 'The purchase order names SKUs, suppliers or warehouses that cannot be used; nothing was ordered.',
    zh: '采购单中有无法使用的 SKU、供应商或仓库；没有下任何单。',
  },
  over_receipt: {
    status: 422,
    en: 'More was received than is still on order; nothing was received.',
    zh: '收货数量超过未到数量；没有收任何货。',
  },
  po_not_open: { status: 409, en: 'The purchase order is no longer open.', zh: '采购单已不再处于未完成状态。' },
  nothing_open: { status: 409, en: 'That line has nothing left on order.', zh: '该行已无未到数量。' },
  already_received: {
    status: 409,
    en: 'Part of it was already received, so it cannot be cancelled; nothing was cancelled.',
    zh: '部分已收货，不能取消；没有取消任何内容。',
  },
  already_cancelled: { status: 409, en: 'It is already cancelled.', zh: '已经取消。' },
  no_such_line: { status: 400, en: 'The purchase order has no such line.', zh: '采购单没有这一行。' },
});
