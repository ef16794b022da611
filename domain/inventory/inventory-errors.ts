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
});
