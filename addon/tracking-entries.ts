import type { OutcomesResponse } from '../domain/contracts/logistics';
import { loadConnection } from './connection-store';
import { callServer, ServerCallError } from './server-api';
import { resultView, type ActionOutcome, type ResultView } from './shipment-actions';
import { sheetLang } from './sheet-language';
import { syncUnderLock } from './sync-run';
import { text } from './ui-text';

/**
 * Tracking numbers of manual carriers, typed in the sidebar ("SH000001 1Z999AA10123456784", one parcel a
 * line): the Shipments sheet's tracking column is the server's, so they are sent as a command and each
 * line is answered on its own.
 */
export type TrackingInput = { idempotencyKey: string; text: string };
export type TrackingLine = { line: number; shipmentNo: string; trackingNo: string };

/** Lines of "shipment tracking" (spaces, tabs, a comma or a semicolon between); blank lines are skipped. */
export function parseTrackingLines(typed: string): { entries: TrackingLine[]; bad: number[] } {
  const entries: TrackingLine[] = [];
  const bad: number[] = [];
  typed.split(/\r?\n/).forEach((raw, i) => {
    const parts = raw.split(/[\s,;，；]+/).filter(Boolean);
    if (!parts.length) return;
    if (parts.length === 2) entries.push({ line: i + 1, shipmentNo: parts[0]!, trackingNo: parts[1]! });
    else bad.push(i + 1);
  });
  return { entries, bad };
}

export function enterTrackingNumbers(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  input: TrackingInput,
): ActionOutcome {
  const lang = sheetLang(spreadsheet);
  const state = loadConnection(spreadsheet.getId());
  const refused = (message: string, retry = false): ActionOutcome => ({ ok: false, retry, message, results: [] });
  if (state.kind !== 'connected') return refused(text(lang, 'not_connected'));
  const { entries, bad } = parseTrackingLines(input.text);
  const badLines: ResultView[] = bad.map((line) => ({
    shipmentNo: '',
    outcome: 'refused',
    outcomeLabel: text(lang, 'ship_refused'),
    message: text(lang, 'ship_tracking_bad_line', { line }),
    trackingNo: '',
    labelUrl: null,
    line,
  }));
  // A line that cannot be read stops the whole form: fixed and sent again, it is one request.
  if (badLines.length) return { ...refused(text(lang, 'ship_tracking_empty')), results: badLines };
  if (!entries.length) return refused(text(lang, 'ship_tracking_empty'));
  let answer: OutcomesResponse;
  try {
    answer = callServer<OutcomesResponse>(state.connection, lang, 'post', '/v1/shipments/tracking-numbers', {
      idempotencyKey: input.idempotencyKey,
      lang,
      entries: entries.map((e) => ({ shipmentNo: e.shipmentNo, trackingNo: e.trackingNo })),
    });
  } catch (error) {
    if (!(error instanceof ServerCallError)) throw error;
    return refused(error.message, error.status === 0 || error.status >= 500);
  }
  if (answer.done) syncUnderLock(spreadsheet, state.connection, lang);
  // Each line takes the first answer given for its shipment (the server answers every entry).
  const unused = answer.results.map((r) => resultView(r, lang));
  const results = entries.map((e) => {
    const index = unused.findIndex((r) => r.shipmentNo === e.shipmentNo.trim());
    const found = index < 0 ? null : unused.splice(index, 1)[0]!;
    return {
      ...(found ?? {
        shipmentNo: e.shipmentNo,
        outcome: 'refused' as const,
        outcomeLabel: text(lang, 'ship_refused'),
        message: '',
        trackingNo: '',
        labelUrl: null,
      }),
      trackingNo: found?.trackingNo || e.trackingNo,
      line: e.line,
    };
  });
  return {
    ok: answer.refused === 0 && answer.failed === 0,
    retry: false,
    message: text(lang, 'ship_summary', { done: answer.done, refused: answer.refused, failed: answer.failed }),
    results,
  };
}
