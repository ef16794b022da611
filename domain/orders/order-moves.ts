import type { Role } from '../access/roles';
import { hasAnyRole } from '../access/roles';
import { DomainError } from '../domain-error';
import type { Lang } from '../i18n/lang';
import { orderMessage } from './order-messages';
import { statusLabel, type OrderStatus } from './order-status';

/**
 * Every way an order's status can change (docs/orders.md), as data: where from, where to, who may.
 * `to: null` keeps the status (a call attempt). System moves are refused to people.
 */
export const ORDER_ACTIONS = {
  approve: {
    from: ['pending_review', 'pending_contact'],
    to: 'approved',
    by: ['cs'],
    reason: false,
    label: { en: 'Approve', zh: '审核通过' },
  },
  needs_contact: {
    from: ['pending_review'],
    to: 'pending_contact',
    by: ['cs'],
    reason: false,
    label: { en: 'Needs a call', zh: '需联系' },
  },
  log_call: {
    from: ['pending_contact'],
    to: null,
    by: ['cs'],
    reason: false,
    label: { en: 'Log a call', zh: '记录通话' },
  },
  invalidate: {
    from: ['pending_review', 'pending_contact'],
    to: 'invalid',
    by: ['cs'],
    reason: true,
    label: { en: 'Mark invalid', zh: '标记无效' },
  },
  reopen: {
    from: ['invalid'],
    to: 'pending_review',
    by: ['cs'],
    reason: true,
    label: { en: 'Reopen', zh: '重新打开' },
  },
  // Until stock exists approved orders wait in `approved`; cancelling them must stay possible.
  cancel: {
    from: ['pending_review', 'pending_contact', 'approved', 'pending_purchase', 'pending_shipment'],
    to: 'cancelled',
    by: ['cs'],
    reason: true,
    label: { en: 'Cancel', zh: '取消订单' },
  },
  reserve_full: {
    from: ['approved'],
    to: 'pending_shipment',
    by: 'system',
    reason: false,
    label: { en: 'Fully reserved', zh: '库存已锁定' },
  },
  reserve_partial: {
    from: ['approved'],
    to: 'pending_purchase',
    by: 'system',
    reason: false,
    label: { en: 'Waiting for stock', zh: '等待采购' },
  },
  stock_arrived: {
    from: ['pending_purchase'],
    to: 'pending_shipment',
    by: 'system',
    reason: false,
    label: { en: 'Stock arrived', zh: '到货' },
  },
  stock_lost: {
    from: ['pending_shipment'],
    to: 'pending_purchase',
    by: 'system',
    reason: false,
    label: { en: 'Stock lost in a count', zh: '盘点缺货' },
  },
  ship: {
    from: ['pending_shipment'],
    to: 'shipped',
    by: 'system',
    reason: false,
    label: { en: 'Shipped', zh: '已发货' },
  },
  // Every parcel of the order was delivered, by the carrier's tracking (docs/tracking.md).
  tracking_delivered: {
    from: ['shipped'],
    to: 'delivered',
    by: 'system',
    reason: false,
    label: { en: 'Delivered (tracking)', zh: '已签收（物流轨迹）' },
  },
  // Tracking delivers; customer service may too, with a note saying how they know.
  deliver: {
    from: ['shipped'],
    to: 'delivered',
    by: ['cs'],
    reason: true,
    label: { en: 'Mark delivered', zh: '标记签收' },
  },
} as const satisfies Record<
  string,
  {
    from: readonly OrderStatus[];
    to: OrderStatus | null;
    by: readonly Role[] | 'system';
    reason: boolean;
    label: Record<Lang, string>;
  }
>;

export type OrderAction = keyof typeof ORDER_ACTIONS;
export const PERSON_ACTIONS = (Object.keys(ORDER_ACTIONS) as OrderAction[]).filter(
  (a) => ORDER_ACTIONS[a].by !== 'system',
);

export const CALL_RESULTS = ['reached', 'no_answer', 'wrong_number', 'refused'] as const;
export type CallResult = (typeof CALL_RESULTS)[number];

export type OrderActor = { kind: 'person'; email: string; roles: readonly Role[] } | { kind: 'system'; why: string };

export type OrderState = { orderNo: string; status: OrderStatus; callAttempts: number };

export type MoveRequest = {
  action: OrderAction;
  actor: OrderActor;
  at: string;
  reason?: string;
  call?: { result: CallResult; note?: string };
};

export type OrderEvent = {
  orderNo: string;
  action: OrderAction;
  actor: string;
  at: string;
  before: { status: OrderStatus; callAttempts: number };
  after: { status: OrderStatus; callAttempts: number };
  reason: string | null;
  call: { result: CallResult; note: string | null } | null;
};

