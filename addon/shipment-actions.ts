import type {
  OutcomesResponse,
  PlanResponse,
  ShipmentOutcome,
  ShipmentsResponse,
  ShipmentView,
} from '../domain/contracts/logistics';
import type { Lang } from '../domain/i18n/lang';
import { loadConnection, type Connection } from './connection-store';
import { callServer, ServerCallError } from './server-api';
import { sheetLang } from './sheet-language';
import { draftShipmentNos, pastedTrackingNos, selectedOrderNos, shipmentRows } from './shipment-selection';
import { syncUnderLock } from './sync-run';
import { text, textsFor, type TextKey } from './ui-text';

/**
 * The shipment sidebar (logistics): plan parcels for orders (a preview, then Confirm), book labels, mark
 * parcels shipped. Each press carries its idempotency key; an answer lost on the way tells the sidebar to
 * press again with the same key and the same numbers (`retry`, `sent`), so the server applies it once.
 */
export type ShipmentSidebarState = {
  lang: Lang;
  texts: Record<string, string>;
  /** Orders selected in the Orders sheet; none: planning takes every order pending shipment. */
  orderNos: string[];
  /** Shipments selected in the Shipments sheet, with their label link when they have one. */
  selected: { shipmentNo: string; label: string; trackingNo: string; labelUrl: string | null }[];
  /** Draft shipments in the Shipments sheet: what "Book labels" books when nothing is selected. */
  drafts: number;
  problem: string | null;
};

export type ResultView = {
  shipmentNo: string;
  outcome: ShipmentOutcome['outcome'];
  outcomeLabel: string;
  message: string;
  trackingNo: string;
  labelUrl: string | null;
  /** The pasted line the result answers (tracking numbers typed in the sidebar). */
  line?: number;
};
export type ActionOutcome = {
  ok: boolean;
  /** No answer came (unreachable, server error): press again, with the same key and `sent`. */
  retry: boolean;
  message: string;
  results: ResultView[];
  /** The shipment numbers this press sent (read from the selection). */
  sent?: string[];
};
export type ParcelView = {
  shipmentNo: string | null;
  warehouse: string;
  country: string;
  orders: string;
  lines: string;
  service: string;
  chargeable: string;
  freight: string;
  why: string;
  blocked: boolean;
};
export type PlanOutcome = ActionOutcome & {
  dryRun: boolean;
  parcels: ParcelView[];
  skipped: { orderNo: string; message: string }[];
  /** The orders in the planned parcels: what Confirm plans after a preview. */
  orderNos: string[];
};

export type PlanInput = { idempotencyKey: string; dryRun: boolean; orderNos?: string[] };
export type BookInput = { idempotencyKey: string; shipmentNos?: string[] };
export type ShipInput = { idempotencyKey: string; trackingText?: string; shipmentNos?: string[] };

const SIDEBAR_TEXTS: TextKey[] = [
  'ship_title',
  'ship_refresh',
  'ship_plan_title',
  'ship_plan_selected',
  'ship_plan_all',
  'ship_preview',
  'ship_confirm',
  'ship_warehouse',
  'ship_orders',
  'ship_lines',
  'ship_service',
  'ship_chargeable',
  'ship_freight',
  'ship_why',
  'ship_skipped',
  'ship_selected',
  'ship_book_title',
  'ship_book_selected',
  'ship_book_drafts',
  'ship_tracking_title',
  'ship_tracking_help',
  'ship_tracking_save',
  'ship_edit_title',
  'ship_edit_help',
  'ship_edit_number',
  'ship_split',
  'ship_unmerge',
  'ship_ship_title',
  'ship_ship_selected',
  'ship_ship_none',
  'ship_ship_paste',
  'ship_label',
];

