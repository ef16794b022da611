import type { ShipmentsResponse } from '../domain/contracts/logistics';
import { loadConnection } from './connection-store';
import { callServer, ServerCallError } from './server-api';
import type { ActionOutcome, ResultView } from './shipment-actions';
import { shipmentRows } from './shipment-selection';
import { sheetLang } from './sheet-language';
import { syncUnderLock } from './sync-run';
import { text } from './ui-text';

/**
 * Changing a draft parcel by hand (docs/logistics.md): split quantities off into a new parcel, or take a
 * merged parcel's orders apart. The parcel is the one selected in the Shipments sheet (or typed).
 * Split lines read "ORDER LINE QTY" (the order line as in the Orders sheet: "SO-1001/2 1" also works).
 */
export type ParcelEditInput = { idempotencyKey: string; kind: 'split' | 'unmerge'; shipmentNo?: string; text?: string };

export function parseSplitLines(typed: string): {
  lines: { orderNo: string; lineNo: number; qty: number }[];
  bad: number[];
} {
  const lines: { orderNo: string; lineNo: number; qty: number }[] = [];
  const bad: number[] = [];
  typed.split(/\r?\n/).forEach((raw, i) => {
    const parts = raw.split(/[\s,;，；/]+/).filter(Boolean);
    if (!parts.length) return;
    const [orderNo, line, qty] = parts;
    if (parts.length === 3 && /^\d+$/.test(line!) && /^\d+$/.test(qty!) && Number(line) > 0 && Number(qty) > 0)
      lines.push({ orderNo: orderNo!, lineNo: Number(line), qty: Number(qty) });
    else bad.push(i + 1);
  });
  return { lines, bad };
}

export function editParcel(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  input: ParcelEditInput,
): ActionOutcome {
  const lang = sheetLang(spreadsheet);
  const refused = (message: string, retry = false): ActionOutcome => ({ ok: false, retry, message, results: [] });
  const state = loadConnection(spreadsheet.getId());
  if (state.kind !== 'connected') return refused(text(lang, 'not_connected'));
  const selected = shipmentRows(spreadsheet, 'selected').map((s) => s.shipmentNo);
  const shipmentNo = input.shipmentNo?.trim() || (selected.length === 1 ? selected[0]! : '');
  if (!shipmentNo) return refused(text(lang, 'ship_edit_pick_one'));
  let body: Record<string, unknown> = { idempotencyKey: input.idempotencyKey, lang, shipmentNo };
  if (input.kind === 'split') {
    const { lines, bad } = parseSplitLines(input.text ?? '');
    if (bad.length) return refused(text(lang, 'ship_split_bad_lines', { lines: bad.join(', ') }));
    if (!lines.length) return refused(text(lang, 'ship_split_empty'));
    body = { ...body, lines };
  }
  let answer: ShipmentsResponse;
  try {
    answer = callServer<ShipmentsResponse>(state.connection, lang, 'post', `/v1/shipments/${input.kind}`, body);
  } catch (error) {
    if (!(error instanceof ServerCallError)) throw error;
    return { ...refused(error.message, error.status === 0 || error.status >= 500), sent: [shipmentNo] };
  }
  syncUnderLock(spreadsheet, state.connection, lang);
  const results: ResultView[] = answer.shipments.map((s) => ({
    shipmentNo: s.shipmentNo ?? '',
    outcome: 'done',
    outcomeLabel: text(lang, 'ship_done'),
    message: `${s.orderNos.join(', ')}: ${s.lines.map((l) => `${l.sku} ×${l.qty}`).join(', ')} · ${s.service ?? text(lang, 'ship_no_service')}`,
    trackingNo: '',
    labelUrl: null,
  }));
  return {
    ok: true,
    retry: false,
    message: text(lang, 'ship_edited', { count: results.length }),
    results,
    sent: [shipmentNo],
  };
}
