import type { Lang } from '../domain/i18n/lang';
import type { PullResponse } from '../domain/contracts/sync';
import { loadConnection, loadCursor, type Connection } from './connection-store';
import { AUTHORSHIP_TRACKED, authorshipTracked, loadJournal, pendingTables, recordOwnEdit } from './edit-journal';
import { liveText } from './live-text';
import { callServer, ServerCallError } from './server-api';
import { writeSettings } from './settings-sheet';
import { sheetLang } from './sheet-language';
import { emptySummary, syncUnderLock, type SyncSummary } from './sync-run';
import { backgroundAllowed, BUDGETS, loadUsage, saveRun } from './usage-meter';

/**
 * Live sync, per person. Their own installable on-edit trigger (it runs as them: Apps Script runs an
 * installable trigger as its creator) records their edits and sends them at once; one time-driven
 * trigger per spreadsheet (owned by whoever turned live sync on first) pulls everyone else's changes.
 * Every run takes the document lock, so runs never overlap, and stops pulling before 6 minutes.
 */
export const HANDLERS = { edit: 'onSheetEdit', timer: 'onPullTimer', retry: 'onEditRetry' } as const;
export const DEFAULT_MINUTES = 5;
/** A run stops pulling after this long (Apps Script ends a run at 6 minutes); the next run resumes. */
export const RUN_BUDGET_MS = 4.5 * 60_000;
/** How long an edit's run waits for another run (a pull) to finish before leaving it to a retry. */
const EDIT_WAIT_MS = 20_000;
const RETRY_AFTER_MS = 60_000;

const PULL_TIMER = 'crossdock.pullTimer';

export type LiveOutcome = { ok: boolean; message: string };

const liveKey = (spreadsheetId: string) => `crossdock.live.${spreadsheetId}`;
const errorKey = (spreadsheetId: string) => `crossdock.liveError.${spreadsheetId}`;
const me = () => Session.getEffectiveUser().getEmail().toLowerCase();

export function liveOn(spreadsheetId: string): boolean {
  return PropertiesService.getUserProperties().getProperty(liveKey(spreadsheetId)) === 'on';
}

function ownTriggers(handler: string): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === handler);
}

export function turnLiveSyncOn(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  minutes = DEFAULT_MINUTES,
): LiveOutcome {
  const lang = sheetLang(spreadsheet);
  if (loadConnection(spreadsheet.getId()).kind !== 'connected') {
    return { ok: false, message: liveText(lang, 'live_needs_connection') };
  }
  const id = spreadsheet.getId();
  if (!ownTriggers(HANDLERS.edit).some((t) => t.getTriggerSourceId() === id)) {
    ScriptApp.newTrigger(HANDLERS.edit).forSpreadsheet(spreadsheet).onEdit().create();
  }
  ensurePullTimer(minutes);
  PropertiesService.getDocumentProperties().setProperty(AUTHORSHIP_TRACKED, 'on');
  PropertiesService.getUserProperties().setProperty(liveKey(id), 'on');
  return { ok: true, message: liveText(lang, 'live_on', { minutes }) };
}

export function turnLiveSyncOff(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): LiveOutcome {
  const lang = sheetLang(spreadsheet);
  for (const handler of Object.values(HANDLERS)) ownTriggers(handler).forEach((t) => ScriptApp.deleteTrigger(t));
  const docs = PropertiesService.getDocumentProperties();
  // The next person with live sync on takes the pull timer over at their next edit (ensurePullTimer).
  if (pullTimerOwner()?.owner === me()) docs.deleteProperty(PULL_TIMER);
  PropertiesService.getUserProperties().deleteProperty(liveKey(spreadsheet.getId()));
  return { ok: true, message: liveText(lang, 'live_off') };
}

function pullTimerOwner(): { owner: string; minutes: number } | null {
  const raw = PropertiesService.getDocumentProperties().getProperty(PULL_TIMER);
  return raw ? (JSON.parse(raw) as { owner: string; minutes: number }) : null;
}

/** One pull timer per spreadsheet: made by this person unless someone else's already runs. */
function ensurePullTimer(minutes: number): void {
  const owner = pullTimerOwner();
  if (owner && owner.owner !== me()) return;
  if (!ownTriggers(HANDLERS.timer).length) {
    ScriptApp.newTrigger(HANDLERS.timer).timeBased().everyMinutes(minutes).create();
  }
  PropertiesService.getDocumentProperties().setProperty(PULL_TIMER, JSON.stringify({ owner: me(), minutes }));
}

/** The on-edit trigger: record the edit when it is this trigger's owner's, then send it at once. */
export function handleEdit(e: GoogleAppsScript.Events.SheetsOnEdit): SyncSummary | null {
  const spreadsheet = e.source;
  const lang = sheetLang(spreadsheet);
  if (!recordOwnEdit(e, lang) || !liveOn(spreadsheet.getId())) return null;
  ensurePullTimer(pullTimerOwner()?.minutes ?? DEFAULT_MINUTES);
  const summary = runInBackground(
    spreadsheet,
    lang,
    'edit',
    EDIT_WAIT_MS,
    pendingTables(loadJournal(spreadsheet.getId())),
  );
  // A long pull held the lock: try again in a minute rather than wait for the next edit or timer.
  if (summary === 'busy' && !ownTriggers(HANDLERS.retry).length) {
    ScriptApp.newTrigger(HANDLERS.retry).timeBased().after(RETRY_AFTER_MS).create();
  }
  return summary === 'busy' ? null : summary;
}

