import fc from 'fast-check';
import { ROLES, type Role } from '../../domain/access/roles';
import {
  allowedActions,
  applyMove,
  CALL_RESULTS,
  moveOrder,
  ORDER_ACTIONS,
  validateMove,
  type MoveRequest,
  type OrderAction,
  type OrderActor,
  type OrderState,
} from '../../domain/orders/order-moves';
import { ORDER_STATUSES, statusFromLabel, statusLabel, type OrderStatus } from '../../domain/orders/order-status';

const AT = '2026-11-26T10:00:00.000Z';
const cs: OrderActor = { kind: 'person', email: 'cs@shop.test', roles: ['cs'] };
const boss: OrderActor = { kind: 'person', email: 'boss@shop.test', roles: ['boss'] };
const system: OrderActor = { kind: 'system', why: 'allocation' };
const order = (status: OrderStatus): OrderState => ({ orderNo: 'SO-1001', status, callAttempts: 0 });
const request = (action: OrderAction, actor: OrderActor = cs, extra: Partial<MoveRequest> = {}): MoveRequest => ({
  action,
  actor,
  at: AT,
  ...extra,
});

/** The status table of DESIGN 3.1: every status a move may lead to from each status. */
const DESIGN_MOVES: Record<OrderStatus, OrderStatus[]> = {
  pending_review: ['approved', 'pending_contact', 'invalid', 'cancelled'],
  pending_contact: ['approved', 'invalid', 'cancelled'],
  approved: ['pending_shipment', 'pending_purchase', 'cancelled'],
  invalid: ['pending_review'],
  pending_purchase: ['pending_shipment', 'cancelled'],
  pending_shipment: ['shipped', 'pending_purchase', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

describe('order moves', () => {
  test('the moves are exactly the status table of the design (plus cancelling an approved order while stock does not exist)', () => {
    for (const from of ORDER_STATUSES) {
      const reachable = new Set(
        (Object.keys(ORDER_ACTIONS) as OrderAction[])
          .filter((a) => (ORDER_ACTIONS[a].from as readonly OrderStatus[]).includes(from))
          .map((a) => ORDER_ACTIONS[a].to ?? from)
          .filter((to) => to !== from),
      );
      expect([...reachable].sort()).toEqual([...DESIGN_MOVES[from]].sort());
    }
  });

  test('customer service approves, and the event says who, when, before and after', () => {
    const moved = moveOrder(order('pending_review'), request('approve'), 'en');
    expect(moved.order.status).toBe('approved');
    expect(moved.events).toEqual([
      {
        orderNo: 'SO-1001',
        action: 'approve',
        actor: 'cs@shop.test',
        at: AT,
        before: { status: 'pending_review', callAttempts: 0 },
        after: { status: 'approved', callAttempts: 0 },
        reason: null,
        call: null,
      },
    ]);
  });

  test('refusals say what to do, in the sheet language', () => {
    expect(validateMove(order('shipped'), request('deliver'), 'en')?.code).toBe('reason_required');
    const systemOnly = validateMove(order('approved'), request('reserve_full'), 'en')!;
    expect(systemOnly.code).toBe('system_only');
    expect(systemOnly.message).toBe(
      'SO-1001 is Approved; only the system moves it to Pending shipment (Fully reserved)',
    );
    const shippedToDelivered = validateMove(order('pending_shipment'), request('ship'), 'zh')!;
    expect(shippedToDelivered.message).toContain('只有系统');
    expect(validateMove(order('pending_review'), request('approve', boss), 'en')).toMatchObject({
      code: 'role_not_allowed',
      message: expect.stringContaining('admin, cs'),
    });
    expect(validateMove(order('delivered'), request('cancel', cs, { reason: 'x' }), 'en')).toMatchObject({
      code: 'status_not_allowed',
      message: 'SO-1001 is Delivered; "Cancel" is not possible from there',
    });
    expect(validateMove(order('pending_review'), request('invalidate', cs, { reason: '  ' }), 'zh')).toMatchObject({
      code: 'reason_required',
      message: '“标记无效”需要填写原因',
    });
    expect(validateMove(order('pending_contact'), request('log_call'), 'en')?.code).toBe('call_result_required');
    expect(
      validateMove(order('approved'), request('log_call', cs, { call: { result: 'reached' } }), 'en')?.message,
    ).toContain('calls are logged on orders pending contact');
  });

  test('a call attempt is counted and logged without changing the status', () => {
    const moved = moveOrder(
      order('pending_contact'),
      request('log_call', cs, { call: { result: 'no_answer', note: ' voicemail ' } }),
      'en',
    );
    expect(moved.order).toEqual({ orderNo: 'SO-1001', status: 'pending_contact', callAttempts: 1 });
    expect(moved.events[0]!.call).toEqual({ result: 'no_answer', note: 'voicemail' });
  });

  test('the sidebar offers only the actions allowed for every selected order and the person', () => {
    expect(allowedActions(['pending_review', 'pending_contact'], ['cs'])).toEqual(['approve', 'invalidate', 'cancel']);
    expect(allowedActions(['pending_review'], ['cs'])).toEqual(['approve', 'needs_contact', 'invalidate', 'cancel']);
    expect(allowedActions(['pending_review'], ['boss'])).toEqual([]);
    expect(allowedActions(['shipped', 'delivered'], ['admin'])).toEqual([]);
    expect(allowedActions([], ['cs'])).toEqual([]);
  });

  test('status labels read back in either language', () => {
    for (const status of ORDER_STATUSES) {
      expect(statusFromLabel(statusLabel(status, 'en'))).toBe(status);
      expect(statusFromLabel(statusLabel(status, 'zh'))).toBe(status);
      expect(statusFromLabel(` ${status} `)).toBe(status);
    }
    expect(statusFromLabel('Teleported')).toBeNull();
  });
});

describe('random sequences of moves (property)', () => {
  const actors: fc.Arbitrary<OrderActor> = fc.oneof(
    fc.constant(system),
    fc.subarray([...ROLES] as Role[]).map((roles) => ({ kind: 'person' as const, email: 'p@shop.test', roles })),
  );
  const moves = fc.array(
    fc.record({
      action: fc.constantFrom(...(Object.keys(ORDER_ACTIONS) as OrderAction[])),
      actor: actors,
      reason: fc.option(fc.constantFrom('', 'customer asked', '  '), { nil: undefined }),
      call: fc.option(fc.record({ result: fc.constantFrom(...CALL_RESULTS) }), { nil: undefined }),
    }),
    { maxLength: 40 },
  );

  test('no illegal state is reachable, refused moves change nothing, every applied move is logged once', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ORDER_STATUSES), moves, (start, sequence) => {
        let state = order(start);
        const log: unknown[] = [];
        for (const move of sequence) {
          const req = request(move.action, move.actor, { reason: move.reason, call: move.call });
          const refusal = validateMove(state, req, 'en');
          if (refusal) continue;
          const before = state;
          const { order: next, events } = applyMove(state, req);
          expect(events).toHaveLength(1);
          log.push(...events);
          const rule = ORDER_ACTIONS[move.action];
          // Only the table's moves happen, from their statuses, by their actors.
          expect(rule.from as readonly OrderStatus[]).toContain(before.status);
          expect(next.status).toBe(rule.to ?? before.status);
          if (rule.by === 'system') expect(move.actor.kind).toBe('system');
          if (move.actor.kind === 'person' && rule.reason) expect(move.reason?.trim()).toBeTruthy();
          expect(next.callAttempts).toBe(before.callAttempts + (move.action === 'log_call' ? 1 : 0));
          // Terminal statuses stay terminal.
          expect(['delivered', 'cancelled']).not.toContain(before.status);
          state = next;
        }
        expect(log.length).toBeLessThanOrEqual(sequence.length);
      }),
      { numRuns: 500 },
    );
  });
});
