import { errorCatalog } from '../errors/error-catalog';

/** Stock receipts and counts; the throwers name each line in inventory-messages.ts's words. */
export const inventoryErrors = errorCatalog({
  invalid_receipt: {
    status: 422,
    en: 'The receipt names SKUs or warehouses that do not exist; nothing was received.',
    zh: '收货单中有不存在的 SKU 或仓库；没有收任何货。',
  },
  count_below_zero: {
    status: 400,
    en: 'This count would take stock below zero; count again.',
    zh: '此次盘点会使库存低于零；请重新盘点。',
  },
  invalid_transfer: {
    status: 422,
    en: 'The transfer names warehouses or SKUs that cannot be used; nothing was created.',
    zh: '调拨单中有无法使用的仓库或 SKU；没有创建任何调拨。',
  },
  transfer_not_draft: {
    status: 409,
    en: 'Only a draft transfer can do that.',
    zh: '只有草稿状态的调拨单可以这样操作。',
  },
  short_at_source: {
    status: 409,
    en: 'The source warehouse does not have that much available; nothing was dispatched.',
    zh: '调出仓库可用数量不足；没有发出任何货物。',
  },
  transfer_not_in_transit: {
    status: 409,
    en: 'Nothing of this transfer is in transit.',
    zh: '此调拨单没有在途的货物。',
  },
  over_arrival: {
    status: 422,
    en: 'More arrived than is in transit; nothing was received.',
    zh: '到货数量超过在途数量；没有收任何货。',
  },
  transfer_reason_required: { status: 400, en: 'This needs a reason.', zh: '此操作需要填写原因。' },
  transfer_nothing_open: { status: 409, en: 'That line has nothing left in transit.', zh: '该行已无在途数量。' },
  transfer_no_such_line: { status: 400, en: 'The transfer has no such line.', zh: '调拨单没有这一行。' },
});
