import {
  AFTER_SALE_KIND_LABELS,
  AFTER_SALE_KINDS,
  AFTER_SALE_REASON_LABELS,
  AFTER_SALE_REASONS,
  AFTER_SALE_STATUS_LABELS,
  CASE_ORDER_STATUSES,
  renderKinds,
  type AfterSaleKind,
  type AfterSaleReason,
  type AfterSaleStatus,
} from '../domain/after-sale/after-sale-case';
import type { Lang } from '../domain/i18n/lang';
import { statusLabel } from '../domain/orders/order-status';
import {
  activeWarehouses,
  orderFromSheet,
  selectedCases,
  selectedOrderNos,
  type SelectedOrder,
} from './after-sale-selection';
import { loadConnection, type Connection } from './connection-store';
import { callServer, ServerCallError } from './server-api';
import { sheetLang } from './sheet-language';
import { syncUnderLock } from './sync-run';
import { text, textsFor, type TextKey } from './ui-text';

/** A case as the server answers it (domain/contracts/after-sale.ts AfterSaleCaseView). */
type CaseAnswer = {
  caseNo: string;
  orderNo: string;
  kinds: AfterSaleKind[];
  status: AfterSaleStatus;
  reason: AfterSaleReason;
  note: string | null;
  refund: { amount: string; currency: string } | null;
  replacementOrderNo: string | null;
  closeNote: string | null;
  lines: {
    lineNo: number;
    orderLineNo: number;
    sku: string;
    qty: number;
    restocked: number;
    writtenOff: number;
    expectedBack: number;
  }[];
};

/** A case for the sidebar: labels in the sheet's language, and what can still be done to it. */
export type CaseView = CaseAnswer & {
  summary: string;
  receivable: boolean;
  closable: boolean;
};

export type AfterSaleSidebarState = {
  lang: Lang;
  texts: Record<string, string>;
  problem: string | null;
  kinds: { value: AfterSaleKind; label: string }[];
  reasons: { value: AfterSaleReason; label: string }[];
  /** The one order selected in the Orders sheet, with its lines; `canOpen` when it has shipped. */
  order: (SelectedOrder & { statusLabel: string; canOpen: boolean }) | null;
  /** Why no order is offered (none or several selected, or not shipped yet). */
  orderHint: string | null;
  /** The order's cases (the order shows its cases), or the selected case's order's. */
  cases: CaseView[];
  /** The case selected in the After-sale sheet, to receive or close. */
  selectedCase: CaseView | null;
  warehouses: { code: string; name: string }[];
};

export type OpenCaseInput = {
  idempotencyKey: string;
  orderNo: string;
  kinds: AfterSaleKind[];
  reason: AfterSaleReason;
  note?: string;
  lines: { lineNo: number; qty: number }[];
  refund?: { amount: string; currency: string };
};
export type ReceiveInput = {
  idempotencyKey: string;
  caseNo: string;
  warehouse?: string;
  lines: { lineNo: number; restock: number; writeOff: number }[];
};
export type CloseInput = { idempotencyKey: string; caseNo: string; note?: string };
/** `fields`: the server's per-field refusals (`lines.0.qty`, `refund.amount`, `note`…), for the form. */
export type AfterSaleOutcome = { ok: boolean; message: string; fields: { field: string; message: string }[] };

const TEXT_KEYS: TextKey[] = [
  'as_title',
  'as_refresh',
  'as_order_title',
  'as_kinds',
  'as_reason',
  'as_note',
  'as_lines',
  'as_refund',
  'as_open',
  'as_cases_title',
  'as_no_cases',
  'as_case_title',
  'as_warehouse',
  'as_restock',
  'as_write_off',
  'as_receive',
  'as_close_note',
  'as_close',
  'as_pick_kind',
  'as_pick_line',
  'as_pick_receive',
  'as_expected',
];

