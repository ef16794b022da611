/// <reference types="google-apps-script" />
// A person typing into a shared spreadsheet, as Apps Script delivers it to installable on-edit triggers:
// every installable on-edit trigger of the spreadsheet fires (each runs as the user who created it), with
// an event whose `user` is the editor only when security policies allow (the same person, or the same
// Google Workspace domain); otherwise a blank email. Script writes (setValues from code) fire nothing.
import type { AppsScriptEnvironment } from './apps-script-globals';
import { AuthMode, type FakeTrigger } from './session';
import { userOf } from './script-realm';

/** Consumer domains: no one there shares a Workspace domain with anyone. */
const CONSUMER_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/** What `e.user.getEmail()` holds in `owner`'s trigger for `editor`'s edit. */
export function visibleEditor(editor: string, owner: string): string {
  if (editor.toLowerCase() === owner.toLowerCase()) return editor;
  const domain = (email: string) => email.split('@')[1]?.toLowerCase() ?? '';
  return domain(editor) === domain(owner) && !CONSUMER_DOMAINS.has(domain(editor)) ? editor : '';
}

export type TriggerRunner = (env: AppsScriptEnvironment, handler: string, event: unknown) => unknown;

/**
 * `editor` types `values` at (row, column) of `sheetName`; then each person in `people` (sessions on the
 * same spreadsheet) whose project holds an on-edit trigger for it gets one run, through `run`.
 * Returns what each trigger run returned, by its owner.
 */
export function typeAs(...edit: Parameters<typeof typeOnly>): Map<string, unknown> {
  return typeOnly(...edit)();
}

/**
 * The edit now, its triggers when the returned function is called: two people typing at once, before
 * either one's trigger has run.
 */
export function typeOnly(
  editor: AppsScriptEnvironment,
  people: AppsScriptEnvironment[],
  sheetName: string,
  row: number,
  column: number,
  values: unknown[][],
  run: TriggerRunner,
): () => Map<string, unknown> {
  const sheet = editor.spreadsheet.getSheetByName(sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const range = sheet.getRange(row, column, values.length, values[0]!.length);
  const single = values.length === 1 && values[0]!.length === 1;
  const oldValue = single ? range.getValue() : undefined;
  range.setValues(values as never[][]);
  return () => fireEditTriggers(editor, people, range, single ? values : null, oldValue, run);
}

function fireEditTriggers(
  editor: AppsScriptEnvironment,
  people: AppsScriptEnvironment[],
  range: GoogleAppsScript.Spreadsheet.Range,
  values: unknown[][] | null,
  oldValue: unknown,
  run: TriggerRunner,
): Map<string, unknown> {
  const single = values !== null;
  const results = new Map<string, unknown>();
  for (const person of people) {
    if (person.spreadsheet !== editor.spreadsheet) continue;
    for (const trigger of person.scriptApp.triggers as FakeTrigger[]) {
      if (trigger.eventType !== 'ON_EDIT' || trigger.getTriggerSourceId() !== editor.spreadsheet.getId()) continue;
      const event: GoogleAppsScript.Events.SheetsOnEdit = {
        authMode: AuthMode.FULL as unknown as GoogleAppsScript.Script.AuthMode,
        triggerUid: trigger.getUniqueId(),
        user: userOf(visibleEditor(editor.userEmail, person.userEmail)),
        source: person.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet,
        range,
        // Apps Script gives value/oldValue for a single cell only (oldValue absent when it was empty).
        ...(single ? { value: String(values![0]![0] ?? '') } : {}),
        ...(single && oldValue !== '' && oldValue !== undefined ? { oldValue: String(oldValue) } : {}),
      } as GoogleAppsScript.Events.SheetsOnEdit;
      results.set(person.userEmail, run(person, trigger.handler, event));
    }
  }
  return results;
}

/** One run of each time-driven trigger `person` owns (what the clock does every few minutes). */
export function tickClock(person: AppsScriptEnvironment, run: TriggerRunner): unknown[] {
  return (person.scriptApp.triggers as FakeTrigger[])
    .filter((t) => t.eventType === 'CLOCK')
    .map((t) =>
      run(person, t.handler, {
        authMode: AuthMode.FULL,
        triggerUid: t.getUniqueId(),
        'day-of-month': 1,
        'day-of-week': 1,
        hour: 0,
        minute: 0,
        month: 1,
        second: 0,
        timezone: 'UTC',
        'week-of-year': 1,
        year: 2026,
      }),
    );
}
