import type { Role } from '../domain/access/roles';
import type { Lang } from '../domain/i18n/lang';
import { ORDER_ROWS_TABLE } from '../domain/orders/order-rows';
import {
  allowedActions,
  CALL_RESULTS,
  ORDER_ACTIONS,
  type CallResult,
  type OrderAction,
} from '../domain/orders/order-moves';
import { statusFromLabel, statusLabel, type OrderStatus } from '../domain/orders/order-status';
import { loadConnection, type Connection } from './connection-store';
import { keyOf } from './loaded-table';
import { selectedOrderJourney, type JourneyView } from './order-journey';
import { callServer } from './server-api';
import { findTableSheet, readLayout } from './sheet-layout';
import { sheetLang } from './sheet-language';
import { syncUnderLock } from './sync-run';
import { text, textsFor } from './ui-text';

export type SidebarState = {
  lang: Lang;
  texts: Record<string, string>;
  /** `waiting`: why the order waits (which SKUs, how many missing), as the Orders sheet shows it. */
  orders: { orderNo: string; status: OrderStatus; label: string; waiting: string }[];
  actions: { action: OrderAction; label: string; needsReason: boolean; isCall: boolean }[];
  callResults: { value: CallResult; label: string }[];
  /** The event log of the one selected order (newest first); empty when several are selected. */
  history: { at: string; actor: string; action: string; detail: string }[];
  /** The one selected order's journey (oldest first), or a hint when several are selected; null when none is. */
  journey: JourneyView | null;
  problem: string | null;
};

export type ActionInput = {
  idempotencyKey: string;
  action: OrderAction;
  reason?: string;
  /** Approve flagged orders anyway (the server names what was overridden); needs a reason. */
  override?: boolean;
  call?: { result: CallResult; note?: string };
};
export type ActionOutcome = { ok: boolean; message: string; refused: { orderNo: string; message: string }[] };

/** The selected orders (rows selected in the Orders sheet, any number of ranges) and their statuses. */
export function selectedOrders(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
): { orderNo: string; status: OrderStatus; waiting: string }[] {
  const sheet = findTableSheet(spreadsheet, ORDER_ROWS_TABLE);
  const active = spreadsheet.getActiveSheet();
  if (!sheet || active.getSheetId() !== sheet.getSheetId() || sheet.getLastColumn() < 1) return [];
  const layout = readLayout(ORDER_ROWS_TABLE, sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? []);
  const orderColumn = layout.fields.get('order_no');
  const statusColumn = layout.fields.get('status');
  if (orderColumn === undefined || statusColumn === undefined) return [];
  const waitingColumn = layout.fields.get('waiting_for');
  const columns = [orderColumn, statusColumn, ...(waitingColumn === undefined ? [] : [waitingColumn])];
  const found = new Map<string, { status: OrderStatus; waiting: string }>();
  const ranges = spreadsheet.getActiveRangeList()?.getRanges() ?? [];
  for (const range of ranges) {
    const first = Math.max(range.getRow(), 2);
    const last = Math.min(range.getLastRow(), sheet.getLastRow());
    if (last < first) continue;
    // One read per selected block: the columns from order number to status (and why it waits).
    const left = Math.min(...columns);
    const values = sheet.getRange(first, left + 1, last - first + 1, Math.max(...columns) - left + 1).getValues();
    for (const row of values) {
      const orderNo = keyOf(row[orderColumn - left]);
      const status = statusFromLabel(String(row[statusColumn - left] ?? ''));
      const waiting = waitingColumn === undefined ? '' : String(row[waitingColumn - left] ?? '');
      if (orderNo && status && !found.has(orderNo)) found.set(orderNo, { status, waiting });
    }
  }
  return [...found].map(([orderNo, o]) => ({ orderNo, ...o }));
}

