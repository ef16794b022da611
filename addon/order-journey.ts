import type { Lang } from '../domain/i18n/lang';
import type { Connection } from './connection-store';
import { callServer, ServerCallError } from './server-api';
import { text } from './ui-text';

type StepKind = 'order' | 'purchase' | 'shipment' | 'carrier' | 'after_sale';

/** The order sidebar's "Order journey" section: one order's steps, oldest first, or one line instead. */
export type JourneyView = {
  /** One line shown instead of steps: the hint when several orders are selected, or the server's refusal. */
  note: string | null;
  /** `note` is a failure (shown as an error), not a hint. */
  failed: boolean;
  /** Which time zone the times are in ("Times in Asia/Shanghai"). */
  caption: string;
  /** `at`: local time in that zone, `yyyy-MM-dd HH:mm`. */
  steps: { at: string; kind: StepKind; subject: string; text: string }[];
};

/** GET /v1/orders/:orderNo/journey (domain/contracts/tracking.ts). */
type JourneyAnswer = { orderNo: string; steps: { at: string; kind: StepKind; subject: string; text: string }[] };

/**
 * The journey of the one selected order (one UrlFetch), a hint when several are selected, nothing when none
 * is. A server failure becomes the section's message: the rest of the sidebar still shows.
 */
export function selectedOrderJourney(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  connection: Connection,
  lang: Lang,
  orderNos: string[],
): JourneyView | null {
  if (!orderNos.length) return null;
  const zone = displayTimeZone(spreadsheet);
  const view: JourneyView = { note: null, failed: false, caption: text(lang, 'journey_times', { zone }), steps: [] };
  if (orderNos.length > 1) return { ...view, note: text(lang, 'journey_pick_one') };
  try {
    const answer = callServer<JourneyAnswer>(
      connection,
      lang,
      'get',
      `/v1/orders/${encodeURIComponent(orderNos[0]!)}/journey?lang=${lang}`,
    );
    return { ...view, steps: answer.steps.map((s) => ({ ...s, at: localTime(s.at, zone) })) };
  } catch (error) {
    if (error instanceof ServerCallError) return { ...view, note: error.message, failed: true };
    throw error;
  }
}

/** The spreadsheet's time zone (what its people read times in), else the script's, else UTC. */
function displayTimeZone(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  for (const zone of [() => spreadsheet.getSpreadsheetTimeZone(), () => Session.getScriptTimeZone()]) {
    try {
      const found = zone();
      if (found && isKnownZone(found)) return found;
    } catch {
      // Not available in this context: try the next one.
    }
  }
  return 'UTC';
}

function isKnownZone(zone: string): boolean {
  try {
    Utilities.formatDate(new Date(0), zone, 'HH:mm');
    return true;
  } catch {
    return false;
  }
}

/** An ISO UTC instant as `yyyy-MM-dd HH:mm` in `zone`; the instant as written when it cannot be read. */
function localTime(iso: string, zone: string): string {
  const date = new Date(iso);
  if (isNaN(date.getTime())) return iso;
  return Utilities.formatDate(date, zone, 'yyyy-MM-dd HH:mm');
}
