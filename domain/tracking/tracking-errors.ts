import { errorCatalog } from '../errors/error-catalog';

/** The tracking center's refusals (docs/tracking.md). */
export const trackingErrors = errorCatalog({
  journey_order_not_found: {
    status: 404,
    en: 'There is no order {order} in this workspace.',
    zh: '此工作区没有订单 {order}。',
  },
  webhook_signature: {
    status: 401,
    en: 'The webhook signature does not match its body; nothing was stored.',
    zh: 'Webhook 签名与正文不符；未保存任何内容。',
  },
});
