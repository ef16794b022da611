import { errorCatalog } from '../errors/error-catalog';

/**
 * Order imports and moves. The throwers pass finished text in the request's language (order-messages.ts,
 * import-messages.ts, file-encoding-messages.ts); these texts are the code's short meaning.
 */
export const orderErrors = errorCatalog({
  unreadable_file: {
    status: 400,
    en: 'The file could not be read as this export format.',
    zh: '无法按此导出格式读取该文件。',
  },
  undecodable_file: {
    status: 400,
    en: 'The file does not decode cleanly in the chosen encoding; export it again or save it as UTF-8.',
    zh: '文件无法按所选编码完整解码；请重新导出，或另存为 UTF-8。',
  },
  status_not_allowed: {
    status: 400,
    en: "The order's status does not allow this move.",
    zh: '订单当前状态不允许此操作。',
  },
  system_only: { status: 400, en: 'Only the system makes this move.', zh: '只有系统可以执行此操作。' },
  role_not_allowed: { status: 400, en: 'None of your roles may make this move.', zh: '你的角色不能执行此操作。' },
  // Also a short close of a PO line without a reason (domain/purchasing/purchase-order.ts): one code, one entry.
  reason_required: { status: 400, en: 'This needs a reason.', zh: '此操作需要填写原因。' },
  call_result_required: { status: 400, en: 'A call needs a result.', zh: '通话记录需要结果。' },
});