export function afterSaleSidebarState(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): AfterSaleSidebarState {
  const lang = sheetLang(spreadsheet);
  const state = loadConnection(spreadsheet.getId());
  const base: AfterSaleSidebarState = {
    lang,
    texts: textsFor(lang, TEXT_KEYS),
    problem: state.kind === 'connected' ? null : text(lang, 'not_connected'),
    kinds: AFTER_SALE_KINDS.map((value) => ({ value, label: AFTER_SALE_KIND_LABELS[value][lang] })),
    reasons: AFTER_SALE_REASONS.map((value) => ({ value, label: AFTER_SALE_REASON_LABELS[value][lang] })),
    order: null,
    orderHint: null,
    cases: [],
    selectedCase: null,
    warehouses: activeWarehouses(spreadsheet),
  };
  const picked = selectedCases(spreadsheet);
  const orderNos = selectedOrderNos(spreadsheet);
  if (picked.length > 1) return { ...base, orderHint: text(lang, 'as_pick_one_case') };
  if (orderNos.length > 1) return { ...base, orderHint: text(lang, 'as_pick_one_order') };
  const orderNo = picked[0]?.orderNo ?? orderNos[0];
  if (!orderNo) return { ...base, orderHint: text(lang, 'as_select') };
  const order = orderFromSheet(spreadsheet, orderNo);
  const canOpen = !!order?.status && (CASE_ORDER_STATUSES as readonly string[]).includes(order.status);
  const withOrder: AfterSaleSidebarState = {
    ...base,
    order:
      order && !picked.length
        ? { ...order, statusLabel: order.status ? statusLabel(order.status, lang) : '', canOpen }
        : null,
    orderHint:
      order && !canOpen && !picked.length
        ? text(lang, 'as_not_shipped', {
            order: orderNo,
            status: order.status ? statusLabel(order.status, lang) : '?',
          })
        : null,
  };
  if (state.kind !== 'connected') return withOrder;
  let cases: CaseView[];
  try {
    cases = casesOf(state.connection, lang, orderNo);
  } catch (error) {
    if (!(error instanceof ServerCallError)) throw error;
    return { ...withOrder, problem: error.message };
  }
  return {
    ...withOrder,
    cases,
    selectedCase: picked.length ? (cases.find((c) => c.caseNo === picked[0]!.caseNo) ?? null) : null,
  };
}

function casesOf(connection: Connection, lang: Lang, orderNo: string): CaseView[] {
  const answer = callServer<{ cases: CaseAnswer[] }>(
    connection,
    lang,
    'get',
    `/v1/after-sale/cases?orderNo=${encodeURIComponent(orderNo)}`,
  );
  return answer.cases.map((c) => caseView(c, lang));
}

function caseView(c: CaseAnswer, lang: Lang): CaseView {
  const refund = c.refund ? ` · ${c.refund.amount} ${c.refund.currency}` : '';
  return {
    ...c,
    summary: `${renderKinds(c.kinds, lang)} · ${AFTER_SALE_STATUS_LABELS[c.status][lang]} · ${AFTER_SALE_REASON_LABELS[c.reason][lang]}${refund}`,
    receivable: c.kinds.includes('return') && c.status !== 'closed' && c.lines.some((l) => l.expectedBack > 0),
    closable: c.status !== 'closed',
  };
}

/** "Open case": one request for the order shown; then a sync so the After-sale sheet shows it. */
export function openAfterSaleCase(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  input: OpenCaseInput,
): AfterSaleOutcome {
  return command(spreadsheet, '/v1/after-sale/cases', input, (c, lang) =>
    [
      text(lang, 'as_opened', { case: c.caseNo, order: c.orderNo, kinds: renderKinds(c.kinds, lang) }),
      // An exchange's replacement order is new work for the warehouse: say which one.
      ...(c.replacementOrderNo ? [text(lang, 'as_replacement', { order: c.replacementOrderNo })] : []),
    ].join('\n'),
  );
}

/** "Receive": the return's units restocked into a warehouse or written off. */
export function receiveAfterSaleReturn(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  input: ReceiveInput,
): AfterSaleOutcome {
  return command(spreadsheet, '/v1/after-sale/receive', input, (c, lang) =>
    text(lang, 'as_received', {
      case: c.caseNo,
      restocked: c.lines.reduce((s, l) => s + l.restocked, 0),
      writtenOff: c.lines.reduce((s, l) => s + l.writtenOff, 0),
      expected: c.lines.reduce((s, l) => s + l.expectedBack, 0),
    }),
  );
}

/** "Close": the case ends (a return still expected back needs a note). */
export function closeAfterSaleCase(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  input: CloseInput,
): AfterSaleOutcome {
  return command(spreadsheet, '/v1/after-sale/close', input, (c, lang) => text(lang, 'as_closed', { case: c.caseNo }));
}

/**
 * One command with the press's idempotency key (a retried press applies once), answered in the sheet's
 * language; a refusal keeps its per-field reasons for the form. A change is followed by one sync.
 */
function command(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  path: string,
  input: object,
  done: (c: CaseAnswer, lang: Lang) => string,
): AfterSaleOutcome {
  const lang = sheetLang(spreadsheet);
  const state = loadConnection(spreadsheet.getId());
  if (state.kind !== 'connected') return { ok: false, message: text(lang, 'not_connected'), fields: [] };
  let answer: { case: CaseAnswer };
  try {
    answer = callServer<{ case: CaseAnswer }>(state.connection, lang, 'post', path, { ...input, lang });
  } catch (error) {
    if (!(error instanceof ServerCallError)) throw error;
    return { ok: false, message: error.message, fields: error.details };
  }
  syncUnderLock(spreadsheet, state.connection, lang);
  return { ok: true, message: done(answer.case, lang), fields: [] };
}
