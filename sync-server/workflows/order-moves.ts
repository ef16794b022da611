import type { Lang } from '../../domain/i18n/lang';
import { isOrderStatus, statusLabel, type OrderStatus } from '../../domain/orders/order-status';
import {
  actionFor,
  applyMove,
  validateMove,
  type CallResult,
  type MoveRequest,
  type OrderAction,
  type OrderState,
} from '../../domain/orders/order-moves';
import { orderMessage } from '../../domain/orders/order-messages';
import type { Principal } from '../access/principal';
import { run, type Database, type Queryable } from '../db/database';
import {
  insertCalls,
  selectApprovalChecks,
  selectOrdersForUpdate,
  updateOrderStatuses,
  type OrderUpdate,
} from '../orders/order-sql';
import { flagsToOverride } from '../../domain/orders/approval-override';
import { reviewMessage, type ReviewMessageKey } from '../../domain/orders/review-messages';
import { allocateOrders, releaseOrders } from '../inventory/allocation-service';
import { runCommand } from './command-runner';
import { RESERVING_STATUSES } from '../../domain/inventory/order-stock-status';
import type { MoveBody, MoveResponse } from '../../domain/contracts/orders';

/** A named move (a sidebar button), or the status a person picked in the sheet's dropdown: the contract's body. */
export type MoveCommand = MoveBody;
export type MoveResult = MoveResponse['results'][number];
export type { MoveResponse };

/**
 * One person's move for many selected orders (the sidebar's button): each order is checked by the
 * domain rules and moved or refused on its own; all the moves commit together, once per idempotency key.
 */
export async function moveOrders(
  db: Database,
  principal: Principal,
  command: MoveCommand,
  now: () => Date,
): Promise<MoveResponse> {
  const orderNos = [...new Set(command.orderNos.map((n) => n.trim()))];
  return runCommand(db, principal, command.idempotencyKey, { ...command, orderNos }, now, async (inventory) => {
    const { client, at } = inventory;
    const found = new Map(
      (
        await run<{ order_no: string; status: string; call_attempts: number }>(
          client,
          selectOrdersForUpdate(principal.workspaceId, orderNos),
        )
      ).rows
        .filter((r) => isOrderStatus(r.status))
        .map((r) => [
          r.order_no,
          { orderNo: r.order_no, status: r.status, callAttempts: Number(r.call_attempts) } as OrderState,
        ]),
    );
    const overrides = await approvalChecks(client, principal.workspaceId, command, [...found.keys()]);
    const results: MoveResult[] = [];
    const updates: OrderUpdate[] = [];
    const calls: { order_no: string; result: string; note: string | null }[] = [];
    for (const orderNo of orderNos) {
      const order = found.get(orderNo);
      if (!order) {
        results.push({
          orderNo,
          outcome: 'refused',
          code: 'order_not_found',
          message: orderMessage(command.lang, 'order_not_found', { order: orderNo }),
        });
        continue;
      }
      const action = command.action ?? actionFor(order.status, command.toStatus!);
      if (!action) {
        const message = orderMessage(command.lang, 'no_move_to', {
          order: orderNo,
          status: statusLabel(order.status, command.lang),
          to: statusLabel(command.toStatus!, command.lang),
        });
        results.push({
          orderNo,
          outcome: 'refused',
          code: order.status === command.toStatus ? 'unchanged' : 'status_not_allowed',
          message,
        });
        continue;
      }
      const request: MoveRequest = {
        action,
        actor: { kind: 'person', email: principal.actor, roles: principal.roles },
        at: at.toISOString(),
        reason: command.reason,
        call: command.call,
      };
      const refusal = validateMove(order, request, command.lang);
      if (refusal) {
        results.push({ orderNo, outcome: 'refused', code: refusal.code, message: refusal.message });
        continue;
      }
      // A flagged order is approved only on purpose: with an override and its reason (docs/orders.md).
      const overridden = action === 'approve' ? (overrides.get(orderNo) ?? []) : [];
      if (overridden.length && !command.override) {
        const flags = overridden.map((f) => reviewMessage(command.lang, f.code as ReviewMessageKey, f.params));
        const message = orderMessage(command.lang, 'needs_override', { order: orderNo, flags: flags.join('; ') });
        results.push({ orderNo, outcome: 'refused', code: 'needs_override', message });
        continue;
      }
      const moved = applyMove(order, request);
      inventory.changeNo += 1;
      updates.push({
        order_no: orderNo,
        status: moved.order.status,
        call_attempts: moved.order.callAttempts,
        approved: action === 'approve',
        change_no: inventory.changeNo,
      });
      for (const event of moved.events) {
        inventory.events.push({
          actor: event.actor,
          entity: 'orders',
          entityKey: orderNo,
          action: event.action,
          before: event.before,
          after: {
            ...event.after,
            reason: event.reason,
            call: event.call,
            ...(overridden.length ? { overridden: overridden.map((f) => f.code) } : {}),
          },
          correlationId: `order:${orderNo}`,
        });
      }
      if (moved.events[0]?.call)
        calls.push({ order_no: orderNo, result: moved.events[0].call.result, note: moved.events[0].call.note });
      results.push({
        orderNo,
        outcome: 'moved',
        from: order.status,
        to: moved.order.status,
        callAttempts: moved.order.callAttempts,
        ...(overridden.length ? { overridden: overridden.map((f) => f.code) } : {}),
      });
    }
    if (updates.length) {
      await run(client, updateOrderStatuses(principal.workspaceId, updates, at, principal.actor));
      if (calls.length) await run(client, insertCalls(principal.workspaceId, calls, at, principal.actor));
      // Stock follows the moves in the same transaction: cancelled orders give theirs back (to the orders
      // waiting longest), approved ones reserve what they can (docs/inventory.md).
      const left = updates.filter((u) => !RESERVING_STATUSES.includes(u.status as OrderStatus)).map((u) => u.order_no);
      await releaseOrders(inventory, left, command.reason ?? '');
      await allocateOrders(
        inventory,
        updates.filter((u) => u.status === 'approved').map((u) => u.order_no),
      );
      // Every shortage of the request, per order, in the one answer.
      for (const result of results) {
        if (result.outcome !== 'moved') continue;
        result.to = inventory.statuses.get(result.orderNo) ?? result.to;
        const waiting = inventory.waiting.get(result.orderNo);
        if (waiting?.length) result.waiting = waiting;
      }
    }
    const response: MoveResponse = { moved: updates.length, refused: results.length - updates.length, results };
    return response;
  });
}

type FlagToOverride = { code: string; params: Record<string, string> };

/** Per order an approval would move: the review flags it needs overridden (none for other moves). */
async function approvalChecks(
  client: Queryable,
  workspaceId: string,
  command: MoveCommand,
  orderNos: string[],
): Promise<Map<string, FlagToOverride[]>> {
  const approving = command.action === 'approve' || (command.action === undefined && command.toStatus === 'approved');
  if (!approving || !orderNos.length) return new Map();
  // A call that reached the customer, recorded with this very approval, counts as one made before.
  const reachedNow = command.call?.result === 'reached';
  const rows = (
    await run<{ order_no: string; review_flags: FlagToOverride[] | null; reached: boolean }>(
      client,
      selectApprovalChecks(workspaceId, orderNos),
    )
  ).rows;
  return new Map(
    rows.map((r) => {
      const flags = r.review_flags ?? [];
      const codes = flagsToOverride(flags, r.reached || reachedNow);
      return [r.order_no, codes.map((code) => flags.find((f) => f.code === code)!)];
    }),
  );
}