export function orderSidebarState(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): SidebarState {
  const lang = sheetLang(spreadsheet);
  const state = loadConnection(spreadsheet.getId());
  const orders = selectedOrders(spreadsheet);
  const roles = (state.kind === 'connected' ? (state.connection.roles ?? []) : []) as Role[];
  const actions = allowedActions(
    orders.map((o) => o.status),
    roles,
  ).map((action) => ({
    action,
    label: ORDER_ACTIONS[action].label[lang],
    needsReason: ORDER_ACTIONS[action].reason,
    isCall: action === 'log_call',
  }));
  return {
    lang,
    texts: textsFor(lang, [
      'sidebar_title',
      'sidebar_selected',
      'sidebar_none',
      'sidebar_refresh',
      'sidebar_reason',
      'sidebar_reason_needed',
      'sidebar_override',
      'sidebar_override_reason',
      'sidebar_call_result',
      'sidebar_call_note',
      'sidebar_no_actions',
      'sidebar_history',
      'journey_title',
      'journey_carrier',
    ]),
    orders: orders.map((o) => ({ ...o, label: statusLabel(o.status, lang) })),
    actions,
    callResults: CALL_RESULTS.map((value) => ({ value, label: text(lang, `call_${value}`) })),
    history:
      state.kind === 'connected' && orders.length === 1 ? orderHistory(state.connection, lang, orders[0]!.orderNo) : [],
    journey:
      state.kind === 'connected'
        ? selectedOrderJourney(
            spreadsheet,
            state.connection,
            lang,
            orders.map((o) => o.orderNo),
          )
        : null,
    problem: state.kind === 'connected' ? null : text(lang, 'not_connected'),
  };
}

type EventAnswer = {
  events: {
    occurredAt: string;
    actor: string;
    action: string;
    after: { reason?: string | null; call?: { result: string; note: string | null } | null; review?: string } | null;
  }[];
};

/** Who did what to one order, and why: the order's event log, newest first. */
function orderHistory(connection: Connection, lang: Lang, orderNo: string): SidebarState['history'] {
  const answer = callServer<EventAnswer>(
    connection,
    lang,
    'get',
    `/v1/events?entity=orders&key=${encodeURIComponent(orderNo)}&limit=20`,
  );
  return answer.events.map((e) => ({
    at: e.occurredAt.replace('T', ' ').slice(0, 16),
    actor: e.actor,
    action: e.action in ORDER_ACTIONS ? ORDER_ACTIONS[e.action as OrderAction].label[lang] : e.action,
    detail: [
      e.after?.reason,
      e.after?.call
        ? `${text(lang, `call_${e.after.call.result}` as 'call_reached')}${e.after.call.note ? `: ${e.after.call.note}` : ''}`
        : null,
      e.after?.review,
    ]
      .filter(Boolean)
      .join(' · '),
  }));
}

/**
 * A sidebar button: one command for all the selected orders (500 in one run), then a sync so the sheet
 * shows the result. The idempotency key comes from the button press: a retried call applies once.
 */
export function applyOrderAction(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  input: ActionInput,
): ActionOutcome {
  const lang = sheetLang(spreadsheet);
  const state = loadConnection(spreadsheet.getId());
  if (state.kind !== 'connected') return { ok: false, message: text(lang, 'not_connected'), refused: [] };
  const orderNos = selectedOrders(spreadsheet).map((o) => o.orderNo);
  if (!orderNos.length) return { ok: false, message: text(lang, 'sidebar_none'), refused: [] };
  const answer = move(state.connection, lang, { ...input, orderNos });
  syncUnderLock(spreadsheet, state.connection, lang);
  const refused = answer.results.filter(
    (r): r is { orderNo: string; outcome: 'refused'; message: string } => r.outcome === 'refused',
  );
  return {
    ok: refused.length === 0,
    message: text(lang, 'sidebar_done', { moved: answer.moved, refused: refused.length }),
    refused: refused.map((r) => ({ orderNo: r.orderNo, message: r.message })),
  };
}

type MoveAnswer = {
  moved: number;
  results: ({ orderNo: string; outcome: 'moved' } | { orderNo: string; outcome: 'refused'; message: string })[];
};

function move(connection: Connection, lang: Lang, body: ActionInput & { orderNos: string[] }): MoveAnswer {
  return callServer<MoveAnswer>(connection, lang, 'post', '/v1/orders/moves', { ...body, lang });
}
