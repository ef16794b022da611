import { errorCatalog } from '../errors/error-catalog';

/** After-sale cases (docs/after-sale.md); the throwers name each field in after-sale-validation.ts's words. */
export const afterSaleErrors = errorCatalog({
  invalid_after_sale: {
    status: 422,
    en: 'The case asks for more than the order allows, or names lines it does not have; nothing was opened.',
    zh: '售后单超出订单允许的范围，或包含订单没有的行；没有创建售后单。',
  },
  after_sale_order_not_found: { status: 404, en: 'There is no order {order}.', zh: '没有订单 {order}。' },
  after_sale_order_not_shipped: {
    status: 409,
    en: 'After-sale cases are opened on shipped or delivered orders only.',
    zh: '只有已发货或已签收的订单可以创建售后单。',
  },
  after_sale_case_not_found: { status: 404, en: 'There is no after-sale case {case}.', zh: '没有售后单 {case}。' },
  after_sale_not_receivable: {
    status: 409,
    en: 'This case has no return waiting to be received.',
    zh: '此售后单没有待收货的退货。',
  },
  invalid_after_sale_receipt: {
    status: 422,
    en: 'The receipt does not fit what the case expects back; nothing was received.',
    zh: '收货数量与售后单待退回的数量不符；没有收任何货。',
  },
  after_sale_closed: { status: 409, en: 'This case is already closed.', zh: '此售后单已关闭。' },
  after_sale_note_required: {
    status: 400,
    en: 'Part of the return was never received: closing needs a note saying why.',
    zh: '部分退货尚未收到：关闭需要填写说明。',
  },
});