/** The one-off retry of an edit's run. */
export function handleRetry(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): SyncSummary | null {
  ownTriggers(HANDLERS.retry).forEach((t) => ScriptApp.deleteTrigger(t));
  const only = pendingTables(loadJournal(spreadsheet.getId()));
  const summary = runInBackground(spreadsheet, sheetLang(spreadsheet), 'edit', EDIT_WAIT_MS, only);
  return summary === 'busy' ? null : summary;
}

/** The time-driven trigger: push this person's recorded edits, pull everyone else's. A busy lock: skip. */
export function handleTimer(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): SyncSummary | null {
  const summary = runInBackground(spreadsheet, sheetLang(spreadsheet), 'timer', 0);
  return summary === 'busy' ? null : summary;
}

function runInBackground(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  lang: Lang,
  kind: 'edit' | 'timer',
  waitMs: number,
  only?: string[],
): SyncSummary | null | 'busy' {
  const id = spreadsheet.getId();
  const startedAt = Date.now();
  const state = loadConnection(id);
  if (state.kind !== 'connected') return null;
  const props = PropertiesService.getUserProperties();
  if (!backgroundAllowed(loadUsage(id, startedAt))) {
    props.setProperty(errorKey(id), liveText(lang, 'status_budget_paused'));
    return null;
  }
  let summary: SyncSummary | null = null;
  try {
    // The timer's usual case: nothing of this person's to send, nothing new on the server. One small
    // call, no sheet read (a 50,000-row sheet costs seconds to read in Apps Script).
    if (kind === 'timer' && quietSince(state.connection, lang, id)) {
      summary = emptySummary();
      return summary;
    }
    // An edit's run loads and sends only the tables this person has edits in; the timer does the rest.
    summary = syncUnderLock(spreadsheet, state.connection, lang, {
      waitMs,
      deadline: startedAt + RUN_BUDGET_MS,
      ...(only ? { only } : {}),
    });
    if (summary) {
      props.deleteProperty(errorKey(id));
      writeSettings(spreadsheet, lang, { settings_last_sync: new Date().toISOString() });
    }
  } catch (error) {
    // Nobody watches a trigger: the reason waits in the status line (and the next run tries again).
    if (!(error instanceof ServerCallError)) throw error;
    props.setProperty(errorKey(id), error.message);
  } finally {
    saveRun(id, { kind, startedAt, endedAt: Date.now(), synced: summary !== null });
  }
  return summary ?? 'busy';
}

/** True when this person has no recorded edits and the server has no change past the sheet's cursor. */
function quietSince(connection: Connection, lang: Lang, spreadsheetId: string): boolean {
  // Standing formula rows (formula-rows.ts) alone do not wake the timer: a full sync sends their values.
  if (!authorshipTracked() || pendingTables(loadJournal(spreadsheetId)).length) return false;
  const cursor = loadCursor(connection.workspaceId, lang);
  if (cursor === 0) return false;
  const page = callServer<PullResponse>(connection, lang, 'get', `/v1/sync/pull?since=${cursor}&limit=1&lang=${lang}`);
  return !page.hasMore && Object.values(page.changes).every((rows) => !rows?.length);
}

/** Live sync on/off, last sync, next, and the day's use of the Apps Script budgets. */
export function statusLine(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  const lang = sheetLang(spreadsheet);
  const id = spreadsheet.getId();
  const usage = loadUsage(id, Date.now());
  const zone = spreadsheet.getSpreadsheetTimeZone();
  const at = (ms: number) => Utilities.formatDate(new Date(ms), zone, 'yyyy-MM-dd HH:mm');
  const on = liveOn(id);
  const timer = pullTimerOwner();
  let next = liveText(lang, 'status_manual');
  if (on && timer && timer.owner !== me()) {
    next = liveText(lang, 'status_by_other', { minutes: timer.minutes, owner: timer.owner });
  } else if (on && timer) {
    next = at((usage.lastSync ?? Date.now()) + timer.minutes * 60_000);
  }
  const line = liveText(lang, 'status_line', {
    live: liveText(lang, on ? 'status_on' : 'status_off'),
    last: usage.lastSync ? `${at(usage.lastSync)} (${usage.lastKind})` : liveText(lang, 'status_never'),
    next,
    calls: usage.calls,
    callBudget: BUDGETS.consumer.urlFetchPerDay.toLocaleString('en-US'),
    minutes: (usage.triggerMs / 60_000).toFixed(1),
    minuteBudget: BUDGETS.consumer.triggerMinutesPerDay,
  });
  const error = PropertiesService.getUserProperties().getProperty(errorKey(id));
  return error ? `${line}\n${liveText(lang, 'status_last_error', { reason: error })}` : line;
}
