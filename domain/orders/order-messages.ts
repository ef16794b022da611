import type { Lang } from '../i18n/lang';
import { messageCatalog } from '../i18n/message-catalog';

/** What a person reads when an order move is refused, in both languages. */
const MESSAGES = {
  status_not_allowed: {
    en: '{order} is {status}; "{action}" is not possible from there',
    zh: '{order}当前为{status}，无法执行“{action}”',
  },
  system_only: {
    en: '{order} is {status}; only the system moves it to {to} ({why})',
    zh: '{order}当前为{status}；只有系统可以将其改为{to}（{why}）',
  },
  role_not_allowed: {
    en: '"{action}" needs one of the roles {needed}; yours: {held}',
    zh: '“{action}”需要以下角色之一：{needed}；你的角色：{held}',
  },
  reason_required: { en: '"{action}" needs a reason', zh: '“{action}”需要填写原因' },
  needs_override: {
    en: '{order} is flagged ({flags}): approve it with "override" and a reason, or fix the order first',
    zh: '{order} 有审核标记（{flags}）：请选择“强制通过”并填写原因，或先修正订单',
  },
  call_result_required: { en: 'A call needs a result: {results}', zh: '通话记录需要结果：{results}' },
  no_move_to: {
    en: '{order} is {status}; it cannot be set to {to} by hand',
    zh: '{order}当前为{status}，不能手动改为{to}',
  },
  order_not_found: { en: 'There is no order {order} in this workspace', zh: '此工作区没有订单 {order}' },
  not_contacting: {
    en: '{order} is {status}; calls are logged on orders pending contact',
    zh: '{order}当前为{status}；只有待联系的订单可以记录通话',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type OrderMessageKey = keyof typeof MESSAGES;

export const orderMessage = messageCatalog<OrderMessageKey>(MESSAGES);
