import { errorCatalog } from '../errors/error-catalog';

/** The logistics center's refusals of a whole request; per-shipment refusals are in logistics-messages.ts. */
export const logisticsErrors = errorCatalog({
  shipment_not_found: { status: 404, en: 'There is no shipment {shipment}.', zh: '没有发货单 {shipment}。' },
  shipment_not_draft: {
    status: 409,
    en: '{shipment} is {status}: only a draft parcel can be split or unmerged.',
    zh: '{shipment} 当前为{status}：只有草稿包裹可以拆分或取消合并。',
  },
  split_refused: { status: 422, en: 'Nothing was changed: {message}', zh: '未做任何修改：{message}' },
  tracking_file_unreadable: {
    status: 422,
    en: 'The tracking number file was not read: {message}',
    zh: '未读取运单号文件：{message}',
  },
  label_link_invalid: {
    status: 404,
    en: 'This label link is not valid or has expired: open the label again from Crossdock > Shipments….',
    zh: '此面单链接无效或已过期：请从 Crossdock > 发货… 重新打开面单。',
  },
});