export function shipmentSidebarState(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): ShipmentSidebarState {
  const lang = sheetLang(spreadsheet);
  const state = loadConnection(spreadsheet.getId());
  const selected = shipmentRows(spreadsheet, 'selected');
  // Label links expire: asked for now, only when a selected parcel has one (none when the server is away).
  const links = new Map<string, string>();
  if (state.kind === 'connected' && selected.some((s) => s.status === 'label_ready')) {
    try {
      const path = `/v1/shipments?status=label_ready&lang=${lang}`;
      for (const s of callServer<ShipmentsResponse>(state.connection, lang, 'get', path).shipments)
        if (s.shipmentNo && s.labelUrl) links.set(s.shipmentNo, s.labelUrl);
    } catch (error) {
      if (!(error instanceof ServerCallError)) throw error;
    }
  }
  return {
    lang,
    texts: textsFor(lang, SIDEBAR_TEXTS),
    orderNos: selectedOrderNos(spreadsheet),
    selected: selected.map((s) => ({
      shipmentNo: s.shipmentNo,
      label: s.label,
      trackingNo: s.trackingNo,
      labelUrl: links.get(s.shipmentNo) ?? null,
    })),
    drafts: draftShipmentNos(spreadsheet).length,
    problem: state.kind === 'connected' ? null : text(lang, 'not_connected'),
  };
}

/** A command of the sidebar: connected, answered, and the sheets synced when something changed. */
function command<T extends ActionOutcome>(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  work: (connection: Connection, lang: Lang) => T,
): T | ActionOutcome {
  const lang = sheetLang(spreadsheet);
  const state = loadConnection(spreadsheet.getId());
  if (state.kind !== 'connected') return refusal(text(lang, 'not_connected'));
  try {
    return work(state.connection, lang);
  } catch (error) {
    if (!(error instanceof ServerCallError)) throw error;
    return { ...refusal(error.message), retry: error.status === 0 || error.status >= 500 };
  }
}

const refusal = (message: string): ActionOutcome => ({ ok: false, retry: false, message, results: [] });

/** Preview (dry run) or Confirm: parcels for the given orders, the selected ones, or every order pending shipment. */
export function planShipments(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  input: PlanInput,
): PlanOutcome | ActionOutcome {
  return command(spreadsheet, (connection, lang) => {
    // Confirm names the previewed orders; an empty list there is nothing (never "every order").
    if (input.orderNos && !input.orderNos.length) return refusal(text(lang, 'ship_nothing_planned'));
    const orderNos = input.orderNos ?? selectedOrderNos(spreadsheet);
    const answer = callServer<PlanResponse>(connection, lang, 'post', '/v1/shipments/plan', {
      idempotencyKey: input.idempotencyKey,
      lang,
      dryRun: input.dryRun,
      ...(orderNos.length ? { orderNos } : {}),
    });
    const parcels = answer.shipments.map((s) => parcelView(s, lang));
    const numbers = answer.shipments.map((s) => s.shipmentNo).filter((n): n is string => Boolean(n));
    if (!answer.dryRun && numbers.length) syncUnderLock(spreadsheet, connection, lang);
    let message: string;
    if (answer.dryRun)
      message = text(lang, 'ship_preview_count', { parcels: parcels.length, skipped: answer.skipped.length });
    else if (numbers.length)
      message = text(lang, 'ship_planned', { count: numbers.length, numbers: numbers.join(', ') });
    else message = text(lang, 'ship_nothing_planned');
    return {
      ok: answer.shipments.length > 0,
      retry: false,
      message,
      results: [],
      dryRun: answer.dryRun,
      parcels,
      skipped: answer.skipped.map((s) => ({ orderNo: s.orderNo, message: s.message })),
      orderNos: [...new Set(answer.shipments.flatMap((s) => s.orderNos))],
    };
  });
}