/** Checks one move against the order's status, the actor's roles and the move's guard; null when allowed. */
export function validateMove(order: OrderState, request: MoveRequest, lang: Lang): DomainError | null {
  const rule = ORDER_ACTIONS[request.action];
  const actionLabel = rule.label[lang];
  const status = statusLabel(order.status, lang);
  if (!(rule.from as readonly OrderStatus[]).includes(order.status)) {
    if (request.action === 'log_call')
      return new DomainError(
        'status_not_allowed',
        orderMessage(lang, 'not_contacting', { order: order.orderNo, status }),
      );
    const systemMove = systemMoveFrom(order.status, request.action);
    if (systemMove && request.actor.kind === 'person') {
      return new DomainError(
        'system_only',
        orderMessage(lang, 'system_only', {
          order: order.orderNo,
          status,
          to: statusLabel(systemMove.to, lang),
          why: systemMove.label[lang],
        }),
      );
    }
    return new DomainError(
      'status_not_allowed',
      orderMessage(lang, 'status_not_allowed', { order: order.orderNo, status, action: actionLabel }),
    );
  }
  if (request.actor.kind === 'person') {
    if (rule.by === 'system') {
      return new DomainError(
        'system_only',
        orderMessage(lang, 'system_only', {
          order: order.orderNo,
          status,
          to: statusLabel(rule.to, lang),
          why: rule.label[lang],
        }),
      );
    }
    if (!hasAnyRole(request.actor.roles, ['admin', ...rule.by])) {
      return new DomainError(
        'role_not_allowed',
        orderMessage(lang, 'role_not_allowed', {
          action: actionLabel,
          needed: ['admin', ...rule.by].join(', '),
          held: request.actor.roles.join(', ') || '-',
        }),
      );
    }
    if (rule.reason && !request.reason?.trim())
      return new DomainError('reason_required', orderMessage(lang, 'reason_required', { action: actionLabel }));
  }
  if (request.action === 'log_call' && !request.call) {
    return new DomainError(
      'call_result_required',
      orderMessage(lang, 'call_result_required', { results: CALL_RESULTS.join(', ') }),
    );
  }
  return null;
}

/** Applies a validated move: the new state and the one event to log. */
export function applyMove(order: OrderState, request: MoveRequest): { order: OrderState; events: OrderEvent[] } {
  const rule = ORDER_ACTIONS[request.action];
  const next: OrderState = {
    ...order,
    status: rule.to ?? order.status,
    callAttempts: order.callAttempts + (request.action === 'log_call' ? 1 : 0),
  };
  const event: OrderEvent = {
    orderNo: order.orderNo,
    action: request.action,
    actor: request.actor.kind === 'person' ? request.actor.email : `system:${request.actor.why}`,
    at: request.at,
    before: { status: order.status, callAttempts: order.callAttempts },
    after: { status: next.status, callAttempts: next.callAttempts },
    reason: request.reason?.trim() || null,
    call: request.call ? { result: request.call.result, note: request.call.note?.trim() || null } : null,
  };
  return { order: next, events: [event] };
}

/** validate + apply, throwing the refusal: for callers that handle one order at a time. */
export function moveOrder(
  order: OrderState,
  request: MoveRequest,
  lang: Lang,
): { order: OrderState; events: OrderEvent[] } {
  const refusal = validateMove(order, request, lang);
  if (refusal) throw refusal;
  return applyMove(order, request);
}

/** The actions a person may take on every one of the selected orders (what the sidebar shows). */
export function allowedActions(statuses: readonly OrderStatus[], roles: readonly Role[]): OrderAction[] {
  if (!statuses.length) return [];
  return PERSON_ACTIONS.filter((action) => {
    const rule = ORDER_ACTIONS[action];
    return (
      rule.by !== 'system' &&
      hasAnyRole(roles, ['admin', ...rule.by]) &&
      statuses.every((s) => (rule.from as readonly OrderStatus[]).includes(s))
    );
  });
}

/** Which system move would take an order from `status` where a person tried `action`, if any (for the message). */
function systemMoveFrom(status: OrderStatus, attempted: OrderAction) {
  const target = ORDER_ACTIONS[attempted].to;
  const system = (Object.keys(ORDER_ACTIONS) as OrderAction[])
    .map((a) => ORDER_ACTIONS[a])
    .find(
      (rule) =>
        rule.by === 'system' &&
        (rule.from as readonly OrderStatus[]).includes(status) &&
        (target === null || rule.to === target),
    );
  return system && system.to ? { to: system.to, label: system.label } : null;
}

/** The person's move that takes an order from `from` to `to` (a status picked in the sheet's dropdown), if any. */
export function actionFor(from: OrderStatus, to: OrderStatus): OrderAction | null {
  return (
    PERSON_ACTIONS.find(
      (a) => ORDER_ACTIONS[a].to === to && (ORDER_ACTIONS[a].from as readonly OrderStatus[]).includes(from),
    ) ?? null
  );
}