function parcelView(s: ShipmentView, lang: Lang): ParcelView {
  const several = s.orderNos.length > 1;
  return {
    shipmentNo: s.shipmentNo,
    warehouse: s.warehouse,
    country: s.country,
    orders: s.orderNos.join(', '),
    lines: s.lines.map((l) => `${several ? `${l.orderNo}: ` : ''}${l.sku} ×${l.qty}`).join(', '),
    service: s.service ?? text(lang, 'ship_no_service'),
    chargeable: s.chargeableG === null ? '' : `${s.chargeableG} g`,
    freight: s.freight ? `${s.freight.amount} ${s.freight.currency}` : '',
    why: s.why,
    blocked: s.blocked,
  };
}

/** Book labels for the selected Shipments rows, or every draft in the sheet when none is selected. */
export function bookLabels(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, input: BookInput): ActionOutcome {
  return command(spreadsheet, (connection, lang) => {
    const selected = shipmentRows(spreadsheet, 'selected').map((s) => s.shipmentNo);
    const shipmentNos = input.shipmentNos ?? (selected.length ? selected : draftShipmentNos(spreadsheet));
    if (!shipmentNos.length) return refusal(text(lang, 'ship_nothing_to_book'));
    return outcomes(spreadsheet, connection, lang, shipmentNos, '/v1/shipments/book', {
      idempotencyKey: input.idempotencyKey,
      lang,
      shipmentNos,
    }).outcome;
  });
}

/** Mark shipped: the tracking numbers pasted in the sidebar, else the selected Shipments rows. */
export function markShipped(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, input: ShipInput): ActionOutcome {
  return command(spreadsheet, (connection, lang) => {
    const trackingNos = pastedTrackingNos(input.trackingText ?? '');
    const shipmentNos = trackingNos.length
      ? []
      : (input.shipmentNos ?? shipmentRows(spreadsheet, 'selected').map((s) => s.shipmentNo));
    if (!trackingNos.length && !shipmentNos.length) return refusal(text(lang, 'ship_nothing_to_ship'));
    const { outcome, answer } = outcomes(spreadsheet, connection, lang, shipmentNos, '/v1/shipments/ship', {
      idempotencyKey: input.idempotencyKey,
      lang,
      ...(trackingNos.length ? { trackingNos } : { shipmentNos }),
    });
    const shipped = answer?.ordersShipped ?? [];
    if (shipped.length) outcome.message += `\n${text(lang, 'ship_orders_shipped', { orders: shipped.join(', ') })}`;
    return outcome;
  });
}

/** One command answered shipment by shipment; the sheets are synced when one was done. */
export function outcomes(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  connection: Connection,
  lang: Lang,
  sent: string[],
  path: string,
  body: Record<string, unknown>,
): { outcome: ActionOutcome; answer: OutcomesResponse | null } {
  let answer: OutcomesResponse;
  try {
    answer = callServer<OutcomesResponse>(connection, lang, 'post', path, body);
  } catch (error) {
    if (!(error instanceof ServerCallError)) throw error;
    const retry = error.status === 0 || error.status >= 500;
    return { outcome: { ...refusal(error.message), retry, sent }, answer: null };
  }
  if (answer.done) syncUnderLock(spreadsheet, connection, lang);
  const outcome: ActionOutcome = {
    ok: answer.done > 0 && answer.refused === 0 && answer.failed === 0,
    retry: false,
    message: text(lang, 'ship_summary', { done: answer.done, refused: answer.refused, failed: answer.failed }),
    results: answer.results.map((r) => resultView(r, lang)),
    sent,
  };
  return { outcome, answer };
}

export function resultView(r: ShipmentOutcome, lang: Lang): ResultView {
  const label: Record<ShipmentOutcome['outcome'], TextKey> = {
    done: 'ship_done',
    refused: 'ship_refused',
    failed: 'ship_failed',
  };
  return {
    shipmentNo: r.shipmentNo,
    outcome: r.outcome,
    outcomeLabel: text(lang, label[r.outcome]),
    message: r.message ?? '',
    trackingNo: r.shipment?.trackingNo ?? '',
    labelUrl: r.shipment?.labelUrl ?? null,
  };
}
